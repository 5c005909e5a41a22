import { BLIND_SPLIT, evaluate, loadEvalArticles, readEvalSet, unfoundAnswers, type EvalReport } from '../../bench/evidence/evaluate';
import type { App } from '../../src/server';
import { startTestApp } from '../support/test-app';

/**
 * The evidence evaluation (bench/evidence/statements.json, docs/evidence.md)
 * as a test. On the splits looked at (tune, held-out-seen) the numbers may not
 * fall below what the issue asks for MRR (≥ 0.85) and citing (every top-3
 * answer cites a source); for recall@3 they allow two misses per split. The
 * second round's blind split (held-out-seen-2), below the goal when
 * first run (22 of 29 in the first three, MRR 0.608), is held at what the
 * third round's changes made of it (24, 0.654). The third round's blind split
 * is below the goal too (26 of 34, MRR 0.652, first run
 * bench/results/2026-12-01-evidence-eval.md): it may not fall below that, and
 * is never tuned on to rise above it.
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
    const heldOut = report.bySplit['held-out-seen'].statements + report.bySplit['held-out-seen-2'].statements + report.bySplit['held-out'].statements;
    expect(heldOut).toBeGreaterThanOrEqual(set.statements.length / 3);
    expect(report.bySplit[BLIND_SPLIT].statements).toBeGreaterThanOrEqual(16);
    for (const tag of ['question', 'acronym', 'synonym', 'negation']) expect(report.byTag[tag]?.statements).toBeGreaterThan(5);
  });

  it('labels every statement with sentences its entry’s article has, citing a source', () => {
    expect(unfoundAnswers(readEvalSet())).toEqual([]);
  });

  it.each(['tune', 'held-out-seen'] as const)('finds the answer in the first three for all but two of the %s statements, MRR ≥ 0.85', (split) => {
    const metrics = report.bySplit[split];
    expect(metrics.hitsAt3).toBeGreaterThanOrEqual(metrics.statements - 2);
    expect(metrics.mrr).toBeGreaterThanOrEqual(0.85);
  });

  it('does no worse on the second round’s blind split than after the third round’s changes', () => {
    const seen = report.bySplit['held-out-seen-2'];
    expect(seen.hitsAt3).toBeGreaterThanOrEqual(24);
    expect(seen.mrr).toBeGreaterThanOrEqual(0.65);
  });

  it('does no worse on the blind split than when it was first run', () => {
    const blind = report.bySplit[BLIND_SPLIT];
    expect(blind.hitsAt3).toBeGreaterThanOrEqual(26);
    expect(blind.mrr).toBeGreaterThanOrEqual(0.65);
  });

  it('cites a source in every one of the first three answers', () => {
    expect(report.bySplit.all.uncitedInTop3).toBe(0);
    expect(report.bySplit.all.top3Hits).toBeGreaterThan(250);
  });
});
