import { DEFAULT_PARAPHRASE, Paraphraser, QUESTION_OPENERS } from '../../bench/workload/paraphrase';
import { Rng } from '../../bench/synth/prng';
import { STOP_WORDS } from '../../src/evidence/english';
import { readSynonymList } from '../../src/evidence/synonyms';

/** Evidence statements of the bench's realistic workload (bench/workload/workload.ts). */
describe('Paraphraser', () => {
  const synonyms = { groups: [{ topic: 'studies', terms: ['study', 'trial', 'randomized controlled trial'] }, { topic: 'treatment', terms: ['therapy', 'treatment'] }] };
  const claim = 'Attachment security findings suggest the study of therapy outcomes predicts Reflective Functioning in adults.';
  const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];

  it('is the same for the same claim and random stream', () => {
    const p = new Paraphraser(synonyms);
    expect(p.paraphrase(claim, new Rng(5))).toBe(p.paraphrase(claim, new Rng(5)));
  });

  it('keeps 1–10 of the claim\'s words, or their synonyms', () => {
    const p = new Paraphraser(synonyms);
    const known = new Set([...words(claim), 'trial', 'randomized', 'controlled', 'treatment', ...QUESTION_OPENERS.flatMap(words)]);
    const rng = new Rng(1);
    for (let i = 0; i < 500; i++) {
      const statement = p.paraphrase(claim, rng);
      const ws = words(statement);
      expect(ws.length).toBeGreaterThan(0);
      expect(ws.length).toBeLessThanOrEqual(DEFAULT_PARAPHRASE.maxWords + 4 + 2);
      for (const w of ws) expect(known).toContain(w);
    }
  });

  it('varies the wording: synonyms, questions, dropped and reordered words, lower case; mostly distinct', () => {
    const p = new Paraphraser(synonyms);
    const rng = new Rng(2);
    const made = Array.from({ length: 2_000 }, () => p.paraphrase(claim, rng));
    const share = (test: (s: string) => boolean) => made.filter(test).length / made.length;
    expect(share((s) => s.endsWith('?') && QUESTION_OPENERS.some((q) => s.toLowerCase().startsWith(`${q} `)))).toBeGreaterThan(0.25);
    expect(share((s) => /\btrial\b|\btreatment\b/i.test(s))).toBeGreaterThan(0.05);
    expect(share((s) => s === s.toLowerCase())).toBeGreaterThan(0.2);
    // Some keep words out of the claim's order (a swap or a rotation).
    const inOrder = (s: string) => {
      const original = words(claim);
      let at = -1;
      return words(s).every((w) => (at = original.indexOf(w, at + 1)) >= 0);
    };
    expect(share((s) => !inOrder(s))).toBeGreaterThan(0.1);
    // Of one claim: in the workload each statement is drawn from tens of thousands.
    expect(new Set(made).size).toBeGreaterThan(made.length * 0.6);
  });

  it('replaces a phrase of the list as a whole, longest first', () => {
    const p = new Paraphraser(synonyms, { ...DEFAULT_PARAPHRASE, minWords: 20, maxWords: 20, synonymChance: 1, dropChance: 0, reorderChance: 0, questionChance: 0, lowerCaseChance: 0 });
    const statement = p.paraphrase('A randomized controlled trial of therapy', new Rng(4));
    expect(statement).toMatch(/^a (study|trial) of (treatment)$/);
  });

  it('swaps the curated list\'s words for others of their group', () => {
    const p = new Paraphraser(readSynonymList(), { ...DEFAULT_PARAPHRASE, synonymChance: 1, dropChance: 0, reorderChance: 0, questionChance: 0, lowerCaseChance: 0, minWords: 12, maxWords: 12 });
    const rng = new Rng(9);
    for (let i = 0; i < 50; i++) {
      const statement = words(p.paraphrase('Clinicians report that the study of early trauma in therapy predicts outcome severity', rng));
      // In the list (studies, adversity, treatment): always replaced. Not in it (only base forms are): kept.
      for (const w of ['study', 'trauma', 'therapy']) expect(statement).not.toContain(w);
      expect(statement).toContain('predicts');
    }
  });

  it('keeps at least one content word when its claim has one (a statement of stop words alone asks nothing)', () => {
    const p = new Paraphraser(synonyms);
    const stopWordsOnly = (statement: string) => words(statement).every((w) => STOP_WORDS.has(w));
    const rng = new Rng(11);
    const made = Array.from({ length: 500 }, () => p.paraphrase('It is of a to the from in on at by the Bowlby of it', rng));
    expect(made.filter(stopWordsOnly)).toEqual([]);
    expect(made.filter((s) => words(s).includes('bowlby')).length).toBeGreaterThan(250);
    // A claim of stop words only stays one.
    expect(stopWordsOnly(p.paraphrase('it is of a to the', new Rng(3)))).toBe(true);
  });
});
