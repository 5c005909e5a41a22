import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { createTokenVerifier } from './auth/tokens';
import { viewerFromRequest } from './auth/viewer';
import type { Config } from './config';
import { countDataNodes } from './graph/backup';
import { Graph } from './graph/graph';
import { startLocalNeo4j, type LocalNeo4j } from './graph/local-neo4j';
import { migrate } from './graph/migrate';
import { cacheHintPlugins } from './graphql/caching';
import { createContext, type Context } from './api/context';
import { CONTRACT_FILE } from './api/contract';
import { jitExecutor } from './graphql/executor';
import { createErrorFormatter } from './graphql/format-error';
import { costLimitPlugin, MAX_TOKENS, queryLimitRules } from './graphql/hardening';
import { buildSchema } from './api/schema';
import { graphqlErrorBody } from './http/error-body';
import { graphqlEndpoint } from './http/graphql-endpoint';
import { registerHealth } from './http/health';
import { refuseDeepJson } from './http/json-depth';
import { Metrics } from './http/metrics';
import { RequestLog, requestIdOf, withRequestContext } from './http/request-logging';
import { ResponseCache } from './http/response-cache';
import { warmUp, type WarmUpReport } from './http/warm-up';
import { graphqlIde, registerWebPages } from './http/web-pages';
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
  /** What the start's warm-up sent (null when WARM_UP_SECONDS is 0 or it failed). */
  warmUp: WarmUpReport | null;
  stop(): Promise<void>;
}

const READY_WAIT_MS = 60_000;

/** Bodies the response cache keeps at most (least recently used go first). */

