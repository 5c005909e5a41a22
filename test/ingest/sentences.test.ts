import { ArticleFormatError } from '../../src/errors';
import { NO_SOURCE_LIST } from '../../src/ingest/markers';
import { ParseWarnings } from '../../src/ingest/parse-warnings';
import { endsLikeSentence, readMarker, splitSentences } from '../../src/ingest/sentences';

describe('splitSentences', () => {
  it('splits on terminal punctuation followed by a capital, keeping the text as printed', () => {
    expect(splitSentences('First one 4. Second one LLM. Third one?')).toEqual(['First one 4.', 'Second one LLM.', 'Third one?']);
  });

  it('does not split after abbreviations or initials', () => {
    const text =
      'Roisman, G. I. and Sroufe, L. A. found it 1. Some adults (e.g. parents) differ, i.e. They vary 2. Retrospective vs. Prospective routes differ 3. Smith et al. (2002) agree 4.';
    expect(splitSentences(text)).toEqual([
      'Roisman, G. I. and Sroufe, L. A. found it 1.',
      'Some adults (e.g. parents) differ, i.e. They vary 2.',
      'Retrospective vs. Prospective routes differ 3.',
      'Smith et al. (2002) agree 4.',
    ]);
  });

  it('splits after closing quotes and brackets, and before digits and opening quotes', () => {
    expect(splitSentences('She fears “what was done to me.” Formulated so LLM. Terms (“It was fine”). 2024 saw it 2. “Quoted” start 1.')).toEqual([
      'She fears “what was done to me.”',
      'Formulated so LLM.',
      'Terms (“It was fine”).',
      '2024 saw it 2.',
      '“Quoted” start 1.',
    ]);
  });

  it('does not split before a lower-case word or inside numbers', () => {
    expect(splitSentences('Child Development, 73(4), 1204-1219. it goes on 3.5 times 1.')).toEqual([
      'Child Development, 73(4), 1204-1219. it goes on 3.5 times 1.',
    ]);
  });

  it('joins a tag printed after the period back to its sentence', () => {
    expect(splitSentences('The route to security. LLM')).toEqual(['The route to security. LLM']);
    expect(splitSentences('One 2. Two. 4.')).toEqual(['One 2.', 'Two. 4.']);
  });

  it('does not split inside a parenthesis or quotation that closes later (issue 13)', () => {
    expect(splitSentences('Skills such as the STOP skill (“Stop. Take a step back. Observe. Proceed mindfully.”) are designed for crises 2. Next 3.')).toEqual([
      'Skills such as the STOP skill (“Stop. Take a step back. Observe. Proceed mindfully.”) are designed for crises 2.',
      'Next 3.',
    ]);
    // One that never closes holds nothing back.
    expect(splitSentences('An open (aside. Then more. End 4.')).toEqual(['An open (aside.', 'Then more.', 'End 4.']);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('   ')).toEqual([]);
  });
});

