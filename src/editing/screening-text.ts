import unhomoglyph from 'unhomoglyph';

/**
 * The text PHI screening reads: what a person sees, spelled the plain way, so
 * that a pattern written for "(555) 123-4567" or "Jane" also finds
 * "(５５５) １２３‑４５６７" or "Jаne" (Cyrillic а). Per character:
 *
 * - invisible characters (format controls: zero-width space and joiners, soft
 *   hyphen, direction marks, bidi controls) and combining marks (accents) are
 *   dropped: "José" reads "Jose";
 * - compatibility forms are decomposed (NFKD): full-width letters, digits and
 *   punctuation, ligatures, mathematical letters;
 * - every space separator (no-break, thin, ideographic) reads as a space, every
 *   dash and the minus sign as "-", every decimal digit (Arabic-Indic,
 *   Devanagari …) as its ASCII digit;
 * - a letter or sign that Unicode lists as confusable with ASCII
 *   (confusables.txt, through the `unhomoglyph` package) reads as that ASCII:
 *   Cyrillic "а" as "a", Greek "Ο" as "O", "’" as "'". ASCII itself is left
 *   alone: the confusables skeleton would also turn "0" into "O" and "m" into "rn".
 *
 * `offsets[i]` is where the character at `text[i]` came from in the original
 * (UTF-16 index), so findings point at the text as written.
 */
export interface ScreeningText {
  text: string;
  /** Null when the text is plain ASCII and was kept as it is. */
  offsets: number[] | null;
}

const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;

export function screeningText(original: string): ScreeningText {
  if (PLAIN_ASCII.test(original)) return { text: original, offsets: null };
  let text = '';
  const offsets: number[] = [];
  let at = 0;
  for (const character of original) {
    const folded = character.charCodeAt(0) < 0x80 ? character : fold(character);
    for (let k = 0; k < folded.length; k++) offsets.push(at);
    text += folded;
    at += character.length;
  }
  offsets.push(original.length);
  return { text, offsets };
}

/** Where `index` of the screening text lies in the original. */
export const originalIndex = (screened: ScreeningText, index: number): number => screened.offsets?.[index] ?? index;

const DROPPED = /[\p{Cf}\p{M}]/u;
const SPACE = /[\p{Zs}\s]/u;
const DASH = /[\p{Pd}\u2212]/u;
const DIGIT = /\p{Nd}/u;

/** One non-ASCII character as the screen reads it (possibly several characters, possibly none). */
function fold(character: string): string {
  if (DROPPED.test(character)) return '';
  let result = '';
  for (const part of character.normalize('NFKD')) {
    if (part.charCodeAt(0) < 0x80) result += part;
    else if (DROPPED.test(part)) continue;
    else if (SPACE.test(part)) result += ' ';
    else if (DASH.test(part)) result += '-';
    else if (DIGIT.test(part)) result += digitValue(part);
    else result += asciiLookalike(part);
  }
  return result;
}

/** The ASCII a confusable character looks like, or the character itself when it looks like no ASCII. */
function asciiLookalike(character: string): string {
  const skeleton = unhomoglyph(character);
  return PLAIN_ASCII.test(skeleton) && skeleton.length > 0 ? skeleton : character;
}

/**
 * Decimal digits come in runs of ten, zero first (Unicode guarantees it for
 * Nd): the value is the distance from the run's zero. ASCII, full-width and
 * mathematical digits never get here (ASCII, or NFKD made them ASCII).
 */
function digitValue(digit: string): string {
  const code = digit.codePointAt(0)!;
  let zero = code;
  while (code - zero < 9 && DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return String(code - zero);
}
