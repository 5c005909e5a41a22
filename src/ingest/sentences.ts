import { ArticleFormatError } from '../errors';
import type { ClaimProvenance } from '../model/article';
import { decodeMarker, describeReading } from './markers';
import type { ParseWarnings } from './parse-warnings';

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
  // Periods inside a parenthesis or a quotation that closes later in the paragraph end no
  // sentence: 'the STOP skill (“Stop. Take a step back. Observe.”) is …' is one.
  const enclosures = new Enclosures(paragraph);
  let start = 0;
  let i = 0;
  while (i < paragraph.length) {
    if (!TERMINAL.includes(paragraph[i] as string)) {
      enclosures.pass(i);
      i++;
      continue;
    }
    let end = i + 1;
    while (end < paragraph.length && TERMINAL.includes(paragraph[end] as string)) end++;
    while (end < paragraph.length && SENTENCE_CLOSERS.includes(paragraph[end] as string)) enclosures.pass(end++);
    let next = end;
    while (next < paragraph.length && isSpace(paragraph[next])) next++;
    const endsSentence =
      next > end &&
      next < paragraph.length &&
      startsSentence(paragraph[next] as string) &&
      !enclosures.openAndClosingAfter(end) &&
      !(paragraph[i] === '.' && endsWithAbbreviation(paragraph, i));
    if (endsSentence) {
      pushNonEmpty(sentences, paragraph.slice(start, end));
      start = next;
    }
    i = end;
  }
  pushNonEmpty(sentences, paragraph.slice(start));
  return joinDetachedMarkers(sentences);
}

/** How deep a scan is inside parentheses and curly double quotes, counted as it passes each character. */
class Enclosures {
  private parentheses = 0;
  private quotes = 0;
  private readonly lastParenthesisClose: number;
  private readonly lastQuoteClose: number;

  constructor(private readonly text: string) {
    this.lastParenthesisClose = text.lastIndexOf(')');
    this.lastQuoteClose = text.lastIndexOf('”');
  }

  pass(index: number): void {
    const ch = this.text[index];
    if (ch === '(') this.parentheses++;
    else if (ch === ')') this.parentheses = Math.max(0, this.parentheses - 1);
    else if (ch === '“') this.quotes++;
    else if (ch === '”') this.quotes = Math.max(0, this.quotes - 1);
  }

  /** Inside an enclosure that a later character closes (an unclosed one does not hold the rest of the paragraph). */
  openAndClosingAfter(index: number): boolean {
    return (this.parentheses > 0 && this.lastParenthesisClose >= index) || (this.quotes > 0 && this.lastQuoteClose >= index);
  }
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
 * sentence are never markers; trailing digits are decoded by `decodeMarker`
 * (markers.ts), and every reading it doubts is added to `warnings`.
 */
export function readMarker(sentence: string, sourceCount: number, line: number, warnings: ParseWarnings): MarkedSentence {
  const trimmed = sentence.trim();
  const unmarked: MarkedSentence = { text: trimmed, provenance: 'UNMARKED', sourceNumbers: [] };
  const { token, before, after } = trailingToken(trimmed);
  if (!before) return unmarked;
  const text = endsWithTerminal(before) ? before : before + after;
  if (token === LLM_TAG) return { text, provenance: 'LLM', sourceNumbers: [] };
  if (!/^\d+$/.test(token)) return unmarked;

  const decoding = decodeMarker(token, sourceCount, lastWord(before));
  if (decoding.kind === 'unreadable') {
    throw new ArticleFormatError(line, `a sentence ends in source marker ${token} but the article has no "Sources" list`);
  }
  const alternatives = decoding.alternatives.map(describeReading);
  if (decoding.kind === 'text') {
    warnings.add(line, 'NUMBER_NOT_MARKER', {
      found: token,
      reading: 'text',
      alternatives,
      message: `"${excerptEnd(trimmed)}" ends in ${token}, read as text, not a source marker: ${WHY_TEXT[decoding.reason](token, sourceCount, before)}${
        alternatives.length > 0 ? ` (it could cite ${alternatives.join(' or ')})` : ''
      }`,
    });
    return unmarked;
  }
  if (alternatives.length > 0) {
    const reading = describeReading(decoding.sources);
    warnings.add(line, 'AMBIGUOUS_MARKER', {
      found: token,
      reading,
      alternatives,
      message: `marker ${token} of "${excerptEnd(trimmed)}" read as ${reading}; it could also be ${alternatives.join(' or ')}`,
    });
  }
  return { text, provenance: 'CITED', sourceNumbers: decoding.sources };
}

const WHY_TEXT: Record<'NO_READING' | 'COMPLEMENT' | 'TOO_LONG', (token: string, count: number, before: string) => string> = {
  NO_READING: (token, count) =>
    count < 1 ? 'the article lists no sources' : `no way to read it as distinct sources among the ${count} listed${/^(?:19|20)\d\d$/.test(token) ? ' (a year?)' : ''}`,
  COMPLEMENT: (_token, _count, before) => `a sentence does not end on "${lastWord(before)}", so the number completes it`,
  TOO_LONG: () => 'too many digits for a marker',
};

const lastWord = (text: string): string => text.slice(text.search(/\S+$/)).trim();

/** The end of a long sentence, for naming it in a warning. */
const excerptEnd = (text: string): string => (text.length > 60 ? `…${text.slice(-59)}` : text);
