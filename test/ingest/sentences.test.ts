import { ArticleFormatError } from '../../src/errors';
import { endsLikeSentence, readMarker, resolveMarker, splitSentences } from '../../src/ingest/sentences';

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

  it('returns nothing for blank text', () => {
    expect(splitSentences('   ')).toEqual([]);
  });
});

describe('readMarker', () => {
  const read = (sentence: string, count = 7) => readMarker(sentence, count, 10);

  it('reads a source marker before the final punctuation and keeps the punctuation', () => {
    expect(read('… in adulthood 4.')).toEqual({ text: '… in adulthood.', provenance: 'CITED', sourceNumbers: [4] });
    expect(read('… predictable and safe 6?')).toEqual({ text: '… predictable and safe?', provenance: 'CITED', sourceNumbers: [6] });
  });

  it('splits a run-together marker above the source count into single sources, in order', () => {
    expect(read('… rather than a fringe idea 42.')).toEqual({ text: '… rather than a fringe idea.', provenance: 'CITED', sourceNumbers: [4, 2] });
    expect(read('… twice 44.').sourceNumbers).toEqual([4]);
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
    for (const sentence of [
      'On mechanism, the evidence is suggestive rather than conclusive.',
      'Drawing on 24 studies across four databases.',
      'Child Development, 73(4).',
      'It appeared in 2024.',
      'It rose by 10.',
      'See Table 4).',
      '4.',
    ]) {
      expect(read(sentence)).toEqual({ text: sentence, provenance: 'UNMARKED', sourceNumbers: [] });
    }
  });

  it('throws ArticleFormatError naming the line when a marker cites a source past the list', () => {
    expect(() => read('… safe 9.')).toThrow(ArticleFormatError);
    expect(() => read('… safe 9.')).toThrow('line 10: a sentence cites source 9 but the article lists 7 sources');
    expect(() => read('… safe 48.')).toThrow(/line 10: a sentence cites source 8 \(marker 48\)/);
  });
});

describe('resolveMarker', () => {
  it('follows the documented rule', () => {
    expect(resolveMarker('7', 7, 1)).toEqual([7]);
    expect(resolveMarker('12', 15, 1)).toEqual([12]);
    expect(resolveMarker('42', 15, 1)).toEqual([4, 2]);
    expect(resolveMarker('2024', 7, 1)).toBeNull();
    expect(resolveMarker('10', 7, 1)).toBeNull();
    expect(() => resolveMarker('9', 0, 1)).toThrow('line 1: a sentence cites source 9 but the article lists 0 sources');
  });
});

describe('endsLikeSentence', () => {
  it('tells table rows from prose', () => {
    expect(endsLikeSentence('Build trust Within 3 sessions, client will talk Targets trust 4')).toBe(false);
    expect(endsLikeSentence('Therapeutic framing. It is prose LLM.')).toBe(true);
    expect(endsLikeSentence('It is prose. LLM')).toBe(true);
  });
});
