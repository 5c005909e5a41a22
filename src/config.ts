import path from 'node:path';
import { z } from 'zod';

/**
 * Everything the service reads from the environment, validated once.
 * Nothing else in src/ touches process.env.
 */

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value)));

/** A flag whose default depends on other variables: undefined when unset. */
const optionalFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((value) => (value === undefined ? undefined : ['true', '1', 'yes'].includes(value)));

/** A TCP port; 0 asks the OS for a free one (tests use it). */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port(4000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    NEO4J_URI: z.string().url().optional(),
    NEO4J_USER: z.string().default('neo4j'),
    NEO4J_PASSWORD: z.string().default(''),
    NEO4J_DATABASE: z.string().optional(),
    NEO4J_LOCAL_DIR: z.string().default('.data/neo4j'),
    NEO4J_LOCAL_PORT: port(7687),
    NEO4J_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    CYPHER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    NEO4J_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(2_000),
    NEO4J_ACQUISITION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    NEO4J_MAX_RETRY_TIME_MS: z.coerce.number().int().min(0).max(600_000).default(1_000),
    NEO4J_BREAKER_THRESHOLD: z.coerce.number().int().min(0).max(10_000).default(5),
    NEO4J_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(50).max(600_000).default(1_000),
    NEO4J_STALL_MS: z.coerce.number().int().min(0).max(600_000).default(1_000),
    NEO4J_PROBE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
    SLOW_QUERY_MS: z.coerce.number().int().min(0).default(200),

    SEED_ON_START: flag(true),

    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
    JWT_JWKS_URL: z.string().url().optional(),
    JWT_ISSUER: z.string().default('clinical-wiki'),
    JWT_AUDIENCE: z.string().default('clinical-wiki-api'),
    JWT_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(86_400),

    GRAPHQL_INTROSPECTION: flag(true),
    /** Unset: on outside production, off in production. */
    GRAPHQL_IDE: optionalFlag,
    RESPONSE_CACHE: flag(true),
    /** The response cache's bound: bodies, keys and tags, in MiB. */
    RESPONSE_CACHE_MB: z.coerce.number().int().min(1).max(16_384).default(64),
    GRAPHQL_FIELD_SUGGESTIONS: flag(true),
    /** About this long (always all of one article's), the contract's reads are sent to a new server before it reports ready (0: no warm-up). */
    WARM_UP_SECONDS: z.coerce.number().min(0).max(600).default(10),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(20_000),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).default(30),
    GRAPHQL_MAX_OPERATIONS: z.coerce.number().int().min(1).default(20),
    GRAPHQL_MAX_FIELDS: z.coerce.number().int().min(100).default(2_500),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    SEE_ALSO_REFRESH_IDLE_MS: z.coerce.number().int().min(10).max(600_000).default(500),
    SEE_ALSO_REFRESH_BATCH: z.coerce.number().int().min(1).max(1_000).default(25),
    /** The largest share of time background work may take (see src/pacing.ts); 1: unpaced. */
    BACKGROUND_CPU_SHARE: z.coerce.number().gt(0).max(1).default(0.25),
    /** Event-loop lag (p99, ms) over which background work backs off. */
    BACKGROUND_LAG_LIMIT_MS: z.coerce.number().int().min(1).max(10_000).default(20),
    /** Which proxies to trust (proxy-addr's rules): false (default), true, a hop count, or comma-separated addresses/subnets of trusted proxies. */
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value): boolean | number | string => {
        const trimmed = value.trim();
        if (['true', 'yes'].includes(trimmed)) return true;
        if (['false', 'no', ''].includes(trimmed)) return false;
        return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
      }),
  })
  .superRefine((env, context) => {
    // Without a secret or JWKS, development and test servers check tokens with a secret published in this
    // repository: anyone who can reach the server could mint an editor token. Only the local machine may.
    const developmentSecret = env.NODE_ENV !== 'production' && !env.JWT_SECRET && !env.JWT_JWKS_URL;
    if (developmentSecret && !isLoopback(env.HOST)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['HOST'],
        message: `listening on ${env.HOST} (beyond loopback) needs JWT_SECRET or JWT_JWKS_URL: the development secret used without them is public`,
      });
    }
  });

/** 127.0.0.0/8, ::1 or localhost: only this machine can connect. */
function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

export interface Neo4jTarget {
  /** Set: use this server. Unset: start the local Neo4j from neo4j-local/. */
  uri: string | undefined;
  user: string;
  password: string;
  database: string | undefined;
  maxPoolSize: number;
  transactionTimeoutMs: number;
  /** Establishing one TCP/Bolt connection (NEO4J_CONNECTION_TIMEOUT_MS). */
  connectionTimeoutMs: number;
  /** Waiting for a pooled connection, creation included (NEO4J_ACQUISITION_TIMEOUT_MS). */
  acquisitionTimeoutMs: number;
  /** How long the driver keeps retrying a transaction after its first retryable failure (NEO4J_MAX_RETRY_TIME_MS). */
  maxRetryTimeMs: number;
  /** After `threshold` connection failures in a row, fail at once and probe every `cooldownMs` until Neo4j answers (0: off). */
  breaker: { threshold: number; cooldownMs: number };
  /** A transaction waiting this long makes the graph ask whether Neo4j answers at all (NEO4J_STALL_MS; 0: never). */
  stallMs: number;
  /** How long Neo4j has to answer `RETURN 1` (readiness, breaker probe, stall check) before it counts as not answering (NEO4J_PROBE_TIMEOUT_MS). */
  probeTimeoutMs: number;
  /** Statements slower than this are logged (SLOW_QUERY_MS; 0 logs none). */
  slowQueryMs: number;
  local: { dataDir: string; port: number };
}

