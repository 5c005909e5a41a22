import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/graph/local-neo4j';
import pino from 'pino';
import type { App } from '../../src/server';
import { bearer } from '../support/auth';
import { freePort, sleep, waitFor } from '../support/processes';
import { startAppForTest, testConfig } from '../support/test-app';

/**
 * Neo4j hangs (its process paused) or stops under load and comes back:
 * requests fail fast with SERVICE_UNAVAILABLE (and no internals), readiness
 * says 503, and the same app serves again once Neo4j is back, without a
 * restart. This test runs a Neo4j of its own, so the shared test database is
 * not disturbed (and never paused).
 */

const ENTRY_QUERY = 'query Page($slug: String!) { entry(slug: $slug) { slug name sections { heading } } }';
/** Read anonymously by the stop test only, so its responses enter the response cache then (entries live 30 s from when they are stored). */
const CACHED_QUERY = 'query Cached($slug: String!) { entry(slug: $slug) { slug name } }';

interface Outcome {
  at: number;
  ms: number;
  ok: boolean;
  code?: string;
  message?: string;
}

describe('Neo4j outage and recovery', () => {
  const dataDir = path.join(projectRoot, '.data', `neo4j-outage-${process.pid}`);
  let port: number;
  let neo4j: LocalNeo4j | null = null;
  let app: App | null = null;
  /** What the app logs at warn and above: masked errors would show up here. */
  const logged: Array<{ level: number; msg: string; err?: { message?: string; code?: string } }> = [];

  beforeAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    port = await freePort();
    neo4j = await startLocalNeo4j({ dataDir, port, log: () => undefined });
    // The default hang detection (testConfig relaxes it for other tests).
    app = await startAppForTest(testConfig({ NEO4J_URI: neo4j.uri, SEED_ON_START: 'true', NEO4J_PROBE_TIMEOUT_MS: undefined }), pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) }));
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  const base = () => app!.url.replace(/\/graphql$/, '');

  async function read(slug = 'earned-security', headers: Record<string, string> = {}, query = ENTRY_QUERY): Promise<Outcome> {
    const started = Date.now();
    try {
      const response = await fetch(app!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables: { slug } }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { data?: { entry?: { slug: string } | null }; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      const error = body.errors?.[0];
      return {
        at: started,
        ms: Date.now() - started,
        ok: response.status === 200 && !error && (body.data?.entry?.slug === slug || (query !== ENTRY_QUERY && body.data !== undefined)),
        code: error?.extensions?.code,
        message: error?.message,
      };
    } catch (error) {
      return { at: started, ms: Date.now() - started, ok: false, code: 'FETCH_FAILED', message: String(error) };
    }
  }

  const readiness = async () => (await fetch(`${base()}/health/ready`, { signal: AbortSignal.timeout(30_000) })).status;

  /** How long readiness takes to answer, and with what. */
  async function timedReadiness(): Promise<{ status: number; ms: number }> {
    const started = Date.now();
    const status = await readiness();
    return { status, ms: Date.now() - started };
  }

  it('fails fast while Neo4j hangs (its process paused), serves cached reads, and recovers by itself', async () => {
    const pid = neo4j!.pid;
    const signedIn = await bearer(app!, ['reader'], 'hang-reader'); // bypasses the response cache
    const cached = await read('earned-security');
    expect(cached.ok).toBe(true);
    expect((await read('earned-security')).ok).toBe(true); // served from the response cache from now on
    expect((await read('attachment-theory', signedIn)).ok).toBe(true);
    expect(await readiness()).toBe(200);

    const pauseMs = 10_000;
    process.kill(pid, 'SIGSTOP');
    const pausedAt = Date.now();
    let inFlight: Outcome[];
    let upvotes: Outcome[];
    let ready: Array<{ status: number; ms: number }>;
    let hits: Outcome[];
    let later: Outcome[];
    try {
      // Requests arriving as Neo4j stops answering: reads, a cache miss, public writes. None waits for the pause to end.
      [inFlight, upvotes, ready] = await Promise.all([
        Promise.all([...Array.from({ length: 8 }, () => read('attachment-theory', signedIn)), read('mentalization')]),
        Promise.all(['couples', 'mary-main'].map((slug) => read(slug, {}, `mutation($slug: String!) { upvoteEntry(slug: $slug) { changed } }`))),
        Promise.all([timedReadiness(), timedReadiness()]),
      ]);
      // Once it is known that Neo4j does not answer: cached reads are still served, everything else fails at once.
      hits = await Promise.all(Array.from({ length: 10 }, () => read('earned-security')));
      later = await Promise.all(Array.from({ length: 10 }, () => read('attachment-theory', signedIn)));
      ready.push(await timedReadiness());
      await sleep(Math.max(0, pausedAt + pauseMs - Date.now()));
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    for (const outcome of [...inFlight, ...upvotes]) {
      expect(outcome).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
      expect(outcome.message).not.toMatch(/bolt|127\.0\.0\.1|neo4j:|Neo4jError|Cypher/i);
    }
    // Noticed within ~2 s (NEO4J_STALL_MS of waiting, then NEO4J_PROBE_TIMEOUT_MS for RETURN 1), under 3 s on a busy machine.
    expect(Math.max(...[...inFlight, ...upvotes].map((o) => o.ms))).toBeLessThan(3_000);
    expect(later.map((o) => o.code)).toEqual(later.map(() => 'SERVICE_UNAVAILABLE'));
    expect(Math.max(...later.map((o) => o.ms))).toBeLessThan(1_000);
    expect(ready.map((check) => check.status)).toEqual([503, 503, 503]);
    expect(Math.max(...ready.map((check) => check.ms))).toBeLessThan(2_000);
    expect(hits.filter((hit) => !hit.ok)).toEqual([]);
    expect(Math.max(...hits.map((hit) => hit.ms))).toBeLessThan(1_000);

    // Neo4j answers again: the same app serves without a restart.
    await waitFor('reads to succeed after the pause', async () => (await read('attachment-theory', signedIn)).ok, 30_000, 250);
    expect(await readiness()).toBe(200);
    const after = await Promise.all([read('mentalization'), read('attachment-theory', signedIn), read('earned-security')]);
    expect(after.filter((o) => !o.ok)).toEqual([]);
  }, 120_000);

  it('fails fast with SERVICE_UNAVAILABLE while Neo4j is down, and recovers by itself when it is back', async () => {
    const slugs = ['earned-security', 'mentalization-based-treatment', 'attachment-theory'];
    // Signed-in readers: the shared response cache (which keeps serving what it holds, tested below) is not theirs.
    const signedIn = await bearer(app!, ['reader'], 'outage-reader');
    // Healthy under concurrent reads.
    const warm = await Promise.all(Array.from({ length: 30 }, (_, i) => read(slugs[i % slugs.length], i % 2 ? signedIn : {})));
    expect(warm.filter((o) => !o.ok)).toEqual([]);
    expect((await Promise.all(slugs.map((slug) => read(slug, {}, CACHED_QUERY)))).filter((o) => !o.ok)).toEqual([]);
    expect(await readiness()).toBe(200);

    // Concurrent clients keep reading while Neo4j stops.
    const outcomes: Outcome[] = [];
    let running = true;
    const giveUpAt = Date.now() + 120_000;
    const clients = Array.from({ length: 20 }, async (_, i) => {
      while (running && Date.now() < giveUpAt) {
        outcomes.push(await read(slugs[i % slugs.length], signedIn));
        await sleep(20);
      }
    });
    let stoppedAt = 0;
    let downAt = 0;
    let probes: Outcome[];
    let cachedDuringOutage: Outcome[];
    try {
      await sleep(1_000);
      stoppedAt = Date.now();
      await neo4j!.stop();
      downAt = Date.now();
      // Every request that started after Neo4j was gone fails, fast and cleanly.
      await sleep(4_000);
      probes = await Promise.all(Array.from({ length: 50 }, () => read('earned-security', signedIn)));
      // Anonymous reads answered before the outage are still served from the response cache.
      cachedDuringOutage = await Promise.all(slugs.map((slug) => read(slug, {}, CACHED_QUERY)));
    } finally {
      running = false;
      await Promise.all(clients);
    }
    for (const probe of probes) {
      expect(probe).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
      // The breaker is open: no connect attempt, no retries. Far below the 15 s query timeout, with room for 50
      // requests at once while the 20 clients above keep the same process busy on a shared 2-core machine
      // (2 s was exceeded by a few ms at a load average above 10).
      expect(probe.ms).toBeLessThan(3_000);
      expect(probe.message).not.toMatch(/bolt|127\.0\.0\.1|neo4j:|Neo4jError|ServiceUnavailable|ECONNREFUSED|Cypher/i);
    }
    expect(cachedDuringOutage.filter((o) => !o.ok)).toEqual([]);
    expect(await readiness()).toBe(503);
    const readyBody = await (await fetch(`${base()}/health/ready`)).json();
    expect(readyBody).toEqual({ status: 'unavailable', neo4j: 'down' });

    const duringOutage = outcomes.filter((o) => o.at >= downAt);
    expect(duringOutage.length).toBeGreaterThan(50);
    expect(duringOutage.every((o) => !o.ok && o.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    // Also the first wave (in flight or started while Neo4j was shutting down): nothing hangs.
    const fromStop = outcomes.filter((o) => o.at + o.ms >= stoppedAt && !o.ok);
    expect(fromStop.length).toBeGreaterThan(0);
    const masked = logged.filter((line) => line.msg === 'Masked an internal error').map((line) => `${line.err?.code}: ${line.err?.message}`);
    expect([...new Set(masked)]).toEqual([]);
    expect(new Set(fromStop.map((o) => o.code))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    // Requests that arrive while Neo4j is still shutting down wait in Neo4j, get DatabaseUnavailable, and are
    // retried once or twice by the driver (NEO4J_MAX_RETRY_TIME_MS): a few seconds, never the 15 s query timeout.
    expect(Math.max(...fromStop.map((o) => o.ms))).toBeLessThan(15_000);

    // Neo4j comes back on the same folder and port; the app has not been restarted.
    neo4j = await startLocalNeo4j({ dataDir, port, log: () => undefined });
    await waitFor('reads to succeed again', async () => (await read('earned-security', signedIn)).ok, 60_000, 250);
    expect(await readiness()).toBe(200);
    const after = await Promise.all(Array.from({ length: 30 }, (_, i) => read(slugs[i % slugs.length], i % 2 ? signedIn : {})));
    expect(after.filter((o) => !o.ok)).toEqual([]);
  }, 240_000);
});
