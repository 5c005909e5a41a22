/**
 * The server under soak (bench/soak.ts): startApp exactly as `npm start` runs
 * it, against the soak's Neo4j, seeded on start. Client identity comes from
 * X-Forwarded-For (TRUST_PROXY=loopback), so the soak's clients are distinct
 * clients to the rate limiter and to one-upvote-per-client.
 * Prints "READY <url>" on stdout; stops when stdin closes.
 */
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startApp } from '../src/server';
import { serveUntilStdinCloses } from './servers/lifecycle';

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    SEED_ON_START: 'true',
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'warn',
  });
  const app = await startApp(config, createLogger(config.logLevel));
  serveUntilStdinCloses(app.url, () => app.stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
