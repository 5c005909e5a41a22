import { canonicalSpelling, phraseKeys, spellingVariants, stemOf, tokenize } from '../../src/evidence/english';
import { porterStem } from '../../src/evidence/porter-stemmer';

describe('porterStem (Porter 1980, as Lucene’s PorterStemFilter)', () => {
  // Pairs from Porter's paper and his published vocabulary/output lists.
  it.each([
    ['caresses', 'caress'], ['ponies', 'poni'], ['ties', 'ti'], ['caress', 'caress'], ['cats', 'cat'],
    ['feed', 'feed'], ['agreed', 'agre'], ['plastered', 'plaster'], ['bled', 'bled'], ['motoring', 'motor'], ['sing', 'sing'],
    ['conflated', 'conflat'], ['troubled', 'troubl'], ['sized', 'size'], ['hopping', 'hop'], ['tanned', 'tan'], ['falling', 'fall'],
    ['hissing', 'hiss'], ['fizzed', 'fizz'], ['failing', 'fail'], ['filing', 'file'], ['happy', 'happi'], ['sky', 'sky'],
    ['relational', 'relat'], ['conditional', 'condit'], ['rational', 'ration'], ['valenci', 'valenc'], ['digitizer', 'digit'],
    ['conformabli', 'conform'], ['radicalli', 'radic'], ['differentli', 'differ'], ['vileli', 'vile'], ['analogousli', 'analog'],
    ['vietnamization', 'vietnam'], ['predication', 'predic'], ['operator', 'oper'], ['feudalism', 'feudal'], ['decisiveness', 'decis'],
    ['hopefulness', 'hope'], ['callousness', 'callous'], ['formaliti', 'formal'], ['sensitiviti', 'sensit'], ['sensibiliti', 'sensibl'],
    ['triplicate', 'triplic'], ['formative', 'form'], ['formalize', 'formal'], ['electriciti', 'electr'], ['electrical', 'electr'],
    ['hopeful', 'hope'], ['goodness', 'good'], ['revival', 'reviv'], ['allowance', 'allow'], ['inference', 'infer'], ['airliner', 'airlin'],
    ['gyroscopic', 'gyroscop'], ['adjustable', 'adjust'], ['defensible', 'defens'], ['irritant', 'irrit'], ['replacement', 'replac'],
    ['adjustment', 'adjust'], ['dependent', 'depend'], ['adoption', 'adopt'], ['homologou', 'homolog'], ['communism', 'commun'],
    ['activate', 'activ'], ['angulariti', 'angular'], ['homologous', 'homolog'], ['effective', 'effect'], ['bowdlerize', 'bowdler'],
    ['probate', 'probat'], ['rate', 'rate'], ['cease', 'ceas'], ['controll', 'control'], ['roll', 'roll'], ['generalizations', 'gener'],
    ['oscillators', 'oscil'], ['analogy', 'analog'],
  ])('%s → %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it('leaves words of one or two letters, and anything but lower-case ASCII letters, alone', () => {
    expect(['is', 'as', 'a', 'AAI', 'padrón', '2024', 'self-report'].map(porterStem)).toEqual(['is', 'as', 'a', 'AAI', 'padrón', '2024', 'self-report']);
  });
});

describe('stemOf: the comparison key of a word', () => {
  it('gives every form of a word one key, derived nouns and adjectives too', () => {
    expect(new Set(['develop', 'developed', 'develops', 'developing', 'development', 'developmental'].map(stemOf))).toEqual(new Set(['develop']));
    expect(new Set(['valid', 'validity', 'validation', 'validated'].map(stemOf))).toEqual(new Set(['valid']));
  });

  it('reads British spellings as American ones', () => {
    expect(stemOf('stabilisation')).toBe(stemOf('stabilization'));
    expect(stemOf('organised')).toBe(stemOf('organized'));
    expect(stemOf('behaviour')).toBe(stemOf('behaviors'));
    expect(stemOf('centred')).toBe(stemOf('centered'));
    expect(stemOf('paediatric')).toBe(stemOf('pediatric'));
    expect(stemOf('programme')).toBe(stemOf('programs'));
  });

  it('knows the irregular forms the stemmer cannot reduce', () => {
    expect(stemOf('came')).toBe(stemOf('come'));
    expect(stemOf('grew')).toBe(stemOf('grows'));
    expect(stemOf('children')).toBe(stemOf('child'));
  });
});

describe('canonicalSpelling and spellingVariants', () => {
  it('rewrites -ise verbs only after the letters such verbs have', () => {
    expect(['organise', 'recognised', 'criticising', 'summarisation', 'apologise'].map(canonicalSpelling)).toEqual([
      'organize', 'recognized', 'criticizing', 'summarization', 'apologize',
    ]);
    expect(['promise', 'exercise', 'arise', 'arising', 'precise', 'advise', 'surprise'].map(canonicalSpelling)).toEqual([
      'promise', 'exercise', 'arise', 'arising', 'precise', 'advise', 'surprise',
    ]);
  });

  it('gives the other spelling for the index, either way', () => {
    expect(spellingVariants('stabilization')).toEqual(['stabilisation']);
    expect(spellingVariants('stabilisation')).toEqual(['stabilization']);
    expect(spellingVariants('behavior')).toEqual(['behaviour']);
    expect(spellingVariants('behaviour')).toEqual(['behavior']);
    expect(spellingVariants('therapy')).toEqual([]);
  });
});

describe('tokenize', () => {
  it('cuts at hyphens, slashes and punctuation, drops a possessive, keeps offsets', () => {
    const text = 'Bowlby’s client-centred stance (RFQ), an 11-point scale; don’t';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.surface)).toEqual(['Bowlby', 'client', 'centred', 'stance', 'RFQ', 'an', '11', 'point', 'scale', 'don']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.surface);
  });

  it('marks stop and question words', () => {
    expect(tokenize('who coined the term').map((t) => [t.surface, t.stop])).toEqual([
      ['who', true],
      ['coined', false],
      ['the', true],
      ['term', false],
    ]);
    // Reflexive pronouns tell one sentence from another no more than the others do.
    expect(tokenize('changes the schemas themselves').filter((t) => !t.stop).map((t) => t.surface)).toEqual(['changes', 'schemas']);
  });

  it('compares phrases without articles but with their other small words', () => {
    expect(phraseKeys('the Skills Training in Affective and Interpersonal Regulation')).toEqual(['skill', 'train', 'in', 'affect', 'and', 'interperson', 'regul']);
    expect(phraseKeys('came up with a')).toEqual(['come', 'up', 'with']);
  });
});
