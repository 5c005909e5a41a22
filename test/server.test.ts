import type { App } from '../src/server';
import { graphql, startTestApp } from './support/test-app';

describe('the HTTP server', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  const base = () => app.url.replace(/\/graphql$/, '');

  it('answers liveness', async () => {
    const response = await fetch(`${base()}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('reports ready when Neo4j answers', async () => {
    const response = await fetch(`${base()}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', neo4j: 'up' });
  });

  it('serves GraphQL reads from Neo4j over HTTP', async () => {
    const { status, body } = await graphql(app.url, 'query { entry(slug: "earned-security") { name kind hasArticle } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { entry: { name: 'Earned Security', kind: 'CONSTRUCT', hasArticle: true } } });
  });

  it('answers GraphQL at /graphql only: a path under it or any unknown path is a 404 JSON error', async () => {
    // Express had mounted /graphql as a prefix, so /graphql/graphql answered GraphQL too (a test posted there unnoticed).
    for (const path of ['/graphql/graphql', '/nope']) {
      const response = await fetch(`${base()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
    }
  });

  it('writes no framework header and returns the request id on every response', async () => {
    const response = await fetch(`${base()}/health/live`);
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
