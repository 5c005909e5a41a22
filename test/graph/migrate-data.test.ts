import { EntriesRepository } from '../../src/entries/entries.repository';
import { Graph } from '../../src/graph/graph';
import { migrate } from '../../src/graph/migrate';
import { eraseGraph, testConfig } from '../support/test-app';

/** What migrate does to data stored by an earlier version, against the real Neo4j. */
describe('migrate, on data stored before', () => {
  let graph: Graph;
  beforeAll(async () => {
    const config = testConfig();
    graph = Graph.connect(config.neo4j, config.neo4j.uri!);
    await migrate(graph);
  });
  afterAll(() => graph.close());

  it("moves readers' upvotes from the entry to its tally (010), once, and readers see the same counts", async () => {
    await eraseGraph(graph);
    // Before 010 `upvotes` held the article's count and readers' together.
    await graph.write((tx) =>
      tx.run(
        `CREATE (:Entry {slug: 'with-article', name: 'With article', kind: 'CONSTRUCT', upvotes: 12, exportedUpvotes: 10}),
                (:Entry {slug: 'stub', name: 'Stub', kind: 'PERSON', upvotes: 5}),
                (:Entry {slug: 'unread', name: 'Unread', kind: 'CONSTRUCT', upvotes: 0})`,
      ),
    );
    const slugs = ['stub', 'unread', 'with-article'];
    const upvotes = async () => (await new EntriesRepository(graph).entriesBySlug(slugs)).map((entry) => entry.upvotes);
    const stored = () =>
      graph.query<{ slug: string; upvotes: number | null; exported: number; tally: number | null }>(
        `MATCH (e:Entry) OPTIONAL MATCH (t:UpvoteTally {slug: e.slug})
         RETURN e.slug AS slug, e.upvotes AS upvotes, e.exportedUpvotes AS exported, t.count AS tally ORDER BY slug`,
      );

    await migrate(graph);
    expect(await upvotes()).toEqual([5, 0, 12]);
    expect(await stored()).toEqual([
      { slug: 'stub', upvotes: null, exported: 0, tally: 5 },
      { slug: 'unread', upvotes: null, exported: 0, tally: null },
      { slug: 'with-article', upvotes: null, exported: 10, tally: 2 },
    ]);
    // Migrations run at every start: the second changes nothing.
    await migrate(graph);
    expect(await upvotes()).toEqual([5, 0, 12]);
  });
});
