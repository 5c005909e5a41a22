import type { ClaimRecord, SourceRecord } from '../../src/entries/records';
import { StatementExpander } from '../../src/evidence/expansion';
import { ANSWER_BONUS, PREVIOUS_SHARE, rankCandidates, RETRACTED_KEEPS, sourcesOf, type Candidate } from '../../src/evidence/ranking';

const expander = StatementExpander.build(
  {
    entries: [
      { slug: 'complex-ptsd', name: 'Complex PTSD', kind: 'PROBLEM_FOR_WORK', aliases: ['CPTSD'], definitions: [] },
      { slug: 'emotionally-focused-therapy', name: 'Emotionally Focused Therapy', kind: 'MODALITY', aliases: ['EFT'], definitions: [] },
    ],
    keyTerms: [],
  },
  new Map(),
  { groups: [{ topic: 'authorship', terms: ['coin', 'propose', 'introduce'] }], abbreviations: [] },
);

const source = (key: string, tier: SourceRecord['tier'], retracted = false): SourceRecord => ({
  key, kind: 'REFERENCE', title: `Title ${key}`, authors: [], year: 2000, venue: null, tier, url: null, doi: null, citation: null, text: null,
  retracted, retractionReason: retracted ? 'fabricated data' : null,
});
const claim = (id: string, text: string, sources: SourceRecord[], entrySlug = 'complex-ptsd'): ClaimRecord => ({
  id, text, provenance: sources.length ? 'CITED' : 'LLM', section: 'S', position: 0, entrySlug, lineage: id, revision: 1, current: true, sources,
});
const candidate = (c: ClaimRecord, lexical: number | null = 1): Candidate => ({ claim: c, lexical });

const t1 = source('t1', 'T1');
const t2 = source('t2', 'T2');
const t3 = source('t3', 'T3');

