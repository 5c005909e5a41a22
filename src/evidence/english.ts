import { porterStem } from './porter-stemmer';

/**
 * How evidence compares a statement with a sentence: words cut as Lucene's
 * standard tokenizer cuts them (hyphens and slashes split, a possessive 's
 * dropped), lower-cased, British spellings read as American ones, stop words
 * and question words set aside, and every word reduced by the Porter stemmer
 * that the claim_text index's `english` analyzer also applies. Pure.
 */

export interface Token {
  /** The word as written, for showing what matched. */
  surface: string;
  /** Its comparison key: canonical spelling, stemmed. */
  stem: string;
  /** True for a stop word or question word: it never matches on its own. */
  stop: boolean;
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
}

/**
 * Lucene's English stop words (the `english` analyzer drops them from the
 * index), the words a question is built from, and pronouns: none of them
 * tells one sentence from another.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of', 'on', 'or',
  'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
  // questions and auxiliaries
  'who', 'whom', 'whose', 'what', 'which', 'when', 'where', 'why', 'how', 'whether', 'do', 'does', 'did', 'done', 'doing',
  'can', 'could', 'should', 'would', 'may', 'might', 'must', 'shall', 'has', 'have', 'had', 'having', 'been', 'being',
  'were', 'am', 'isn', 'aren', 'wasn', 'doesn', 'don', 'didn', 'cannot',
  // pronouns and fillers
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'she', 'him', 'her', 'his', 'its', 'them', 'those', 'from',
  'myself', 'ourselves', 'yourself', 'yourselves', 'himself', 'herself', 'itself', 'themselves',
  'about', 'any', 'some', 'just', 'really', 'still', 'also', 'than', 'so', 'very', 'much', 'many', 'more', 'most',
  'other', 'thing', 'things', 'kind', 'sort', 'there', 'here', 'tell', 'know', 'please', 'get', 'got', 'one',
]);

/** Letters, digits and marks; everything else (hyphens, slashes, apostrophes, punctuation) cuts. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** A possessive or contraction ending: the 's of "Bowlby's", the t of "don't" (the stem before it stays). */
const APOSTROPHE_TAIL = /^['’‘`´]\p{L}{1,2}(?![\p{L}\p{N}])/u;

/**
 * The text token offsets refer to: the text itself, or its NFKC form when
 * normalising changes its length (a ligature, a compatibility character).
 */
export function analysedText(text: string): string {
  const normalised = text.normalize('NFKC');
  return normalised.length === text.length ? text : normalised;
}

/** The words of a text with their keys; offsets refer to analysedText(text). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const source = analysedText(text);
  for (const match of source.matchAll(WORD)) {
    const start = match.index;
    const previous = tokens.at(-1);
    if (previous && APOSTROPHE_TAIL.test(source.slice(previous.end, start + match[0].length)) && start === previous.end + 1) continue;
    const surface = match[0];
    const lower = surface.toLowerCase();
    tokens.push({ surface, stem: stemOf(lower), stop: STOP_WORDS.has(lower), start, end: start + surface.length });
  }
  return tokens;
}

/**
 * The comparison key of one lower-case word: an irregular form's base,
 * canonical spelling, stemmed until the stemmer changes nothing more (one
 * pass takes one suffix: "developmental" → "development", a second →
 * "develop", as "develops" gives).
 */
export function stemOf(lowerWord: string): string {
  const known = stems.get(lowerWord);
  if (known !== undefined) return known;
  let stem = canonicalSpelling(IRREGULAR.get(lowerWord) ?? lowerWord);
  for (let pass = 0; pass < 3; pass++) {
    const next = porterStem(stem);
    if (next === stem) break;
    stem = next;
  }
  if (stems.size >= MAX_REMEMBERED_STEMS) stems.clear();
  stems.set(lowerWord, stem);
  return stem;
}

/**
 * Stems already computed: every request stems the words of its candidate
 * sentences, and a wiki's words repeat (stemming was a tenth of an evidence
 * request's CPU). Bounded: forgotten all at once when full.
 */
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 100_000;

/** Words a phrase is compared without: "the term" is "term", "a meta-analysis" is "meta analysis". */
const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);

/** The tokens a phrase is compared by: every word but an article, stop words included ("come up with"). */
export function phraseTokens(text: string): Token[] {
  return tokenize(text).filter((t) => !ARTICLES.has(t.surface.toLowerCase()));
}

/** A phrase's comparison keys. */
export const phraseKeys = (text: string): string[] => phraseTokens(text).map((t) => t.stem);