export interface Config {
  env: 'development' | 'test' | 'production';
  /** `trustProxy`: Fastify's setting of that name, so the client address (rate limits, upvotes) is the real one behind a proxy. */
  http: { host: string; port: number; trustProxy: boolean | number | string };
  logLevel: string;
  neo4j: Neo4jTarget;
  seedOnStart: boolean;
  /** `maxTokenLifetimeSeconds`: a token is refused when its exp is further than this beyond its iat, or its iat further in the past. */
  auth: { secret: string | undefined; jwksUrl: string | undefined; issuer: string; audience: string; maxTokenLifetimeSeconds: number };
  graphql: {
    introspection: boolean;
    /** GraphiQL at GET /graphql for browsers (GRAPHQL_IDE; default on outside production). */
    ide: boolean;
    /** Whole responses of anonymous reads cached until a write changes what they read (RESPONSE_CACHE); cache hints are sent either way. */
    responseCache: boolean;
    /** The response cache's bound in bytes (RESPONSE_CACHE_MB): bodies, keys and tags. */
    responseCacheBytes: number;
    fieldSuggestions: boolean;
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxOperations: number;
    /** Fields an operation may expand to: fragments expanded, a selection on an interface or union once per type it can be (src/graphql/field-count.ts). */
    maxFields: number;
  };
  rateLimitPerMinute: number;
  /** The background ranking of stale see-also panels (src/see-also/panels.ts). */
  seeAlsoPanels: { batchSize: number; idleMs: number; pacing: { share: number; lagLimitMs: number; maxDelayMs: number } };
  /** The reads a new server sends itself before /health/ready says ready (src/http/warm-up.ts); 0 ms: none. */
  warmUp: { budgetMs: number };
}

/** The longest a background task backs off while readers wait (src/pacing.ts). */
const BACKGROUND_MAX_DELAY_MS = 5_000;

/** The repository root: config paths (NEO4J_LOCAL_DIR) are relative to it. */
export const projectRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`PORT=` in a .env template) means unset, not zero or "".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    http: { host: e.HOST, port: e.PORT, trustProxy: e.TRUST_PROXY },
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      maxPoolSize: e.NEO4J_MAX_POOL_SIZE,
      transactionTimeoutMs: e.CYPHER_TIMEOUT_MS,
      connectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS,
      acquisitionTimeoutMs: e.NEO4J_ACQUISITION_TIMEOUT_MS,
      maxRetryTimeMs: e.NEO4J_MAX_RETRY_TIME_MS,
      breaker: { threshold: e.NEO4J_BREAKER_THRESHOLD, cooldownMs: e.NEO4J_BREAKER_COOLDOWN_MS },
      stallMs: e.NEO4J_STALL_MS,
      probeTimeoutMs: e.NEO4J_PROBE_TIMEOUT_MS,
      slowQueryMs: e.SLOW_QUERY_MS,
      local: { dataDir: path.resolve(projectRoot, e.NEO4J_LOCAL_DIR), port: e.NEO4J_LOCAL_PORT },
    },
    seedOnStart: e.SEED_ON_START,
    auth: {
      secret: e.JWT_SECRET,
      jwksUrl: e.JWT_JWKS_URL,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      maxTokenLifetimeSeconds: e.JWT_MAX_LIFETIME_SECONDS,
    },
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION,
      ide: e.GRAPHQL_IDE ?? e.NODE_ENV !== 'production',
      responseCache: e.RESPONSE_CACHE,
      responseCacheBytes: e.RESPONSE_CACHE_MB * 1024 * 1024,
      fieldSuggestions: e.GRAPHQL_FIELD_SUGGESTIONS,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxOperations: e.GRAPHQL_MAX_OPERATIONS,
      maxFields: e.GRAPHQL_MAX_FIELDS,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    seeAlsoPanels: {
      batchSize: e.SEE_ALSO_REFRESH_BATCH,
      idleMs: e.SEE_ALSO_REFRESH_IDLE_MS,
      pacing: { share: e.BACKGROUND_CPU_SHARE, lagLimitMs: e.BACKGROUND_LAG_LIMIT_MS, maxDelayMs: BACKGROUND_MAX_DELAY_MS },
    },
    warmUp: { budgetMs: e.WARM_UP_SECONDS * 1000 },
  };
}
