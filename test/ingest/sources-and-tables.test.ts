import { ParseWarnings } from '../../src/ingest/parse-warnings';
import { parseKeyTerms, termAndAliases } from '../../src/ingest/key-terms';
import { parseSmartRow, readSmartSection } from '../../src/ingest/smart-table';
import { parseSources, readAuthors, readReference } from '../../src/ingest/sources';
import type { NumberedLine } from '../../src/ingest/sentences';

const numbered = (first: number, ...texts: string[]): NumberedLine[] => texts.map((text, i) => ({ number: first + i, text }));

describe('parseSources', () => {
  it('reads DOI and URL in their printed forms, the DOI lower-cased', () => {
    const [a, b, c] = parseSources(
      numbered(
        20,
        '  1. Dimidjian, S., & Hollon, S. D. (2006). Randomized trial of behavioral activation. Journal of Consulting and Clinical Psychology, 74(4), 658-670. https://doi.org/10.1037/0022-006X.74.4.658 — linkT1',
        '  2. Jacobson, N. S. (1996). A component analysis. doi:10.1037/0022-006X.64.2.295. — linkT2',
        '  3. American Psychological Association. Clinical practice guideline. https://www.apa.org/depression-guideline. T3',
      ),
      new ParseWarnings(),
    );
    expect(a).toMatchObject({
      number: 1,
      authors: ['Dimidjian, S.', 'Hollon, S. D.'],
      year: 2006,
      title: 'Randomized trial of behavioral activation',
      venue: 'Journal of Consulting and Clinical Psychology, 74(4), 658-670',
      tier: 'T1',
      url: 'https://doi.org/10.1037/0022-006X.74.4.658',
      doi: '10.1037/0022-006x.74.4.658',
    });
    expect(b).toMatchObject({ doi: '10.1037/0022-006x.64.2.295', url: null, tier: 'T2', title: 'A component analysis' });
    expect(c).toMatchObject({
      authors: ['American Psychological Association'],
      year: null,
      title: 'Clinical practice guideline',
      url: 'https://www.apa.org/depression-guideline',
      tier: 'T3',
    });
  });

  it('keeps the citation without the trailing link and tier', () => {
    const [source] = parseSources(numbered(1, '  1. Some Org. A page. — linkT3'), new ParseWarnings());
    expect(source?.citation).toBe('Some Org. A page.');
  });

  const parseWithWarnings = (lines: NumberedLine[]) => {
    const warnings = new ParseWarnings();
    return { sources: parseSources(lines, warnings), warnings: warnings.toArray() };
  };

  it('reads a source without a tier as T3 and warns, naming the line (issue 13)', () => {
    const { sources, warnings } = parseWithWarnings(numbered(30, '  1. Some Org. A page. — link'));
    expect(sources).toEqual([expect.objectContaining({ number: 1, tier: 'T3', citation: 'Some Org. A page.' })]);
    expect(warnings).toEqual([expect.objectContaining({ line: 30, code: 'DOUBTFUL_READING', reading: 'T3' })]);
  });

  it('keeps printed numbers out of sequence, the ones markers use, and warns (issue 13)', () => {
    const { sources, warnings } = parseWithWarnings(numbered(40, '  1. A. (2001). T. V. — linkT1', '  2. B. (2002). T. V. — linkT1', '  4. C. (2003). T. V. — linkT1'));
    expect(sources.map((s) => s.number)).toEqual([1, 2, 4]);
    expect(warnings).toEqual([expect.objectContaining({ line: 42, message: expect.stringContaining('expected source 3, found source 4') })]);
  });

  it('leaves out a repeated number and reads an unnumbered line as the next source, warning each (issue 13)', () => {
    const { sources, warnings } = parseWithWarnings(numbered(7, '  1. A. (2001). T. V. — linkT1', '  1. B. (2002). T. V. — linkT1', 'Not numbered — linkT2'));
    expect(sources.map((s) => [s.number, s.tier])).toEqual([[1, 'T1'], [2, 'T2']]);
    expect(warnings.map((w) => w.line)).toEqual([8, 9]);
  });
});

