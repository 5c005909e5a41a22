import { CrossLinkMatcher, CrossLinkSpan, LinkTarget, NamedTarget } from '../../src/cross-link/matcher';
import { forEachToken } from '../../src/cross-link/tokens';

const entry = (id: string, ...names: string[]): NamedTarget => ({ target: { kind: 'ENTRY', id }, names });
const keyTerm = (id: string, ...names: string[]): NamedTarget => ({ target: { kind: 'KEY_TERM', id }, names });

const dictionary: NamedTarget[] = [
  entry('earned-security', 'Earned Security'),
  entry('aai', 'Adult Attachment Interview', 'AAI'),
  entry('attachment-theory', 'Attachment theory'),
  entry('mbt', 'Mentalization-Based Treatment', 'MBT'),
  entry('eft', 'Emotionally Focused Therapy', 'EFT'),
  keyTerm('attachment', 'Attachment'),
  keyTerm('coherence', 'Coherence of mind'),
  keyTerm('kt-earned-security', 'Earned security'), // same name as the entry: the entry wins
  keyTerm('secure-base', 'Secure base / haven of safety'),
];

const matcher = CrossLinkMatcher.build(dictionary);

/** The spans as [surface, target id] pairs: enough to read most tests at a glance. */
const links = (text: string, m: CrossLinkMatcher = matcher): [string, string][] =>
  m.match(text).map((s) => [s.surface, s.target.id]);

