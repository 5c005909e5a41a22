import { ArticleFormatError } from '../errors';
import type { ClaimProvenance } from './article';

/**
 * Sentence splitting and marker reading for the wiki export.
 *
 * In the export every sentence ends with its support: source markers ("… in
 * adulthood 4.", "… a fringe idea 42.") or the tag LLM ("… a clinician
 * delivers LLM."). A sentence with neither is UNMARKED.
 */

/** One line of the file with its 1-based number, the unit every error names. */
export interface NumberedLine {
  number: number;
  text: string;
}

export interface MarkedSentence {
  /** The sentence without its marker or tag, terminal punctuation kept. */
  text: string;
  provenance: ClaimProvenance;
  sourceNumbers: number[];
}

const TERMINAL = '.?!';
/** Quotes and brackets that may close a sentence after its terminal punctuation: `… to me.”` */
const SENTENCE_CLOSERS = '”’"\')]';
/** Only quotes may follow the punctuation that follows a marker: `… safe 4.”` (a parenthesis would make `(Table 4).` a marker). */
const QUOTE_CLOSERS = '”’"\'';
const SENTENCE_OPENERS = '“‘"\'([';
const LLM_TAG = 'LLM';

/** Words whose period does not end a sentence (compared lower-cased, without the period). */
const ABBREVIATIONS = new Set([
  'al', 'approx', 'ca', 'cf', 'ch', 'dr', 'ed', 'eds', 'esp', 'fig', 'figs', 'jr', 'mr', 'mrs', 'ms',
  'p', 'pp', 'prof', 'resp', 'sr', 'st', 'v', 'viz', 'vol', 'vs',
]);
/** "e.g", "i.e", "U.S": letters separated by periods (the last period is the one being tested). */
const DOTTED_ABBREVIATION = /^(?:[a-z]\.)+[a-z]$/i;
/** A marker or tag that sentence splitting cut off on its own: "… state of mind. LLM". */
const DETACHED_MARKER = /^(?:LLM|\d+)[.?!]?$/;
/** Longest token worth inspecting for an abbreviation; bounds the look-back on pathological input. */
const MAX_ABBREVIATION_LENGTH = 24;

export const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);
export const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
/** Unicode-aware: "É" and "Ö" count, digits and punctuation do not. */
export const isUpperLetter = (ch: string | undefined): boolean =>
  ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
export const isLowerLetter = (ch: string | undefined): boolean =>
  ch !== undefined && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
export const isBlank = (text: string): boolean => text.trim() === '';

const LIST_MARKER = /^\s*(?:[•‣◦▪▸*–-]|\d{1,3}[.)])\s+/;
/** "  • When a client …" and "  1. …" are list items; the export indents them. */
export const isListItem = (text: string): boolean => LIST_MARKER.test(text);
export const stripListMarker = (text: string): string => text.replace(LIST_MARKER, '').trim();

/**
 * Splits a paragraph into sentences, keeping each exactly as printed.
 *
 * A sentence ends at . ? or ! (optionally followed by closing quotes or
 * brackets) when whitespace and then an upper-case letter, a digit or an
 * opening quote/bracket follow, except after an abbreviation ("e.g.", "et al.",
 * "vs.") or an initial ("G. I."). A marker cut off after the period
 * ("… mind. LLM") is joined back to its sentence.
 */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  let i = 0;
  while (i < paragraph.length) {
    if (!TERMINAL.includes(paragraph[i] as string)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < paragraph.length && TERMINAL.includes(paragraph[end] as string)) end++;
    while (end < paragraph.length && SENTENCE_CLOSERS.includes(paragraph[end] as string)) end++;
    let next = end;
    while (next < paragraph.length && isSpace(paragraph[next])) next++;
    const endsSentence =
      next > end &&
      next < paragraph.length &&
      startsSentence(paragraph[next] as string) &&
      !(paragraph[i] === '.' && endsWithAbbreviation(paragraph, i));
    if (endsSentence) {
      pushNonEmpty(sentences, paragraph.slice(start, end));
      start = next;
      i = next;
    } else {
      i = end;
    }
  }
  pushNonEmpty(sentences, paragraph.slice(start));
  return joinDetachedMarkers(sentences);
}

function pushNonEmpty(into: string[], sentence: string): void {
  const trimmed = sentence.trim();
  if (trimmed) into.push(trimmed);
}

const startsSentence = (ch: string): boolean => isUpperLetter(ch) || isDigit(ch) || SENTENCE_OPENERS.includes(ch);

/** True when the period at `dotIndex` closes an abbreviation or an initial rather than a sentence. */
function endsWithAbbreviation(text: string, dotIndex: number): boolean {
  let tokenStart = dotIndex;
  while (tokenStart > 0 && !isSpace(text[tokenStart - 1]) && dotIndex - tokenStart < MAX_ABBREVIATION_LENGTH) tokenStart--;
  let token = text.slice(tokenStart, dotIndex);
  while (token && SENTENCE_OPENERS.includes(token[0] as string)) token = token.slice(1);
  if (token.length === 1 && isUpperLetter(token)) return true; // an initial: "Roisman, G. I."
  return ABBREVIATIONS.has(token.toLowerCase()) || DOTTED_ABBREVIATION.test(token);
}