describe('readReference (issue 13)', () => {
  it('reads an original/reprint year as the original', () => {
    expect(readReference('Bowlby, J. (1969/1982). Attachment and Loss: Vol. 1. Attachment (2nd ed.). Basic Books.')).toEqual({
      authors: ['Bowlby, J.'],
      year: 1969,
      title: 'Attachment and Loss: Vol. 1. Attachment (2nd ed.)',
      venue: 'Basic Books',
    });
  });

  it('keeps a question title with its subtitle, but not the book a chapter is in', () => {
    expect(readReference('Taylor, C. D. J., & Haddock, G. (2017). Does schema therapy change schemas and symptoms? A systematic review across mental health disorders. Psychology and Psychotherapy, 90(3), 456-479.')).toMatchObject({
      title: 'Does schema therapy change schemas and symptoms? A systematic review across mental health disorders',
      venue: 'Psychology and Psychotherapy, 90(3), 456-479',
    });
    expect(readReference('Main, M., & Hesse, E. (1990). Is frightened parental behavior the linking mechanism? In M. T. Greenberg (Eds.), Attachment in the preschool years (pp. 161-182). University of Chicago Press.')).toMatchObject({
      title: 'Is frightened parental behavior the linking mechanism?',
      venue: 'In M. T. Greenberg (Eds.), Attachment in the preschool years (pp. 161-182). University of Chicago Press',
    });
  });
});

describe('readAuthors', () => {
  it('pairs family names with initials and keeps organisations whole', () => {
    expect(readAuthors('Roisman, G. I., Padrón, E., Sroufe, L. A., & Egeland, B. ')).toEqual(['Roisman, G. I.', 'Padrón, E.', 'Sroufe, L. A.', 'Egeland, B.']);
    expect(readAuthors('World Health Organization. ')).toEqual(['World Health Organization']);
    expect(readAuthors('Smith, J.-P., et al.')).toEqual(['Smith, J.-P.']);
  });
});

