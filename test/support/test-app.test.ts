import { createLogger } from '../../src/logger';
import { startAppForTest, stopAppsLeftRunning, testConfig } from './test-app';

/**
 * The tests' own harness: an app whose start a test stopped waiting for (a
 * beforeAll that timed out) is still stopped at the end of its file, so it
 * neither keeps Jest from exiting nor works on the next file's graph.
 */
describe('apps started by tests', () => {
  it('are stopped at the end of the file, also when the test never got the app', async () => {
    const starting = startAppForTest(testConfig(), createLogger('silent'));
    await stopAppsLeftRunning();
    const app = await starting;
    await expect(fetch(`${app.url.replace(/\/graphql$/, '')}/health/live`)).rejects.toThrow();
  });
});
