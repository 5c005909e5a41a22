/**
 * How the cross-link matcher cuts names and text into comparable tokens. Names and text go
 * through the same rule, so a name matches wherever its token sequence appears.
 */

/**
 * A token is a maximal run of word characters: Unicode letters, digits and combining marks
 * (WORD_CHAR). A hyphen (ASCII, U+2010 or U+2011) between two word characters joins them,
 * so "earned-security" is ONE token and never matches the name "Earned security".
 * Apostrophes and every other character split, so "AAI’s" gives "AAI" + "s" and possessives
 * still link. As a regex that is `W+(?:[-\u2010\u2011]W+)*` with W = WORD_CHAR's class, and
 * the tests check the scanner against exactly that regex.
 *
 * The scanner below applies the rule by hand because the Unicode-property regex alone took
 * most of the matching time; the scan also tells which tokens are pure ASCII and can skip NFKC.
 */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** Word-character class of each BMP code unit, filled on first sight: 0 unknown, 1 word, 2 not. */
const bmpClass = new Uint8Array(0x10000);

/** Code units taken by the word character at `i` (2 for an astral one), or 0 if there is none. */
function wordWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    if (bmpClass[c] === 0) bmpClass[c] = WORD_CHAR.test(text[i]) ? 1 : 2;
    return bmpClass[c] === 1 ? 1 : 0;
  }
  // A surrogate pair: astral letters are rare enough to test each time. Lone surrogates are not words.
  const cp = text.codePointAt(i)!;
  return cp > 0xffff && WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
}

const isHyphen = (c: number) => c === 0x2d || c === 0x2010 || c === 0x2011;

/**
 * The comparison key of a token: compatibility-normalised (full-width letters, ligatures,
 * composed vs decomposed accents compare equal) and lower-cased without a locale.
 * Only used for comparison; offsets always come from the original text.
 */
function tokenKey(token: string, ascii: boolean): string {
  if (ascii) return token.toLowerCase(); // NFKC leaves ASCII as it is
  const key = token.normalize('NFKC').toLowerCase();
  // NFKC already turns U+2011 into U+2010; spell every hyphen the ASCII way.
  return key.includes('\u2010') ? key.replaceAll('\u2010', '-') : key;
}

/** Calls `visit` for each token of `text`, in order, with its key and UTF-16 offsets. */
export function forEachToken(text: string, visit: (key: string, start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let width = wordWidth(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    for (;;) {
      // A non-ASCII character (astral ones too) starts with a code unit above 0x7f.
      if (text.charCodeAt(i) > 0x7f) ascii = false;
      i += width;
      if (i >= n) break;
      width = wordWidth(text, i);
      if (width > 0) continue;
      // A hyphen joins only when a word character follows it.
      const hyphen = text.charCodeAt(i);
      if (!isHyphen(hyphen) || i + 1 >= n || (width = wordWidth(text, i + 1)) === 0) break;
      if (hyphen > 0x7f) ascii = false;
      i++;
    }
    visit(tokenKey(text.slice(start, i), ascii), start, i);
  }
}

/** A name as the matcher compares it: its token keys, space-separated ("Earned  Security" → "earned security"). */
export function nameKey(name: string): string {
  const keys: string[] = [];
  forEachToken(name, (key) => keys.push(key));
  return keys.join(' ');
}
