import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ERROR_CODES as API_ERROR_CODES } from '../errors';
import type { Graph } from '../graph/graph';
import type { PacingStats } from '../pacing';
import { isWarmUpRequest, WARM_UP_HEADER } from './warm-up';

/**
 * Prometheus metrics, served at GET /metrics:
 *
 * - `http_request_duration_seconds{method,route,status_code}`: every HTTP request;
 *   `route` is one of the service's paths or `other`.
 * - `graphql_operation_duration_seconds{operation}`: every GraphQL request by
 *   operation name; names are the client's, so at most MAX_OPERATION_LABELS
 *   distinct ones get a label of their own, later ones count as `other`;
 *   an unnamed operation is `anonymous`, one that did not parse or validate `unknown`.
 * - `graphql_errors_total{code}`: errors in GraphQL responses by the code the client saw.
 * - `graphql_response_cache_lookups_total{result}`: shareable requests (anonymous
 *   reads) by `hit` or `miss`; a hit is answered without Apollo, so it is not
 *   in `graphql_operation_duration_seconds`.
 * - `neo4j_query_duration_seconds{mode,outcome}`: every Cypher statement, by READ/WRITE.
 * - `neo4j_breaker_open`: 1 while the circuit breaker fails requests at once.
 * - `neo4j_deadlocks_total`: transactions that failed on a deadlock and were
 *   tried again; writes take their locks in one order, so 0.
 * - `background_work_seconds_total{task}`, `background_wait_seconds_total{task}`,
 *   `background_units_total{task}`, `background_deferrals_total{task}`: what
 *   paced background work (src/pacing.ts) did: time working, time waiting
 *   between units, units done, and waits lengthened because the event loop lagged.
 * - Node.js process metrics, prom-client's defaults: CPU, memory, GC, handles,
 *   and the event loop's lag as perf_hooks.monitorEventLoopDelay measures it
 *   (`nodejs_eventloop_lag_{min,max,mean,stddev,p50,p90,p99}_seconds` over the
 *   time since the previous scrape, which resets them; `nodejs_eventloop_lag_seconds`
 *   is one sample taken at the scrape). A request that blocks the loop, such as
 *   an operation compiling for long, shows in `nodejs_eventloop_lag_max_seconds`.
 *
 * Each app has a registry of its own, so several apps in one process (tests) do not collide.
 */
export const MAX_OPERATION_LABELS = 50;

const ROUTES = new Set(['/graphql', '/health/live', '/health/ready', '/metrics']);

/** The API's own codes, and those Apollo answers before a resolver runs. */
const ERROR_CODES = new Set<string>([
  ...API_ERROR_CODES,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'COST_LIMIT_EXCEEDED',
]);