describe('rankCandidates', () => {
  const rank = (statement: string, candidates: Candidate[]) => rankCandidates(expander.expand(statement), candidates);

  it('ranks by the share of the statement a sentence has, synonyms counting less than the word itself', () => {
    const { supported } = rank('who coined the term complex PTSD', [
      candidate(claim('a', 'Complex PTSD is a diagnosis in ICD-11.', [t1])),
      candidate(claim('b', 'Judith Herman proposed the term complex PTSD in 1992.', [t2])),
      candidate(claim('c', 'Judith Herman coined the term complex PTSD in 1992.', [t2])),
    ]);
    expect(supported.map((h) => h.claim.id)).toEqual(['c', 'b', 'a']);
    expect(supported[1]!.matches).toEqual([
      { term: 'complex PTSD', found: 'complex PTSD', via: 'NAME' },
      { term: 'coined', found: 'proposed', via: 'SYNONYM' },
      { term: 'term', found: 'term', via: 'WORD' },
    ]);
  });

  it('lets a sentence that leans on the one before it have, at a share, the terms that one says', () => {
    const before = 'Some believe that complex PTSD can be read off everyday behaviour in the waiting room.';
    const leaning = claim('leans', 'It cannot: the diagnosis depends on a structured interview.', [t1]);
    const { supported } = rank('can complex PTSD be read off everyday behaviour', [
      { claim: leaning, lexical: null, previous: before },
      candidate(claim('other', 'Everyday stress is common.', [t2]), 0.1),
    ]);
    expect(supported.map((h) => h.claim.id)).toEqual(['leans', 'other']);
    // Its own article counts more than a name the sentence before says.
    expect(Object.fromEntries(supported[0]!.matches.map((m) => [m.term, m.via]))).toEqual({
      'complex PTSD': 'ARTICLE',
      read: 'PREVIOUS',
      off: 'PREVIOUS',
      everyday: 'PREVIOUS',
      behaviour: 'PREVIOUS',
    });
    // Without the sentence before it, it has none of the statement's words and is not offered.
    expect(rank('can complex PTSD be read off everyday behaviour', [candidate(leaning, null)]).supported).toEqual([]);
    // What it says itself counts in full; the sentence before only adds what it lacks, at a share.
    const own = rank('complex PTSD diagnosis everyday', [{ claim: leaning, lexical: null, previous: before }]).supported[0]!;
    expect(own.matches.find((m) => m.term === 'diagnosis')).toEqual({ term: 'diagnosis', found: 'diagnosis', via: 'WORD' });
    expect(PREVIOUS_SHARE).toBeLessThan(1);
  });

  it('never offers a sentence citing nothing as support: it comes back apart', () => {
    const { supported, uncited } = rank('complex PTSD diagnosis', [
      candidate(claim('llm', 'Complex PTSD is a diagnosis, not a construct.', [])),
      candidate(claim('cited', 'Complex PTSD is a diagnosis in ICD-11.', [t3]), 0.5),
    ]);
    expect(supported.map((h) => h.claim.id)).toEqual(['cited']);
    expect(uncited.map((h) => h.claim.id)).toEqual(['llm']);
  });

  it('never offers a sentence that asks a question, whatever it cites: it asserts nothing', () => {
    const { supported, uncited } = rank('does EFT change attachment, not just symptoms', [
      candidate(claim('asks', 'Does EFT actually change attachment, or only symptoms?', [t1], 'emotionally-focused-therapy')),
      candidate(claim('asks-uncited', 'Can EFT change attachment?', [], 'emotionally-focused-therapy')),
      candidate(claim('says', 'EFT changes attachment as well as symptoms.', [t2], 'emotionally-focused-therapy')),
      // A sentence ending in a question mark that does not open as a question still asserts (a stray mark).
      candidate(claim('stray', 'It is also used to change attachment 3?', [t2], 'emotionally-focused-therapy')),
    ]);
    expect(supported.map((h) => h.claim.id)).toEqual(['says', 'stray']);
    expect(uncited).toEqual([]);
  });

  it('flags a sentence citing a retracted source and ranks it down', () => {
    const retracted = source('r', 'T1', true);
    const { supported } = rank('complex PTSD diagnosis', [
      candidate(claim('retracted', 'Complex PTSD is a diagnosis in ICD-11.', [retracted])),
      candidate(claim('half', 'Complex PTSD is a diagnosis in ICD-11 too.', [retracted, t3])),
      candidate(claim('sound', 'Complex PTSD is a diagnosis in the ICD-11.', [t3])),
    ]);
    expect(supported.map((h) => [h.claim.id, h.citesRetracted])).toEqual([
      ['sound', false],
      ['half', true],
      ['retracted', true],
    ]);
    expect(supported[2]!.strongestTier).toBeNull();
    expect(supported[2]!.score).toBeCloseTo(supported[0]!.score * RETRACTED_KEEPS, 1);
  });

  it('counts a sentence of the named entry’s article that says “it”', () => {
    const { supported } = rank('how many stages does EFT have', [
      candidate(claim('it', 'It is organised in three stages and nine steps.', [t2], 'emotionally-focused-therapy'), 0.4),
      candidate(claim('elsewhere', 'Treatment stages are debated.', [t2], 'complex-ptsd'), 0.6),
    ]);
    expect(supported.map((h) => h.claim.id)).toEqual(['it', 'elsewhere']);
    expect(supported[0]!.matches).toEqual([
      { term: 'EFT', found: 'Emotionally Focused Therapy', via: 'ARTICLE' },
      { term: 'stages', found: 'stages', via: 'WORD' },
    ]);
  });

  it('shows what matched as the sentence writes it (normalised where it has a ligature)', () => {
    const { supported } = rank('who proposed complex PTSD first', [candidate(claim('lig', 'Complex PTSD was ﬁrst proposed by Judith Herman.', [t1]))]);
    expect(supported[0]!.matches.map((m) => m.found)).toEqual(['Complex PTSD', 'proposed', 'first']);
  });

  it('needs a word of the statement: being in the named article is not enough', () => {
    const { supported } = rank('EFT stages', [candidate(claim('x', 'It works through emotion.', [t1], 'emotionally-focused-therapy'))]);
    expect(supported).toEqual([]);
  });

  it('adds a little for the kind of answer asked for (who: a person)', () => {
    const { supported } = rank('who introduced complex PTSD', [
      candidate(claim('nobody', 'Complex PTSD was introduced into ICD-11.', [t2])),
      candidate(claim('herman', 'Complex PTSD was introduced by Judith Herman.', [t2])),
    ]);
    expect(supported.map((h) => h.claim.id)).toEqual(['herman', 'nobody']);
    expect(supported[0]!.score - supported[1]!.score).toBeCloseTo(ANSWER_BONUS, 5);
  });

  it('reads a person’s possessive before the thing asked about as its authorship, and as nothing else', () => {
    const withAttachmentTheory = StatementExpander.build(
      {
        entries: [
          { slug: 'attachment-theory', name: 'Attachment theory', kind: 'CONSTRUCT', aliases: ['attachment paradigm'], definitions: [] },
          { slug: 'john-bowlby', name: 'John Bowlby', kind: 'PERSON', aliases: ['Bowlby'], definitions: [] },
        ],
        keyTerms: [],
      },
      new Map(),
      {
        groups: [
          { topic: 'authorship', possessive: true, terms: ['found', 'develop'] },
          { topic: 'criticism', terms: ['criticize', 'question'] },
        ],
        abbreviations: [],
      },
    );
    const candidates = [
      candidate(claim('developed', 'Cultural humility matters because the attachment paradigm and its norms were developed in particular contexts.', [t2]), 1),
      candidate(claim('bowlby', 'The construct grows directly out of John Bowlby’s attachment theory.', [t2]), 0.8),
    ];
    const founded = rankCandidates(withAttachmentTheory.expand('who founded attachment theory'), candidates).supported;
    expect(founded.map((h) => h.claim.id)).toEqual(['bowlby', 'developed']);
    expect(founded[0]!.matches).toEqual([
      { term: 'attachment theory', found: 'attachment theory', via: 'NAME' },
      { term: 'founded', found: 'John Bowlby’s', via: 'SYNONYM' },
    ]);
    const criticized = rankCandidates(withAttachmentTheory.expand('who criticized attachment theory'), candidates).supported;
    expect(criticized.find((h) => h.claim.id === 'bowlby')!.matches.map((m) => m.term)).toEqual(['attachment theory']);
  });

  it('orders equally relevant sentences by their strongest tier', () => {
    const { supported } = rank('complex PTSD', [
      candidate(claim('t3', 'Complex PTSD.', [t3])),
      candidate(claim('t1', 'Complex PTSD!', [t1])),
      candidate(claim('t2', 'Complex PTSD?', [t2])),
    ]);
    expect(supported.map((h) => h.claim.id)).toEqual(['t1', 't2', 't3']);
  });
});

