import { createHash } from 'node:crypto';
import type { App } from '../../src/server';
import { editorHeaders } from '../support/auth';
import { graphql, startTestApp } from '../support/test-app';

const entryQuery = 'query Upvotes($slug: String!) { entry(slug: $slug) { upvotes summary } }';

/** Public reads are cached, every write invalidates them, and persisted queries work. */
describe('caching', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  async function read(headers: Record<string, string> = {}) {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: entryQuery, variables: { slug: 'couples' } }),
    });
    return { age: response.headers.get('age'), cacheControl: response.headers.get('cache-control'), body: (await response.json()) as any };
  }

  it('marks public reads cacheable and serves a repeat from the response cache', async () => {
    const first = await read();
    expect(first.cacheControl).toBe('max-age=30, public');
    const second = await read();
    expect(second.age).not.toBeNull();
    expect(second.body).toEqual(first.body);
  });

  it('invalidates cached reads on every write, whoever makes it', async () => {
    const before = await read();
    await read();
    const upvote = await graphql(app.url, 'mutation { upvoteEntry(slug: "couples") { entry { upvotes } } }', {}, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(upvote.body.errors).toBeUndefined();
    expect(upvote.headers.get('cache-control')).toBe('no-store');
    const after = await read();
    expect(after.age).toBeNull();
    expect(after.body.data.entry.upvotes).toBe(before.body.data.entry.upvotes + 1);

    // A write outside GraphQL (the ingest CLI, another replica) invalidates too: it bumps the same version.
    await app.services.graph.write((tx) => tx.run("MATCH (e:Entry {slug: 'couples'}) SET e.summary = 'Partners seen together.'"));
    expect((await read()).body.data.entry.summary).toBe('Partners seen together.');
  });

  it('never caches requests that carry credentials', async () => {
    const headers = await editorHeaders(app);
    await read(headers);
    expect((await read(headers)).age).toBeNull();
  });

  it('answers automatic persisted queries by hash once registered', async () => {
    const sha256Hash = createHash('sha256').update(entryQuery).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const byHash = async (query?: string) => {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { slug: 'couples' }, extensions }),
      });
      return (await response.json()) as any;
    };
    expect((await byHash()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await byHash(entryQuery)).data.entry).toBeDefined();
    expect((await byHash()).data.entry).toBeDefined();
  });

  describe('with RESPONSE_CACHE=false', () => {
    let uncached: App;
    beforeAll(async () => {
      uncached = await startTestApp({ seed: false, env: { RESPONSE_CACHE: 'false' } });
      await uncached.services.graph.write((tx) => tx.run("CREATE (:Entry {slug: 'couples', name: 'Couples', kind: 'POPULATION', upvotes: 0})"));
    });
    afterAll(() => uncached.stop());

    it('runs every read, and still sends cache hints', async () => {
      const read = async () => {
        const response = await fetch(uncached.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: entryQuery, variables: { slug: 'couples' } }),
        });
        return { age: response.headers.get('age'), cacheControl: response.headers.get('cache-control'), body: (await response.json()) as any };
      };
      const first = await read();
      expect(first.cacheControl).toBe('max-age=30, public');
      const second = await read();
      expect(second.age).toBeNull();
      // A change no cache would know of is seen at once.
      await uncached.services.graph.driver.executeQuery("MATCH (e:Entry {slug: 'couples'}) SET e.upvotes = 41");
      expect((await read()).body.data.entry.upvotes).toBe(41);
    });
  });
});
