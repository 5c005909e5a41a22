import { stopAppsLeftRunning } from './test-app';

/** After each test file: stop the apps it started and did not stop (test/support/test-app.ts, startAppForTest). */
afterAll(stopAppsLeftRunning, 180_000);
