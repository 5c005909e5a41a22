import { Popularity } from '../../bench/workload/popularity';
import { Rng } from '../../bench/synth/prng';

/** The bench's realistic workload draws slugs by this law (bench/workload/workload.ts). */
describe('Popularity (Zipf law over shuffled ranks)', () => {
  const items = Array.from({ length: 1_000 }, (_, i) => `entry-${i}`);

  it('draws each rank as often as 1 / (rank + 1)^s says', () => {
    const law = new Popularity(items, 1, new Rng(7));
    const rng = new Rng(11);
    const draws = 200_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < draws; i++) {
      const item = law.draw(rng);
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    const harmonic = items.reduce((sum, _, r) => sum + 1 / (r + 1), 0);
    for (const rank of [0, 1, 2, 9, 99]) {
      const expected = draws / (rank + 1) / harmonic;
      const seen = counts.get(law.byRank[rank]!) ?? 0;
      // Within 5 standard deviations of a binomial count.
      expect(Math.abs(seen - expected)).toBeLessThan(5 * Math.sqrt(expected));
    }
    // The long tail: every item is asked for, the last ranks about 1/1000 as often as the first.
    expect(counts.size).toBeGreaterThan(990);
    expect(law.shareOfTop(10)).toBeCloseTo([...Array(10)].reduce((s, _, r) => s + 1 / (r + 1), 0) / harmonic, 10);
  });

  it('gives the exponent its weight: a steeper law puts more draws on the head', () => {
    const rng = new Rng(3);
    const share = (s: number) => new Popularity(items, s, new Rng(1)).shareOfTop(10);
    expect(share(0)).toBeCloseTo(0.01, 10);
    expect(share(0.8)).toBeLessThan(share(1));
    expect(share(1)).toBeLessThan(share(1.2));
    const flat = new Popularity(items, 0, new Rng(1));
    const seen = new Set(Array.from({ length: 5_000 }, () => flat.draw(rng)));
    expect(seen.size).toBeGreaterThan(990);
  });

  it('shuffles which items are popular by the seed, and keeps every item once', () => {
    const a = new Popularity(items, 1, new Rng(1));
    const b = new Popularity(items, 1, new Rng(1));
    const c = new Popularity(items, 1, new Rng(2));
    expect(a.byRank).toEqual(b.byRank);
    expect(a.byRank).not.toEqual(c.byRank);
    expect([...a.byRank].sort()).toEqual([...items].sort());
    // The most popular tenth is not the first tenth generated.
    const head = a.byRank.slice(0, 100);
    expect(head.filter((item) => Number(item.slice(6)) < 100).length).toBeLessThan(30);
  });

  it('refuses an empty list and a negative exponent', () => {
    expect(() => new Popularity([], 1, new Rng(1))).toThrow(/at least one item/);
    expect(() => new Popularity(items, -1, new Rng(1))).toThrow(/exponent/);
  });
});
