/**
 * System under test 1: this API, started exactly as `npm start` would
 * (startApp from src/server.ts) against the benchmark's Neo4j.
 * Prints "READY <url>" on stdout; stops when stdin closes.
 */
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startApp } from '../../src/server';
import { serveUntilStdinCloses } from './lifecycle';

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_ON_START: 'false',
    // Every cell warms its server with its own load before it measures (bench/README.md), the same for every system;
    // bench/cold-start.ts measures the warm-up itself.
    WARM_UP_SECONDS: process.env.BENCH_WARM_UP_SECONDS ?? '0',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    // Limits meant for the public internet would throttle a load test from one client address.
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const app = await startApp(config, createLogger(config.logLevel));
  serveUntilStdinCloses(app.url, () => app.stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
