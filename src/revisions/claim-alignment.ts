/**
 * Which sentence of a new version of an article continues which sentence of
 * the version before it. The rule (docs/model.md, "Revisions"):
 *
 * 1. A sentence with the same text and the same sources as one before is the
 *    same claim and keeps its id. Identical sentences are matched in article
 *    order: those at the start and end first, then those that occur once on
 *    each side, in the longest chain that keeps their order (patience diff).
 * 2. Between two matched sentences, a new sentence continues an old one (a new
 *    version of the same claim: CHANGED) when they have the same text (only
 *    the sources changed) or their words are similar enough: a Dice
 *    coefficient of at least 0.5 over their lower-cased words. Of the pairings
 *    that keep article order, the one with the largest total similarity wins
 *    (identical sentences count most).
 * 3. Every other old sentence was REMOVED, every other new one ADDED.
 *
 * Pure: the caller gives the sentences, this says how they pair.
 */

export interface AlignedSentence {
  text: string;
  /** The keys of the sources the sentence cites, in marker order. */
  sourceKeys: readonly string[];
}

export type Continuation =
  /** The same text and sources as `previous`: the same claim. */
  | { status: 'KEPT'; previous: number }
  /** A new version of `previous`: its text or its sources changed. */
  | { status: 'CHANGED'; previous: number }
  | { status: 'ADDED' };

export interface Alignment {
  /** For each new sentence, in order, what it continues. */
  next: Continuation[];
  /** Indices of the old sentences nothing continues, in order. */
  removed: number[];
  counts: { added: number; removed: number; changed: number };
}

/** Pairs scoring below this are not versions of one another. */
export const SIMILARITY_THRESHOLD = 0.5;
/** A gap larger than this many cells (old × new sentences) pairs by position only: a rewrite that large is not worth a quadratic search. */
const MAX_GAP_CELLS = 4_000_000;

const identityOf = (sentence: AlignedSentence) => `${sentence.text}\u0000${sentence.sourceKeys.join('\u0001')}`;

const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Dice coefficient over the multisets of words: 2·|common| / (|a| + |b|). */
export function similarity(a: string, b: string): number {
  const left = wordsOf(a);
  const right = wordsOf(b);
  if (left.length === 0 && right.length === 0) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of right) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      common++;
      counts.set(word, count - 1);
    }
  }
  return (2 * common) / (left.length + right.length);
}

/** How well new sentence `b` continues old sentence `a`: 2 identical, 1 same text, the similarity, or 0 below the threshold. */
function pairScore(a: AlignedSentence, b: AlignedSentence): number {
  if (a.text === b.text) return identityOf(a) === identityOf(b) ? 2 : 1;
  const score = similarity(a.text, b.text);
  return score >= SIMILARITY_THRESHOLD ? score : 0;
}

export function alignSentences(previous: readonly AlignedSentence[], next: readonly AlignedSentence[]): Alignment {
  const continuation: Continuation[] = next.map(() => ({ status: 'ADDED' }));
  const continued = new Set<number>();
  const pair = (oldIndex: number, newIndex: number, score: number) => {
    continuation[newIndex] = { status: score === 2 ? 'KEPT' : 'CHANGED', previous: oldIndex };
    continued.add(oldIndex);
  };

  for (const [oldIndex, newIndex] of anchors(previous, next)) pair(oldIndex, newIndex, 2);
  // The gaps between anchors (and before the first and after the last).
  const anchored = continuation.flatMap((c, newIndex) => (c.status === 'KEPT' ? [[c.previous, newIndex] as const] : []));
  let oldStart = 0;
  let newStart = 0;
  for (const [oldIndex, newIndex] of [...anchored, [previous.length, next.length] as const]) {
    for (const [o, n, score] of pairGap(previous, next, oldStart, oldIndex, newStart, newIndex)) pair(o, n, score);
    oldStart = oldIndex + 1;
    newStart = newIndex + 1;
  }

  const removed = previous.flatMap((_, index) => (continued.has(index) ? [] : [index]));
  return {
    next: continuation,
    removed,
    counts: {
      added: continuation.filter((c) => c.status === 'ADDED').length,
      removed: removed.length,
      changed: continuation.filter((c) => c.status === 'CHANGED').length,
    },
  };
}