describe('SMART rows', () => {
  const rowWithWarnings = (text: string, count = 7) => {
    const warnings = new ParseWarnings();
    return { objective: parseSmartRow({ number: 68, text }, count, warnings), warnings: warnings.toArray() };
  };
  const row = (text: string, count = 7) => rowWithWarnings(text, count).objective;

  it('splits a row with a time phrase and a capitalised mechanism', () => {
    expect(row('Learn to pause By week 6, client will use the STOP skill in 3 conflicts Builds inhibitory control via the Linehan model 2')).toEqual({
      row: 'Learn to pause By week 6, client will use the STOP skill in 3 conflicts Builds inhibitory control via the Linehan model 2',
      goal: 'Learn to pause',
      objective: 'By week 6, client will use the STOP skill in 3 conflicts',
      mechanism: 'Builds inhibitory control via the Linehan model',
      sourceNumbers: [2],
    });
  });

  it('prefers tab or bar delimiters when the row has them', () => {
    expect(row('Goal one\tIn 4 weeks, do X\tMechanism Y LLM')).toEqual({ row: 'Goal one\tIn 4 weeks, do X\tMechanism Y LLM', goal: 'Goal one', objective: 'In 4 weeks, do X', mechanism: 'Mechanism Y', sourceNumbers: [] });
    expect(row('Goal one | client will do X | Mechanism Y 3')).toMatchObject({ goal: 'Goal one', objective: 'client will do X', sourceNumbers: [3] });
  });

  it('keeps a row it cannot split whole, as the objective, with a warning (issue 13)', () => {
    expect(rowWithWarnings('just some words 4')).toEqual({
      objective: { row: 'just some words 4', goal: '', objective: 'just some words', mechanism: '', sourceNumbers: [4] },
      warnings: [expect.objectContaining({ line: 68, code: 'UNSPLIT_SMART_ROW', found: 'just some words' })],
    });
  });

  // The rows that rejected four unseen articles whole, or split them wrong (issue 13).
  it.each([
    ['Widen the support network', 'Over 8 weeks, client will name 2 people they can turn to', 'Feeling less alone lowers threat'],
    ['Share distress sooner', 'Within 6 sessions, client will bring 1 worry they would usually keep to themselves and talk it over with', 'Co-regulation replaces suppression'],
    ['Link present and past', 'By week 10, client will describe 2 current reactions and the early experiences they may come from', 'Narrative coherence integrates history'],
    ['Track mentalizing', 'Within 12 sessions, client will complete the Reflective Functioning Questionnaire', 'Self-report tracks change in mentalizing'],
    ['Measure trauma symptoms', 'At intake and week 12, client will complete the International Trauma Questionnaire', 'ITQ scores index PTSD and DSO severity'],
    ['Support the child', 'Over 10 weeks, parent will name the feeling behind 3 of the child’s outbursts', 'Parent’s reflective capacity buffers the child'],
    ['Build trust', 'Within 3 sessions, client will name 1 fear in 2 consecutive sessions', 'Corrective experience'],
  ])('splits "%s | %s | %s" by the column model', (goal, objective, mechanism) => {
    const { objective: parsed, warnings } = rowWithWarnings(`${goal} ${objective} ${mechanism} 3`);
    expect(parsed).toMatchObject({ goal, objective, mechanism, sourceNumbers: [3] });
    expect(warnings).toEqual([]);
  });

  it('separates the rows from the prose after the table', () => {
    const body = numbered(
      66,
      '',
      'Goal SMART objective (example) Mechanism',
      'Build trust Within 3 sessions, client will name 1 fear Corrective experience 1',
      'Therapeutic framing. It is prose LLM.',
    );
    const section = readSmartSection(body, 1, new ParseWarnings());
    expect(section.objectives).toHaveLength(1);
    expect(section.prose.map((l) => l.number)).toEqual([66, 69]);
  });
});

describe('key terms', () => {
  it('reads aliases from a trailing one-word parenthesis and from " / "', () => {
    expect(termAndAliases('Adult Attachment Interview (AAI)')).toEqual({ term: 'Adult Attachment Interview', aliases: ['AAI'] });
    expect(termAndAliases('Secure base / haven of safety')).toEqual({ term: 'Secure base / haven of safety', aliases: ['Secure base', 'haven of safety'] });
    expect(termAndAliases('Attachment (in adults)')).toEqual({ term: 'Attachment (in adults)', aliases: [] });
    // An abbreviation inside the term (issue 13)
    expect(termAndAliases('Frightened/frightening (FR) behavior')).toEqual({ term: 'Frightened/frightening behavior', aliases: ['FR'] });
  });

  it('accepts em dashes, spaced hyphens and bullets, and continues a definition across sentences', () => {
    const terms = parseKeyTerms(
      numbered(5, '  • Mentalization — the capacity to read minds 1. It develops early 2.', '  • Behavioural activation (BA) - scheduling valued activity LLM.'),
      2,
      new ParseWarnings(),
    );
    expect(terms).toEqual([
      { term: 'Mentalization', aliases: [], definition: 'the capacity to read minds. It develops early', sourceNumbers: [1, 2] },
      { term: 'Behavioural activation', aliases: ['BA'], definition: 'scheduling valued activity', sourceNumbers: [] },
    ]);
  });

  it('leaves out a first item with no separator, with a warning naming the line (issue 13)', () => {
    const warnings = new ParseWarnings();
    expect(parseKeyTerms(numbered(91, 'Just a sentence 1.'), 1, warnings)).toEqual([]);
    expect(warnings.toArray()).toEqual([expect.objectContaining({ line: 91, code: 'DOUBTFUL_READING', found: 'Just a sentence.' })]);
  });
});
