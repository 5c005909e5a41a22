import fs from 'node:fs';
import path from 'node:path';
import { buildSchema } from '../../src/api/schema';
import { projectRoot } from '../../src/config';
import { toGlobalId } from '../../src/graphql/global-id';
import { loadSeeds } from '../../src/seed/seed';
import { PanelRefresher } from '../../src/see-also/panels';
import { PANEL_SIZE, SeeAlsoRepository } from '../../src/see-also/see-also.repository';
import type { Services } from '../../src/services';
import { eraseGraph, openTestServices } from '../support/test-app';

/**
 * Every mutation of the schema, run once, and the invariants graph-changes
 * keeps after each (issue 14): a panel left current equals the live ranking,
 * degree counts equal what they count, and the vocabulary version moves when
 * names do (what the cross-link dictionary and the evidence expander are built
 * from), and only then. A mutation added to the schema without a step here
 * fails the first test: its consequences must be declared and checked.
 */

type Step = { mutation: string; /** Whether the vocabulary version must move (the cross-link dictionary and the evidence expander read what changed). */ changesNames: boolean; run: () => Promise<unknown> };

describe('the consequences of every write', () => {
  let services: Services & { close(): Promise<void> };
  let repository: SeeAlsoRepository;
  let refresher: PanelRefresher;
  let steps: Step[];
  const read = (relative: string) => fs.readFileSync(path.join(projectRoot, relative), 'utf8');

  beforeAll(async () => {
    services = await openTestServices();
    repository = new SeeAlsoRepository(services.graph);
    refresher = new PanelRefresher(repository, { batchSize: 50, idleMs: 10 });
    await eraseGraph(services.graph);
    await loadSeeds(services.ingest);
    const [claim] = await services.graph.query<{ id: string }>(`MATCH (:Entry {slug: 'earned-security'})-[:HAS_CLAIM]->(c:Claim) RETURN c.id AS id ORDER BY c.position LIMIT 1`);
    const [source] = await services.graph.query<{ key: string }>(`MATCH (:Entry {slug: 'earned-security'})-[:LISTS]->(s:Source) RETURN s.key AS key ORDER BY s.key LIMIT 1`);
    const [problem] = await services.graph.query<{ slug: string }>(`MATCH (e:Entry {kind: 'PROBLEM_FOR_WORK'}) RETURN e.slug AS slug ORDER BY e.slug LIMIT 1`);
    const link = { from: 'earned-security', to: problem!.slug, relation: 'TARGETS' as const };
    const { editing, ingest } = services;
    steps = [
      { mutation: 'ingestArticle', changesNames: true, run: () => ingest.ingestArticle(read('test/fixtures/reflective-functioning.wiki.txt')) },
      {
        mutation: 'ingestOutsideReading',
        changesNames: false,
        run: () => ingest.ingestOutsideReading({ title: 'A note on reflective functioning', text: 'Reflective functioning grows out of attachment theory.', url: null }),
      },
      { mutation: 'upsertEntry', changesNames: true, run: () => editing.upsertEntry({ name: 'Coherence of mind', kind: 'CONSTRUCT', aliases: ['narrative coherence'] }, 'editor-1') },
      { mutation: 'linkEntries', changesNames: false, run: () => editing.linkEntries({ ...link, claimId: toGlobalId('Claim', claim!.id) }, 'editor@test') },
      { mutation: 'unlinkEntries', changesNames: false, run: () => editing.unlinkEntries(link, 'editor-1') },
      { mutation: 'setSeeAlso', changesNames: false, run: () => editing.setSeeAlso('earned-security', ['reflective-functioning'], 'editor@test') },
      { mutation: 'retractSource', changesNames: false, run: () => editing.retractSource(toGlobalId('Source', source!.key), 'Retracted by the journal', 'editor@test') },
      { mutation: 'upvoteEntry', changesNames: false, run: () => editing.upvoteEntry('earned-security', 'client-1') },
      {
        mutation: 'revertEntry',
        // Back to the seeded article: its names and key terms are the ones it has.
        changesNames: false,
        run: async () => {
          const [{ revision }] = await services.graph.query<{ revision: number }>(`MATCH (e:Entry {slug: 'earned-security'}) RETURN e.revision AS revision`);
          // Revision 2 is the seeded article (1 is its stub): the links, list and fields of later ones go.
          return editing.revertEntry('earned-security', 2, revision!, 'editor@test');
        },
      },
      {
        mutation: 'suggestRevision',
        changesNames: false,
        run: () => editing.suggestRevision({ slug: 'earned-security', text: 'Add the 2024 scoping review to the evidence base.', creditPreference: 'ANONYMOUS' }, 'client-2'),
      },
      {
        mutation: 'resolveSuggestion',
        changesNames: false,
        run: async () => {
          const [{ id }] = await services.graph.query<{ id: string }>('MATCH (r:RevisionSuggestion) RETURN r.id AS id LIMIT 1');
          return editing.resolveSuggestion(id!, 'ACCEPT', null, null, 'editor@test');
        },
      },
    ];
  });
  afterAll(async () => {
    await refresher.stop();
    await services.close();
  });

  const vocabularyVersion = async () =>
    (await services.graph.query<{ version: number | null }>(`OPTIONAL MATCH (m:Meta {id: 'vocabulary'}) RETURN m.version AS version`))[0]?.version ?? 0;

  async function expectDegreesRight(after: string): Promise<void> {
    const wrong = await services.graph.query(
      `CALL () {
         MATCH (s:Source) WITH s, COUNT { (s)<-[:LISTS]-(:Entry) } AS count WHERE coalesce(s.entryCount, 0) <> count
         RETURN 'Source ' + s.key AS node, s.entryCount AS stored, count
         UNION ALL
         MATCH (k:KeyTerm) WITH k, COUNT { (:KeyTerm {key: k.key}) } AS count WHERE k.entryCount <> count
         RETURN 'KeyTerm ' + k.id AS node, k.entryCount AS stored, count
         UNION ALL
         MATCH (p:Entry {kind: 'PROBLEM_FOR_WORK'}) WITH p, COUNT { (p)<-[:TARGETS]-(:Entry) } AS count WHERE coalesce(p.targetedByCount, 0) <> count
         RETURN 'Problem ' + p.slug AS node, p.targetedByCount AS stored, count
       }
       RETURN node, stored, count`,
    );
    expect({ after, wrong }).toEqual({ after, wrong: [] });
  }

  async function expectCurrentPanelsRight(after: string): Promise<void> {
    const slugs = (await services.graph.query<{ slug: string }>('MATCH (e:Entry) RETURN e.slug AS slug ORDER BY slug')).map((r) => r.slug);
    const live = await services.seeAlso.rankedMany(slugs);
    for (const slug of slugs) {
      const stored = await repository.storedPage(slug, 0, PANEL_SIZE);
      if (!stored) continue;
      const ranked = live.get(slug) ?? [];
      expect({ after, slug, total: stored.total, edges: stored.edges }).toEqual({ after, slug, total: ranked.length, edges: ranked.slice(0, PANEL_SIZE) });
    }
  }

  /** Every entry's revisions run 1..n with no gap, n its current revision, and every sentence a revision names resolves. */
  async function expectHistoryWhole(after: string): Promise<void> {
    const wrong = await services.graph.query(
      `MATCH (e:Entry) WHERE e.revision IS NOT NULL
       WITH e, COLLECT { MATCH (r:Revision {entrySlug: e.slug}) RETURN r.number ORDER BY r.number } AS numbers
       WHERE numbers <> range(1, e.revision)
       RETURN e.slug AS slug, e.revision AS revision, numbers
       UNION ALL
       MATCH (r:Revision) UNWIND r.claimIds AS id
       WITH r, id WHERE NOT EXISTS { MATCH (c:Claim {id: id}) } AND NOT EXISTS { MATCH (c:ClaimVersion {id: id}) }
       RETURN r.entrySlug AS slug, r.number AS revision, [id] AS numbers`,
    );
    expect({ after, wrong }).toEqual({ after, wrong: [] });
  }

  it('has a step for every mutation of the schema', () => {
    const mutations = Object.keys(buildSchema().getMutationType()!.getFields()).sort();
    expect(steps.map((step) => step.mutation).sort()).toEqual(mutations);
  });

  it('leaves panels current or marked, degrees equal to their counts, and the vocabulary version moved with names, only with them', async () => {
    for (const step of steps) {
      // Each write starts from every panel current, so each one's own marking is what is tested.
      await refresher.refreshAll();
      const before = await vocabularyVersion();
      await step.run();
      await expectCurrentPanelsRight(step.mutation);
      await expectDegreesRight(step.mutation);
      await expectHistoryWhole(step.mutation);
      expect({ step: step.mutation, bumped: (await vocabularyVersion()) > before }).toEqual({ step: step.mutation, bumped: step.changesNames });
    }
  });
});