/** Identical sentences matched with certainty: common prefix and suffix, then the patience chain of sentences unique on both sides. */
function anchors(previous: readonly AlignedSentence[], next: readonly AlignedSentence[]): Array<[number, number]> {
  const oldIds = previous.map(identityOf);
  const newIds = next.map(identityOf);
  const found: Array<[number, number]> = [];
  let head = 0;
  while (head < oldIds.length && head < newIds.length && oldIds[head] === newIds[head]) found.push([head, head++]);
  let tail = 0;
  while (tail < oldIds.length - head && tail < newIds.length - head && oldIds[oldIds.length - 1 - tail] === newIds[newIds.length - 1 - tail]) tail++;

  const once = (ids: string[], from: number, to: number) => {
    const seen = new Map<string, number>();
    for (let i = from; i < to; i++) seen.set(ids[i]!, seen.has(ids[i]!) ? -1 : i);
    return seen;
  };
  const oldOnce = once(oldIds, head, oldIds.length - tail);
  const newOnce = once(newIds, head, newIds.length - tail);
  const candidates: Array<[number, number]> = [];
  for (let n = head; n < newIds.length - tail; n++) {
    const o = oldOnce.get(newIds[n]!);
    if (o !== undefined && o >= 0 && newOnce.get(newIds[n]!) === n) candidates.push([o, n]);
  }
  found.push(...longestIncreasingChain(candidates));
  for (let i = tail; i > 0; i--) found.push([oldIds.length - i, newIds.length - i]);
  return found;
}

/** The longest subsequence of pairs (sorted by new index) whose old indices increase. */
function longestIncreasingChain(pairs: Array<[number, number]>): Array<[number, number]> {
  const tails: number[] = [];
  const before: number[] = new Array(pairs.length).fill(-1);
  pairs.forEach(([oldIndex], i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[tails[middle]!]![0] < oldIndex) low = middle + 1;
      else high = middle;
    }
    if (low > 0) before[i] = tails[low - 1]!;
    tails[low] = i;
  });
  const chain: Array<[number, number]> = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = before[i]!) chain.push(pairs[i]!);
  return chain.reverse();
}

/**
 * The order-keeping pairing of old[oldFrom, oldTo) with new[newFrom, newTo)
 * of the largest total score: a weighted longest common subsequence.
 */
function pairGap(
  previous: readonly AlignedSentence[],
  next: readonly AlignedSentence[],
  oldFrom: number,
  oldTo: number,
  newFrom: number,
  newTo: number,
): Array<[number, number, number]> {
  const rows = oldTo - oldFrom;
  const columns = newTo - newFrom;
  if (rows === 0 || columns === 0) return [];
  if (rows * columns > MAX_GAP_CELLS) {
    const pairs: Array<[number, number, number]> = [];
    for (let i = 0; i < Math.min(rows, columns); i++) {
      const score = pairScore(previous[oldFrom + i]!, next[newFrom + i]!);
      if (score > 0) pairs.push([oldFrom + i, newFrom + i, score]);
    }
    return pairs;
  }
  const width = columns + 1;
  const best = new Float64Array((rows + 1) * width);
  const scores = new Float64Array(rows * columns);
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= columns; j++) {
      const score = pairScore(previous[oldFrom + i - 1]!, next[newFrom + j - 1]!);
      scores[(i - 1) * columns + (j - 1)] = score;
      const diagonal = score > 0 ? best[(i - 1) * width + (j - 1)]! + score : 0;
      best[i * width + j] = Math.max(best[(i - 1) * width + j]!, best[i * width + (j - 1)]!, diagonal);
    }
  }
  const pairs: Array<[number, number, number]> = [];
  let i = rows;
  let j = columns;
  while (i > 0 && j > 0) {
    const score = scores[(i - 1) * columns + (j - 1)]!;
    const here = best[i * width + j]!;
    if (score > 0 && here === best[(i - 1) * width + (j - 1)]! + score) {
      pairs.push([oldFrom + i - 1, newFrom + j - 1, score]);
      i--;
      j--;
    } else if (here === best[(i - 1) * width + j]!) i--;
    else j--;
  }
  return pairs.reverse();
}
