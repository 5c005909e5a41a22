/**
 * The server under soak (bench/soak.ts): startApp exactly as `npm start` runs
 * it, against the soak's Neo4j, seeded on start. Client identity comes from
 * X-Forwarded-For (TRUST_PROXY=loopback), so the soak's clients are distinct
 * clients to the rate limiter and to one-upvote-per-client.
 * Prints "READY <url>" on stdout; stops when stdin closes.
 *
 * SOAK_CPU_PROFILE=<file.cpuprofile>: profiles the server's CPU from READY to
 * its stop (node:inspector; open the file in Chrome DevTools or speedscope).
 * SOAK_HEAP_SNAPSHOTS=<folder>: writes a heap snapshot there at each SIGUSR2,
 * to compare what the heap holds early and late in a soak.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { Session } from 'node:inspector/promises';
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
  const profile = process.env.SOAK_CPU_PROFILE;
  let session: Session | null = null;
  if (profile) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
  }
  const snapshots = process.env.SOAK_HEAP_SNAPSHOTS;
  if (snapshots) process.on('SIGUSR2', () => v8.writeHeapSnapshot(path.join(snapshots, `soak-${Date.now()}.heapsnapshot`)));
  serveUntilStdinCloses(app.url, async () => {
    if (session && profile) {
      const { profile: taken } = await session.post('Profiler.stop');
      fs.writeFileSync(profile, JSON.stringify(taken));
    }
    await app.stop();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
