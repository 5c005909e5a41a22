/**
 * Martin Porter's stemmer (1980), as his own C implementation has it and as
 * Lucene's PorterStemFilter (the `english` analyzer of the claim_text index)
 * applies it: words of one or two letters are left alone, and step 2 also
 * turns -logi into -log. So a statement's words and a sentence's words are
 * reduced the same way here and in the index: developed, develops,
 * developing → develop; validation, validity → valid; measures → measur.
 *
 * Takes one lower-case word of ASCII letters; anything else comes back as it is.
 */
export function porterStem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  let w = step1ab(word);
  w = step1c(w);
  w = step2(w);
  w = step3(w);
  w = step4(w);
  return step5(w);
}

/** True when w[i] is a consonant: not a, e, i, o, u, and y only after a vowel (or first). */
function isConsonant(w: string, i: number): boolean {
  switch (w[i]) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
      return false;
    case 'y':
      return i === 0 || !isConsonant(w, i - 1);
    default:
      return true;
  }
}

/** m, the number of vowel-consonant sequences in the stem: [C](VC)^m[V]. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  const n = stem.length;
  while (i < n && isConsonant(stem, i)) i++;
  while (i < n) {
    while (i < n && !isConsonant(stem, i)) i++;
    if (i >= n) break;
    while (i < n && isConsonant(stem, i)) i++;
    m++;
  }
  return m;
}

const hasVowel = (stem: string): boolean => [...stem].some((_, i) => !isConsonant(stem, i));

const endsDoubleConsonant = (w: string): boolean => w.length >= 2 && w.at(-1) === w.at(-2) && isConsonant(w, w.length - 1);

/** consonant-vowel-consonant at the end, the last not w, x or y (hop, not hoop or snow). */
function endsCvc(w: string): boolean {
  const n = w.length;
  if (n < 3 || !isConsonant(w, n - 1) || isConsonant(w, n - 2) || !isConsonant(w, n - 3)) return false;
  return !'wxy'.includes(w[n - 1]!);
}

/** Replaces `suffix` by `replacement` when the stem before it has a measure above `minMeasure`. */
function replaceIf(w: string, suffix: string, replacement: string, minMeasure: number): string | null {
  if (!w.endsWith(suffix)) return null;
  const stem = w.slice(0, w.length - suffix.length);
  return measure(stem) > minMeasure ? stem + replacement : w;
}

function step1ab(w: string): string {
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);

  if (w.endsWith('eed')) {
    return measure(w.slice(0, -3)) > 0 ? w.slice(0, -1) : w;
  }
  for (const suffix of ['ed', 'ing']) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    if (!hasVowel(stem)) return w;
    if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e';
    if (endsDoubleConsonant(stem) && !'lsz'.includes(stem.at(-1)!)) return stem.slice(0, -1);
    if (measure(stem) === 1 && endsCvc(stem)) return stem + 'e';
    return stem;
  }
  return w;
}

function step1c(w: string): string {
  return w.endsWith('y') && hasVowel(w.slice(0, -1)) ? w.slice(0, -1) + 'i' : w;
}

const STEP2: Array<[string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];

const STEP3: Array<[string, string]> = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];

const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

/** The longest listed suffix the word ends in decides, whether or not its condition then holds. */
function longestSuffix<T extends string | [string, string]>(w: string, list: T[]): T | undefined {
  let best: T | undefined;
  for (const item of list) {
    const suffix = typeof item === 'string' ? item : item[0];
    if (w.endsWith(suffix) && (!best || suffix.length > (typeof best === 'string' ? best : best[0]).length)) best = item;
  }
  return best;
}

function step2(w: string): string {
  const rule = longestSuffix(w, STEP2);
  return rule ? (replaceIf(w, rule[0], rule[1], 0) ?? w) : w;
}

function step3(w: string): string {
  const rule = longestSuffix(w, STEP3);
  return rule ? (replaceIf(w, rule[0], rule[1], 0) ?? w) : w;
}

function step4(w: string): string {
  const suffix = longestSuffix(w, STEP4);
  if (!suffix) return w;
  const stem = w.slice(0, -suffix.length);
  if (measure(stem) <= 1) return w;
  if (suffix === 'ion' && !(stem.endsWith('s') || stem.endsWith('t'))) return w;
  return stem;
}

function step5(w: string): string {
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem;
  }
  if (w.endsWith('ll') && measure(w) > 1) w = w.slice(0, -1);
  return w;
}
