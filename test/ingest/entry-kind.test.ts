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
  ])('reads %j as %s', (header, kind) => {
    expect(entryKindOf(header)).toBe(kind);
  });

  it('ignores case and surrounding whitespace', () => {
    expect(entryKindOf('  CONSTRUCT ')).toBe('CONSTRUCT');
    expect(entryKindOf('Problem  -  For -  Work')).toBe('PROBLEM_FOR_WORK');
  });

  it.each(['', 'unknown', 'blog post', 'constructs', 'construct validity', 'populations'])('gives undefined for %j', (header) => {
    expect(entryKindOf(header)).toBeUndefined();
  });
});
