import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { toGlobalId } from '../../src/graphql/global-id';
import { loadSeeds } from '../../src/seed/seed';
import { PanelRefresher } from '../../src/see-also/panels';
import { HUB_DEGREE_LIMIT, PANEL_SIZE, SeeAlsoRepository } from '../../src/see-also/see-also.repository';
import type { Services } from '../../src/services';
import { eraseGraph, openTestServices } from '../support/test-app';

/**
 * Stored see-also panels against the graph: a panel that is marked current
 * must equal what ranking live gives at that moment, whatever was written,
 * and the refresher must bring every panel back to current.
 */
describe('stored see-also panels', () => {
  let services: Services & { close(): Promise<void> };
  let repository: SeeAlsoRepository;
  let refresher: PanelRefresher;
  const fixture = fs.readFileSync(path.join(projectRoot, 'test/fixtures/mentalization-based-treatment.wiki.txt'), 'utf8');

  const allSlugs = async () => (await services.graph.query<{ slug: string }>('MATCH (e:Entry) RETURN e.slug AS slug ORDER BY slug')).map((r) => r.slug);

  /** Every panel stored as current, compared with a live ranking; returns how many were current. */
  async function expectCurrentPanelsRight(after = ''): Promise<number> {
    const slugs = await allSlugs();
    const live = await services.seeAlso.rankedMany(slugs);
    let current = 0;
    for (const slug of slugs) {
      const stored = await repository.storedPage(slug, 0, PANEL_SIZE);
      if (!stored) continue;
      current++;
      const ranked = live.get(slug) ?? [];
      expect({ after, slug, total: stored.total, edges: stored.edges }).toEqual({ after, slug, total: ranked.length, edges: ranked.slice(0, PANEL_SIZE) });
    }
    return current;
  }

  const stalePanels = async () =>
    (await services.graph.query<{ slug: string }>('MATCH (p:SeeAlsoStale) RETURN p.slug AS slug ORDER BY slug')).map((r) => r.slug);

  beforeAll(async () => {
    services = await openTestServices();
    repository = new SeeAlsoRepository(services.graph);
    refresher = new PanelRefresher(repository, { batchSize: 7, idleMs: 10 });
    await eraseGraph(services.graph);
    await loadSeeds(services.ingest);
  });
  afterAll(async () => {
    await refresher.stop();
    await services.close();
  });

  it('ranks a panel for every entry, equal to the live ranking, and serves pages from it with their entries', async () => {
    const stored = await refresher.refreshAll();
    const slugs = await allSlugs();
    expect(stored).toBeGreaterThanOrEqual(slugs.length);
    expect(await stalePanels()).toEqual([]);
    expect(await expectCurrentPanelsRight()).toBe(slugs.length);

    const live = await services.seeAlso.ranked('earned-security');
    expect(live.length).toBeGreaterThan(3);
    const page = await services.seeAlso.page('earned-security', 1, 2);
    expect(page.edges).toEqual(live.slice(1, 3));
    expect(page.total).toBe(live.length);
    expect(page.nodes.map((n) => n.slug).sort()).toEqual(live.slice(1, 3).map((e) => e.slug).sort());
  });

  it('marks what a write can change, so no panel left current is wrong, through every kind of write', async () => {
    await refresher.refreshAll();
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['a second article sharing a source', () => services.ingest.ingestArticle(fixture)],
      ['a rename', () => services.editing.upsertEntry({ slug: 'adult-attachment-interview', name: 'Adult Attachment Interview (AAI)', kind: 'INSTRUMENT' }, 'editor-1')],
      ['a new entry that articles already name', () => services.editing.upsertEntry({ name: 'Coherence of mind', kind: 'CONSTRUCT' }, 'editor-1')],
      ['curated see-also', () => services.editing.setSeeAlso('earned-security', ['mentalization-based-treatment'], 'editor@test')],
    ];
    const claim = await services.graph.query<{ id: string }>(`MATCH (:Entry {slug: 'earned-security'})-[:HAS_CLAIM]->(c:Claim) RETURN c.id AS id LIMIT 1`);
    const problem = await services.graph.query<{ slug: string }>(`MATCH (e:Entry {kind: 'PROBLEM_FOR_WORK'}) RETURN e.slug AS slug ORDER BY e.slug LIMIT 1`);
    const link = { from: 'mentalization-based-treatment', to: problem[0]!.slug, relation: 'TARGETS' as const };
    steps.push(
      ['an editor links a modality to a problem', () => services.editing.linkEntries({ ...link, claimId: toGlobalId('Claim', claim[0]!.id) }, 'editor@test')],
      ['and unlinks it', () => services.editing.unlinkEntries(link, 'editor-1')],
      ['the article again, unchanged', () => services.ingest.ingestArticle(fixture)],
    );
    for (const [step, write] of steps) {
      // Each write starts from all panels current, so each one's own marking is what is tested.
      await refresher.refreshAll();
      await write();
      await expectCurrentPanelsRight(step);
    }
    await refresher.refreshAll();
    expect(await stalePanels()).toEqual([]);
    expect(await expectCurrentPanelsRight()).toBe((await allSlugs()).length);
  });

  it('marks every entry listing a source whose degree crosses the hub limit', async () => {
    await eraseGraph(services.graph);
    await loadSeeds(services.ingest);
    await services.ingest.ingestArticle(fixture);
    // Both articles list Steele & Steele; enough further entries take it one past the limit, a hub no panel walks.
    const [source] = await services.graph.query<{ key: string; count: number }>(
      `MATCH (s:Source) WHERE s.title STARTS WITH 'Ten clinical uses' RETURN s.key AS key, s.entryCount AS count`,
    );
    expect(source!.count).toBe(2);
    await services.graph.write((tx) =>
      tx.run(
        `MATCH (s:Source {key: $key})
         UNWIND range(1, $extra) AS i
         CREATE (e:Entry {slug: 'listing-' + i, name: 'Listing ' + i, kind: 'CONSTRUCT', aliases: []})-[:LISTS {number: 1}]->(s)
         WITH s, count(*) AS created
         SET s.entryCount = COUNT { (s)<-[:LISTS]-() }`,
        { key: source!.key, extra: HUB_DEGREE_LIMIT - 1 },
      ),
    );
    await refresher.refreshAll();
    expect(await repository.storedPage('listing-1', 0, 10)).toMatchObject({ total: 0 });

    // The article now cites another edition: the source drops back to the limit, and every entry listing it gains the others.
    await services.ingest.ingestArticle(fixture.replace('Ten clinical uses', 'Eleven clinical uses'));
    const [after] = await services.graph.query<{ count: number }>(`MATCH (s:Source {key: $key}) RETURN s.entryCount AS count`, { key: source!.key });
    expect(after!.count).toBe(HUB_DEGREE_LIMIT);
    expect(await repository.storedPage('listing-1', 0, 10)).toBeNull();
    expect((await services.seeAlso.ranked('listing-1'))[0]!.reasons[0]!.kind).toBe('SHARED_SOURCE');
    await expectCurrentPanelsRight();
  });

  it('does not store a panel ranked from connections read before a newer mark', async () => {
    await services.editing.upsertEntry({ slug: 'earned-security', name: 'Earned security', kind: 'CONSTRUCT' }, 'editor-1');
    const [stale] = (await repository.stalePanels(1000)).filter((panel) => panel.slug === 'earned-security');
    expect(stale).toBeDefined();
    const ranked = await services.seeAlso.ranked('earned-security');
    // A write lands between reading the generation and storing the ranking.
    await services.editing.upsertEntry({ slug: 'earned-security', name: 'Earned Security', kind: 'CONSTRUCT' }, 'editor-1');
    expect(await repository.storePanels([{ ...stale!, ranked }])).toBe(0);
    expect(await repository.storedPage('earned-security', 0, 10)).toBeNull();
    await refresher.refreshAll();
    expect((await repository.storedPage('earned-security', 0, 10))!.edges).toEqual((await services.seeAlso.ranked('earned-security')).slice(0, 10));
  });

  it('runs in the background: a write is followed by a current panel without anyone asking', async () => {
    refresher.start();
    await services.editing.setSeeAlso('earned-security', [], 'editor@test');
    await services.editing.setSeeAlso('earned-security', ['adult-attachment-interview'], 'editor@test');
    const deadline = Date.now() + 20_000;
    while ((await stalePanels()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await stalePanels()).toEqual([]);
    const stored = await repository.storedPage('earned-security', 0, 1);
    expect(stored!.edges[0]).toMatchObject({ slug: 'adult-attachment-interview', reasons: expect.arrayContaining([expect.objectContaining({ kind: 'CURATED' })]) });
    await refresher.stop();
  });

  it('yields to readers in the background: waits its share after each batch, and backs off while the event loop lags', async () => {
    let lag = 0;
    const paced = new PanelRefresher(repository, { batchSize: 1, idleMs: 10, pacing: { share: 0.5, lagLimitMs: 20, maxDelayMs: 2_000 } }, () => lag);
    await services.graph.write((tx) => tx.run('MATCH (p:SeeAlsoPanel) SET p:SeeAlsoStale'));
    paced.start();
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await until(() => (paced.pacing?.units ?? 0) >= 3);
    // Each batch waited as long as it worked (share 0.5).
    const { units, workSeconds, waitSeconds } = paced.pacing!;
    expect(units).toBeGreaterThanOrEqual(3);
    expect(waitSeconds).toBeCloseTo(workSeconds, 6);

    // Readers wait: the refresher backs off (100, 200, 400 ms ...) and does little meanwhile.
    lag = 100;
    const before = paced.pacing!.units;
    await until(() => paced.pacing!.deferrals >= 1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(paced.pacing!.units - before).toBeLessThanOrEqual(4);
    expect(paced.pacing!.deferrals).toBeGreaterThanOrEqual(1);
    lag = 0;
    await paced.stop();
  });

  it('stops even when a batch in flight never settles (a driver closed under it)', async () => {
    const stuck = { markMissingPanels: () => new Promise<number>(() => undefined) } as unknown as SeeAlsoRepository;
    const blocked = new PanelRefresher(stuck, { batchSize: 1, idleMs: 10 });
    blocked.start();
    const started = Date.now();
    await blocked.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);
});
