import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import pino from 'pino';
import { DEVELOPMENT_JWT_SECRET, signToken } from '../../src/auth/tokens';
import { loadSeeds } from '../../src/seed/seed';
import type { App } from '../../src/server';
import { editorHeaders, readerHeaders } from '../support/auth';
import { eraseGraph, graphql, startAppForTest, startTestApp, testConfig } from '../support/test-app';

const READ = `{ entry(slug: "earned-security") { name } }`;
const EDITOR_ONLY = `mutation { upsertEntry(input: {name: "Viewer Check", kind: CONSTRUCT}) { status } }`;

/**
 * Who the server thinks is asking. Decision (docs/security.md): no
 * Authorization header is an anonymous reader; a header that is there must be
 * a valid bearer token, or the whole request — reads included — fails with
 * 401 UNAUTHENTICATED.
 */
describe('the viewer of a request', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  const post = (query: string, headers: Record<string, string> = {}) => graphql(app.url, query, {}, { headers });

  it('reads anonymously without an Authorization header', async () => {
    const { status, body } = await post(READ);
    expect(status).toBe(200);
    expect(body.data).toEqual({ entry: { name: 'Earned Security' } });
  });

  it('reads with any valid token, reader or editor', async () => {
    expect((await post(READ, await readerHeaders(app))).body.data).toEqual({ entry: { name: 'Earned Security' } });
    expect((await post(READ, await editorHeaders(app))).body.data).toEqual({ entry: { name: 'Earned Security' } });
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['another scheme', async () => 'Basic YWxpY2U6c2VjcmV0', /must be "Bearer <token>"/],
    ['an empty bearer', async () => 'Bearer ', /must be "Bearer <token>"/],
    ['a bearer with spaces inside', async () => 'Bearer abc def', /must be "Bearer <token>"/],
    ['a garbage token', async () => 'Bearer not-a-jwt', /malformed or invalid/],
    ['a token past its expiry', async () => `Bearer ${await signToken(app.services.config, { subject: 'late', roles: ['editor'], expiresIn: '-1h' })}`, /expired/],
    [
      'a token signed with another secret',
      async () =>
        `Bearer ${await new SignJWT({ roles: ['editor'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('mallory')
          .setIssuer('clinical-wiki')
          .setAudience('clinical-wiki-api')
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET))}`,
      /signature/,
    ],
    ['an oversized token', async () => `Bearer ${'a'.repeat(9_000)}`, /too long/],
  ])('refuses %s with 401 UNAUTHENTICATED, on reads too', async (_case, header, message) => {
    const value = await header();
    for (const query of [READ, EDITOR_ONLY]) {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: value },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_(token|request)"$/);
      const body = (await response.json()) as { data?: unknown; errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0]!.message).toMatch(message);
      expect(JSON.stringify(body)).not.toContain(value.slice(7, 40) || '\u0000');
    }
  });

  it('keys anonymous clients by address, honouring X-Forwarded-For only with TRUST_PROXY', async () => {
    const upvote = (forwardedFor: string, url = app.url) =>
      graphql(url, `mutation { upvoteEntry(slug: "strange-situation") { changed } }`, {}, { headers: { 'x-forwarded-for': forwardedFor } });
    // Without TRUST_PROXY the header is ignored: both requests are the same client.
    expect((await upvote('203.0.113.1')).body.data.upvoteEntry.changed).toBe(true);
    expect((await upvote('203.0.113.2')).body.data.upvoteEntry.changed).toBe(false);

    const proxied = await startAppForTest(testConfig({ TRUST_PROXY: 'true' }), pino({ level: 'silent' }));
    try {
      expect((await upvote('198.51.100.7', proxied.url)).body.data.upvoteEntry.changed).toBe(true);
      expect((await upvote('198.51.100.8', proxied.url)).body.data.upvoteEntry.changed).toBe(true);
      expect((await upvote('198.51.100.8', proxied.url)).body.data.upvoteEntry.changed).toBe(false);
    } finally {
      await proxied.stop();
    }
  });
});

describe('production without JWT_SECRET or JWT_JWKS_URL', () => {
  let app: App;
  const logged: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    app = await startAppForTest(testConfig({ NODE_ENV: 'production', JWT_SECRET: undefined, LOG_LEVEL: 'warn' }), pino({ level: 'warn' }, sink));
    await eraseGraph(app.services.graph);
    await loadSeeds(app.services.ingest);
  });
  afterAll(() => app.stop());

  it('warns at start-up that writes are impossible', () => {
    expect(logged.join('\n')).toMatch(/no token is accepted, so reads work and writes are impossible/);
  });

  it('serves reads', async () => {
    expect((await graphql(app.url, READ)).body.data).toEqual({ entry: { name: 'Earned Security' } });
  });

  it('refuses every token, even one signed with the development secret', async () => {
    const devToken = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('dev')
      .setIssuer('clinical-wiki')
      .setAudience('clinical-wiki-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
    const { status, body } = await graphql(app.url, EDITOR_ONLY, {}, { headers: { authorization: `Bearer ${devToken}` } });
    expect(status).toBe(401);
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/not configured/) });
  });

  it('answers editor mutations without a token with UNAUTHENTICATED', async () => {
    const { body } = await graphql(app.url, EDITOR_ONLY);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