describe('CrossLinkMatcher', () => {
  it('finds names and aliases with their offsets and targets', () => {
    const text = 'Scored with the Adult Attachment Interview (AAI), then MBT.';
    expect(matcher.match(text)).toEqual<CrossLinkSpan[]>([
      { start: 16, end: 42, surface: 'Adult Attachment Interview', target: { kind: 'ENTRY', id: 'aai' } },
      { start: 44, end: 47, surface: 'AAI', target: { kind: 'ENTRY', id: 'aai' } },
      { start: 55, end: 58, surface: 'MBT', target: { kind: 'ENTRY', id: 'mbt' } },
    ]);
  });

  it('ignores case', () => {
    expect(links('aai, Aai, AAI and COHERENCE OF MIND')).toEqual([
      ['aai', 'aai'],
      ['Aai', 'aai'],
      ['AAI', 'aai'],
      ['COHERENCE OF MIND', 'coherence'],
    ]);
  });

  it('matches whole words only', () => {
    expect(links('AAIs xAAI AAI2 MBTx EFT_ (EFT) "MBT". AAI')).toEqual([
      ['EFT', 'eft'], // the underscore is not a word character
      ['EFT', 'eft'],
      ['MBT', 'mbt'],
      ['AAI', 'aai'],
    ]);
  });

  it('matches possessives, with a curly or a straight apostrophe', () => {
    expect(links('the AAI’s scoring and the MBT\'s trials')).toEqual([
      ['AAI', 'aai'],
      ['MBT', 'mbt'],
    ]);
  });

  it('takes the longest name at each position', () => {
    expect(links('the adult attachment interview and attachment theory')).toEqual([
      ['adult attachment interview', 'aai'],
      ['attachment theory', 'attachment-theory'],
    ]);
    // A longer name that starts but does not finish falls back to the shorter one inside it.
    expect(links('adult attachment interviewing')).toEqual([['attachment', 'attachment']]);
    expect(links('adult attachment')).toEqual([['attachment', 'attachment']]);
  });

  it('treats hyphenated words as one token', () => {
    expect(links('mentalization-based treatment works')).toEqual([['mentalization-based treatment', 'mbt']]);
    const unicodeHyphen = 'mentalization\u2010based treatment';
    expect(links(unicodeHyphen)).toEqual([[unicodeHyphen, 'mbt']]);
    // The hyphen is part of the name: without it the words are different tokens.
    expect(links('mentalization based treatment')).toEqual([]);
    // "earned-security" is one token, so neither "Earned Security" nor anything inside it matches.
    expect(links('earned-security and earned security')).toEqual([['earned security', 'earned-security']]);
    expect(links('AAI-based and pre-AAI')).toEqual([]);
    // A dash that does not join two words is just punctuation.
    expect(links('AAI- and -MBT and EFT—AAI')).toEqual([
      ['AAI', 'aai'],
      ['MBT', 'mbt'],
      ['EFT', 'eft'],
      ['AAI', 'aai'],
    ]);
  });

  it('allows any whitespace between the words of a name', () => {
    expect(links('adult  attachment\ninterview, Emotionally\r\n\tFocused\u00a0Therapy')).toEqual([
      ['adult  attachment\ninterview', 'aai'],
      ['Emotionally\r\n\tFocused\u00a0Therapy', 'eft'],
    ]);
  });

  it('tokenises names with punctuation like text, ignoring the punctuation', () => {
    expect(links('a secure base / haven of safety')).toEqual([['secure base / haven of safety', 'secure-base']]);
    expect(links('Secure base, haven of safety')).toEqual([['Secure base, haven of safety', 'secure-base']]);
    expect(links('secure base haven of safety')).toEqual([['secure base haven of safety', 'secure-base']]);
  });

  it('does not run a name across sentence punctuation, unless the name has it there', () => {
    expect(links('Secure attachment. Theory of mind comes later.')).toEqual([['attachment', 'attachment']]);
    expect(links('attachment! Theory, attachment? theory; attachment; Theory')).toEqual([
      ['attachment', 'attachment'],
      ['attachment', 'attachment'],
      ['attachment', 'attachment'],
    ]);
    expect(links('attachment\u3002theory and attachment\uFF0E theory')).toEqual([
      ['attachment', 'attachment'],
      ['attachment', 'attachment'],
    ]);
    // Other punctuation between the words still joins them, and a break before a name does not matter.
    expect(links('attachment, theory. Attachment theory')).toEqual([
      ['attachment, theory', 'attachment-theory'],
      ['Attachment theory', 'attachment-theory'],
    ]);
    const dotted = CrossLinkMatcher.build([entry('st-louis', 'St. Louis study'), entry('louis', 'Louis study')]);
    expect(links('the St. Louis study; the st.louis study. Louis study', dotted)).toEqual([
      ['St. Louis study', 'st-louis'],
      ['st.louis study', 'st-louis'],
      ['Louis study', 'louis'],
    ]);
  });

  it('reports offsets in UTF-16 code units of the original text', () => {
    const at = (text: string) => matcher.match(text).map((s) => [s.start, s.end, s.surface]);
    expect(at('😀 AAI')).toEqual([[3, 6, 'AAI']]); // the emoji is a surrogate pair
    expect(at('𐐀𐐨 MBT')).toEqual([[5, 8, 'MBT']]); // astral letters (Deseret) form a token of 4 units
    expect(at('cafe\u0301 AAI')).toEqual([[6, 9, 'AAI']]); // e + combining acute: 2 units
    expect(at('İİ AAI')).toEqual([[3, 6, 'AAI']]); // "İ" lower-cases to 2 units, but offsets are the original's
    expect(at('😀AAI😀')).toEqual([[2, 5, 'AAI']]); // an emoji is not a word character
  });

  it('compares names after Unicode compatibility normalisation', () => {
    const m = CrossLinkMatcher.build([keyTerm('naive', 'Naïve realism')]);
    expect(links('nai\u0308ve REALISM', m)).toEqual([['nai\u0308ve REALISM', 'naive']]); // decomposed ï
    expect(links('ＡＡＩ', matcher)).toEqual([['ＡＡＩ', 'aai']]); // full-width letters
  });

  it('returns sorted, non-overlapping spans', () => {
    expect(links('EFT MBT AAI attachment theory attachment')).toEqual([
      ['EFT', 'eft'],
      ['MBT', 'mbt'],
      ['AAI', 'aai'],
      ['attachment theory', 'attachment-theory'],
      ['attachment', 'attachment'],
    ]);
  });

  it('finds nothing in empty or punctuation-only text, or with an empty dictionary', () => {
    expect(matcher.match('')).toEqual([]);
    expect(matcher.match('  \n\t ')).toEqual([]);
    expect(matcher.match('— … / ,;: ’ -- !? 😀')).toEqual([]);
    const empty = CrossLinkMatcher.build([]);
    expect(empty.size).toBe(0);
    expect(empty.match('AAI and MBT')).toEqual([]);
  });

  it("gives a name to the target it names, not to another target's alias, whatever the input order (issues 13, 16)", () => {
    const named = [entry('mentalization', 'Mentalization', 'reflective functioning'), entry('reflective-functioning', 'Reflective Functioning')];
    for (const order of [named, [...named].reverse()]) {
      const m = CrossLinkMatcher.build(order);
      expect(links('reflective functioning and mentalization', m)).toEqual([
        ['reflective functioning', 'reflective-functioning'],
        ['mentalization', 'mentalization'],
      ]);
      expect(m.targetOf('Reflective functioning')).toEqual({ kind: 'ENTRY', id: 'reflective-functioning' });
    }
    // An entry's alias still beats a key term's own term.
    expect(links('Coherence', CrossLinkMatcher.build([keyTerm('t', 'Coherence'), entry('e', 'Coherence of mind', 'coherence')]))).toEqual([['Coherence', 'e']]);
  });

  it('prefers ENTRY over KEY_TERM, then the smallest id, whatever the input order', () => {
    expect(links('Earned security')).toEqual([['Earned security', 'earned-security']]);

    const shared = [
      keyTerm('k-b', 'Reflective function'),
      keyTerm('k-a', 'reflective FUNCTION'),
      entry('e-z', 'RF'),
      entry('e-y', 'rf'),
    ];
    for (const order of [shared, [...shared].reverse()]) {
      const m = CrossLinkMatcher.build(order);
      expect(links('reflective function (RF)', m)).toEqual([
        ['reflective function', 'k-a'],
        ['RF', 'e-y'],
      ]);
    }
    const mixed = CrossLinkMatcher.build([keyTerm('a', 'Mentalizing'), entry('z', 'mentalizing')]);
    expect(links('Mentalizing', mixed)).toEqual([['Mentalizing', 'z']]);
  });

  it('ignores empty and one-character names, and counts distinct names', () => {
    const m = CrossLinkMatcher.build([
      entry('noise', '', '   ', 'X', '—', '/ x /'),
      entry('aai', 'AAI', 'aai', 'Adult Attachment Interview', 'adult attachment  interview'),
      keyTerm('x-y', 'X Y'), // a one-letter word inside a longer name is fine
    ]);
    expect(m.size).toBe(3);
    expect(links('X marks x; AAI; x y', m)).toEqual([
      ['AAI', 'aai'],
      ['x y', 'x-y'],
    ]);
    expect(matcher.size).toBe(11); // "Earned Security" counted once for its two targets
  });

  it('does not let callers change the index through a returned target', () => {
    const [span] = matcher.match('AAI');
    expect(() => {
      (span.target as { id: string }).id = 'changed';
    }).toThrow(TypeError);
    expect(matcher.match('AAI')[0].target.id).toBe('aai');
  });

  describe('on random texts', () => {
    // The documented token rule as a plain regex; keys compared after NFKC + lower-casing.
    const TOKEN = /[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)*/gu;
    const tokens = (s: string) =>
      [...s.matchAll(TOKEN)].map((m) => ({
        key: m[0].normalize('NFKC').toLowerCase().replaceAll('\u2010', '-'),
        start: m.index,
        end: m.index + m[0].length,
      }));

    // The names as token-key lists, with the target each one must resolve to.
    const rank = (t: LinkTarget) => `${t.kind === 'ENTRY' ? 0 : 1}${t.id}`;
    const names = new Map<string, { keys: string[]; target: LinkTarget }>();
    for (const { target, names: ns } of dictionary) {
      for (const name of ns) {
        const keys = tokens(name).map((t) => t.key);
        const known = names.get(keys.join(' '));
        if (!known || rank(target) < rank(known.target)) names.set(keys.join(' '), { keys, target });
      }
    }

    /** A slow reference: at each token, try every name and keep the longest. */
    function naiveMatch(text: string): CrossLinkSpan[] {
      const toks = tokens(text);
      const spans: CrossLinkSpan[] = [];
      for (let i = 0; i < toks.length; ) {
        let best: { keys: string[]; target: LinkTarget } | undefined;
        for (const n of names.values()) {
          const fits = n.keys.every((k, j) => toks[i + j]?.key === k);
          if (fits && (!best || n.keys.length > best.keys.length)) best = n;
        }
        if (!best) {
          i++;
          continue;
        }
        const { start } = toks[i];
        const { end } = toks[i + best.keys.length - 1];
        spans.push({ start, end, surface: text.slice(start, end), target: best.target });
        i += best.keys.length;
      }
      return spans;
    }

    // A small seeded generator (mulberry32), so a failure can be replayed.
    function random(seed: number) {
      return () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    const next = random(20240611);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];

    it('tokenises exactly like the documented regex, with the same offsets', () => {
      // Word characters of every kind next to hyphens, apostrophes, surrogates and marks.
      const pieces = [
        ...['a', 'Z', '7', 'é', 'e\u0301', '\u0301', 'İ', 'ß', 'ﬁ', 'Ａ', '𐐨', '𝐀'],
        ...['😀', '\ud800', '\udc00', '-', '--', '\u2010', '\u2011', '–', '’', "'", '_', ' ', '\n', '\u00a0', '.', '/'],
      ];
      for (let run = 0; run < 2000; run++) {
        const text = Array.from({ length: Math.floor(next() * 12) }, () => pick(pieces)).join('');
        const seen: { key: string; start: number; end: number }[] = [];
        forEachToken(text, (key, start, end) => seen.push({ key, start, end }));
        expect({ text, tokens: seen }).toEqual({ text, tokens: tokens(text) });
      }
    });

    const allNames = dictionary.flatMap((d) => d.names);
    const fillers = ['the', 'of', 'AAIs', 'adult', 'attachment', 'earned', 'security', 'based', 'interview'];
    fillers.push('x', 'naïve', '😀', 'İ', '2024', '𐐨', '\u0301');
    // "" and "-" glue words into compounds, which must then NOT match.
    const separators = [' ', '  ', '\n', ', ', '’s ', "'", '-', '\u2011', '', ' / ', '\u00a0', '…', '😀'];

    it('agrees with a naive matcher and keeps every span consistent with the text', () => {
      const recase = (s: string) => pick([s, s.toLowerCase(), s.toUpperCase()]);

      for (let run = 0; run < 300; run++) {
        const words = Array.from({ length: 1 + Math.floor(next() * 20) }, () =>
          recase(next() < 0.5 ? pick(allNames) : pick(fillers)),
        );
        const text = words.reduce((acc, w) => acc + pick(separators) + w);

        const spans = matcher.match(text);
        expect({ text, spans }).toEqual({ text, spans: naiveMatch(text) });
        let previousEnd = 0;
        for (const s of spans) {
          expect(s.surface).toBe(text.slice(s.start, s.end));
          expect(s.start).toBeGreaterThanOrEqual(previousEnd);
          expect(s.end).toBeGreaterThan(s.start);
          previousEnd = s.end;
          const known = names.get(tokens(s.surface).map((t) => t.key).join(' '));
          expect(known?.target).toEqual(s.target);
        }
      }
    });
  });
});
