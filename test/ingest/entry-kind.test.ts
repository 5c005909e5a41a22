import { entryKindOf } from '../../src/ingest/entry-kind';

describe('entryKindOf', () => {
  it.each([
    ['construct', 'CONSTRUCT'],
    ['Psychological construct', 'CONSTRUCT'],
    ['theory', 'CONSTRUCT'],
    ['modality', 'MODALITY'],
    ['Therapy modality', 'MODALITY'],
    ['intervention', 'MODALITY'],
    ['problem-for-work', 'PROBLEM_FOR_WORK'],
    ['Problem for work', 'PROBLEM_FOR_WORK'],
    ['problem_for_work', 'PROBLEM_FOR_WORK'],
    ['presenting problem', 'PROBLEM_FOR_WORK'],
    ['population', 'POPULATION'],
    ['person', 'PERSON'],
    ['researcher', 'PERSON'],
    ['instrument', 'INSTRUMENT'],
    ['assessment', 'INSTRUMENT'],
    // Plurals, as the wiki's section headings spell the kinds (issue 13)
    ['problems-for-work', 'PROBLEM_FOR_WORK'],
    ['Problems for work', 'PROBLEM_FOR_WORK'],
    ['CONSTRUCTS', 'CONSTRUCT'],
    ['Modalities', 'MODALITY'],
    ['therapies', 'MODALITY'],
    ['populations', 'POPULATION'],
    ['Instruments', 'INSTRUMENT'],
  ])('reads %j as %s', (header, kind) => {
    expect(entryKindOf(header)).toBe(kind);
  });

  it('ignores case and surrounding whitespace', () => {
    expect(entryKindOf('  CONSTRUCT ')).toBe('CONSTRUCT');
    expect(entryKindOf('Problem  -  For -  Work')).toBe('PROBLEM_FOR_WORK');
  });

  it.each(['', 'unknown', 'blog post', 'construct validity', 'problems of work'])('gives undefined for %j', (header) => {
    expect(entryKindOf(header)).toBeUndefined();
  });
});
