import { Graph } from '../../src/graph/graph';
import { testConfig } from '../support/test-app';

/**
 * Reads keep the plan Neo4j made first (asRead in src/graph/graph.ts). Seen
 * in the soak: while editors saved, Neo4j replanned the evidence and see-also
 * reads every so often, and the requests that met a replan waited 200–500 ms
 * (Evidence p99 356–488 ms; 72 ms once its read kept its plan). What Neo4j
 * is sent is read back from Neo4j itself: a statement sees its own text in
 * SHOW TRANSACTIONS.
 */
describe('the statements reads send', () => {
  let graph: Graph;
  /** The statement's own text, as Neo4j runs it: the marker picks it out of any other transaction. */
  const ownText = (marker: string) => `SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS '${marker}' RETURN currentQuery`;

  beforeAll(() => {
    const config = testConfig();
    graph = Graph.connect(config.neo4j, config.neo4j.uri!);
  });
  afterAll(() => graph.close());

  it('keep their first plan: a single read (query)', async () => {
    const [row] = await graph.query<{ currentQuery: string }>(ownText('marker-query'));
    expect(row?.currentQuery).toMatch(/^CYPHER replan=skip\n/);
  });

  it('keep their first plan: a read transaction', async () => {
    const rows = await graph.read(async (tx) => (await tx.run(ownText('marker-read'))).records.map((r) => r.get('currentQuery') as string));
    expect(rows[0]).toMatch(/^CYPHER replan=skip\n/);
  });

  it('but a write lets Neo4j replan as it sees fit', async () => {
    const rows = await graph.writeDerived(async (tx) => (await tx.run(ownText('marker-write'))).records.map((r) => r.get('currentQuery') as string));
    expect(rows[0]).toMatch(/^SHOW TRANSACTIONS/);
  });
});
