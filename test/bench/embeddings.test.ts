import { combineScores, cosine } from '../../bench/evidence/embeddings';

/** The score combination the embeddings measurement ranks by (docs/evidence.md, "Embeddings"). */
describe('combineScores', () => {
  const v = (...xs: number[]) => Float32Array.from(xs);

  it('cosine is 1 for the same direction, 0 for orthogonal, whatever the length', () => {
    expect(cosine(v(1, 2), v(2, 4))).toBeCloseTo(1);
    expect(cosine(v(1, 0), v(0, 3))).toBeCloseTo(0);
  });

  it('ranks by lexical score alone at α = 1 and by cosine alone at α = 0', () => {
    const hits = [
      { text: 'a', score: 4 },
      { text: 'b', score: 2 },
    ];
    const query = v(1, 0);
    const vectors = [v(0, 1), v(1, 0)];
    expect(combineScores(hits, ['a', 'b'], query, vectors, 1)).toEqual(['a', 'b']);
    expect(combineScores(hits, ['a', 'b'], query, vectors, 0)).toEqual(['b', 'a']);
  });

  it('scales lexical scores by the best one, and gives a sentence Lucene did not find lexical 0', () => {
    const hits = [{ text: 'found', score: 10 }];
    // found: 0.5·1 + 0.5·0 = 0.5; near (not found): 0.5·0 + 0.5·0.8 = 0.4; nearer: 0.5·0 + 0.5·1 = 0.5 ties, kept in order.
    const ranked = combineScores(hits, ['near', 'found', 'nearer'], v(1, 0), [v(0.8, 0.6), v(0, 1), v(1, 0)], 0.5);
    expect(ranked).toEqual(['found', 'nearer', 'near']);
  });

  it('treats all-zero lexical scores as no lexical evidence rather than dividing by zero', () => {
    const ranked = combineScores([{ text: 'x', score: 0 }], ['x', 'y'], v(1, 0), [v(0, 1), v(1, 0)], 0.7);
    expect(ranked).toEqual(['y', 'x']);
  });
});
