import { CHANGE_POLL_MS } from '../../src/graph/change-log';
import { createLogger } from '../../src/logger';
import type { App } from '../../src/server';
import { editorHeaders, readerHeaders } from '../support/auth';
import { sleep } from '../support/processes';
import { graphql, startAppForTest, startTestApp, testConfig } from '../support/test-app';

const UPSERT = `mutation($input: UpsertEntryInput!) { upsertEntry(input: $input) { changed } }`;
const UPVOTE = `mutation($slug: String!) { upvoteEntry(slug: $slug) { changed entry { upvotes } } }`;
const ENTRY = `query Entry($slug: String!) { entry(slug: $slug) { name aliases summary upvotes } }`;
const CROSS_LINK = `query Links($text: String!) { crossLink(text: $text) { surface target { ... on Construct { slug } } } }`;

/**
 * Two API processes' worth of servers on one Neo4j, as replicas behind a load
 * balancer run: what one writes the other reads, one upvote per client counts
 * once across both, and the public-write rate limit is one budget, not one per
 * replica.
 */
describe('two API instances on one Neo4j', () => {
  let a: App;
  let b: App;
  beforeAll(async () => {
    a = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '4' } });
    b = await startAppForTest(testConfig({ RATE_LIMIT_PER_MINUTE: '4' }), createLogger('silent'));
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const read = async (app: App, headers: Record<string, string> = {}) =>
    (await graphql(app.url, ENTRY, { slug: 'mentalization' }, { headers, operationName: 'Entry' })).body.data.entry;

  it('reads on one what was written through the other', async () => {
    const reader = await readerHeaders(b, 'reader-on-b');
    const before = await read(b);
    expect(await read(b)).toEqual(before); // now in B's response cache
    expect((await graphql(b.url, CROSS_LINK, { text: 'Reflective stance matters.' })).body.data.crossLink).toEqual([]);

    const summary = `Changed through A at ${Date.now()}.`;
    const written = await graphql(
      a.url,
      UPSERT,
      { input: { slug: 'mentalization', name: before.name, kind: 'CONSTRUCT', aliases: [...before.aliases, 'reflective stance'], summary } },
      { headers: await editorHeaders(a) },
    );
    expect(written.body.errors).toBeUndefined();
    expect(written.body.data.upsertEntry.changed).toBe(true);

    // B's next reads outside the shared response cache (a signed-in reader) see the write: the entry,
    // and the cross-link dictionary, which checks the vocabulary version on every call. (An anonymous
    // cross-link B had cached may be served until B reads the change log, below.)
    expect(await read(b, reader)).toMatchObject({ summary, aliases: [...before.aliases, 'reflective stance'] });
    expect((await graphql(b.url, CROSS_LINK, { text: 'Reflective stance matters.' }, { headers: reader })).body.data.crossLink).toEqual([
      { surface: 'Reflective stance', target: { slug: 'mentalization' } },
    ]);
    // Anonymous reads B had cached follow B's reading of the change log, at most CHANGE_POLL_MS old (docs/operations.md).
    await sleep(CHANGE_POLL_MS + 50);
    expect(await read(b)).toMatchObject({ summary });
  });

  it('counts one upvote per client across both, also when the requests race', async () => {
    const client = await readerHeaders(a, 'voter-on-both');
    const start = (await read(a, client)).upvotes as number;
    // Three racing, then one more: the client's whole budget of 4 a minute.
    const results = await Promise.all([a, b, a].map((app) => graphql(app.url, UPVOTE, { slug: 'mentalization' }, { headers: client })));
    for (const { body } of results) expect(body.errors).toBeUndefined();
    expect(results.filter((r) => r.body.data.upvoteEntry.changed)).toHaveLength(1);
    expect((await read(a, client)).upvotes).toBe(start + 1);
    expect((await read(b, client)).upvotes).toBe(start + 1);
    expect((await graphql(b.url, UPVOTE, { slug: 'mentalization' }, { headers: client })).body.data.upvoteEntry.changed).toBe(false);
  });

  it('holds the public-write rate limit across both: one budget per client, not one per instance', async () => {
    const client = await readerHeaders(a, 'busy-on-both');
    const slugs = ['mentalization', 'couples', 'earned-security', 'mary-main'];
    // 4 a minute: two through each instance are allowed.
    for (const [i, app] of [a, b, a, b].entries()) {
      const { body } = await graphql(app.url, UPVOTE, { slug: slugs[i] }, { headers: client });
      expect(body.errors).toBeUndefined();
    }
    for (const app of [a, b]) {
      const { body } = await graphql(app.url, UPVOTE, { slug: 'attachment-theory' }, { headers: client });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    }
    // Another client has its own budget on both.
    const other = await readerHeaders(b, 'someone-else');
    for (const app of [b, a]) expect((await graphql(app.url, UPVOTE, { slug: 'attachment-theory' }, { headers: other })).body.errors).toBeUndefined();
  });

  it('counts racing public writes of one client exactly, across both', async () => {
    const client = await readerHeaders(a, 'racing-on-both');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => graphql((i % 2 ? a : b).url, UPVOTE, { slug: 'couples' }, { headers: client })));
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(4);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(6);
  });

  it('keeps no client id in clear in the shared windows', async () => {
    const rows = await a.services.graph.query<{ key: string }>('MATCH (r:RateLimit) RETURN r.key AS key');
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) expect(key).toMatch(/^public-write:[0-9a-f]{32}$/);
  });
});
