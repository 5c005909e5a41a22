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
});