/** Connects to the configured Neo4j, or starts the local one; returns the graph and how to let go of it. */
export async function openGraph(config: Config, logger: Logger): Promise<{ graph: Graph; uri: string; close(): Promise<void> }> {
  let local: LocalNeo4j | null = null;
  if (!config.neo4j.uri) {
    local = await startLocalNeo4j({ ...config.neo4j.local, log: (message) => logger.info(message) });
  }
  const uri = config.neo4j.uri ?? local!.uri;
  const graph = Graph.connect(config.neo4j, uri, logger);
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
  // Patiently: a Neo4j that has just started can take seconds to answer its first query.
  while (!(await graph.isReady(Math.max(1, deadline - Date.now())))) {
    if (Date.now() > deadline) throw new Error(`Neo4j at ${uri} did not answer within ${READY_WAIT_MS / 1000}s.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function startApp(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<App> {
  const opened = await openGraph(config, logger);
  logger.info({ neo4j: opened.uri }, `Neo4j: ${opened.uri}`);
  const services = createServices(config, opened.graph);

  if (config.seedOnStart && (await countDataNodes(opened.graph)) === 0) {
    const report = await loadSeeds(services.ingest);
    logger.info({ seed: report }, 'Seeded an empty database from seeds/');
  }
  // Ranks missing and stale see-also panels in the background; until then, panels are ranked per request.
  services.seeAlsoPanels.start(logger);

  const verifier = createTokenVerifier(config);
  if (!verifier.enabled) {
    logger.warn('Neither JWT_SECRET nor JWT_JWKS_URL is set in production: no token is accepted, so reads work and writes are impossible.');
  } else if (!config.auth.secret && !config.auth.jwksUrl) {
    logger.warn('JWT_SECRET is unset: tokens are checked with the fixed development secret (never in production).');
  }

  const app = createHttpServer(config, logger);
  const metrics = new Metrics(opened.graph);
  metrics.trackBackgroundWork('see-also-panels', () => services.seeAlsoPanels.pacing);
  metrics.trackHttp(app);
  const schema = buildSchema();
  const apollo = new ApolloServer<Context>({
    // The schema, executed by graphql-jit (see executor.ts).
    gateway: jitExecutor(schema),
    logger,
    // main.ts owns SIGINT/SIGTERM: stop everything in order, then exit 0 (Apollo's own handler would re-raise the signal).
    stopOnTerminationSignals: false,
    introspection: config.graphql.introspection,
    // Removes "Did you mean ...?" suggestions (which reveal the schema) when GRAPHQL_FIELD_SUGGESTIONS is false.
    hideSchemaDetailsFromClientErrors: !config.graphql.fieldSuggestions,
    // Stack traces go to the server log, never to clients, in any environment (format-error.ts logs what it does not mask).
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter({ production: config.env === 'production', logger }),
    // One operation per HTTP request; a JSON array body is refused with 400.
    allowBatchedHttpRequests: false,
    // Requests must be JSON POSTs or carry a preflight header (apollo-require-preflight), so a browser form cannot post them.
    csrfPrevention: true,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: queryLimitRules(config.graphql),
    // Automatic persisted queries (APQ, on by default): query texts by hash.
    cache: new InMemoryLRUCache({ maxSize: 16 * 1024 * 1024 }),
    // Compact JSON: Apollo's default pretty-prints every response (indentation costs CPU and bytes on a large page).
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      // Stops accepting connections, lets requests in flight finish and closes each connection as it falls idle
      // (Fastify's close would wait out the keep-alive timeout of a connection that was busy when it began).
      ApolloServerPluginDrainHttpServer({ httpServer: app.server }),
      // Apollo's landing pages load from CDNs; browsers get GraphiQL from this server instead (GRAPHQL_IDE).
      ApolloServerPluginLandingPageDisabled(),
      costLimitPlugin(() => schema, config.graphql.maxCost),
      metrics.apolloPlugin(logger),
      ...cacheHintPlugins<Context>({ answersDependOnViewer: (context) => context.reads.isViewerDependent }),
    ],
  });
  await apollo.start();

  const ide = config.graphql.ide ? graphqlIde() : null;
  const endpoint = graphqlEndpoint(apollo, {
    context: async (request, reads) => createContext(services, await viewerFromRequest(request, verifier), reads),
    cache: config.graphql.responseCache ? sharedResponses(opened.graph, metrics, config.graphql.responseCacheBytes) : undefined,
  });
  // Every method: Apollo answers the ones GraphQL over HTTP does not take (405).
  app.all('/graphql', { preHandler: refuseDeepJson }, (request, reply) => ide?.(request, reply) ?? withRequestContext(request, () => endpoint(request, reply)));
  let warm = config.warmUp.budgetMs === 0;
  registerHealth(app, opened.graph, () => warm);
  metrics.registerRoute(app);
  await registerWebPages(app);

  await app.listen({ port: config.http.port, host: config.http.host });
  const address = app.server.address() as AddressInfo;
  const url = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${address.port}/graphql`;
  const warmUpReport = warm ? null : await warmUpLogged(ownUrl(address), config.warmUp.budgetMs, logger);
  warm = true;

  let stopping: Promise<void> | null = null;
  return {
    url,
    neo4jUri: opened.uri,
    services,
    logger,
    warmUp: warmUpReport,
    stop: () =>
      (stopping ??= (async () => {
        // Apollo drains the HTTP server first (the plugin above), then Fastify closes what is left of it.
        await apollo.stop();
        await app.close();
        await services.seeAlsoPanels.stop();
        await opened.close();
      })()),
  };
}

/** The GraphQL endpoint as this process reaches itself: over loopback when it listens on every address. */
function ownUrl({ address, family, port }: AddressInfo): string {
  if (family === 'IPv6') return `http://[${address === '::' ? '::1' : address}]:${port}/graphql`;
  return `http://${address === '0.0.0.0' ? '127.0.0.1' : address}:${port}/graphql`;
}

/** The warm-up (src/http/warm-up.ts), reported in one line; a failure is logged and the server starts cold. */
async function warmUpLogged(url: string, budgetMs: number, logger: Logger): Promise<WarmUpReport | null> {
  try {
    const report = await warmUp(url, fs.readFileSync(CONTRACT_FILE, 'utf8'), budgetMs);
    logger.info({ warmUp: report }, `Warmed up: ${report.requests} requests over ${report.entries} entries in ${report.ms} ms`);
    return report;
  } catch (error) {
    logger.warn({ err: error }, 'Warm-up failed; the server starts cold');
    return null;
  }
}

/** Body parsers accept at most this (bytes); a larger body is refused with 413. */
const BODY_LIMIT = 2 * 1024 * 1024;

/**
 * Fastify with the service's HTTP behaviour: pino as the logger (one line per
 * completed request, request-logging.ts), the request id from X-Request-Id,
 * the proxy setting, JSON bodies (also as application/graphql-response+json)
 * up to BODY_LIMIT, other bodies left for Apollo to refuse, and every error
 * and unknown path answered as GraphQL-style JSON, never a stack trace.
 */
function createHttpServer(config: Config, logger: Logger): FastifyInstance {
  const app = Fastify({
    // Typed as Fastify's logger, so the instance is the plain FastifyInstance the http/ modules take.
    loggerInstance: logger as FastifyBaseLogger,
    logController: new RequestLog(logger),
    // Lines written while a request is served get its reqId from the log context (logger.ts), not from a child logger per request.
    childLoggerFactory: (parent) => parent,
    genReqId: requestIdOf,
    requestIdHeader: false,
    trustProxy: trustProxyOf(config.http.trustProxy),
    bodyLimit: BODY_LIMIT,
  });
  // Callback-style hooks: an async one costs a promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // The same parser and settings as application/json's (Fastify's defaults: a __proto__ key is refused).
  app.addContentTypeParser(['application/graphql-response+json'], { parseAs: 'string' }, app.getDefaultJsonParser('error', 'ignore'));
  // Any other body (a form, text/plain) is read and dropped: Apollo then answers 400 (CSRF prevention) or 415, as GraphQL over HTTP says.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
  app.setErrorHandler(jsonErrors(logger));
  app.setNotFoundHandler((_request, reply) => reply.code(404).type('application/json').send(graphqlErrorBody('Not found', 'NOT_FOUND')));
  return app;
}

/** TRUST_PROXY as Fastify takes it: a number of hops becomes "trust the first N" (as Express read it). */
function trustProxyOf(setting: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/** Body-parser failures (invalid JSON, too large, unreadable) as GraphQL-style JSON errors; anything else unexpected as a 500 with no detail. */
function jsonErrors(logger: Logger) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) logger.error({ err: error }, 'Unhandled HTTP error');
    const message =
      status === 413
        ? 'The request body is too large.'
        : status === 400 && (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP'))
          ? 'The request body is not valid JSON.'
          : status === 500
            ? 'Internal server error'
            : 'The request could not be read.';
    return reply.code(status).type('application/json').send(graphqlErrorBody(message, status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST'));
  };
}

/**
 * The response cache of anonymous reads, told what every write changed: this
 * process's writes at their commit, other processes' from the change log in
 * Neo4j, read before a shareable request at most every CHANGE_POLL_MS. While
 * the log cannot be read, responses cached before keep being served; with the
 * log never read, requests bypass the cache, and their resolvers report
 * SERVICE_UNAVAILABLE.
 */
function sharedResponses(graph: Graph, metrics: Metrics, maxBytes: number) {
  const responses = new ResponseCache(maxBytes);
  graph.changes.onChange((tags) => responses.invalidate(tags));
  return {
    responses,
    catchUp: () => graph.changes.catchUp(),
    onLookup: (hit: boolean) => metrics.responseCacheLookup(hit),
  };
}

