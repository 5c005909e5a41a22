/**
 * Decoding a sentence's trailing digits into the sources they cite.
 *
 * The export prints the markers of several sources run together: "42." is
 * sources 4 and 2, "911." sources 9 and 11, "1011?" sources 10 and 11. The
 * digits carry no separators, so a run can have several readings, one, or
 * none; and a sentence may simply end in a number ("… an item count of 18.").
 * The rule, stated in docs/model.md:
 *
 *  1. A reading cuts the digits into numbers without leading zeros, each a
 *     listed source (1..count), no number twice.
 *  2. When the word before the digits cannot end an English sentence ("was",
 *     "of", "than", "approximately" …), the digits are its complement, so text.
 *  3. No reading: text. One reading: that one. Several: the fewest numbers
 *     (the guide's own rule: "42" is source 42 once 42 sources are listed),
 *     then the largest numbers first, compared left to right ("112" with 12
 *     sources: 11 and 2 over 1 and 12). Every case but the single reading is
 *     reported, so an editor can check it.
 *  4. An article with no source list has nothing to cite: a trailing number
 *     that is not a year or a complement makes it unreadable.
 */

/** The source count of an article without a "Sources" list: its markers cannot be read at all. */
export const NO_SOURCE_LIST = -1;

/** Longest digit run considered a marker: 12 digits already allow several sources beyond 99. */
const MAX_MARKER_DIGITS = 12;

/** Words after which a number completes the sentence rather than marking its sources (compared lower-cased). */
const NUMBER_COMPLEMENT_WORDS = new Set([
  'was', 'were', 'is', 'are', 'be', 'been', 'am', 'of', 'than', 'the', 'a', 'an', 'and', 'or', 'about',
  'approximately', 'around', 'nearly', 'roughly', 'almost', 'circa', 'exactly', 'only', 'aged', 'age', 'ages',
  'n', '=', '~', '<', '>', '≤', '≥', '≈', 'plus', 'minus', 'totalled', 'totaled', 'equals', 'equalled', 'numbered',
]);

export type MarkerDecoding =
  /** The digits cite these sources; `alternatives` are the other valid readings, best first. */
  | { kind: 'sources'; sources: number[]; alternatives: number[][] }
  /** The digits are text; `alternatives` are the readings set aside (empty when none was valid). */
  | { kind: 'text'; reason: 'NO_READING' | 'COMPLEMENT' | 'TOO_LONG'; alternatives: number[][] }
  /** A marker in an article that lists no sources: nothing it could cite. */
  | { kind: 'unreadable' };

/**
 * Decodes `digits` (a run of 0-9) ending a sentence of an article listing
 * `sourceCount` sources; `wordBefore` is the word printed before the run.
 */
export function decodeMarker(digits: string, sourceCount: number, wordBefore: string): MarkerDecoding {
  if (digits.length > MAX_MARKER_DIGITS) return { kind: 'text', reason: 'TOO_LONG', alternatives: [] };
  const readings = markerReadings(digits, sourceCount).sort(compareReadings);
  if (NUMBER_COMPLEMENT_WORDS.has(bareWord(wordBefore))) return { kind: 'text', reason: 'COMPLEMENT', alternatives: readings };
  if (sourceCount === NO_SOURCE_LIST && !YEAR.test(digits)) return { kind: 'unreadable' };
  if (readings.length === 0) return { kind: 'text', reason: 'NO_READING', alternatives: [] };
  const [best, ...alternatives] = readings as [number[], ...number[][]];
  return { kind: 'sources', sources: best, alternatives };
}

/** Every way to cut `digits` into distinct source numbers 1..sourceCount, no leading zeros. */
export function markerReadings(digits: string, sourceCount: number): number[][] {
  const maxWidth = String(Math.max(sourceCount, 1)).length;
  const readings: number[][] = [];
  const cut = (from: number, taken: number[]): void => {
    if (from === digits.length) {
      readings.push([...taken]);
      return;
    }
    if (digits[from] === '0') return;
    for (let width = 1; width <= maxWidth && from + width <= digits.length; width++) {
      const number = Number(digits.slice(from, from + width));
      if (number > sourceCount) break;
      if (taken.includes(number)) continue;
      taken.push(number);
      cut(from + width, taken);
      taken.pop();
    }
  };
  cut(0, []);
  return readings;
}

/** Fewest numbers first; then the larger number at the first place they differ. */
function compareReadings(a: number[], b: number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (b[i] as number) - (a[i] as number);
  return 0;
}

const YEAR = /^(?:19|20)\d\d$/;

/** "was", "(was", "was," → "was": the word as compared against the complement list. */
const bareWord = (word: string): string => word.replace(/^[("“‘']+|[,;:"”’')]+$/g, '').toLowerCase();

/** "sources 11, 2" / "source 12": how a reading is named in warnings. */
export const describeReading = (sources: number[]): string =>
  `${sources.length === 1 ? 'source' : 'sources'} ${sources.join(', ')}`;
