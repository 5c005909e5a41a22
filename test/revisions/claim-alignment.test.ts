import fc from 'fast-check';
import { alignSentences, similarity, type AlignedSentence } from '../../src/revisions/claim-alignment';
import { diffSentences } from '../../src/revisions/diff';

const sentence = (text: string, ...sourceKeys: string[]): AlignedSentence => ({ text, sourceKeys });

describe('alignSentences', () => {
  const article = [
    sentence('Earned security is a construct within attachment theory.', 's4'),
    sentence('The first principle is that security can be acquired rather than only inherited.', 's4'),
    sentence('Earned security is the name for the second route.', 's4'),
    sentence('The second principle is that what is earned is coherence.', 's4'),
  ];

  it('keeps every sentence of an unchanged article', () => {
    const alignment = alignSentences(article, article);
    expect(alignment.next).toEqual(article.map((_, previous) => ({ status: 'KEPT', previous })));
    expect(alignment.counts).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('pairs an edited sentence with its predecessor, and a sentence whose sources changed', () => {
    const next = [article[0]!, sentence('The first principle is that security can be acquired rather than simply inherited.', 's4'), article[2]!, sentence(article[3]!.text, 's2')];
    const alignment = alignSentences(article, next);
    expect(alignment.next).toEqual([
      { status: 'KEPT', previous: 0 },
      { status: 'CHANGED', previous: 1 },
      { status: 'KEPT', previous: 2 },
      { status: 'CHANGED', previous: 3 },
    ]);
    expect(alignment.counts).toEqual({ added: 0, removed: 0, changed: 2 });
  });

  it('tells a replaced sentence (nothing in common) from an edited one', () => {
    const next = [article[0]!, article[1]!, sentence('Coherence can also come from a long partnership with a secure partner.', 's3'), article[3]!];
    const alignment = alignSentences(article, next);
    expect(alignment.next[2]).toEqual({ status: 'ADDED' });
    expect(alignment.removed).toEqual([2]);
    expect(alignment.counts).toEqual({ added: 1, removed: 1, changed: 0 });
  });

  it('keeps sentences that moved past an insertion, and a repeated sentence once per occurrence', () => {
    const repeated = sentence('See the sources.', 's1');
    const before = [repeated, ...article, repeated];
    const next = [sentence('A new opening sentence about adult attachment.'), repeated, ...article.slice(0, 2), ...article.slice(3), repeated];
    const alignment = alignSentences(before, next);
    expect(alignment.next.map((c) => c.status)).toEqual(['ADDED', 'KEPT', 'KEPT', 'KEPT', 'KEPT', 'KEPT']);
    expect(alignment.next.filter((c) => c.status === 'KEPT').map((c) => (c as { previous: number }).previous)).toEqual([0, 1, 2, 4, 5]);
    expect(alignment.removed).toEqual([3]);
  });

  it('measures word similarity with the Dice coefficient', () => {
    expect(similarity('a b c d', 'a b c d')).toBe(1);
    expect(similarity('a b c d', 'a b x y')).toBe(0.5);
    expect(similarity('a b', 'c d')).toBe(0);
    expect(similarity('Security, acquired!', 'security acquired')).toBe(1);
  });

  describe('on generated edits', () => {
    const words = fc.constantFrom('secure', 'attachment', 'coherent', 'mind', 'therapy', 'adult', 'history', 'route', 'earned', 'reflective', 'partner', 'state');
    const text = fc.array(words, { minLength: 3, maxLength: 12 }).map((w) => `${w.join(' ')}.`);
    const generatedSentence = fc.record({ text, sourceKeys: fc.array(fc.constantFrom('s1', 's2', 's3'), { maxLength: 2 }) });

    it('continues each old sentence at most once, in order, and counts what it did', () => {
      fc.assert(
        fc.property(fc.array(generatedSentence, { maxLength: 25 }), fc.array(generatedSentence, { maxLength: 25 }), (before, after) => {
          const alignment = alignSentences(before, after);
          const continued = alignment.next.flatMap((c) => (c.status === 'ADDED' ? [] : [c.previous]));
          expect(new Set(continued).size).toBe(continued.length);
          expect([...continued].sort((a, b) => a - b)).toEqual(continued);
          expect(continued.length + alignment.removed.length).toBe(before.length);
          alignment.next.forEach((c, i) => {
            if (c.status === 'KEPT') expect(before[c.previous]).toEqual(after[i]);
            if (c.status === 'CHANGED') expect(before[c.previous]).not.toEqual(after[i]);
          });
          expect(alignment.counts.added + alignment.counts.changed + alignment.next.filter((c) => c.status === 'KEPT').length).toBe(after.length);
        }),
      );
    });

    it('keeps every sentence an edit leaves alone', () => {
      fc.assert(
        fc.property(
          fc.array(generatedSentence, { minLength: 1, maxLength: 25 }),
          fc.nat(),
          fc.nat(),
          generatedSentence,
          (before, at, removeAt, inserted) => {
            // Remove one sentence and insert a new one elsewhere: the rest are KEPT.
            const removed = removeAt % before.length;
            const after = before.filter((_, i) => i !== removed);
            after.splice(at % (after.length + 1), 0, inserted);
            const alignment = alignSentences(before, after);
            const unique = (s: AlignedSentence) => before.filter((b) => b.text === s.text && b.sourceKeys.join() === s.sourceKeys.join()).length === 1;
            const untouched = before.filter((s, i) => i !== removed && unique(s) && s.text !== inserted.text);
            const keptTexts = alignment.next.flatMap((c, i) => (c.status === 'KEPT' ? [after[i]!] : []));
            for (const s of untouched) expect(keptTexts).toContainEqual(s);
          },
        ),
      );
    });
  });
});

describe('diffSentences', () => {
  it('lists changes in article order, a replaced sentence before its replacement, unchanged ones left out', () => {
    const before = [
      { id: 'a1', lineage: 'a' },
      { id: 'b1', lineage: 'b' },
      { id: 'c1', lineage: 'c' },
      { id: 'd1', lineage: 'd' },
    ];
    const after = [
      { id: 'a1', lineage: 'a' },
      { id: 'b2', lineage: 'b' },
      { id: 'x1', lineage: 'x' },
      { id: 'd1', lineage: 'd' },
      { id: 'y1', lineage: 'y' },
    ];
    expect(diffSentences(before, after)).toEqual([
      { change: 'CHANGED', before: 'b1', after: 'b2' },
      { change: 'REMOVED', before: 'c1', after: null },
      { change: 'ADDED', before: null, after: 'x1' },
      { change: 'ADDED', before: null, after: 'y1' },
    ]);
    expect(diffSentences(after, before)).toEqual([
      { change: 'CHANGED', before: 'b2', after: 'b1' },
      { change: 'REMOVED', before: 'x1', after: null },
      { change: 'ADDED', before: null, after: 'c1' },
      { change: 'REMOVED', before: 'y1', after: null },
    ]);
    expect(diffSentences(before, before)).toEqual([]);
  });
});
