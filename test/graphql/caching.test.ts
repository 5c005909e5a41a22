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

  it('serves a hit as it was first sent: same media type, length, no ETag', async () => {
    const send = (accept: string) =>
      fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: entryQuery, variables: { slug: 'couples' } }),
      });
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const first = await send(accept);
      const text = await first.text();
      const hit = await send(accept);
      expect(hit.headers.get('age')).not.toBeNull();
      expect(hit.headers.get('content-type')).toBe(first.headers.get('content-type'));
      expect(hit.headers.get('content-type')).toContain(accept);
      expect(hit.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      expect(hit.headers.get('etag')).toBeNull();
      expect(await hit.text()).toBe(text);
    }
  });

  it('caches a GET only when Apollo would answer it (CSRF preflight header)', async () => {
    const url = `${app.url}?${new URLSearchParams({ query: entryQuery, variables: JSON.stringify({ slug: 'couples' }) })}`;
    const preflighted = () => fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect((await preflighted()).status).toBe(200);
    expect((await preflighted()).headers.get('age')).not.toBeNull();
    const bare = await fetch(url);
    expect(bare.status).toBe(400);
    expect(bare.headers.get('age')).toBeNull();
  });

  it('never caches a response with errors', async () => {
    const missing = async () => {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ entry(slug: "no-such-entry") { name } source(id: "?") { title } }' }),
      });
      return { age: response.headers.get('age'), cacheControl: response.headers.get('cache-control'), body: (await response.json()) as any };
    };
    const first = await missing();
    expect(first.body.errors?.length).toBeGreaterThan(0);
    expect(first.cacheControl).toBe('no-store');
    expect((await missing()).age).toBeNull();
  });

  it('counts hits and misses in the metrics', async () => {
    const lookups = async () => {
      const text = await (await fetch(app.url.replace('/graphql', '/metrics'))).text();
      const count = (result: string) => Number(new RegExp(`graphql_response_cache_lookups_total\\{result="${result}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
      return { hit: count('hit'), miss: count('miss') };
    };
    const before = await lookups();
    const query = `query Fresh { entry(slug: "couples") { name } } # ${Date.now()}`;
    await graphql(app.url, query);
    await graphql(app.url, query);
    const after = await lookups();
    expect(after.miss - before.miss).toBe(1);
    expect(after.hit - before.hit).toBe(1);
  });

  describe('with readers told apart by their address (TRUST_PROXY)', () => {
    let proxied: App;
    beforeAll(async () => {
      proxied = await startTestApp({ env: { TRUST_PROXY: 'true' } });
    });
    afterAll(() => proxied.stop());

    it("never hands a reader's own suggestion to another reader, nor lets a shared cache keep it", async () => {
      const author = { 'x-forwarded-for': '203.0.113.20' };
      const someoneElse = { 'x-forwarded-for': '203.0.113.21' };
      const suggested = await graphql(
        proxied.url,
        'mutation($input: SuggestRevisionInput!) { suggestRevision(input: $input) { suggestion { id } } }',
        { input: { slug: 'couples', text: 'Add the 2024 scoping review of couples work to the evidence base.' } },
        { headers: author },
      );
      expect(suggested.body.errors).toBeUndefined();
      const id = suggested.body.data.suggestRevision.suggestion.id;
      const ask = (headers: Record<string, string>) => graphql(proxied.url, 'query Mine($id: ID!) { suggestion(id: $id) { id status } }', { id }, { headers });

      const own = await ask(author);
      expect(own.body.data.suggestion).toEqual({ id, status: 'PENDING' });
      expect(own.headers.get('cache-control')).toBe('max-age=30, private');
      const other = await ask(someoneElse);
      expect(other.headers.get('age')).toBeNull();
      expect(other.body.data.suggestion).toBeNull();
      // Nor the other way round: a "none" for one reader is not the author's answer.
      expect((await ask(author)).body.data.suggestion).toEqual({ id, status: 'PENDING' });
    });
  });

  describe('with RESPONSE_CACHE=false', () => {
    let uncached: App;
    beforeAll(async () => {
      uncached = await startTestApp({ seed: false, env: { RESPONSE_CACHE: 'false' } });
      await uncached.services.graph.write((tx) => tx.run("CREATE (:Entry {slug: 'couples', name: 'Couples', kind: 'POPULATION'})"));
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
      await uncached.services.graph.driver.executeQuery("MATCH (e:Entry {slug: 'couples'}) SET e.exportedUpvotes = 41");
      expect((await read()).body.data.entry.upvotes).toBe(41);
    });
  });
});
