import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import type { App } from '../../src/server';
import { launchChromium, openPage, SCREENSHOTS, textsOf, waitForText, type HeadlessChromium, type PageProblems } from '../support/browser';
import { startTestApp } from '../support/test-app';

/**
 * The explorer in headless Chromium against the real server over the seeded
 * graph: what a reader sees and can do, on a page that may reach the server only.
 */
describe('the explorer at /explore', () => {
  let app: App;
  let chromium: HeadlessChromium;
  let origin: string;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    chromium = await launchChromium();
    app = await startTestApp({ seed: true });
    origin = app.url.replace(/\/graphql$/, '');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await chromium?.close();
    await app?.stop();
  });

  beforeEach(async () => {
    ({ page, problems } = await openPage(chromium.browser, origin));
  });
  afterEach(async () => {
    await page.close();
    // Every test: nothing but the server was asked for anything, and nothing went wrong in the console.
    expect(problems).toEqual({ foreignRequests: [], consoleErrors: [] });
  });

  const open = async (url: string) => {
    await page.goto(origin + url, { waitUntil: 'networkidle0' });
  };
  const heading = () => page.$eval('h1', (h1) => h1.textContent);
  const pathAndQuery = () => {
    const url = new URL(page.url());
    return decodeURIComponent((url.pathname + url.search).replace(/\+/g, ' '));
  };

  it('shows an entry: its sections in order, every sentence’s provenance, key terms and sources with their tiers', async () => {
    await open('/explore/entry/earned-security');
    expect(await heading()).toBe('Earned Security');
    expect(await page.title()).toBe('Earned Security · Clinical wiki explorer');
    expect((await textsOf(page, '.article-section h2')).slice(0, 3)).toEqual(['Type & Discipline', 'Creators & Lineage', 'Core Principles']);

    // A cited sentence carries its sources' numbers; its marker reveals them with their tiers.
    const fringe = await page.waitForSelector('xpath///span[contains(@class,"claim-cited")][.//span[contains(., "rather than a fringe idea.")]]');
    const marker = (await fringe!.$('.marker'))!;
    expect(await marker.evaluate((m) => [m.textContent, m.getAttribute('aria-label'), m.getAttribute('aria-expanded')])).toEqual(['4, 2', 'Sources 4, 2', 'false']);
    await marker.click();
    const details = await fringe!.$eval('.claim-details', (d) => ({ hidden: (d as HTMLElement).hidden, text: (d as HTMLElement).innerText }));
    expect(details.hidden).toBe(false);
    expect(details.text).toMatch(/4\. Ten clinical uses of the Adult Attachment Interview \(2008\) T2/);
    expect(details.text).toMatch(/2\. A comprehensive scoping review of empirical studies on earned secure attachment \(2024\) T1/);
    expect(details.text).toContain('Which sources support this?');

    // The LLM badge and unmarked sentences, shown as such.
    expect(await textsOf(page, '.claim-llm > .marker')).toContain('LLM');
    const unmarked = await page.$$eval('.claim-unmarked', (claims) => claims.map((c) => [c.querySelector('.claim-text')!.textContent, c.querySelector('.marker')!.textContent]));
    expect(unmarked).toContainEqual([expect.stringMatching(/^Earned security is a developmental construct, not a standalone service/), 'unmarked']);

    expect(await textsOf(page, '.key-terms dt')).toHaveLength(9);
    expect((await textsOf(page, '.key-terms dt'))[0]).toBe('Earned security');
    expect(await textsOf(page, '.sources li .tier')).toEqual(['T1', 'T1', 'T1', 'T2', 'T3', 'T3', 'T3'].map((t) => expect.stringMatching(new RegExp(`^${t}`))));
    expect((await textsOf(page, '.sources li'))[0]).toMatch(/^Roisman, Padrón, Sroufe & Egeland \(2002\)\. Earned-secure attachment status in retrospect and prospect T1/);
  });

  it('shows the see-also panel: score, reasons with their labels, a page at a time', async () => {
    await open('/explore/entry/earned-security');
    await waitForText(page, '.see-also-item', 'Attachment theory');
    const items = () => textsOf(page, '.see-also-item');
    const first = await items();
    expect(first).toHaveLength(5);
    expect(first.find((item) => item.startsWith('Attachment theory'))).toMatch(/^Attachment theory Construct score \d+\.\d\d .*Lineage Earned Security grows out of Attachment theory/);

    await page.setViewport({ width: 1280, height: 1500 });
    // The README's picture shows a sentence's sources revealed.
    await page.click('.claim-cited .marker');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'entry-page.png') });

    await page.click('.see-also .more');
    await page.waitForFunction(() => document.querySelectorAll('.see-also-item').length > 5);
    const names = await textsOf(page, '.see-also-item .see-also-head a');
    expect(new Set(names).size).toBe(names.length);
    // Keyboard users carry on from the first entry of the new page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(names[5]);
  });

  it('cross-links names in the text to their entries, and back returns', async () => {
    await open('/explore/entry/earned-security');
    const link = await page.waitForSelector('xpath///p[@class="summary"]//a[contains(@class,"cross-link")][.="attachment theory"]');
    expect(await link!.evaluate((a) => a.getAttribute('href'))).toBe('/explore/entry/attachment-theory');
    await link!.click();
    await waitForText(page, 'h1', 'Attachment theory');
    expect(pathAndQuery()).toBe('/explore/entry/attachment-theory');
    await page.goBack();
    await waitForText(page, 'h1', 'Earned Security');
    expect(pathAndQuery()).toBe('/explore/entry/earned-security');
    // A key term the article defines links to its definition on the page.
    const term = (await page.waitForSelector('a.cross-link[href^="#term-"]'))!;
    const anchor = await term.evaluate((a) => a.getAttribute('href')!.slice(1));
    expect(await page.$eval(`[id="${anchor}"]`, (dt) => dt.tagName)).toBe('DT');
  });

  it('answers "which sources support this?" for a typed statement', async () => {
    await open('/explore');
    await page.type('#home-statement', 'earned security is an accepted object of study, not a fringe idea');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(page, '.hits', 'fringe idea');
    expect(pathAndQuery()).toBe('/explore/evidence?statement=earned security is an accepted object of study, not a fringe idea');
    const best = (await textsOf(page, '.hit'))[0];
    expect(best).toMatch(/rather than a fringe idea\. In Earned Security · cited/);
    expect(await page.$$eval('.hit:first-child .hit-sources .tier', (tiers) => tiers.map((t) => t.firstChild!.textContent))).toEqual(['T2', 'T1']);
  });

  it('asks the evidence question about any sentence of an article', async () => {
    await open('/explore/entry/earned-security');
    const claim = (await page.waitForSelector('xpath///span[contains(@class,"claim-llm")][.//span[starts-with(., "Earned security is a construct within attachment theory")]]'))!;
    await (await claim.$('.marker'))!.click();
    await (await claim.$('.evidence-link'))!.click();
    await page.waitForSelector('.hits');
    expect(await page.$eval('#statement', (t) => (t as HTMLTextAreaElement).value)).toMatch(/^Earned security is a construct within attachment theory, not a treatment/);
    // The sentence asked about is LLM-written: what answers it are sentences that cite sources (issue 19), never itself.
    const hits = await textsOf(page, '.hit');
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit).toMatch(/· cited/);
    expect((await textsOf(page, '.hit blockquote')).some((quote) => /^Earned security is a construct within attachment theory, not a treatment/.test(quote))).toBe(false);
  });

  it('shows a source’s page: the entries listing it and every claim it supports', async () => {
    await open('/explore/entry/earned-security');
    await page.click('xpath///section[contains(@class,"sources")]//a[.="Ten clinical uses of the Adult Attachment Interview"]');
    await waitForText(page, 'h1', 'Ten clinical uses of the Adult Attachment Interview');
    expect(pathAndQuery()).toMatch(/^\/explore\/source\/[A-Za-z0-9_-]+$/);
    expect(await textsOf(page, '.eyebrow')).toEqual([expect.stringMatching(/^Source · T2/)]);
    expect(await textsOf(page, '.source-entries a')).toEqual(['Earned Security']);
    expect(await textsOf(page, '.source-claims li')).toContain('The first principle is that security can be acquired rather than only inherited.');
    const claims = Number(/\((\d+)\)/.exec((await textsOf(page, '#source-claims'))[0]!)![1]);
    expect(await textsOf(page, '.source-claims li')).toHaveLength(claims);

    // The URL is stable: loading it afresh shows the same page.
    await page.reload({ waitUntil: 'networkidle0' });
    expect(await heading()).toBe('Ten clinical uses of the Adult Attachment Interview');
  });

  it('searches from the header and opens a result', async () => {
    await open('/explore');
    await page.type('#site-search', 'attachment');
    await page.keyboard.press('Enter');
    await waitForText(page, '.results', 'Attachment theory');
    expect(pathAndQuery()).toBe('/explore/search?q=attachment');
    expect(await textsOf(page, '.results li')).toEqual(expect.arrayContaining(['Attachment theory Construct', 'Adult Attachment Interview Instrument', 'Coherence of mind Key term']));
    await page.click('xpath///ol[@class="results"]//a[.="Attachment theory"]');
    await waitForText(page, 'h1', 'Attachment theory');
  });

  it('draws the neighbourhood: lineage, targets and backlinks as a picture whose entries open on a click', async () => {
    await open('/explore/entry/earned-security');
    await page.waitForSelector('.graph-node');
    const nodes = await page.$$eval('.graph-node', (links) => links.map((a) => a.textContent!.split(':')[0]));
    expect(nodes).toEqual(expect.arrayContaining(['Attachment theory (Construct)', 'Mentalization (Construct)', 'Adult Attachment Interview (Instrument)', 'Complex PTSD (Problem for work)', 'John Bowlby (Person)']));
    expect(await page.$eval('.neighbourhood .status', (s) => s.textContent)).toBe(`${nodes.length} entries around Earned Security.`);
    // The canvas has been drawn on.
    expect(await page.$eval('.graph canvas', (c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(0);
    await (await page.$('.neighbourhood'))!.screenshot({ path: path.join(SCREENSHOTS, 'neighbourhood.png') });

    // A click where the picture draws Attachment theory opens it.
    const box = (await (await page.$('.graph-node[href="/explore/entry/attachment-theory"]'))!.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await waitForText(page, 'h1', 'Attachment theory');
    expect(pathAndQuery()).toBe('/explore/entry/attachment-theory');
    await page.waitForSelector('.graph-node[href="/explore/entry/earned-security"]');
    expect(await page.$$eval('.graph-node', (links) => links.map((a) => a.textContent))).toContainEqual(
      expect.stringMatching(/^Earned Security \(Construct\): .*Earned Security grows out of Attachment theory/),
    );
  });

  it('finds how two entries connect and draws the path, naming the entries on it', async () => {
    await open('/explore/entry/attachment-theory');
    await page.waitForSelector('.connect-form input');
    await page.type('.connect-form input', 'Complex PTSD');
    await page.click('.connect-form button');
    await waitForText(page, '.connection', 'connects to Complex PTSD');
    expect(await textsOf(page, '.connection .path li')).toEqual([expect.stringMatching(/→ Earned Security$/), expect.stringMatching(/→ Complex PTSD$/)]);
    await page.waitForSelector('.graph-node[href="/explore/entry/complex-ptsd"]');
  });

  it('is usable from the keyboard, with every control labelled', async () => {
    await open('/explore/entry/earned-security');
    await page.waitForSelector('.see-also-item');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.focus('.claim-cited .marker');
    await page.keyboard.press('Enter');
    expect(await page.$eval('.claim-cited .marker', (m) => m.getAttribute('aria-expanded'))).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.claim-details') !== null)).toBe(true);

    const unlabelled = await page.$$eval('input, textarea, button, a', (controls) =>
      controls.filter((c) => !(c as HTMLInputElement).labels?.length && !c.getAttribute('aria-label') && !c.textContent?.trim()).map((c) => c.outerHTML),
    );
    expect(unlabelled).toEqual([]);
  });

  it('reads on a phone: one column, nothing wider than the screen', async () => {
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await open('/explore/entry/earned-security');
    await page.waitForSelector('.see-also-item');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = (selector: string) => page.$eval(selector, (e) => ({ top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom }));
    const [article, panel] = [await box('.article'), await box('.see-also')];
    expect(panel.top).toBeGreaterThanOrEqual(article.bottom);
  });

  it('says so when an entry does not exist', async () => {
    await open('/explore/entry/no-such-entry');
    expect(await heading()).toBe('Not found');
    expect(await textsOf(page, '.notice')).toEqual(['No entry has the slug “no-such-entry”.']);
  });
});
