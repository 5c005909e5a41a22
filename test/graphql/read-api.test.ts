import type { App } from '../../src/server';
import { graphql, startTestApp } from '../support/test-app';

/** Read API behaviour beyond the front end's contract: audits, global IDs, bounds, outside readings. */
describe('the read API', () => {
  let app: App;
  const query = async (text: string, variables: Record<string, unknown> = {}): Promise<any> => (await graphql(app.url, text, variables)).body;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('lists the claims that cite nothing, for editors’ audits, with a total and cursors', async () => {
    const page = await query(`{ entry(slug: "earned-security") { uncitedClaims(first: 3) { totalCount edges { cursor node { provenance text } } pageInfo { hasNextPage endCursor } } } }`);
    const { totalCount, edges, pageInfo } = page.data.entry.uncitedClaims;
    expect(totalCount).toBeGreaterThan(20);
    expect(edges.map((e: { node: { provenance: string } }) => e.node.provenance).every((p: string) => p === 'LLM' || p === 'UNMARKED')).toBe(true);
    expect(pageInfo.hasNextPage).toBe(true);
    const next = await query(`query ($after: String) { entry(slug: "earned-security") { uncitedClaims(first: 3, after: $after) { edges { node { text } } } } }`, { after: pageInfo.endCursor });
    expect(next.data.entry.uncitedClaims.edges[0].node.text).not.toBe(edges[0].node.text);
  });

  it('resolves every kind of global ID through node(id)', async () => {
    const page = await query(`{ entry(slug: "earned-security") { id keyTerms { id term } sources { id title } sections { claims { id text } } } }`);
    const entry = page.data.entry;
    const ids = [entry.id, entry.keyTerms[0].id, entry.sources[0].id, entry.sections[0].claims[0].id];
    const nodes = await Promise.all(ids.map((id) => query(`query ($id: ID!) { node(id: $id) { id __typename } }`, { id })));
    expect(nodes.map((n) => n.data.node.__typename)).toEqual(['Construct', 'KeyTerm', 'Source', 'Claim']);
    expect(nodes.map((n) => n.data.node.id)).toEqual(ids);
  });

  it('rejects a malformed ID or cursor with BAD_USER_INPUT', async () => {
    const badId = await query(`{ node(id: "not-an-id") { id } }`);
    expect(badId.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const badCursor = await query(`{ entry(slug: "earned-security") { seeAlso(first: 2, after: "nope") { edges { cursor } } } }`);
    expect(badCursor.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('bounds every list: page sizes beyond the maximum are refused', async () => {
    for (const field of ['seeAlso(first: 51) { edges { cursor } }', 'uncitedClaims(first: 101) { totalCount }', 'backlinks(first: 501) { slug }']) {
      const body = await query(`{ entry(slug: "earned-security") { ${field} } }`);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const evidence = await query(`{ evidence(statement: "security", first: 0) { score } }`);
    expect(evidence.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves the outside reading as a T3 source with its text and mentions', async () => {
    const found = await query(`{ search(query: "Earned Secure Attachment", first: 50) { edges { node { __typename ... on Source { id kind tier } } } } }`);
    const reading = found.data.search.edges.map((e: { node: { kind?: string } }) => e.node).find((n: { kind?: string }) => n.kind === 'OUTSIDE_READING');
    expect(reading.tier).toBe('T3');
    const body = await query(`query ($id: ID!) { node(id: $id) { ... on Source { text mentions { __typename ... on Entry { slug } } entries { slug } } } }`, { id: reading.id });
    expect(body.data.node.text).toMatch(/^Earned secure attachment is one of the most important/);
    expect(body.data.node.mentions.map((m: { slug?: string }) => m.slug)).toEqual(expect.arrayContaining(['earned-security', 'internal-working-model']));
    expect(body.data.node.entries.map((e: { slug: string }) => e.slug)).toContain('internal-working-model');
  });

  it('answers a path of length 0 from an entry to itself, and null for unknown entries', async () => {
    const same = await query(`{ path(from: "earned-security", to: "earned-security", maxHops: 2) { length steps { relation } } }`);
    expect(same.data.path).toEqual({ length: 0, steps: [] });
    const unknown = await query(`{ path(from: "earned-security", to: "nothing-here", maxHops: 2) { length } }`);
    expect(unknown.data.path).toBeNull();
    const tooFar = await query(`{ path(from: "earned-security", to: "couples", maxHops: 7) { length } }`);
    expect(tooFar.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('lists entries by kind, alphabetically, with cursor pagination', async () => {
    const body = await query(`{ entries(kind: PROBLEM_FOR_WORK, first: 3) { totalCount edges { node { name kind } } pageInfo { hasNextPage } } }`);
    const { totalCount, edges, pageInfo } = body.data.entries;
    expect(totalCount).toBe(10);
    expect(edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Childhood trauma', 'Complex PTSD', 'Difficulty with intimacy']);
    expect(pageInfo.hasNextPage).toBe(true);
  });
});
