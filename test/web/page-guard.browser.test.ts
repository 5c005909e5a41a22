import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium, openPage, type HeadlessChromium } from '../support/browser';

/** The guard the browser tests rely on: a request to another host is refused and reported, as is a console error. */
describe('openPage', () => {
  let chromium: HeadlessChromium;
  let server: http.Server;
  let origin: string;

  beforeAll(async () => {
    chromium = await launchChromium();
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>t</title>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await chromium?.close();
    server?.close();
  });

  it('refuses and reports a request to another host, and reports console errors', async () => {
    const { page, problems } = await openPage(chromium.browser, origin);
    await page.goto(`${origin}/`);
    const fetched = await page.evaluate(() =>
      fetch('http://cdn.example.com/lib.js').then(
        () => 'loaded',
        () => 'refused',
      ),
    );
    await page.evaluate(() => console.error('something broke'));
    await page.close();
    expect(fetched).toBe('refused');
    expect(problems.foreignRequests).toEqual(['http://cdn.example.com/lib.js']);
    expect(problems.consoleErrors).toEqual(expect.arrayContaining(['something broke']));
  });
});