function joinDetachedMarkers(sentences: string[]): string[] {
  const joined: string[] = [];
  for (const sentence of sentences) {
    if (joined.length > 0 && DETACHED_MARKER.test(sentence)) joined[joined.length - 1] += ` ${sentence}`;
    else joined.push(sentence);
  }
  return joined;
}

/** True when the text, closing quotes aside, ends in . ? or ! */
function endsWithTerminal(text: string): boolean {
  let end = text.length;
  while (end > 0 && SENTENCE_CLOSERS.includes(text[end - 1] as string)) end--;
  return end > 0 && TERMINAL.includes(text[end - 1] as string);
}

interface TrailingToken {
  /** The last whitespace-separated word before any terminal punctuation. */
  token: string;
  /** Everything before the token, right-trimmed. */
  before: string;
  /** The terminal punctuation (and closing quotes) after the token. */
  after: string;
}

function trailingToken(sentence: string): TrailingToken {
  let tokenEnd = sentence.length;
  while (tokenEnd > 0 && QUOTE_CLOSERS.includes(sentence[tokenEnd - 1] as string)) tokenEnd--;
  while (tokenEnd > 0 && TERMINAL.includes(sentence[tokenEnd - 1] as string)) tokenEnd--;
  let tokenStart = tokenEnd;
  while (tokenStart > 0 && !isSpace(sentence[tokenStart - 1])) tokenStart--;
  return {
    token: sentence.slice(tokenStart, tokenEnd),
    before: sentence.slice(0, tokenStart).trimEnd(),
    after: sentence.slice(tokenEnd),
  };
}

/**
 * True when the text reads as a finished sentence: it ends in terminal
 * punctuation, either after its marker ("… safe 6?") or before a detached tag
 * ("… state of mind. LLM"). SMART table rows end in a bare marker and are not.
 */
export function endsLikeSentence(text: string): boolean {
  const trimmed = text.trim();
  if (endsWithTerminal(trimmed)) return true;
  const { token, before } = trailingToken(trimmed);
  return (token === LLM_TAG || /^\d+$/.test(token)) && endsWithTerminal(before);
}

/**
 * Reads the sentence's final marker or LLM tag.
 *
 * The marker is the last whitespace-separated token, just before the terminal
 * punctuation ("… idea 42.") or after it ("… mind. LLM"). Its text is the
 * sentence without that token, terminal punctuation kept. Numbers inside the
 * sentence are never markers; see `resolveMarker` for trailing numbers.
 */
export function readMarker(sentence: string, sourceCount: number, line: number): MarkedSentence {
  const trimmed = sentence.trim();
  const unmarked: MarkedSentence = { text: trimmed, provenance: 'UNMARKED', sourceNumbers: [] };
  const { token, before, after } = trailingToken(trimmed);
  if (!before) return unmarked;

  let sourceNumbers: number[] | null = null;
  if (token === LLM_TAG) sourceNumbers = [];
  else if (/^\d+$/.test(token)) sourceNumbers = resolveMarker(token, sourceCount, line);
  if (sourceNumbers === null) return unmarked;

  const text = endsWithTerminal(before) ? before : before + after;
  return { text, provenance: token === LLM_TAG ? 'LLM' : 'CITED', sourceNumbers };
}

/**
 * Which sources a trailing number cites, or null when the number is ordinary text.
 *
 * Markers for several sources are printed run together ("42" = sources 4 and 2),
 * so, with `count` sources listed:
 *  1. a number from 1 to `count` is that one source ("12" with 15 sources);
 *  2. a year (1900–2099) that is not a source number is text ("… in 2024.");
 *  3. a number containing 0 is text: 0 is never a source, so it cannot be run-together markers;
 *  4. otherwise each digit is a source, in order, duplicates dropped ("42" → [4, 2]);
 *     a digit above `count` is an error: the article cites a source it does not list ("9" with 7 sources).
 */
export function resolveMarker(token: string, count: number, line: number): number[] | null {
  const whole = token.length <= 6 ? Number(token) : Number.POSITIVE_INFINITY;
  if (whole >= 1 && whole <= count) return [whole];
  if (/^(?:19|20)\d\d$/.test(token)) return null;
  if (token.includes('0')) return null;
  const digits = [...token].map(Number);
  const missing = digits.find((digit) => digit > count);
  if (missing !== undefined) {
    const cited = token.length === 1 ? `source ${missing}` : `source ${missing} (marker ${token})`;
    throw new ArticleFormatError(line, `a sentence cites ${cited} but the article lists ${count} ${count === 1 ? 'source' : 'sources'}`);
  }
  return [...new Set(digits)];
}