/** An irregular form's base ("came" → "come", "children" → "child"), or the word itself. */
export const baseForm = (lowerWord: string): string => IRREGULAR.get(lowerWord) ?? lowerWord;

/** Irregular forms the stemmer cannot reduce, by their base: "came up with" is "come up with". */
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  Object.entries({
    came: 'come', became: 'become', grew: 'grow', grown: 'grow', drew: 'draw', drawn: 'draw', arose: 'arise', arisen: 'arise',
    led: 'lead', began: 'begin', begun: 'begin', made: 'make', took: 'take', taken: 'take', gave: 'give', given: 'give',
    thought: 'think', felt: 'feel', held: 'hold', brought: 'bring', built: 'build', knew: 'know', known: 'know', saw: 'see',
    seen: 'see', wrote: 'write', written: 'write', shown: 'show', spoke: 'speak', spoken: 'speak', chose: 'choose',
    chosen: 'choose', fell: 'fall', fallen: 'fall', broke: 'break', broken: 'break', lost: 'lose', kept: 'keep', meant: 'mean',
    sought: 'seek', taught: 'teach', understood: 'understand', went: 'go', gone: 'go', told: 'tell', said: 'say', rose: 'rise',
    risen: 'rise', children: 'child', women: 'woman', men: 'man', worse: 'bad', worst: 'bad', better: 'good', best: 'good',
  }),
);

/**
 * Spelling pairs, British then American, each as the ending (or beginning)
 * that differs. An -ise verb needs the letters before it that such verbs have
 * (organise, stabilise, recognise, apologise, criticise, summarise ...), so
 * "promise", "exercise" and "arise" are left alone.
 */
const SPELLINGS: Array<[british: RegExp, american: string, back: RegExp, british: string]> = [
  [/^(\p{L}{2,}(?:al|il|yl|an|on|en|in|or|ar|at|it|gn|og|im|ic|as))is(ation|ations|e|es|ed|ing|er|ers)$/u, '$1iz$2',
   /^(\p{L}{2,}(?:al|il|yl|an|on|en|in|or|ar|at|it|gn|og|im|ic|as))iz(ation|ations|e|es|ed|ing|er|ers)$/u, '$1is$2'],
  [/^(\p{L}+(?:al|ar))ys(e|es|ed|ing)$/u, '$1yz$2', /^(\p{L}+(?:al|ar))yz(e|es|ed|ing)$/u, '$1ys$2'],
  [/^(\p{L}{3,})our(s|ed|ing|able|ite|ites|ful)?$/u, '$1or$2', /^(\p{L}{3,}(?:avi|av|ol|on|ab|um|ighb|rm|nd|rd|ap|eh|our))or(s|ed|ing|able|ite|ites|ful)?$/u, '$1our$2'],
  [/^(\p{L}{2,}[^aeiou])tre(s)?$/u, '$1ter$2', /^(\p{L}{2,}[^aeiou])ter(s)?$/u, '$1tre$2'],
  [/^(\p{L}{2,}[^aeiou])tred$/u, '$1tered', /^(\p{L}{2,}[^aeiou])tered$/u, '$1tred'],
  [/^(\p{L}+)ogramme(s)?$/u, '$1ogram$2', /^(\p{L}+)ogram(s)?$/u, '$1ogramme$2'],
  [/^(p|an|h|gyn|orthop|leuk|ischa)ae/u, '$1e', /^(p|an|h|gyn|orthop|leuk|ischa)e(d|m|t|s)/u, '$1ae$2'],
  [/^oe(str|soph|dem)/u, 'e$1', /^e(str|soph|dem)/u, 'oe$1'],
];

/**
 * British spellings read as American ones, so "stabilisation" meets
 * "stabilization" and "behaviour" meets "behavior". Applied to both sides of
 * every comparison, so a rule that rewrites every form of an unrelated word
 * ("contour" → "contor") changes nothing that is compared.
 */
export function canonicalSpelling(word: string): string {
  if (word.length < 5) return word;
  for (const [british, american] of SPELLINGS) if (british.test(word)) return word.replace(british, american);
  return word;
}

/**
 * The other spelling of a word, which a sentence in the index may use (the
 * index keeps words as written): "stabilization" → "stabilisation",
 * "behaviour" → "behavior". One no sentence uses costs Lucene a dictionary miss.
 */
export function spellingVariants(word: string): string[] {
  if (word.length < 5) return [];
  for (const [british, american, back, toBritish] of SPELLINGS) {
    if (british.test(word)) return [word.replace(british, american)];
    if (back.test(word)) return [word.replace(back, toBritish)];
  }
  return [];
}
