import type { Page } from 'puppeteer-core';
import type { App } from '../../src/server';
import { launchChromium, openPage, textsOf, waitForText, type HeadlessChromium, type PageProblems } from '../support/browser';
import { startTestApp } from '../support/test-app';
import { CONTRACT_OPERATIONS } from '../support/contract';

/** GraphiQL at /graphql in headless Chromium, on a page that may reach the server only. */
describe('the GraphQL IDE in a browser', () => {
  let app: App;
  let chromium: HeadlessChromium;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    chromium = await launchChromium();
    app = await startTestApp({ seed: true });
    ({ page, problems } = await openPage(chromium.browser, app.url.replace(/\/graphql$/, '')));
    await page.goto(app.url, { waitUntil: 'networkidle0' });
  }, 180_000);
  afterAll(async () => {
    await chromium?.close();
    await app?.stop();
  });

  it('offers every contract operation as a tab', async () => {
    await page.waitForSelector('.graphiql-tab');
    expect(await textsOf(page, '.graphiql-tab')).toEqual(CONTRACT_OPERATIONS);
  });

  it('runs the first tab with its example variables against this server', async () => {
    await page.click('.graphiql-execute-button');
    await waitForText(page, '.graphiql-response', '"name": "Earned Security"');
  });

  it('has a header field for an editor’s token', async () => {
    await page.click('xpath///button[.="Headers"]');
    await waitForText(page, '.graphiql-editor-tool', 'npm run token -- --role editor');
  });

  it('browses the schema’s documentation', async () => {
    await page.click('[aria-label="Show Documentation Explorer"]');
    await waitForText(page, '.graphiql-doc-explorer', 'Root Types');
    await page.click('xpath///a[.="Query"]');
    await waitForText(page, '.graphiql-doc-explorer', 'An entry by its slug');
  });

  it('asked nothing of any other host and logged no error', () => {
    expect(problems).toEqual({ foreignRequests: [], consoleErrors: [] });
  });
});
