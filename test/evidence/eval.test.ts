import { evaluate, loadEvalArticles, readEvalSet, unfoundAnswers, type EvalReport } from '../../bench/evidence/evaluate';
import type { App } from '../../src/server';
import { startTestApp } from '../support/test-app';

/**
 * The evidence evaluation (bench/evidence/statements.json, docs/evidence.md)
 * as a test, over its four seen splits. On tune and held-out-seen the numbers
 * may not fall below what the issue asks for MRR (≥ 0.85) and citing (every
 * top-3 answer cites a source); for recall@3 they allow two misses per split.
 * The second and third rounds' blind splits (held-out-seen-2, held-out-seen-3),
 * below the issue's goal when first run, are held at what the later rounds
 * made of them. A blind split is not in this file's set: it is run once with
 * bench/evidence-eval.ts --extra.
 */
describe('evidence evaluation', () => {
  let app: App;
  let report: EvalReport;

  beforeAll(async () => {
    app = await startTestApp({ seed: false });
    const set = readEvalSet();
    await loadEvalArticles(app.services.ingest, set);
    report = await evaluate(set, async (statement, first) =>
      (await app.services.evidence.rank(statement, first)).supported.map((hit) => ({ text: hit.claim.text, cited: hit.claim.sources.length > 0 })),
    );
  });
  afterAll(() => app.stop());

  it('has at least 50 statements over several articles, a part held out, at least 16 of them blind', () => {
    const set = readEvalSet();
    expect(set.statements.length).toBeGreaterThanOrEqual(50);
    expect(new Set(set.statements.map((s) => s.entry)).size).toBeGreaterThanOrEqual(7);
    const heldOut = ['held-out-seen', 'held-out-seen-2', 'held-out-seen-3'].reduce((sum, split) => sum + report.bySplit[split]!.statements, 0);
    expect(heldOut).toBeGreaterThanOrEqual(set.statements.length / 3);
    expect(report.bySplit['held-out-seen-3']!.statements).toBeGreaterThanOrEqual(16);
    for (const tag of ['question', 'acronym', 'synonym', 'negation']) expect(report.byTag[tag]?.statements).toBeGreaterThan(5);
  });

  it('labels every statement with sentences its entry’s article has, citing a source', () => {
    expect(unfoundAnswers(readEvalSet())).toEqual([]);
  });

  it.each(['tune', 'held-out-seen'] as const)('finds the answer in the first three for all but two of the %s statements, MRR ≥ 0.85', (split) => {
    const metrics = report.bySplit[split]!;
    expect(metrics.hitsAt3).toBeGreaterThanOrEqual(metrics.statements - 2);
    expect(metrics.mrr).toBeGreaterThanOrEqual(0.85);
  });

  it('does no worse on the second round’s blind split than after the third round’s changes', () => {
    const seen = report.bySplit['held-out-seen-2']!;
    expect(seen.hitsAt3).toBeGreaterThanOrEqual(24);
    expect(seen.mrr).toBeGreaterThanOrEqual(0.65);
  });

  it('does no worse on the third round’s blind split than after the fourth round’s changes', () => {
    const seen = report.bySplit['held-out-seen-3']!;
    expect(seen.hitsAt3).toBeGreaterThanOrEqual(26);
    expect(seen.mrr).toBeGreaterThanOrEqual(0.67);
  });

  it('cites a source in every one of the first three answers', () => {
    expect(report.bySplit.all!.uncitedInTop3).toBe(0);
    expect(report.bySplit.all!.top3Hits).toBeGreaterThan(250);
  });
});
