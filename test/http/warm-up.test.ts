import fs from 'node:fs';
import Fastify from 'fastify';
import { CONTRACT_FILE } from '../../src/api/contract';
import { registerHealth } from '../../src/http/health';
import { contractReads, statementsOf, warmUp } from '../../src/http/warm-up';
import { createLogger } from '../../src/logger';
import type { App } from '../../src/server';
import { graphql, startAppForTest, startTestApp, testConfig } from '../support/test-app';

/**
 * A new server sends itself the contract's reads before it reports ready
 * (src/http/warm-up.ts): every read answered over the seeded graph, none in
 * the request log, and /health/ready "warming" until it is done.
 */
describe('the warm-up before ready', () => {
  let seeded: App;
  let warmed: App;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    // The seeded graph, then a second server over it that warms up (as a new replica would). With 1 s of
    // budget it stops after the first article's reads, which it always finishes: every read of the contract.
    seeded = await startTestApp();
    warmed = await startAppForTest(
      testConfig({ WARM_UP_SECONDS: '1', LOG_LEVEL: 'info' }),
      createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }),
    );
  }, 180_000);
  afterAll(async () => {
    await warmed?.stop();
    await seeded?.stop();
  });

  it('sends every read of the contract over the seeded graph, each answered without an error', () => {
    const reads = contractReads(fs.readFileSync(CONTRACT_FILE, 'utf8'));
    expect(reads).toEqual(expect.arrayContaining(['EntryPage', 'SeeAlsoPanel', 'Evidence', 'CrossLink', 'RevisionDiff', 'ClaimAsCited']));
    expect(warmed.warmUp).toMatchObject({ failed: 0, skipped: [], operations: reads });
    expect(warmed.warmUp!.entries).toBeGreaterThan(0);
    // The listing, then per entry its page and history and the other reads (Connection from the second entry on).
    expect(warmed.warmUp!.requests).toBeGreaterThanOrEqual(1 + reads.length - 1);
  });

  it('leaves its requests out of the request metrics, which are what clients see', async () => {
    const metrics = await (await fetch(warmed.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(warmed.warmUp!.requests).toBeGreaterThan(0);
    expect(metrics).not.toMatch(/^http_request_duration_seconds_count\{[^}]*route="\/graphql"/m);
    expect(metrics).not.toMatch(/^graphql_operation_duration_seconds_count\{operation="EntryPage"\}/m);
    // Neo4j's statements are the server's own work, whoever asked: the warm-up's are counted.
    expect(metrics).toMatch(/^neo4j_query_duration_seconds_count\{mode="read",outcome="ok"\} [1-9]/m);
  });

  it('stops when its time is up, once it has read an entry with an article', async () => {
    // The seed's first entries by name are stubs; earned-security is the first with an article.
    const report = await warmUp(seeded.url, fs.readFileSync(CONTRACT_FILE, 'utf8'), 0);
    expect(report.operations).toEqual(expect.arrayContaining(['Evidence', 'CrossLink', 'ClaimAsCited']));
    const [{ entries }] = await seeded.services.graph.query<{ entries: number }>('MATCH (e:Entry) RETURN count(e) AS entries');
    expect(report.entries).toBeGreaterThan(0);
    expect(report.entries).toBeLessThan(entries!);
  });

  it('logs one report, and none of its requests, while a client request is logged (whatever warm-up header it sends)', async () => {
    expect(lines.filter((line) => line.msg === 'request completed')).toEqual([]);
    const report = lines.find((line) => typeof line.msg === 'string' && line.msg.startsWith('Warmed up'));
    expect(report?.warmUp).toEqual(warmed.warmUp);

    const { status } = await graphql(warmed.url, '{ entry(slug: "earned-security") { name } }', {}, { headers: { 'x-warm-up': 'guessed' } });
    expect(status).toBe(200);
    expect(lines.filter((line) => line.msg === 'request completed')).toHaveLength(1);
    const metrics = await (await fetch(warmed.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/^http_request_duration_seconds_count\{[^}]*route="\/graphql"[^}]*\} 1$/m);
  });

  it('answers /health/ready 503 "warming" until the warm-up ends, then 200', async () => {
    let warm = false;
    const app = Fastify();
    registerHealth(app, seeded.services.graph, () => warm);
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const before = await fetch(`${base}/health/ready`);
      expect(before.status).toBe(503);
      expect(await before.json()).toEqual({ status: 'warming', neo4j: 'up' });
      warm = true;
      const after = await fetch(`${base}/health/ready`);
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual({ status: 'ready', neo4j: 'up' });
    } finally {
      await app.close();
    }
  });

  it('is off with WARM_UP_SECONDS=0 (what the tests start with)', () => {
    expect(seeded.warmUp).toBeNull();
    expect(testConfig().warmUp.budgetMs).toBe(0);
  });

  it('looks past the first 50 entries, page by page, for an article when they are all stubs', async () => {
    for (let i = 1; i <= 60; i++) {
      await seeded.services.editing.upsertEntry({ name: `A stub ${String(i).padStart(2, '0')}`, kind: 'CONSTRUCT' }, 'editor-1');
    }
    const report = await warmUp(seeded.url, fs.readFileSync(CONTRACT_FILE, 'utf8'), 0);
    expect(report.failed).toBe(0);
    expect(report.operations).toEqual(expect.arrayContaining(['Evidence', 'CrossLink', 'ClaimAsCited']));
    // The first 50 stubs' reads, then the first article's; the stubs after the 50th only looked at.
    expect(report.entries).toBe(51);
  });

  it('asks evidence in the shapes readers type: a sentence, a question naming the entry, one word, a few words', () => {
    const sentences = ['Earned security describes adults who became secure 2.', 'Coherence of narrative is what the AAI rates 4.', 'It can be acquired in therapy 3.'];
    expect(statementsOf(sentences, 'Earned Security')).toEqual([
      'Earned security describes adults who became secure 2.',
      'what is Earned Security?',
      'Coherence',
      'acquired in therapy',
    ]);
    expect(statementsOf([], 'A stub')).toEqual([]);
  });
});
