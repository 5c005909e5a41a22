/**
 * Abbreviations an article defines in passing: "Reflective Functioning
 * Questionnaire (RFQ)", "Complex post-traumatic stress disorder (complex PTSD)".
 *
 * The algorithm of Schwartz & Hearst (2003, "A simple algorithm for
 * identifying abbreviation definitions in biomedical text"): a short form in
 * parentheses (at most two words, a capital letter among its characters) after
 * a long form whose words, read backwards, contain every letter and digit of
 * the short form in order, the short form's first character starting a word.
 * The long form is the shortest such run of words just before the parenthesis.
 * Also "PTSD (post-traumatic stress disorder)", the other way round.
 */

export interface Abbreviation {
  longForm: string;
  shortForm: string;
}

/** "( … )" not containing another parenthesis: the candidate short form, and where it starts. */
const PARENTHESISED = /\(([^()]{1,60})\)/g;
const MAX_SHORT_FORM_CHARS = 12;

export function findAbbreviations(sentence: string): Abbreviation[] {
  const found: Abbreviation[] = [];
  for (const match of sentence.matchAll(PARENTHESISED)) {
    const inside = (match[1] as string).trim();
    const before = sentence.slice(0, match.index ?? 0).trimEnd();
    const definition = isShortForm(inside) ? longFormBefore(before, inside) : reversedDefinition(before, inside);
    if (definition) found.push(definition);
  }
  return found;
}

function isShortForm(text: string): boolean {
  const words = text.split(/\s+/);
  return (
    words.length <= 2 &&
    text.length <= MAX_SHORT_FORM_CHARS + (words.length - 1) * 10 &&
    /^[\p{L}\p{N}]/u.test(text) &&
    /\p{Lu}/u.test(words[words.length - 1] as string) &&
    /\p{L}/u.test(text)
  );
}

/**
 * The run of words just before the parenthesis that the short form abbreviates:
 * the one whose initials are its letters ("Adult Attachment Interview" for
 * AAI, where Schwartz & Hearst alone would stop at "Attachment Interview"),
 * else the shortest that spells it; null when none does.
 */
function longFormBefore(before: string, shortForm: string): Abbreviation | null {
  const words = before.split(/\s+/).filter(Boolean);
  const letters = shortForm.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  const maxWords = Math.min(Math.min(letters.length + 5, letters.length * 2), words.length);
  const candidates: string[] = [];
  for (let count = 1; count <= maxWords; count++) {
    const candidate = words.slice(words.length - count).join(' ');
    if (/[.;:!?]/.test(candidate.slice(0, -1))) break; // never across a sentence or clause break
    candidates.push(candidate.replace(/^[“"‘'(]+|[,;:]+$/g, ''));
  }
  const longForm =
    candidates.find((c) => initials(c) === letters || initials(c, { significantOnly: true }) === letters) ??
    candidates.find((c) => spells(c, shortForm) && !FUNCTION_WORDS.has(c.split(' ')[0]!.toLowerCase()));
  return longForm && !sameWords(longForm, shortForm) ? { longForm, shortForm } : null;
}

/** Words an abbreviation skips ("Attachment and Biobehavioral Catch-up" is ABC) and a long form never starts with. */
const FUNCTION_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'for', 'to', 'with', 'by', 'at', 'or', 'from']);

/**
 * "Mentalization-Based Treatment" → "mbt": the first letter of every word and
 * hyphenated part; significant only: without function words and lower-case
 * hyphenated tails ("Attachment and Biobehavioral Catch-up" → "abc").
 */
function initials(text: string, options: { significantOnly?: boolean } = {}): string {
  return text
    .split(/\s+/)
    .filter((word) => !options.significantOnly || !FUNCTION_WORDS.has(word.toLowerCase()))
    .flatMap((word) => word.split('-').filter((part, index) => index === 0 || !options.significantOnly || !/^\p{Ll}/u.test(part)))
    .map((part) => part.replace(/^[^\p{L}\p{N}]+/u, '')[0] ?? '')
    .join('')
    .toLowerCase();
}

/** "PTSD (post-traumatic stress disorder)": the word before is the short form. */
function reversedDefinition(before: string, inside: string): Abbreviation | null {
  const shortForm = before.split(/\s+/).pop()?.replace(/^[“"‘'(]+/, '') ?? '';
  if (!shortForm || !/^\p{Lu}[\p{Lu}\p{N}&-]+s?$/u.test(shortForm) || inside.split(/\s+/).length > 8) return null;
  return spells(inside, shortForm) ? { longForm: inside, shortForm } : null;
}

/**
 * Schwartz & Hearst's match: every letter or digit of the short form, from the
 * last, is found in the long form going backwards; the first one at the start
 * of a word.
 */
function spells(longForm: string, shortForm: string): boolean {
  const short = shortForm.toLowerCase();
  const long = longForm.toLowerCase();
  let l = long.length - 1;
  for (let s = short.length - 1; s >= 0; s--) {
    const ch = short[s] as string;
    if (!/[\p{L}\p{N}]/u.test(ch)) continue;
    const first = s === 0 || !/[\p{L}\p{N}]/u.test(short.slice(0, s));
    while (l >= 0 && (long[l] !== ch || (first && l > 0 && /[\p{L}\p{N}]/u.test(long[l - 1] as string)))) l--;
    if (l < 0) return false;
    l--;
  }
  return true;
}

/** "(complex)" after "complex" is no abbreviation. */
const sameWords = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
