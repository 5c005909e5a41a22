import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getIntrospectionQuery, GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../../src/errors';
import { Graph } from '../../src/graph/graph';
import { createErrorFormatter, INTERNAL_MESSAGE } from '../../src/graphql/format-error';
import { MAX_TOKENS } from '../../src/graphql/hardening';
import type { App } from '../../src/server';
import { mainThreadCpuMs, sleep } from '../support/processes';
import { graphql, startTestApp, testConfig } from '../support/test-app';

type Body = { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Body; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Body = {};
  try {
    parsed = JSON.parse(text) as Body;
  } catch {
    // not JSON: the assertions below say so
  }
  return { status: response.status, body: parsed, text };
}

/** `entry { figure { caption { entry { ... name } } } }`: 2 + 3 × hops fields deep, no lists (so cost stays low). */
const deepQuery = (hops: number) =>
  `{ entry(slug: "earned-security") { ${'figure { caption { entry { '.repeat(hops)}name${' } } }'.repeat(hops)} } }`;

/** Fragment F(i) spreads F(i-1) twice: ~1 KB of text that expands to 2^levels copies of F0. */
const fragmentFanOut = (levels: number, leaf = 'name slug') => {
  const fragments = [`fragment F0 on Entry { ${leaf} }`];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Entry { ...F${i - 1} ...F${i - 1} }`);
  return `{ entry(slug: "earned-security") { ...F${levels} } }\n${fragments.join('\n')}`;
};

/** A cursor as the API encodes it, for any offset. */
const cursorAt = (offset: number | bigint) => Buffer.from(`o:${offset}`).toString('base64url');

const health = (app: App) => fetch(app.url.replace(/\/graphql$/, '/health/live'));

describe('query limits', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  const rejected = (response: { status: number; body: Body }, pattern: RegExp) => {
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toMatch(pattern);
  };

  it('refuses queries deeper than GRAPHQL_MAX_DEPTH (12), fragments included', async () => {
    const allowed = await post(app.url, { query: deepQuery(3) }); // depth 11
    expect(allowed.status).toBe(200);
    expect(allowed.body.errors).toBeUndefined();
    rejected(await post(app.url, { query: deepQuery(4) }), /depth limit of 12 exceeded, found 14/);
    const viaFragments = `
      query { entry(slug: "earned-security") { ...A } }
      fragment A on Entry { lineage { node { ...B } } }
      fragment B on Entry { lineage { node { ...C } } }
      fragment C on Entry { lineage { node { ...D } } }
      fragment D on Entry { lineage { node { ...E } } }
      fragment E on Entry { lineage { node { lineage { node { lineage { node { slug } } } } } } }`;
    rejected(await post(app.url, { query: viaFragments }), /depth limit/);
  });

  it('refuses more than GRAPHQL_MAX_ALIASES (30) aliases', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: entry(slug: "earned-security") { name }`).join(' ')} }`;
    expect((await post(app.url, { query: aliases(30) })).status).toBe(200);
    rejected(await post(app.url, { query: aliases(31) }), /Aliases limit of 30 exceeded/);
  });

  it('prices lists by their page size, variables included (GRAPHQL_MAX_COST 20,000)', async () => {
    const query = `query($n: Int) { entries(first: $n) { edges { node { sections { claims { sources { title } } } } } } }`;
    // 100 × (1 + 1 + 10 × (1 + 10 × (1 + 10 × 1))) = 111,200
    const tooDear = await post(app.url, { query, variables: { n: 100 } });
    rejected(tooDear, /estimated cost 111200 is over the limit of 20000/);
    expect(tooDear.body.errors?.[0]?.extensions).toMatchObject({ cost: 111200, maxCost: 20000 });
    // 15 × 1,112 = 16,680: allowed.
    const affordable = await post(app.url, { query, variables: { n: 15 } });
    expect(affordable.body.errors?.[0]?.extensions?.limit).toBeUndefined();
    // Costs are remembered per document and page size, never per document alone.
    rejected(await post(app.url, { query, variables: { n: 100 } }), /estimated cost 111200/);
    expect((await post(app.url, { query, variables: { n: 15 } })).body.errors?.[0]?.extensions?.limit).toBeUndefined();
    const skipped = `query($n: Int, $skip: Boolean!) { entries(first: $n) @skip(if: $skip) { edges { node { sections { claims { sources { title } } } } } } }`;
    expect((await post(app.url, { query: skipped, variables: { n: 100, skip: true } })).body.errors?.[0]?.extensions?.limit).toBeUndefined();
    rejected(await post(app.url, { query: skipped, variables: { n: 100, skip: false } }), /estimated cost 111200/);
    // Defaults count too: entries defaults to first: 20 → 22,240.
    rejected(await post(app.url, { query: `{ entries { edges { node { sections { claims { sources { title } } } } } } }` }), /estimated cost 22240/);
  });

  it('never skips the cost of an operation because its variables once failed to coerce', async () => {
    const query = `query($n: Int, $slug: String!) { entry(slug: $slug) { name } entries(first: $n) { edges { node { sections { claims { sources { title } } } } } } }`;
    const missing = await post(app.url, { query, variables: { n: 100 } });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    rejected(await post(app.url, { query, variables: { n: 100, slug: 'earned-security' } }), /estimated cost 111201 is over the limit/);
  });

  it('leaves an article page well under the cost limit', async () => {
    const page = `{ entry(slug: "earned-security") {
      name summary provenance { model } figure { description caption { text } }
      sections { heading claims { id text provenance sources { title tier retracted } } }
      keyTerms { term definition sources { title } } sources { title authors year tier url }
      smartObjectives { goal objective mechanism sources { title } } reflectiveQuestions { text }
      seeAlso(first: 10) { edges { score node { slug name } reasons { kind label weight } } }
      lineage { relation direction node { slug name } } targets { slug name } indicatedFor { slug name } backlinks { slug name }
    } }`;
    const { status, body } = await post(app.url, { query: page });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('refuses more than GRAPHQL_MAX_OPERATIONS (20) operations in one document', async () => {
    const document = (n: number) => Array.from({ length: n }, (_, i) => `query Q${i} { __typename }`).join('\n');
    expect((await post(app.url, { query: document(20), operationName: 'Q3' })).status).toBe(200);
    rejected(await post(app.url, { query: document(21), operationName: 'Q3' }), /at most 20 operations; this one has 21/);
  });

  it('refuses batched requests (one operation per HTTP request)', async () => {
    const response = await post(app.url, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/batching/i);
  });

  it(`stops parsing documents of more than ${MAX_TOKENS} tokens`, async () => {
    const response = await post(app.url, { query: `{ ${'__typename '.repeat(MAX_TOKENS + 10)}}` });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.body.errors?.[0]?.message).toMatch(/5000 tokens/);
  });

  it('refuses more than 50 directives', async () => {
    rejected(await post(app.url, { query: `{ __typename ${'@include(if: true) '.repeat(51)}}` }), /Directives limit of 50 exceeded/);
  });

  it('answers malformed and oversized bodies with 4xx JSON errors, never a stack trace', async () => {
    const invalid = await post(app.url, '{"query": ');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0]).toEqual({ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } });
    const huge = await post(app.url, { query: '{ __typename }', variables: { blob: 'x'.repeat(2_200_000) } });
    expect(huge.status).toBe(413);
    expect(huge.text).not.toMatch(/at .*\.js/);
    const missing = await post(app.url, {});
    expect(missing.status).toBe(400);
  });

  it('keeps CSRF prevention on: simple requests without a preflight header are refused', async () => {
    const form = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' });
    expect(form.status).toBe(400);
    const textPlain = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(textPlain.status).toBe(400);
    expect(await textPlain.text()).toMatch(/Cross-Site Request Forgery/);
    const get = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/Cross-Site Request Forgery/);

    const preflighted = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { __typename: 'Query' } });
    const mutationOverGet = await fetch(`${app.url}?query=${encodeURIComponent('mutation { upvoteEntry(slug: "couples") { changed } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(mutationOverGet.status).toBe(405);
  });

  it('refuses fragment fan-out before compiling anything, in milliseconds, and keeps /health/live answering', async () => {
    const query = fragmentFanOut(26);
    expect(query.length).toBeLessThan(1_200);
    const started = performance.now();
    const [refused, live] = await Promise.all([post(app.url, { query }), health(app)]);
    rejected(refused, /expands to more than 2500 fields/);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ limit: 'fields', maxFields: 2500 });
    expect(live.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('counts a selection on an interface once per type it can be (each is compiled), so short nested queries cannot explode', async () => {
    // 40 characters of `targets(first: 1)` nesting: cheap by cost, but 6 entry types per level.
    const nested = `{ entry(slug: "earned-security") { ${'targets(first: 1) { '.repeat(6)}name${' }'.repeat(6)} } }`;
    const started = performance.now();
    rejected(await post(app.url, { query: nested }), /expands to more than 2500 fields/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('answers an allowed document too large to compile cheaply without blocking the event loop', async () => {
    // deepQuery(3) is ~2,000 fields once each entry type is counted: allowed, but above what is worth compiling (~0.2 s).
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    // The monitor's first tick only starts its clock.
    await sleep(20);
    const cpu = mainThreadCpuMs(process.pid);
    const { status, body } = await post(app.url, { query: `${deepQuery(3)} # unique ${Date.now()}` });
    lag.disable();
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    // A stall is time the event loop computed: on a machine shared with other test runs, waiting for a CPU lags too.
    expect(Math.min(lag.max / 1e6, mainThreadCpuMs(process.pid) - cpu)).toBeLessThan(100);
  });

  it('prices crossLink by the length of its text (the spans it can return), variables included', async () => {
    const query = `query($text: String!) { crossLink(text: $text) { start end surface target { __typename } } }`;
    const short = 'Earned security grows out of attachment theory. '.repeat(20);
    const long = 'Earned security grows out of attachment theory. '.repeat(700); // 33,600 characters
    expect((await post(app.url, { query, variables: { text: short } })).body.errors).toBeUndefined();
    // At most one span per 2 characters, each costing 1 + its target's 1.
    const refused = await post(app.url, { query, variables: { text: long } });
    rejected(refused, /estimated cost 33600 is over the limit of 20000/);
    // The cost is remembered per text length, never per document alone.
    expect((await post(app.url, { query, variables: { text: short } })).body.errors).toBeUndefined();
    rejected(await post(app.url, { query, variables: { text: long } }), /estimated cost 33600/);
  });

  it('refuses 30 aliases of crossLink over one 200 KB variable quickly, without building the response', async () => {
    const text = 'attachment '.repeat(18_200); // 200,200 characters
    const query = `query($t: String!) { ${Array.from({ length: 30 }, (_, i) => `a${i}: crossLink(text: $t) { start }`).join(' ')} }`;
    const started = performance.now();
    const refused = await post(app.url, { query, variables: { t: text.slice(0, 200_000) } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.text.length).toBeLessThan(2_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('answers several operations without operationName, or an unknown operationName, with 400 and a code', async () => {
    const document = 'query A { __typename } query B { __typename }';
    for (const body of [{ query: document }, { query: document, operationName: 'C' }, { query: document, operationName: null }]) {
      const response = await post(app.url, body);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
      expect(response.body.errors?.[0]?.message).toMatch(/operation name|Unknown operation named "C"/);
      expect(response.text).not.toMatch(/Cannot read properties|variableDefinitions|Internal server error/);
    }
  });

  it('refuses variables nested thousands deep with 400 and a code, whatever the method', async () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const posted = await post(app.url, `{"query": "query($v: String) { __typename }", "variables": {"v": ${nested(5_000)}}}`);
    expect(posted.status).toBe(400);
    expect(posted.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(posted.body.errors?.[0]?.message).toMatch(/nested too deeply/);
    expect(posted.text).not.toMatch(/Maximum call stack|Internal server error/);
    const viaGet = await fetch(`${app.url}?query=${encodeURIComponent('query($v: Int) { __typename }')}&variables=${encodeURIComponent(`{"v": ${nested(2_000)}}`)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(viaGet.status).toBe(400);
    expect(await viaGet.text()).not.toMatch(/Maximum call stack|Internal server error/);
  });

  it('refuses cursors past what Neo4j can page to with BAD_USER_INPUT, never an internal error', async () => {
    for (const offset of [2 ** 31, 2 ** 31 - 1, 2 ** 40]) {
      const after = cursorAt(offset);
      const reads = [
        [`query($after: String) { entry(slug: "earned-security") { name seeAlso(first: 5, after: $after) { edges { cursor } } } }`, 'seeAlso'],
        [`query($after: String) { entries(first: 5, after: $after) { edges { cursor } } }`, 'entries'],
        [`query($after: String) { search(query: "attachment", first: 5, after: $after) { edges { cursor } } }`, 'search'],
        [`query($after: String) { entry(slug: "earned-security") { uncitedClaims(first: 5, after: $after) { totalCount } } }`, 'uncitedClaims'],
      ];
      for (const [query, field] of reads) {
        const { body, text } = await post(app.url, { query, variables: { after } });
        expect({ field, code: body.errors?.[0]?.extensions?.code }).toEqual({ field, code: 'BAD_USER_INPUT' });
        expect(body.errors?.[0]?.extensions?.argument).toBe('after');
        expect(text).not.toMatch(/Internal server error/);
      }
    }
  });

  it('prices introspection, allows one full introspection query, and caps its aliases and depth', async () => {
    const full = await post(app.url, { query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }) });
    expect(full.status).toBe(200);
    expect(full.body.errors).toBeUndefined();
    const aliased = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: __schema { types { name fields { name } } }`).join(' ')} }`;
    rejected(await post(app.url, { query: aliased }), /__schema/);
    // 20 × (1 + 10 × (1 + 10 × (1 + 10))): an entry type's every field and argument, twenty times over.
    const types = `{ ${Array.from({ length: 20 }, (_, i) => `t${i}: __type(name: "Entry") { possibleTypes { fields { name args { name } } } }`).join(' ')} }`;
    rejected(await post(app.url, { query: types }), /estimated cost 22220 is over the limit/);
    // graphql-js refuses lists of types nested 3 deep; GRAPHQL_MAX_DEPTH counts `__type` but not `__schema`.
    rejected(await post(app.url, { query: `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }` }), /Maximum introspection depth exceeded/);
    const chain = `{ __schema { types { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } }`;
    rejected(await post(app.url, { query: chain }), /Introspection depth limit of 20 exceeded/);
  });

  it('answers a persisted query whose hash does not match its text with 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const query = '{ __typename }';
    const wrong = await post(app.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.[0]).toEqual({ message: 'provided sha does not match query', extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } });
    const version = await post(app.url, { query, extensions: { persistedQuery: { version: 2, sha256Hash: '0'.repeat(64) } } });
    expect(version.status).toBe(400);
    expect(version.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const right = await post(app.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } });
    expect(right.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers an editor mutation without a token with HTTP 200 and an UNAUTHENTICATED field error (GraphQL over HTTP)', async () => {
    const response = await post(app.url, { query: 'mutation { upsertEntry(input: {name: "No Token", kind: CONSTRUCT}) { status } }' });
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]).toMatchObject({ path: ['upsertEntry'], extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('allows introspection and field suggestions by default', async () => {
    const schema = await graphql(app.url, `{ __schema { mutationType { name } } }`);
    expect(schema.body.data).toEqual({ __schema: { mutationType: { name: 'Mutation' } } });
    const typo = await graphql(app.url, `{ entyr(slug: "earned-security") { name } }`);
    expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "entry"/);
  });
});

describe('GRAPHQL_MAX_FIELDS raised past what the cost estimator walks', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPHQL_MAX_FIELDS: '100000' } });
  });
  afterAll(() => app.stop());

  it('refuses a document whose cost cannot be estimated (16,000 __typename through fragments), never running it', async () => {
    // Not refused by GRAPHQL_MAX_FIELDS here; the estimator gives up past MAX_COST_NODES.
    const padded = `{ ...P2 }
      fragment P0 on Query { ${'__typename '.repeat(40)} }
      fragment P1 on Query { ${'...P0 '.repeat(20)} }
      fragment P2 on Query { ${'...P1 '.repeat(20)} }`;
    const response = await post(app.url, { query: padded });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]).toEqual({
      message: 'The query is too large to estimate its cost; ask for fewer fields.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' },
    });
  });
});

describe('crossLink text per request', () => {
  let app: App;
  beforeAll(async () => {
    // A cost limit so high that only the text cap stands between a client and any amount of crossLink text.
    app = await startTestApp({ env: { GRAPHQL_MAX_COST: '100000000' } });
  });
  afterAll(() => app.stop());

  it('caps the crossLink text of one request at 200,000 characters, however high GRAPHQL_MAX_COST is', async () => {
    const query = `query($t: String!) { a: crossLink(text: $t) { start } b: crossLink(text: $t) { start } }`;
    const over = await post(app.url, { query, variables: { t: 'xy '.repeat(40_000) } });
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/at most 200000 characters of crossLink text; this one asks for 240000/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'crossLinkText' },
    });
    const within = await post(app.url, { query, variables: { t: 'xy '.repeat(30_000) } });
    expect(within.status).toBe(200);
    expect(within.body.errors).toBeUndefined();
  });
});

describe('GRAPHQL_INTROSPECTION=false and GRAPHQL_FIELD_SUGGESTIONS=false', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({ seed: false, env: { GRAPHQL_INTROSPECTION: 'false', GRAPHQL_FIELD_SUGGESTIONS: 'false' } });
  });
  afterAll(() => app.stop());

  it('refuses introspection, still answers __typename', async () => {
    const { status, body } = await graphql(app.url, `{ __schema { types { name } } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    expect((await graphql(app.url, `{ __type(name: "Entry") { name } }`)).status).toBe(400);
    expect((await graphql(app.url, `{ __typename }`)).body.data).toEqual({ __typename: 'Query' });
  });

  it('does not suggest field names', async () => {
    const { body } = await graphql(app.url, `{ entyr(slug: "x") { name } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(body)).not.toContain('"entry"');
  });
});

describe('Cypher transaction timeout (CYPHER_TIMEOUT_MS)', () => {
  it('stops a slow query with SERVICE_UNAVAILABLE', async () => {
    const config = testConfig({ CYPHER_TIMEOUT_MS: '300' });
    const graph = Graph.connect(config.neo4j, config.neo4j.uri!);
    try {
      const started = Date.now();
      const error = await graph.query('UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS c').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('SERVICE_UNAVAILABLE');
      expect((error as AppError).message).toMatch(/too long/);
      expect(Date.now() - started).toBeLessThan(10_000);
      // The graph still answers afterwards.
      expect(await graph.query<{ one: number }>('RETURN 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await graph.close();
    }
  });
});

describe('error masking', () => {
  const at = { locations: [{ line: 1, column: 3 }], path: ['entry'] };
  const resolverError = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['entry'] });
  const formatted = (error: GraphQLError, code: string) => ({
    message: error.message,
    ...at,
    extensions: { ...(error.originalError instanceof AppError ? error.originalError.extensions : {}), code, stacktrace: ['Error: ...', '    at x.js:1:1'] },
  });

  it('keeps AppErrors and request errors, masks the rest in production', () => {
    const format = createErrorFormatter({ production: true });
    const notFound = resolverError(new AppError('NOT_FOUND', 'The entry "x" was not found', { argument: 'slug' }));
    expect(format(formatted(notFound, 'NOT_FOUND'), notFound)).toEqual({ message: 'The entry "x" was not found', ...at, extensions: { code: 'NOT_FOUND', argument: 'slug' } });

    const validation = new GraphQLError('Cannot query field "x" on type "Query".');
    expect(format({ message: validation.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, validation)).toEqual({
      message: validation.message,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });

    const bug = resolverError(new TypeError("Cannot read properties of undefined (reading 'slug')"));
    expect(format(formatted(bug, 'INTERNAL_SERVER_ERROR'), bug)).toEqual({ message: INTERNAL_MESSAGE, ...at, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    // A plain error that claims a client code is still a bug.
    const pretender = resolverError(new Error('secret detail'));
    expect(format(formatted(pretender, 'BAD_USER_INPUT'), pretender).message).toBe(INTERNAL_MESSAGE);
  });

  it('masks Neo4j errors in every environment', () => {
    const neo4jError = resolverError(new Neo4jError("Invalid input 'MATCH (e:Entry {secret: 1})'", 'Neo.ClientError.Statement.SyntaxError', '42001', 'syntax error'));
    for (const production of [true, false]) {
      const result = createErrorFormatter({ production })(formatted(neo4jError, 'INTERNAL_SERVER_ERROR'), neo4jError);
      expect(result).toEqual({ message: INTERNAL_MESSAGE, ...at, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
  });

  it('shows other errors outside production, for debugging', () => {
    const bug = resolverError(new TypeError('boom'));
    expect(createErrorFormatter({ production: false })(formatted(bug, 'INTERNAL_SERVER_ERROR'), bug).message).toBe('boom');
  });

  describe('over HTTP outside production', () => {
    let app: App;
    beforeAll(async () => {
      app = await startTestApp({ seed: false });
    });
    afterAll(() => app.stop());

    it('answers bad input with its code and message, never a stack trace', async () => {
      const badId = await graphql(app.url, `{ node(id: "bm9wZQ") { id } }`);
      expect(badId.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      const badToken = await graphql(app.url, `{ entry(slug: "x") { name } }`, {}, { headers: { authorization: 'Bearer nope' } });
      expect(badToken.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      const typo = await graphql(app.url, `{ entyr { name } }`);
      expect(typo.body.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      for (const { body } of [badId, badToken, typo]) expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.[jt]s:\d+/);
    });
  });

  describe('over HTTP in production', () => {
    let app: App;
    beforeAll(async () => {
      app = await startTestApp({ env: { NODE_ENV: 'production' } });
    });
    afterAll(() => app.stop());

    it('sends AppErrors with their code and no stack trace', async () => {
      const { body } = await graphql(app.url, `{ node(id: "bm9wZQ") { id } }`);
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.ts:\d+/);
      const typo = await graphql(app.url, `{ entyr { name } }`);
      expect(JSON.stringify(typo.body)).not.toMatch(/stacktrace/);
    });

    it('answers a persisted-query hash mismatch with its own code, unmasked', async () => {
      const response = await post(app.url, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
      expect(response.text).not.toMatch(/Internal server error/);
    });

    it('masks a driver failure as INTERNAL_SERVER_ERROR without Neo4j\u2019s message, and keeps serving', async () => {
      await app.services.graph.close();
      const { status, body } = await graphql(app.url, `{ entry(slug: "earned-security") { name } }`);
      expect(status).toBe(200);
      expect(body.errors?.[0]).toEqual({ message: INTERNAL_MESSAGE, locations: [{ line: 1, column: 3 }], path: ['entry'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(body)).not.toMatch(/Pool|Neo4j|closed/i);
      const live = await fetch(app.url.replace(/\/graphql$/, '/health/live'));
      expect(live.status).toBe(200);
    });
  });
});