describe('readMarker', () => {
  const readWithWarnings = (sentence: string, count = 7) => {
    const warnings = new ParseWarnings();
    return { marked: readMarker(sentence, count, 10, warnings), warnings: warnings.toArray() };
  };
  const read = (sentence: string, count = 7) => readWithWarnings(sentence, count).marked;

  it('reads a source marker before the final punctuation and keeps the punctuation', () => {
    expect(read('… in adulthood 4.')).toEqual({ text: '… in adulthood.', provenance: 'CITED', sourceNumbers: [4] });
    expect(read('… predictable and safe 6?')).toEqual({ text: '… predictable and safe?', provenance: 'CITED', sourceNumbers: [6] });
  });

  it('splits a run-together marker into distinct sources, in order', () => {
    expect(read('… rather than a fringe idea 42.')).toEqual({ text: '… rather than a fringe idea.', provenance: 'CITED', sourceNumbers: [4, 2] });
    expect(read('… for both 911.', 12).sourceNumbers).toEqual([9, 11]);
    expect(read('… and later 1011?', 12)).toEqual({ text: '… and later?', provenance: 'CITED', sourceNumbers: [10, 11] });
  });

  it('reads a number within the source count as one source', () => {
    expect(read('… source twelve 12.', 15).sourceNumbers).toEqual([12]);
  });

  it('reads the LLM tag before or after the final punctuation', () => {
    expect(read('… a clinician delivers LLM.')).toEqual({ text: '… a clinician delivers.', provenance: 'LLM', sourceNumbers: [] });
    expect(read('… secure state of mind. LLM')).toEqual({ text: '… secure state of mind.', provenance: 'LLM', sourceNumbers: [] });
  });

  it('keeps closing quotes before the marker', () => {
    expect(read('… “to the level of representation” 4.').text).toBe('… “to the level of representation”.');
  });

  it('leaves sentences without a final marker unmarked, numbers inside included', () => {
    for (const sentence of ['On mechanism, the evidence is suggestive rather than conclusive.', 'Drawing on 24 studies across four databases.', 'Child Development, 73(4).', 'See Table 4).', '4.']) {
      expect(readWithWarnings(sentence)).toEqual({ marked: { text: sentence, provenance: 'UNMARKED', sourceNumbers: [] }, warnings: [] });
    }
  });

  it('keeps a trailing number that cannot be a marker as text, and says so (issue 13)', () => {
    for (const sentence of ['It appeared in 2024.', 'It rose by 10.', 'The scale has an item count of 18.', '… safe 9.', '… twice 44.']) {
      const { marked, warnings } = readWithWarnings(sentence);
      expect(marked).toEqual({ text: sentence, provenance: 'UNMARKED', sourceNumbers: [] });
      expect(warnings).toEqual([expect.objectContaining({ line: 10, code: 'NUMBER_NOT_MARKER', reading: 'text', alternatives: [] })]);
    }
  });

  it('keeps a number after a word that cannot end a sentence as text, naming the reading set aside (issue 13)', () => {
    const { marked, warnings } = readWithWarnings('The mean age at intake was 51.');
    expect(marked.provenance).toBe('UNMARKED');
    expect(marked.text).toBe('The mean age at intake was 51.');
    expect(warnings).toEqual([expect.objectContaining({ code: 'NUMBER_NOT_MARKER', found: '51', alternatives: ['sources 5, 1'] })]);
  });

  it('takes the rule\'s reading of an ambiguous marker and warns with the alternatives (issue 13)', () => {
    const twelve = readWithWarnings('… in adulthood 12.', 12);
    expect(twelve.marked.sourceNumbers).toEqual([12]);
    expect(twelve.warnings).toEqual([
      expect.objectContaining({ line: 10, code: 'AMBIGUOUS_MARKER', found: '12', reading: 'source 12', alternatives: ['sources 1, 2'] }),
    ]);
    const oneOneTwo = readWithWarnings('… in adulthood 112.', 12);
    expect(oneOneTwo.marked.sourceNumbers).toEqual([11, 2]);
    expect(oneOneTwo.warnings[0]).toMatchObject({ reading: 'sources 11, 2', alternatives: ['sources 1, 12'] });
  });

  it('rejects a marker when the article lists no sources at all', () => {
    expect(() => read('… safe 4.', NO_SOURCE_LIST)).toThrow(ArticleFormatError);
    expect(() => read('… safe 4.', NO_SOURCE_LIST)).toThrow('line 10: a sentence ends in source marker 4 but the article has no "Sources" list');
    expect(read('It appeared in 2024.', NO_SOURCE_LIST).provenance).toBe('UNMARKED');
  });
});

describe('endsLikeSentence', () => {
  it('tells table rows from prose', () => {
    expect(endsLikeSentence('Build trust Within 3 sessions, client will talk Targets trust 4')).toBe(false);
    expect(endsLikeSentence('Therapeutic framing. It is prose LLM.')).toBe(true);
    expect(endsLikeSentence('It is prose. LLM')).toBe(true);
  });
});
