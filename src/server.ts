import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import { Graph } from './graph/graph';
import { startLocalNeo4j, type LocalNeo4j } from './graph/local-neo4j';
import { migrate } from './graph/migrate';
import { createContext, type Context } from './graphql/context';
import { buildSchema } from './graphql/schema';
import { healthRouter } from './http/health';
import { countNodes } from './ingest/ingest.repository';
import { createLogger } from './logger';
import { loadSeeds } from './seed/seed';
import { createServices, type Services } from './services';

/**
 * The composition root: starts every resource in order (local Neo4j if no
 * NEO4J_URI, driver, migrations, seeds, GraphQL over HTTP) and stops them in
 * reverse.
 */
export interface App {
  url: string;
  neo4jUri: string;
  services: Services;
  logger: Logger;
  stop(): Promise<void>;
}

const READY_WAIT_MS = 60_000;

/** Connects to the configured Neo4j, or starts the local one; returns the graph and how to let go of it. */
export async function openGraph(config: Config, logger: Logger): Promise<{ graph: Graph; uri: string; close(): Promise<void> }> {
  let local: LocalNeo4j | null = null;
  if (!config.neo4j.uri) {
    local = await startLocalNeo4j({ ...config.neo4j.local, log: (message) => logger.info(message) });
  }
  const uri = config.neo4j.uri ?? local!.uri;
  const graph = Graph.connect(config.neo4j, uri);
  try {
    await waitUntilReady(graph, uri);
    await migrate(graph);
  } catch (error) {
    await graph.close();
    await local?.stop();
    throw error;
  }
  return {
    graph,
    uri,
    close: async () => {
      await graph.close();
      await local?.stop();
    },
  };
}

async function waitUntilReady(graph: Graph, uri: string): Promise<void> {
  const deadline = Date.now() + READY_WAIT_MS;
  while (!(await graph.isReady())) {
    if (Date.now() > deadline) throw new Error(`Neo4j at ${uri} did not answer within ${READY_WAIT_MS / 1000}s.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function startApp(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<App> {
  const opened = await openGraph(config, logger);
  logger.info({ neo4j: opened.uri }, `Neo4j: ${opened.uri}`);
  const services = createServices(config, opened.graph);

  if (config.seedOnStart && (await countNodes(opened.graph)) === 0) {
    const report = await loadSeeds(services.ingest);
    logger.info({ seed: report }, 'Seeded an empty database from seeds/');
  }

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: config.env !== 'production',
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.use(healthRouter(opened.graph));
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(services, { subject: null, roles: [], clientId: req.ip ?? 'unknown' }),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.http.port, config.http.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${port}/graphql`;

  let stopping: Promise<void> | null = null;
  return {
    url,
    neo4jUri: opened.uri,
    services,
    logger,
    stop: () =>
      (stopping ??= (async () => {
        await apollo.stop();
        await opened.close();
      })()),
  };
}
