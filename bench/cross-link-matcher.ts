/**
 * Micro benchmark of CrossLinkMatcher: 10k synthetic + realistic names, a 10k-word text,
 * 200 timed `match` calls after warm-up. Run: npx tsx bench/cross-link-matcher.ts
 *
 * The text is built from the names' own vocabulary, so many tokens start a partial name
 * and the trie walk goes deeper than one step: closer to worst case than prose would be.
 */
import { CrossLinkMatcher, NamedTarget } from '../src/cross-link/matcher';

// Seeded (mulberry32) so every run measures the same data.
let seed = 42;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const realistic: NamedTarget[] = [
  { target: { kind: 'ENTRY', id: 'aai' }, names: ['Adult Attachment Interview', 'AAI'] },
  { target: { kind: 'ENTRY', id: 'mbt' }, names: ['Mentalization-Based Treatment', 'MBT'] },
  { target: { kind: 'ENTRY', id: 'eft' }, names: ['Emotionally Focused Therapy', 'EFT'] },
  { target: { kind: 'ENTRY', id: 'attachment-theory' }, names: ['Attachment theory'] },
  { target: { kind: 'ENTRY', id: 'earned-security' }, names: ['Earned Security'] },
  { target: { kind: 'KEY_TERM', id: 'coherence' }, names: ['Coherence of mind'] },
  { target: { kind: 'KEY_TERM', id: 'secure-base' }, names: ['Secure base / haven of safety'] },
  { target: { kind: 'KEY_TERM', id: 'reflective-function' }, names: ['Reflective function', 'RF'] },
];

// 2000 pseudo-words from syllables (some with an accent); names share first words heavily.
const syllables = ['ka', 'lo', 'mi', 'ner', 'tha', 'vo', 'sen', 'dri', 'pul', 'ax'];
syllables.push('que', 'ré', 'bo', 'fi', 'gu', 'hal', 'jor', 'wen', 'zu', 'ti');
const vocabulary = Array.from({ length: 2000 }, () => pick(syllables) + pick(syllables) + pick(syllables));
// 10k distinct synthetic names of 1-4 words, joined by spaces or hyphens.
const syntheticNames = new Set<string>();
while (syntheticNames.size < 10_000) {
  const words = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(vocabulary));
  syntheticNames.add(words.join(pick([' ', ' ', '-'])));
}
const synthetic: NamedTarget[] = [...syntheticNames].map((name, i) => ({
  target: { kind: i % 3 === 0 ? 'ENTRY' : 'KEY_TERM', id: `syn-${i}` },
  names: [name],
}));
const dictionary = [...realistic, ...synthetic];

const fillers = ['the', 'of', 'and', 'in', 'patients', 'therapy', 'score', 'adult', 'attachment', 'was', 'AAI’s'];
const realNames = realistic.flatMap((t) => t.names);
const words: string[] = [];
while (words.length < 10_000) {
  const r = rand();
  const w = r < 0.5 ? pick(vocabulary) : r < 0.55 ? pick(realNames) : pick(fillers);
  words.push(...w.split(' '));
}
words.length = 10_000;
const text = words
  .map((w) => w + pick([' ', ' ', ' ', ', ', '. ', '\n', ' (', ') ']))
  .join('');

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

const f = (ms: number) => ms.toFixed(3);
const [matcher, buildMs] = time(() => CrossLinkMatcher.build(dictionary));
console.log(`dictionary: ${dictionary.length} targets, ${matcher.size} distinct names; build ${f(buildMs)} ms`);

function measure(label: string, input: string): void {
  for (let i = 0; i < 50; i++) matcher.match(input); // warm-up: let the JIT settle
  const runs: number[] = [];
  let spans = 0;
  for (let i = 0; i < 200; i++) {
    const [result, ms] = time(() => matcher.match(input));
    spans = result.length;
    runs.push(ms);
  }
  runs.sort((a, b) => a - b);
  const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
  const pct = (p: number) => runs[Math.ceil((p / 100) * runs.length) - 1];
  console.log(`${label}: ${input.length} chars, ${spans} spans`);
  const max = runs[runs.length - 1];
  console.log(`  match x${runs.length}: mean ${f(mean)} ms, p50 ${f(pct(50))} ms, p99 ${f(pct(99))} ms, max ${f(max)} ms`);
}

measure('10k-word text', text);
// Far more non-ASCII tokens: they take the NFKC path (and fewer of them match).
measure('same text, every "e" as "é"', text.replaceAll('e', 'é'));
