import { ArticleFormatError } from '../../src/errors';
import { parseKeyTerms, termAndAliases } from '../../src/ingest/key-terms';
import { parseSmartRow, readSmartSection } from '../../src/ingest/smart-table';
import { parseSources, readAuthors } from '../../src/ingest/sources';
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
    const [source] = parseSources(numbered(1, '  1. Some Org. A page. — linkT3'));
    expect(source?.citation).toBe('Some Org. A page.');
  });

  it('rejects a source without a tier, naming the line', () => {
    expect(() => parseSources(numbered(30, '  1. Some Org. A page. — link'))).toThrow('line 30: source 1 has no evidence tier (T1, T2 or T3) at the end');
  });

  it('rejects numbering that is not 1, 2, 3 …', () => {
    const lines = numbered(40, '  1. A. (2001). T. V. — linkT1', '  2. B. (2002). T. V. — linkT1', '  4. C. (2003). T. V. — linkT1');
    expect(() => parseSources(lines)).toThrow(ArticleFormatError);
    expect(() => parseSources(lines)).toThrow('line 42: expected source 3, found source 4');
  });

  it('rejects a line that is not a numbered source', () => {
    expect(() => parseSources(numbered(7, 'Not a source — linkT1'))).toThrow(/^line 7: expected a numbered source/);
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
  const row = (text: string, count = 7) => parseSmartRow({ number: 68, text }, count);

  it('splits a row with a time phrase and a capitalised mechanism', () => {
    expect(row('Learn to pause By week 6, client will use the STOP skill in 3 conflicts Builds inhibitory control via the Linehan model 2')).toEqual({
      goal: 'Learn to pause',
      objective: 'By week 6, client will use the STOP skill in 3 conflicts',
      mechanism: 'Builds inhibitory control via the Linehan model',
      sourceNumbers: [2],
    });
  });

  it('prefers tab or bar delimiters when the row has them', () => {
    expect(row('Goal one\tIn 4 weeks, do X\tMechanism Y LLM')).toEqual({ goal: 'Goal one', objective: 'In 4 weeks, do X', mechanism: 'Mechanism Y', sourceNumbers: [] });
    expect(row('Goal one | client will do X | Mechanism Y 3')).toMatchObject({ goal: 'Goal one', objective: 'client will do X', sourceNumbers: [3] });
  });

  it('throws naming the line when a row cannot be split', () => {
    expect(() => row('just some words 4')).toThrow(/^line 68: cannot split the SMART row/);
  });

  it('separates the rows from the prose after the table', () => {
    const body = numbered(
      66,
      '',
      'Goal SMART objective (example) Mechanism',
      'Build trust Within 3 sessions, client will name 1 fear Corrective experience 1',
      'Therapeutic framing. It is prose LLM.',
    );
    const section = readSmartSection(body, 1);
    expect(section.objectives).toHaveLength(1);
    expect(section.prose.map((l) => l.number)).toEqual([66, 69]);
  });
});

describe('key terms', () => {
  it('reads aliases from a trailing one-word parenthesis and from " / "', () => {
    expect(termAndAliases('Adult Attachment Interview (AAI)')).toEqual({ term: 'Adult Attachment Interview', aliases: ['AAI'] });
    expect(termAndAliases('Secure base / haven of safety')).toEqual({ term: 'Secure base / haven of safety', aliases: ['Secure base', 'haven of safety'] });
    expect(termAndAliases('Attachment (in adults)')).toEqual({ term: 'Attachment (in adults)', aliases: [] });
  });

  it('accepts em dashes, spaced hyphens and bullets, and continues a definition across sentences', () => {
    const terms = parseKeyTerms(
      numbered(5, '  • Mentalization — the capacity to read minds 1. It develops early 2.', '  • Behavioural activation (BA) - scheduling valued activity LLM.'),
      2,
    );
    expect(terms).toEqual([
      { term: 'Mentalization', aliases: [], definition: 'the capacity to read minds. It develops early', sourceNumbers: [1, 2] },
      { term: 'Behavioural activation', aliases: ['BA'], definition: 'scheduling valued activity', sourceNumbers: [] },
    ]);
  });

  it('throws naming the line when the first item has no separator', () => {
    expect(() => parseKeyTerms(numbered(91, 'Just a sentence 1.'), 1)).toThrow(/^line 91: a key term must read "Term – definition"/);
  });
});