/** Codes clients may see that are answered to the client's own mistakes: logged at info, not warn. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'INVALID_ARTICLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PHI_DETECTED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
]);

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status_code'>;
  private readonly operations: Histogram<'operation'>;
  private readonly queries: Histogram<'mode' | 'outcome'>;
  private readonly errors: Counter<'code'>;
  private readonly cacheLookups: Counter<'result'>;
  private readonly operationNames = new Set<string>();

  constructor(graph: Graph) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.operations = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL requests by operation name (bounded: other, anonymous, unknown)',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.queries = new Histogram({
      name: 'neo4j_query_duration_seconds',
      help: 'Cypher statements by access mode and outcome',
      labelNames: ['mode', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers,
    });
    this.errors = new Counter({ name: 'graphql_errors_total', help: 'Errors in GraphQL responses by code', labelNames: ['code'], registers });
    this.cacheLookups = new Counter({
      name: 'graphql_response_cache_lookups_total',
      help: 'Anonymous reads looked up in the response cache, by hit or miss',
      labelNames: ['result'],
      registers,
    });
    new Gauge({
      name: 'neo4j_breaker_open',
      help: '1 while requests fail at once because Neo4j is unreachable',
      registers,
      collect() {
        this.set(graph.breaker.isOpen ? 1 : 0);
      },
    });
    let deadlocks = 0;
    new Counter({
      name: 'neo4j_deadlocks_total',
      help: 'Transactions that failed on a deadlock and were tried again',
      registers,
      collect() {
        this.inc(graph.deadlocks - deadlocks);
        deadlocks = graph.deadlocks;
      },
    });
    graph.onQuery(({ mode, seconds, failed }) => this.queries.observe({ mode: mode.toLowerCase(), outcome: failed ? 'error' : 'ok' }, seconds));
  }

  /** Times every HTTP request, from Fastify's clock (reply.elapsedTime), when its response is sent; the server's warm-up's are not clients'. */
  trackHttp(app: FastifyInstance): void {
    app.addHook('onResponse', (request, reply, done) => {
      if (isWarmUpRequest(request.headers[WARM_UP_HEADER])) return done();
      // The route Fastify matched (its pattern, no query string); undefined for an unknown path.
      const route = request.routeOptions.url;
      const known = route !== undefined && ROUTES.has(route);
      this.http.observe({ method: known ? request.method : 'other', route: known ? route : 'other', status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
  }

  /** Exposes what a paced background task did (`stats` is read at each scrape; null: not paced). */
  trackBackgroundWork(task: string, stats: () => PacingStats | null): void {
    const registers = [this.registry];
    const counter = (name: string, help: string, read: (s: PacingStats) => number) => {
      let reported = 0;
      new Counter({
        name,
        help,
        labelNames: ['task'],
        registers,
        collect() {
          const current = stats();
          if (!current) return;
          const value = read(current);
          if (value > reported) this.inc({ task }, value - reported);
          reported = value;
        },
      });
    };
    counter('background_work_seconds_total', 'Time paced background tasks spent working', (s) => s.workSeconds);
    counter('background_wait_seconds_total', 'Time paced background tasks waited between units of work', (s) => s.waitSeconds);
    counter('background_units_total', 'Units of work (batches) paced background tasks did', (s) => s.units);
    counter('background_deferrals_total', 'Waits of background tasks lengthened because the event loop lagged', (s) => s.deferrals);
  }

  responseCacheLookup(hit: boolean): void {
    this.cacheLookups.inc({ result: hit ? 'hit' : 'miss' });
  }

  /** GET /metrics in the Prometheus text format. */
  registerRoute(app: FastifyInstance): void {
    app.get('/metrics', async (_request, reply) => reply.type(this.registry.contentType).send(await this.registry.metrics()));
  }

  /** Times clients' GraphQL operations (not the warm-up's), counts their errors, and logs the errors with the request id (the log context). */
  apolloPlugin(logger: Logger): ApolloServerPlugin {
    return {
      requestDidStart: async ({ request }) => {
        if (isWarmUpRequest(request.http?.headers.get(WARM_UP_HEADER))) return;
        const end = this.operations.startTimer();
        return {
          willSendResponse: async ({ operation, operationName, response }) => {
            const label = !operation ? 'unknown' : !operationName ? 'anonymous' : this.operationLabel(operationName);
            end({ operation: label });
            const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            if (errors.length === 0) return;
            const codes = errors.map((error) => {
              const code = error.extensions?.code;
              return typeof code === 'string' && ERROR_CODES.has(code) ? code : 'OTHER';
            });
            for (const code of codes) this.errors.inc({ code });
            const level = codes.every((code) => CLIENT_CODES.has(code)) ? 'info' : 'warn';
            // Codes and paths only: messages can quote the client's input.
            logger[level]({ operation: label, codes, paths: errors.slice(0, 5).map((e) => e.path?.join('.') ?? null) }, 'GraphQL errors');
          },
        };
      },
    };
  }

  private operationLabel(name: string): string {
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_LABELS || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    this.operationNames.add(name);
    return name;
  }
}
