import fs from 'node:fs';
import path from 'node:path';
import { WEB_ROOT } from '../../src/http/web-pages';
import type { App } from '../../src/server';
import { startTestApp } from '../support/test-app';

/** What a browser's address bar sends. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const origin = (app: App) => app.url.replace(/\/graphql$/, '');

describe('the GraphQL IDE at GET /graphql', () => {
  describe('outside production', () => {
    let app: App;
    beforeAll(async () => {
      app = await startTestApp({ seed: false });
    });
    afterAll(() => app.stop());

    it('answers a browser with GraphiQL: its HTML revalidated on every load, under a same-origin content policy', async () => {
      const response = await fetch(app.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self';/);
      const html = await response.text();
      expect(html).toContain('<div id="graphiql"></div>');
      // Everything the page loads comes from this server.
      expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual(expect.arrayContaining([expect.stringMatching(/^\/assets\//)]));
      expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    });

    it('serves the bundles the page names, cached for good (their names change with their content)', async () => {
      const html = await (await fetch(app.url, { headers: { accept: BROWSER_ACCEPT } })).text();
      const script = /<script type="module" src="([^"]+)"/.exec(html)![1]!;
      const response = await fetch(origin(app) + script);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await fetch(`${origin(app)}/assets/no-such-bundle.js`)).status).toBe(404);
    });

    it('leaves GraphQL GETs and clients that prefer JSON to Apollo', async () => {
      const response = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
      const json = await fetch(app.url, { headers: { accept: 'application/json' } });
      expect(json.status).toBe(400);
      expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    });
  });

  describe.each([
    ['in production by default', { NODE_ENV: 'production' }],
    ['with GRAPHQL_IDE=false', { GRAPHQL_IDE: 'false' }],
  ])('%s', (_name, env) => {
    let app: App;
    beforeAll(async () => {
      app = await startTestApp({ seed: false, env });
    });
    afterAll(() => app.stop());

    it('answers a browser with neither GraphiQL nor Apollo’s CDN landing page', async () => {
      const response = await fetch(app.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.headers.get('content-type')).not.toMatch(/^text\/html/);
      expect(await response.text()).not.toMatch(/graphiql|apollographql\.com/i);
    });
  });

  it('names the build step when the pages are not built', async () => {
    const app = await startTestApp({ seed: false });
    const built = path.join(WEB_ROOT, 'ide.html');
    const aside = `${built}.aside`;
    fs.renameSync(built, aside);
    try {
      const response = await fetch(app.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:web');
    } finally {
      fs.renameSync(aside, built);
      await app.stop();
    }
  });
});

describe('the explorer at /explore', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({ seed: false, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => app.stop());

  it.each(['/explore', '/explore/', '/explore/entry/earned-security', '/explore/source/U291cmNlOnJlZjox', '/explore/search?q=attachment', '/explore/anything/else'])(
    'answers %s with the explorer page, which routes it in the browser (in production too)',
    async (url) => {
      const response = await fetch(origin(app) + url, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self';/);
      expect(await response.text()).toContain('<div id="explorer"></div>');
    },
  );
});
