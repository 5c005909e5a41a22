/**
 * Turns free text into a Lucene query that cannot fail to parse: the words
 * only, OR-ed (Lucene's default), at most `maxTerms` of them. Lucene syntax
 * characters never reach the index, so user text cannot change the query's meaning.
 */
export function toLuceneTerms(text: string, maxTerms = 32): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words.map((word) => word.toLowerCase()))].filter((word) => !LUCENE_OPERATORS.has(word));
  return unique.length && maxTerms > 0 ? unique.slice(0, maxTerms).join(' ') : null;
}

/** Words Lucene reads as operators in upper case; lower-cased they are ordinary, but skip them anyway. */
const LUCENE_OPERATORS = new Set(['and', 'or', 'not', 'to']);

/** The same, with a trailing wildcard on the last word, for search-as-you-type. */
export function toLucenePrefixQuery(text: string, maxTerms = 16): string | null {
  const terms = toLuceneTerms(text, maxTerms);
  return terms ? `${terms} ${terms.split(' ').at(-1)}*` : null;
}

/** Lucene's default limit on clauses in one query. */
const MAX_CLAUSES = 1000;

/**
 * Exact phrases, OR-ed, in as many queries as Lucene's clause limit needs:
 * `"adult attachment interview" "aai"`. Phrases keep only word characters.
 */
export function toLucenePhraseQueries(phrases: string[]): string[] {
  const quoted = [...new Set(phrases.map((phrase) => toLuceneTerms(phrase, 16)).filter((terms): terms is string => terms !== null))].map(
    (terms) => `"${terms}"`,
  );
  const queries: string[] = [];
  for (let i = 0; i < quoted.length; i += MAX_CLAUSES) queries.push(quoted.slice(i, i + MAX_CLAUSES).join(' '));
  return queries;
}
