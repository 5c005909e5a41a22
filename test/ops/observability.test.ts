import { createLogger } from '../../src/logger';
import { loadSeeds } from '../../src/seed/seed';
import type { App } from '../../src/server';
import { eraseGraph, startAppForTest, testConfig } from '../support/test-app';

/** Request ids in logs and headers, slow-query logs without parameter values, Prometheus metrics. */

type Line = Record<string, unknown> & { msg: string; level: number };

describe('logs and metrics', () => {
  let app: App;
  const lines: Line[] = [];
  beforeAll(async () => {
    // Every statement counts as slow (1 ms), so the slow-query log can be checked.
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    app = await startAppForTest(testConfig({ SLOW_QUERY_MS: '1', LOG_LEVEL: 'info' }), logger);
    await eraseGraph(app.services.graph);
    await loadSeeds(app.services.ingest);
  });
  afterAll(() => app.stop());

  const base = () => app.url.replace(/\/graphql$/, '');
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('keeps a sensible incoming X-Request-Id, returns it, and logs every line of the request with it', async () => {
    lines.length = 0;
    const response = await post(
      { query: 'query Page($slug: String!) { entry(slug: $slug) { name } }', variables: { slug: 'earned-security' }, operationName: 'Page' },
      { 'x-request-id': 'req-abc.123' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-abc.123');
    const completed = lines.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ req: { id: 'req-abc.123', method: 'POST', url: '/graphql' }, res: { statusCode: 200 } });
    expect(typeof completed!.responseTime).toBe('number');
    // Background tasks (the see-also refresher) log under their task name, not a request's.
    const slow = lines.filter((line) => line.msg === 'Slow Neo4j query' && line.task === undefined);
    expect(slow.length).toBeGreaterThan(0);
    for (const line of slow) {
      expect(line).toMatchObject({ reqId: 'req-abc.123', mode: 'READ' });
      expect(typeof line.durationMs).toBe('number');
      expect(typeof line.query).toBe('string');
    }
    // The statement's parameters never reach the log.
    expect(JSON.stringify(slow)).not.toContain('earned-security');
    // One line's fields never leak into the request's later lines.
    expect(completed).not.toHaveProperty('durationMs');
    expect(completed).not.toHaveProperty('query');
  });

  it('makes up an id when none (or a strange one) comes in', async () => {
    const first = await post({ query: '{ __typename }' });
    expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const strange = await post({ query: '{ __typename }' }, { 'x-request-id': 'evil\tid with spaces' });
    expect(strange.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs GraphQL errors with the request id and their codes, without their messages', async () => {
    lines.length = 0;
    const response = await post({ query: 'query Broken { entry(slug: 1) { nope } }' }, { 'x-request-id': 'broken-1' });
    expect(response.status).toBe(400);
    const logged = lines.find((line) => line.msg === 'GraphQL errors');
    expect(logged).toMatchObject({ reqId: 'broken-1', operation: 'unknown', codes: expect.arrayContaining(['GRAPHQL_VALIDATION_FAILED']) });
    expect(JSON.stringify(logged)).not.toContain('nope');
  });

  it('serves Prometheus metrics: requests by operation (bounded), Neo4j statements, errors, process', async () => {
    await post({ query: 'query EntryName($slug: String!) { entry(slug: $slug) { name } }', variables: { slug: 'earned-security' } });
    await post({ query: '{ entry(slug: "earned-security") { name } }' });
    // A query string is not part of the route; an unknown path is labelled "other" (the labels stay bounded).
    await fetch(`${base()}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    await fetch(`${base()}/no-such-path-${Date.now()}`);
    const response = await fetch(`${base()}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^graphql_operation_duration_seconds_count\{operation="EntryName"\} 1$/m);
    expect(text).toMatch(/^graphql_operation_duration_seconds_count\{operation="anonymous"\} \d+$/m);
    expect(text).toMatch(/^graphql_operation_duration_seconds_count\{operation="unknown"\} \d+$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/graphql",status_code="200"\} \d+$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/graphql",status_code="200"\} \d+$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="other",route="other",status_code="404"\} \d+$/m);
    expect(text).not.toMatch(/route="\/no-such-path/);
    expect(text).toMatch(/^neo4j_query_duration_seconds_count\{mode="read",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^neo4j_query_duration_seconds_count\{mode="write",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} \d+$/m);
    expect(text).toMatch(/^neo4j_breaker_open 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
  });

  it('reports what paced background work did: the see-also refresher’s work, waits and batches', async () => {
    // Seeding marked every panel stale: the refresher ranks them in the background, paced.
    const deadline = Date.now() + 20_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await (await fetch(`${base()}/metrics`)).text();
      if (/background_units_total\{task="see-also-panels"\} [1-9]/.test(text)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(text).toMatch(/background_units_total\{task="see-also-panels"\} [1-9]/);
    expect(text).toMatch(/background_work_seconds_total\{task="see-also-panels"\} \d/);
    expect(text).toMatch(/background_wait_seconds_total\{task="see-also-panels"\} \d/);
    expect(text).toContain('background_deferrals_total');
  });

  it('reports the event loop’s lag since the previous scrape (perf_hooks.monitorEventLoopDelay), once', async () => {
    await fetch(`${base()}/metrics`);
    // The monitor's first tick after a reset only starts its clock: stall after it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const blocked = performance.now();
    while (performance.now() - blocked < 150) {
      // Holds the event loop, as an operation compiling for long would.
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    const lagMax = (text: string) => Number(/^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1]);
    const after = await (await fetch(`${base()}/metrics`)).text();
    expect(lagMax(after)).toBeGreaterThanOrEqual(0.14);
    for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_eventloop_lag_mean_seconds']) {
      expect(after.match(new RegExp(`^${name} `, 'gm'))).toHaveLength(1);
    }
    // A scrape resets the window: the next one no longer sees that stall.
    const next = await (await fetch(`${base()}/metrics`)).text();
    expect(lagMax(next)).toBeLessThan(lagMax(after));
  });

  it('gives at most 50 client-chosen operation names a label of their own', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => post({ query: `query Op${i} { __typename }` })));
    const text = await (await fetch(`${base()}/metrics`)).text();
    const labels = new Set([...text.matchAll(/^graphql_operation_duration_seconds_count\{operation="([^"]+)"\}/gm)].map((m) => m[1]));
    expect(labels.size).toBeLessThanOrEqual(50 + 3);
    expect(labels.has('other')).toBe(true);
  });
});