describe('sourcesOf', () => {
  const hit = (id: string, score: number, sources: SourceRecord[]) => ({
    claim: claim(id, id, sources), score, matches: [], citesRetracted: sources.some((s) => s.retracted), strongestTier: null,
  });

  it('lists each source once with its supporting sentences, scored by how well and how often it supports', () => {
    const result = sourcesOf([hit('a', 1, [t2]), hit('b', 0.9, [t1, t2]), hit('c', 0.8, [t1]), hit('d', 0.3, [t3])]);
    expect(result.sources.map((s) => [s.source.key, s.score, s.claims.map((c) => c.claim.id)])).toEqual([
      ['t2', 1.45, ['a', 'b']],
      ['t1', 1.3, ['b', 'c']],
    ]);
    expect(result.tiers).toEqual([
      { tier: 'T1', count: 1 },
      { tier: 'T2', count: 1 },
    ]);
    expect(result.summary).toBe('1 T1, 1 T2');
  });

  it('halves a retracted source', () => {
    const retracted = source('r', 'T1', true);
    const { sources } = sourcesOf([hit('a', 1, [retracted]), hit('b', 0.9, [t3])]);
    expect(sources.map((s) => [s.source.key, s.score])).toEqual([
      ['t3', 0.9],
      ['r', 0.5],
    ]);
  });

  it('says so when nothing supports the statement', () => {
    expect(sourcesOf([])).toEqual({ sources: [], tiers: [], summary: 'no sources' });
  });
});
