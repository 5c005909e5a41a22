/**
 * Which items readers ask for, and how often: a Zipf law over every item, the
 * popular ones spread through the list rather than first in it.
 *
 * The item of rank r (0 the most popular) is drawn with probability
 * ∝ 1 / (r + 1)^exponent. Ranks are given to items by a seeded shuffle, so the
 * most asked-for entries are not the first ones the generator made (which sit
 * in the first clusters and are the ones every other article names).
 */
import { Rng, Zipf } from '../synth/prng';

export class Popularity<T> {
  /** The items in rank order: byRank[0] is the most popular. */
  readonly byRank: readonly T[];
  private readonly law: Zipf;

  constructor(
    items: readonly T[],
    readonly exponent: number,
    shuffle: Rng,
  ) {
    if (items.length === 0) throw new Error('A popularity law needs at least one item.');
    if (!(exponent >= 0)) throw new Error(`A Zipf exponent must be a number ≥ 0; got ${exponent}.`);
    const ranked = [...items];
    for (let i = ranked.length - 1; i > 0; i--) {
      const j = Math.floor(shuffle.next() * (i + 1));
      [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
    }
    this.byRank = ranked;
    this.law = new Zipf(ranked.length, exponent);
  }

  draw(rng: Rng): T {
    return this.byRank[this.law.draw(rng)]!;
  }

  /** The share of draws the `top` most popular items get, in theory: Σ_{r<top} (r+1)^-s / Σ_r (r+1)^-s. */
  shareOfTop(top: number): number {
    let head = 0;
    let total = 0;
    for (let r = 0; r < this.byRank.length; r++) {
      const w = 1 / Math.pow(r + 1, this.exponent);
      total += w;
      if (r < top) head += w;
    }
    return head / total;
  }
}
