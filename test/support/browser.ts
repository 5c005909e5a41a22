/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's chromium package puts it here; CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that keep Chromium from reaching Google's hosts on its own
 * (updates, sync, field trials, safe browsing) and from needing a sandbox
 * or a GPU, so it runs headless in a container without internet.
 */
const OFFLINE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
  '--metrics-recording-only',
];

export interface HeadlessChromium {
  browser: Browser;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile; fails, naming the fix, when it is not installed. */
export async function launchChromium(): Promise<HeadlessChromium> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need it. Install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH.`,
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-chromium-'));
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, userDataDir: profile, args: OFFLINE_FLAGS });
  return {
    browser,
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong while a page was open: requests to other hosts (refused) and console errors. */
export interface PageProblems {
  foreignRequests: string[];
  consoleErrors: string[];
}

/**
 * A page that may reach `origin` only: any other request is refused and
 * recorded, as is every console error and uncaught exception.
 */
export async function openPage(browser: Browser, origin: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const problems: PageProblems = { foreignRequests: [], consoleErrors: [] };
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return void request.continue();
    problems.foreignRequests.push(url);
    void request.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(error instanceof Error ? error.message : String(error)));
  return { page, problems };
}

/** The visible text of every element matching `selector`, whitespace collapsed. */
export const textsOf = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (elements) => elements.map((element) => (element as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

/** Waits until an element matching `selector` shows `text` (whitespace collapsed: editors show spaces as no-break spaces). */
export const waitForText = (page: Page, selector: string, text: string, timeout = 20_000) =>
  page.waitForFunction(
    (css, wanted) => [...document.querySelectorAll<HTMLElement>(css)].some((element) => element.innerText.replace(/\s+/g, ' ').includes(wanted)),
    { timeout },
    selector,
    text,
  );

/** Where the test run's screenshots go: the README shows them. */
export const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');
