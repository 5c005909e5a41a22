import { toLucenePrefixQuery, toLuceneTerms } from '../../src/graph/fulltext';

const HOSTILE = '"a" AND (b OR c)~ ^2 \\ / : * ? + - ! { } [ ] && || NOT TO';

describe('toLuceneTerms', () => {
  it('keeps the words, lower-cased and space-separated', () => {
    expect(toLuceneTerms('Earned Security and the AAI')).toBe('earned security the aai');
  });

  it('never lets Lucene syntax through', () => {
    const terms = toLuceneTerms(HOSTILE);
    expect(terms).toBe('a b c 2');
    expect(terms).toMatch(/^[\p{L}\p{N}]+( [\p{L}\p{N}]+)*$/u);
  });

  it('drops the words Lucene reads as operators, in any case', () => {
    expect(toLuceneTerms('attachment AND security OR not trauma to')).toBe('attachment security trauma');
  });

  it('lists each word once', () => {
    expect(toLuceneTerms('secure Secure SECURE base')).toBe('secure base');
  });

  it('splits words at punctuation', () => {
    expect(toLuceneTerms('Mentalization-Based; O’Connor’s (2008)')).toBe('mentalization based o connor s 2008');
  });

  it.each(['', '   ', '"*?~^\\/:(){}[]+-!&|', 'AND OR NOT TO'])('gives null for %j', (text) => {
    expect(toLuceneTerms(text)).toBeNull();
  });

  it('keeps at most maxTerms words, the first ones', () => {
    const text = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(toLuceneTerms(text)!.split(' ')).toHaveLength(32);
    expect(toLuceneTerms(text, 3)).toBe('w0 w1 w2');
  });

  it('counts repeated words once towards maxTerms', () => {
    expect(toLuceneTerms('a a a b c', 2)).toBe('a b');
  });

  it('keeps unicode words whole', () => {
    expect(toLuceneTerms('Padrón привязанность 愛着 Ærø')).toBe('padrón привязанность 愛着 ærø');
  });

  it('normalises compatibility characters (full-width letters, ligatures)', () => {
    expect(toLuceneTerms('ＡＡＩ ﬁne')).toBe('aai fine');
  });
});

describe('toLucenePrefixQuery', () => {
  it('adds the last word again with a trailing wildcard', () => {
    expect(toLucenePrefixQuery('earned secu')).toBe('earned secu secu*');
    expect(toLucenePrefixQuery('AAI')).toBe('aai aai*');
  });

  it('never lets Lucene syntax through apart from its own trailing *', () => {
    const query = toLucenePrefixQuery(HOSTILE)!;
    expect(query).toBe('a b c 2 2*');
    expect(query).toMatch(/^[\p{L}\p{N}]+( [\p{L}\p{N}]+)* [\p{L}\p{N}]+\*$/u);
  });

  it.each(['', '***', 'OR'])('gives null for %j', (text) => {
    expect(toLucenePrefixQuery(text)).toBeNull();
  });

  it('keeps at most 16 words by default, plus the wildcard copy of the last', () => {
    const text = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    const words = toLucenePrefixQuery(text)!.split(' ');
    expect(words).toHaveLength(17);
    expect(words.at(-1)).toBe('w15*');
    expect(toLucenePrefixQuery(text, 2)).toBe('w0 w1 w1*');
  });
});

describe('scripts with combining marks', () => {
  it('keeps Devanagari words whole', () => {
    expect(toLuceneTerms('हिन्दी मनोविज्ञान')).toBe('हिन्दी मनोविज्ञान');
  });
});
