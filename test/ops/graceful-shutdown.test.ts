import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../../src/config';
import type { App } from '../../src/server';
import { freePort, isAlive, sleep, waitFor } from '../support/processes';
import { graphql, startTestApp } from '../support/test-app';

/** Shutdown lets in-flight requests finish, then closes the driver, then the local Neo4j. */

describe('graceful shutdown in process', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('finishes a request in flight, refuses new connections, then closes the driver', async () => {
    const graph = app.services.graph;
    // Holds reads back for a moment so the request is certainly in flight when stop() is called.
    const query = graph.query.bind(graph);
    let readsStarted = 0;
    graph.query = (async (cypher: string, params?: Record<string, unknown>) => {
      readsStarted++;
      await sleep(1_500);
      return query(cypher, params);
    }) as typeof graph.query;
    const events: string[] = [];
    const close = graph.close.bind(graph);
    graph.close = async () => {
      events.push('driver closed');
      return close();
    };

    const statement = 'earned security is an accepted object of study, not a fringe idea';
    const inFlight = graphql(app.url, 'query ($s: String!) { evidence(statement: $s, first: 10) { score claim { text entry { slug } } sources { title } } }', {
      s: statement,
    }).then((response) => {
      events.push('response');
      return response;
    });
    await waitFor('the request to reach the graph', async () => readsStarted > 0, 10_000, 10);

    const stopped = app.stop().then(() => events.push('stopped'));
    await sleep(100);
    // A new connection is not accepted once stopping has begun.
    await expect(fetch(app.url.replace(/\/graphql$/, '/health/live'), { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();

    const { status, body } = await inFlight;
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.evidence.length).toBeGreaterThan(0);
    await stopped;
    expect(events).toEqual(['response', 'driver closed', 'stopped']);
  }, 30_000);
});

/** PIDs of the direct children of a process (Linux /proc). */
function childrenOf(pid: number): Array<{ pid: number; command: string }> {
  const children: Array<{ pid: number; command: string }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push({ pid: Number(entry), command });
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

describe.each(['SIGINT', 'SIGTERM'] as const)('the npm start process on %s', (signal) => {
  const dataDir = path.join(projectRoot, '.data', `neo4j-shutdown-${signal.toLowerCase()}-${process.pid}`);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stops the server, the driver and its local Neo4j, and exits 0', async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const [httpPort, boltPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(httpPort),
      NEO4J_LOCAL_DIR: dataDir,
      NEO4J_LOCAL_PORT: String(boltPort),
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
    };
    delete env.NEO4J_URI;
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(projectRoot, 'src', 'main.ts')], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: Array<Record<string, unknown>> = [];
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ msg: line });
      }
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, sig) => resolve({ code, signal: sig })),
    );
    try {
      const ready = await waitFor(
        'the server to be ready',
        async () => {
          if (child.exitCode !== null) throw new Error(`exited early: ${stderr}`);
          return logs.find((line) => typeof line.url === 'string');
        },
        150_000,
        200,
      );
      const url = ready.url as string;
      expect(url).toBe(`http://127.0.0.1:${httpPort}/graphql`);
      const java = childrenOf(child.pid!).filter((c) => c.command === 'java');
      expect(java).toHaveLength(1);
      const response = await fetch(url.replace(/\/graphql$/, '/health/ready'));
      expect(response.status).toBe(200);

      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const exit = await Promise.race([exited, new Promise<{ code: number; signal: null }>((resolve) => (timer = setTimeout(() => resolve({ code: -1, signal: null }), 60_000)))]);
      clearTimeout(timer);
      if (exit.code !== 0) console.log(JSON.stringify(logs.slice(-8)), stderr.slice(-2000));
      expect(exit).toEqual({ code: 0, signal: null });
      expect(logs.some((line) => line.msg === 'Shutting down' && line.signal === signal)).toBe(true);
      await waitFor('the local Neo4j to be gone', async () => !isAlive(java[0]!.pid), 10_000, 100);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 240_000);
});
