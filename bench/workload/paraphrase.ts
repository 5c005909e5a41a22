/**
 * Evidence statements as readers type them: a claim of the wiki, said
 * otherwise. From a claim's text, a paraphrase keeps a run of 3–10 of its
 * words and then, each by chance:
 *
 * - swaps words and phrases for others of their group in the curated synonym
 *   list (seeds/synonyms.json: "study" → "trial", "therapy" → "intervention");
 * - drops a word or two;
 * - reorders: two neighbouring words swapped, or the run's head moved behind
 *   its tail;
 * - turns it into a question ("does …?", "who …?", "is it true that …?");
 * - lower-cases it all, as a hurried reader types.
 *
 * A statement keeps at least one content word (one that is not a stop word
 * of the evidence query, src/evidence/english.ts) when its claim has one:
 * "of a of from" asks nothing, and a workload of such requests measures
 * nothing (about 2.5% of the statements before 2026-12-02).
 *
 * Pure and seeded: the same claim and random stream give the same statement.
 */
import { STOP_WORDS } from '../../src/evidence/english';
import type { SynonymList } from '../../src/evidence/synonyms';
import type { Rng } from '../synth/prng';

export interface ParaphraseOptions {
  /** Fewest and most words kept from the claim (before any is dropped). */
  minWords: number;
  maxWords: number;
  /** Chance that each synonym-list word or phrase found is swapped for another of its group. */
  synonymChance: number;
  /** Chance of dropping one or two words. */
  dropChance: number;
  /** Chance of reordering. */
  reorderChance: number;
  /** Chance of asking it as a question. */
  questionChance: number;
  /** Chance of lower-casing the whole statement. */
  lowerCaseChance: number;
}

export const DEFAULT_PARAPHRASE: ParaphraseOptions = {
  minWords: 3,
  maxWords: 10,
  synonymChance: 0.5,
  dropChance: 0.4,
  reorderChance: 0.3,
  questionChance: 0.35,
  lowerCaseChance: 0.25,
};

/** How readers open a question; the claim's words follow. */
export const QUESTION_OPENERS = ['does', 'do', 'who', 'what', 'which studies show', 'is it true that', 'how does', 'is there evidence that', 'can'];

/** Words of a claim: letters and digits, with inner hyphens and apostrophes ("self-regulation", "Bowlby's"). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

const isContentWord = (word: string) => !STOP_WORDS.has(word.toLowerCase());

export class Paraphraser {
  /** Each synonym-list term (lower case, words joined by one space) → the other terms of its groups. */
  private readonly alternatives = new Map<string, string[]>();
  private readonly longestTerm: number;

  constructor(
    synonyms: Pick<SynonymList, 'groups'>,
    private readonly options: ParaphraseOptions = DEFAULT_PARAPHRASE,
  ) {
    let longest = 1;
    for (const group of synonyms.groups) {
      const terms = group.terms.map((t) => t.toLowerCase().split(/\s+/).join(' '));
      for (const term of terms) {
        const others = this.alternatives.get(term) ?? [];
        for (const other of terms) if (other !== term && !others.includes(other)) others.push(other);
        this.alternatives.set(term, others);
        longest = Math.max(longest, term.split(' ').length);
      }
    }
    this.longestTerm = longest;
  }

  paraphrase(claim: string, rng: Rng): string {
    const o = this.options;
    const all = claim.match(WORD) ?? [];
    if (all.length === 0) return claim.trim();
    const length = Math.min(all.length, rng.int(o.minWords, o.maxWords));
    const start = rng.int(0, all.length - length);
    let words = all.slice(start, start + length);
    // A sentence's first word loses the capital it had for standing first.
    if (start === 0 && /^\p{Lu}\p{Ll}*$/u.test(words[0]!)) words[0] = words[0]!.toLowerCase();

    words = this.swapSynonyms(words, rng);
    if (words.length > 3 && rng.chance(o.dropChance)) {
      for (let n = rng.int(1, Math.min(2, words.length - 3)); n > 0; n--) words.splice(rng.int(0, words.length - 1), 1);
    }
    if (words.length > 2 && rng.chance(o.reorderChance)) {
      if (rng.chance(0.5)) {
        const i = rng.int(0, words.length - 2);
        [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
      } else {
        const cut = rng.int(1, words.length - 1);
        words = [...words.slice(cut), ...words.slice(0, cut)];
      }
    }
    if (!words.some(isContentWord)) {
      // The run (or what dropping left of it) held only stop words: the claim's nearest content word joins it.
      const content = [...all.slice(start), ...all.slice(0, start).reverse()].find(isContentWord);
      if (content) words.push(content);
    }
    let statement = words.join(' ');
    if (rng.chance(o.questionChance)) statement = `${rng.pick(QUESTION_OPENERS)} ${statement}?`;
    if (rng.chance(o.lowerCaseChance)) statement = statement.toLowerCase();
    return statement;
  }

  /** Replaces synonym-list terms (longest first, left to right) by another of their group, each by chance. */
  private swapSynonyms(words: string[], rng: Rng): string[] {
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(this.longestTerm, words.length - i); n > 0 && !matched; n--) {
        const others = this.alternatives.get(words.slice(i, i + n).join(' ').toLowerCase());
        if (!others) continue;
        matched = n;
        if (others.length > 0 && rng.chance(this.options.synonymChance)) out.push(...rng.pick(others).split(' '));
        else out.push(...words.slice(i, i + n));
      }
      if (!matched) {
        out.push(words[i]!);
        matched = 1;
      }
      i += matched;
    }
    return out;
  }
}
