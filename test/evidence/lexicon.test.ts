import type { Vocabulary } from '../../src/cross-link/vocabulary';
import { LEXICON_STRENGTH, StatementExpander } from '../../src/evidence/expansion';
import { Lexicon } from '../../src/evidence/lexicon';
import { parseDataLine, parseSenseLine, relatedWordsTable } from '../../src/evidence/wordnet';

// Lines as WordNet 3.1's files have them (shortened glosses).
const DATA = [
  '02158938 39 v 05 detect 0 observe 1 find 0 discover 0 notice 0 003 @ 02133352 v 0000 + 05715283 n 0401 + 00046534 n 0101 | discover or determine the existence',
  '00600349 31 v 02 learn 0 discover 4 001 + 05781145 n 0201 | get to know',
  '02291532 40 v 01 discover 2 000 | make a discovery by accident',
  '02133352 39 v 02 spy 0 sight 0 000 | catch sight of',
  '05715283 09 n 01 discovery 0 000 | something discovered',
  '00046534 04 n 01 detection 0 000 | the act of detecting',
  '05781145 09 n 01 discovery 1 000 | the act of discovering',
  '09999999 18 n 02 Roentgen 0 W_K_Roentgen 0 000 | a physicist',
];
const SENSES = [
  'discover%2:39:03:: 02158938 1 21',
  'discover%2:31:01:: 00600349 2 21',
  'discover%2:40:00:: 02291532 5 2',
  'detect%2:39:00:: 02158938 1 5',
  'roentgen%1:18:00:: 09999999 1 0',
];

describe('the WordNet lexicon', () => {
  it('reads WordNet’s sense index and data lines', () => {
    expect(parseSenseLine('discover%2:39:03:: 02158938 1 21')).toEqual({ lemma: 'discover', pos: 'v', offset: '02158938', number: 1, tagged: 21 });
    expect(parseSenseLine('common%5:00:00:familiar:02 00973799 4 9')).toMatchObject({ lemma: 'common', pos: 'a', tagged: 9 });
    const synset = parseDataLine(DATA[0]!)!;
    expect(synset.words).toEqual(['detect', 'observe', 'find', 'discover', 'notice']);
    expect(synset.pointers[1]).toEqual({ symbol: '+', offset: '05715283', pos: 'n', source: 4, target: 1 });
    expect(parseDataLine('  1 This software and database is being provided')).toBeNull();
  });

  it('relates a word to the other words and derived forms of its most frequent senses only, no proper names', () => {
    const table = relatedWordsTable(
      SENSES.map((line) => parseSenseLine(line)!),
      DATA.map((line) => parseDataLine(line)!),
      { senses: 3, share: 0.25 },
    );
    // discover's third sense (tagged 2 of 21) is too rare; derived forms are its own (+ 0401 from word 4), not detect's.
    expect(table.get('discover')).toEqual({ synonyms: ['detect', 'observe', 'find', 'notice', 'learn'], derived: ['discovery'] });
    expect(table.get('detect')).toEqual({ synonyms: ['observe', 'find', 'discover', 'notice'], derived: ['detection'] });
    expect(table.has('roentgen')).toBe(false);
  });

  it('finds a word by its base form as WordNet’s morphy does: inflections, irregular forms, British spellings', () => {
    const lexicon = Lexicon.of({
      discover: { synonyms: ['detect'], derived: ['discovery'] },
      child: { synonyms: ['kid'], derived: [] },
      stop: { synonyms: ['halt'], derived: [] },
      behavior: { synonyms: ['conduct'], derived: [] },
      study: { synonyms: ['survey'], derived: [] },
    });
    for (const word of ['discover', 'Discovered', 'discovers', 'discovering']) expect(lexicon.relatedTo(word)?.synonyms).toEqual(['detect']);
    expect(lexicon.relatedTo('children')?.synonyms).toEqual(['kid']);
    expect(lexicon.relatedTo('stopped')?.synonyms).toEqual(['halt']);
    expect(lexicon.relatedTo('behaviour')?.synonyms).toEqual(['conduct']);
    expect(lexicon.relatedTo('studies')?.synonyms).toEqual(['survey']);
    expect(lexicon.relatedTo('discotheque')).toBeNull();
  });

  it('ships WordNet 3.1’s words, read once per process', () => {
    const shipped = Lexicon.shipped();
    expect(Lexicon.shipped()).toBe(shipped);
    expect(shipped.size).toBeGreaterThan(40_000);
    expect(shipped.relatedTo('discovered')?.synonyms).toEqual(expect.arrayContaining(['detect', 'observe', 'notice']));
    expect(shipped.relatedTo('identify')?.derived).toContain('identification');
    expect(shipped.relatedTo('teenagers')?.synonyms).toContain('adolescent');
  });
});

describe('expansion with the lexicon', () => {
  const vocabulary: Vocabulary = {
    entries: [{ slug: 'disorganized-attachment', name: 'Disorganized attachment', kind: 'CONSTRUCT', aliases: [], definitions: [] }],
    keyTerms: [],
  };
  const lexicon = Lexicon.of({
    discover: { synonyms: ['detect', 'find out', 'do'], derived: ['discovery'] },
    effective: { synonyms: ['efficacious'], derived: [] },
    attachment: { synonyms: ['fond regard'], derived: ['attach'] },
  });
  const expander = StatementExpander.build(
    vocabulary,
    new Map(),
    { groups: [{ topic: 'efficacy', terms: ['effective', 'work'] }], abbreviations: [] },
    new Set(['disorganized-attachment']),
    lexicon,
  );
  const concepts = (statement: string) => Object.fromEntries(expander.expand(statement).concepts.map((c) => [c.term, c.alternatives.map((a) => [a.text, a.kind, a.strength])]));

  it('gives a word neither a name nor in the curated list its lexicon words, below the list’s synonyms, derived forms first', () => {
    const { discovered } = concepts('who discovered disorganized attachment');
    expect(discovered).toEqual([
      ['discovered', 'WORD', 1],
      ['discovery', 'LEXICON', LEXICON_STRENGTH.derived],
      ['detect', 'LEXICON', LEXICON_STRENGTH.synonyms],
      ['find out', 'LEXICON', LEXICON_STRENGTH.synonyms],
    ]);
    expect(LEXICON_STRENGTH.derived).toBeLessThan(0.75);
  });

  it('leaves names and the curated list’s words to the graph and the list', () => {
    const found = concepts('is it effective for disorganized attachment');
    expect(found['disorganized attachment']!.map(([, kind]) => kind)).not.toContain('LEXICON');
    expect(found.effective!.map(([, kind]) => kind)).not.toContain('LEXICON');
  });

  it('looks lexicon words up in Lucene after the typed words and the list’s synonyms, boosted down', () => {
    expect(expander.expand('who discovered it').luceneQuery).toBe('discovered discovery^0.3 detect^0.3 "find out"^0.3');
  });
});
