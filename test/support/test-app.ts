import { loadConfig, type Config } from '../../src/config';
import { Graph } from '../../src/graph/graph';
import { migrate } from '../../src/graph/migrate';
import { loadSeeds } from '../../src/seed/seed';
import { startApp, type App } from '../../src/server';
import { createServices, type Services } from '../../src/services';
import type { Logger } from 'pino';
import { createLogger } from '../../src/logger';

/**
 * Configuration for tests: the Neo4j of the global setup, a free port, no auto-seeding, no warm-up, quiet logs.
 * Neo4j gets 10 s, not 1, to answer RETURN 1 before it counts as hung: the shared 2-core test machine is
 * at times loaded far beyond a server (load average 17 seen), and a test failed by a false hang tests
 * nothing. test/graph/neo4j-outage.test.ts, which checks the hang timings, uses the defaults.
 */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    SEED_ON_START: 'false',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
    NEO4J_PROBE_TIMEOUT_MS: '10000',
    // Tests start apps over graphs they then erase and load: a warm-up would read what is about to go (test/http/warm-up.test.ts tests it).
    WARM_UP_SECONDS: '0',
    ...overrides,
  });
}

/** Erases every node and relationship (constraints and indexes stay). */
export async function eraseGraph(graph: Graph): Promise<void> {
  await graph.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
}

/** Every app a test file started or is starting, for stopAppsLeftRunning. */
const started: Array<Promise<App | null>> = [];

/**
 * startApp for tests. A start that outlives its hook (a beforeAll timed out
 * on a loaded machine) goes on in the background, where nothing would stop
 * it: its driver, timers and server then keep Jest from exiting, and its
 * panel refresher works on the graph of the files after it. Every app started
 * here is stopped at the end of its file (test/support/stop-apps.ts).
 */
export function startAppForTest(config: Config, logger: Logger): Promise<App> {
  const starting = startApp(config, logger);
  started.push(starting.catch(() => null));
  return starting;
}

/** Stops every app of this file not yet stopped, waiting for those still starting (App.stop is idempotent). */
export async function stopAppsLeftRunning(): Promise<void> {
  for (const app of started.splice(0)) await (await app)?.stop();
}

/** The HTTP server over an erased graph, optionally loaded from seeds/. */
export async function startTestApp(options: { seed?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<App> {
  const app = await startAppForTest(testConfig(options.env), createLogger('silent'));
  await eraseGraph(app.services.graph);
  if (options.seed ?? true) await loadSeeds(app.services.ingest);
  return app;
}

/** Services over the test graph without HTTP, for service-level tests. */
export async function openTestServices(): Promise<Services & { close(): Promise<void> }> {
  const config = testConfig();
  const graph = Graph.connect(config.neo4j, config.neo4j.uri!);
  await migrate(graph);
  return { ...createServices(config, graph), close: () => graph.close() };
}

/** POSTs one GraphQL operation; returns the parsed body and status. */
export async function graphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { operationName?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({ query, variables, operationName: options.operationName }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
}
