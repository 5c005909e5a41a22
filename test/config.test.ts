import path from 'node:path';
import { ConfigError, loadConfig, projectRoot } from '../src/config';

/** The ConfigError loadConfig throws for this environment (fails the test if it does not throw one). */
function configErrorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig did not throw');
}

describe('loadConfig', () => {
  describe('with an empty environment', () => {
    const config = loadConfig({});

    it('listens on 127.0.0.1:4000', () => {
      expect(config.http).toEqual({ host: '127.0.0.1', port: 4000, trustProxy: false });
    });

    it('runs in development at log level info', () => {
      expect(config.env).toBe('development');
      expect(config.logLevel).toBe('info');
    });

    it('starts the local Neo4j on port 7687 with its data under the repository root', () => {
      expect(config.neo4j.uri).toBeUndefined();
      expect(config.neo4j.local).toEqual({ dataDir: path.join(projectRoot, '.data', 'neo4j'), port: 7687 });
      expect(config.neo4j).toMatchObject({ user: 'neo4j', password: '', database: undefined, maxPoolSize: 100, transactionTimeoutMs: 15_000 });
    });

    it('treats the repository root as the folder holding package.json', () => {
      expect(projectRoot).toBe(path.resolve(__dirname, '..'));
    });

    it('seeds on start and allows introspection and field suggestions', () => {
      expect(config.seedOnStart).toBe(true);
      expect(config.graphql.introspection).toBe(true);
      expect(config.graphql.fieldSuggestions).toBe(true);
    });

    it('warms up for at most 10 s before reporting ready; 0 turns it off, a negative time is refused', () => {
      expect(config.warmUp).toEqual({ budgetMs: 10_000 });
      expect(loadConfig({ WARM_UP_SECONDS: '0' }).warmUp).toEqual({ budgetMs: 0 });
      expect(configErrorFor({ WARM_UP_SECONDS: '-1' }).issues).toEqual([expect.stringMatching(/^WARM_UP_SECONDS: /)]);
    });

    it('has no signing secret or key set, and the default issuer and audience', () => {
      expect(config.auth).toEqual({ secret: undefined, jwksUrl: undefined, issuer: 'clinical-wiki', audience: 'clinical-wiki-api', maxTokenLifetimeSeconds: 86_400 });
    });

    it('watches for a hung Neo4j: RETURN 1 after 1 s of waiting, 1 s to answer', () => {
      expect(config.neo4j).toMatchObject({ stallMs: 1_000, probeTimeoutMs: 1_000 });
      expect(loadConfig({ NEO4J_STALL_MS: '0', NEO4J_PROBE_TIMEOUT_MS: '2500' }).neo4j).toMatchObject({ stallMs: 0, probeTimeoutMs: 2_500 });
      expect(configErrorFor({ NEO4J_PROBE_TIMEOUT_MS: '10' }).issues).toEqual([expect.stringMatching(/^NEO4J_PROBE_TIMEOUT_MS: /)]);
    });

    it('has the default query limits and rate limit', () => {
      expect(config.graphql).toMatchObject({ maxDepth: 12, maxCost: 20_000, maxAliases: 30, maxOperations: 20, maxFields: 2_500 });
      expect(config.rateLimitPerMinute).toBe(30);
    });
  });

  it('reads overrides from the environment, coercing numbers', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      LOG_LEVEL: 'warn',
      NEO4J_URI: 'neo4j://db.internal:7687',
      NEO4J_USER: 'wiki',
      NEO4J_PASSWORD: 'secret',
      NEO4J_DATABASE: 'wiki',
      NEO4J_LOCAL_PORT: '17687',
      NEO4J_MAX_POOL_SIZE: '20',
      CYPHER_TIMEOUT_MS: '5000',
      JWT_SECRET: 'x'.repeat(32),
      JWT_ISSUER: 'issuer',
      JWT_AUDIENCE: 'audience',
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_FIELDS: '900',
      RATE_LIMIT_PER_MINUTE: '5',
    });
    expect(config.env).toBe('production');
    expect(config.http).toMatchObject({ host: '0.0.0.0', port: 8080 });
    expect(config.logLevel).toBe('warn');
    expect(config.neo4j).toMatchObject({
      uri: 'neo4j://db.internal:7687',
      user: 'wiki',
      password: 'secret',
      database: 'wiki',
      maxPoolSize: 20,
      transactionTimeoutMs: 5000,
    });
    expect(config.neo4j.local.port).toBe(17687);
    expect(config.auth).toMatchObject({ secret: 'x'.repeat(32), issuer: 'issuer', audience: 'audience' });
    expect(config.graphql.maxDepth).toBe(8);
    expect(config.graphql.maxFields).toBe(900);
    expect(config.rateLimitPerMinute).toBe(5);
  });

  it('resolves a relative local data folder against the repository root', () => {
    expect(loadConfig({ NEO4J_LOCAL_DIR: 'tmp/db' }).neo4j.local.dataDir).toBe(path.join(projectRoot, 'tmp', 'db'));
  });

  it('keeps an absolute local data folder as it is', () => {
    const absolute = path.resolve('/var/lib/wiki-neo4j');
    expect(loadConfig({ NEO4J_LOCAL_DIR: absolute }).neo4j.local.dataDir).toBe(absolute);
  });

  it('accepts port 0 (any free port)', () => {
    expect(loadConfig({ PORT: '0' }).http.port).toBe(0);
  });

  it.each(['abc', '-1', '65536', '80.5'])('rejects PORT=%j, naming PORT', (value) => {
    const error = configErrorFor({ PORT: value });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(/^PORT: /);
    expect(error.message).toContain('PORT');
  });

  it.each(['0', '99', 'many', '2500.5'])('rejects GRAPHQL_MAX_FIELDS=%j, naming it', (value) => {
    expect(configErrorFor({ GRAPHQL_MAX_FIELDS: value }).issues[0]).toMatch(/^GRAPHQL_MAX_FIELDS: /);
  });

  it('rejects a NEO4J_URI that is not a URL', () => {
    const error = configErrorFor({ NEO4J_URI: 'localhost 7687' });
    expect(error.issues).toEqual([expect.stringMatching(/^NEO4J_URI: /)]);
  });

  it('rejects a JWT_SECRET shorter than 32 characters, saying why', () => {
    const error = configErrorFor({ JWT_SECRET: 'too-short' });
    expect(error.issues).toEqual(['JWT_SECRET: JWT_SECRET must be at least 32 characters']);
  });

  it('lists every invalid variable at once', () => {
    const error = configErrorFor({ PORT: 'abc', NEO4J_URI: 'nope', JWT_SECRET: 'short', LOG_LEVEL: 'verbose' });
    expect(error.issues.map((issue) => issue.split(':')[0]).sort()).toEqual(['JWT_SECRET', 'LOG_LEVEL', 'NEO4J_URI', 'PORT']);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^Invalid configuration:\n {2}/);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['true', true],
    ['1', true],
    ['yes', true],
  ])('reads the boolean flag value %j as %s', (value, expected) => {
    const config = loadConfig({ SEED_ON_START: value, GRAPHQL_INTROSPECTION: value, GRAPHQL_FIELD_SUGGESTIONS: value });
    expect(config.seedOnStart).toBe(expected);
    expect(config.graphql.introspection).toBe(expected);
    expect(config.graphql.fieldSuggestions).toBe(expected);
  });

  it('serves the GraphQL IDE outside production and not in production, unless GRAPHQL_IDE says otherwise', () => {
    expect(loadConfig({}).graphql.ide).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).graphql.ide).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).graphql.ide).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_IDE: 'true' }).graphql.ide).toBe(true);
    expect(loadConfig({ GRAPHQL_IDE: 'no' }).graphql.ide).toBe(false);
    expect(configErrorFor({ GRAPHQL_IDE: 'on' }).issues).toEqual([expect.stringMatching(/^GRAPHQL_IDE: /)]);
  });

  it('rejects a flag value it does not know', () => {
    expect(configErrorFor({ SEED_ON_START: 'maybe' }).issues).toEqual([expect.stringMatching(/^SEED_ON_START: /)]);
  });

  describe('the public development secret', () => {
    it.each(['0.0.0.0', '::', '192.168.1.20', 'api.example.org'])('is refused when HOST=%s listens beyond loopback without JWT_SECRET or JWT_JWKS_URL', (host) => {
      for (const env of [{ HOST: host }, { HOST: host, NODE_ENV: 'test' }]) {
        const error = configErrorFor(env);
        expect(error.issues).toEqual([expect.stringMatching(/^HOST: .*JWT_SECRET or JWT_JWKS_URL/)]);
      }
    });

    it.each(['127.0.0.1', '127.0.0.2', 'localhost', '::1'])('is allowed on the loopback interface %s', (host) => {
      expect(loadConfig({ HOST: host }).http.host).toBe(host);
    });

    it('is not needed beyond loopback with a secret, a JWKS, or in production (which never uses it)', () => {
      expect(loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 'x'.repeat(32) }).http.host).toBe('0.0.0.0');
      expect(loadConfig({ HOST: '0.0.0.0', JWT_JWKS_URL: 'https://idp.example.org/jwks.json' }).http.host).toBe('0.0.0.0');
      expect(loadConfig({ HOST: '0.0.0.0', NODE_ENV: 'production' }).http.host).toBe('0.0.0.0');
    });
  });

  it('bounds the response cache at 64 MiB by default, configurable in MiB', () => {
    expect(loadConfig({}).graphql.responseCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ RESPONSE_CACHE_MB: '8' }).graphql.responseCacheBytes).toBe(8 * 1024 * 1024);
    expect(configErrorFor({ RESPONSE_CACHE_MB: '0' }).issues).toEqual([expect.stringMatching(/^RESPONSE_CACHE_MB: /)]);
  });

  it('caps token lifetimes at 24 h by default, configurable', () => {
    expect(loadConfig({}).auth.maxTokenLifetimeSeconds).toBe(86_400);
    expect(loadConfig({ JWT_MAX_LIFETIME_SECONDS: '3600' }).auth.maxTokenLifetimeSeconds).toBe(3_600);
    expect(configErrorFor({ JWT_MAX_LIFETIME_SECONDS: '0' }).issues).toEqual([expect.stringMatching(/^JWT_MAX_LIFETIME_SECONDS: /)]);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['', false],
    ['2', 2],
    ['10.0.0.0/8, 192.168.0.1', '10.0.0.0/8, 192.168.0.1'],
  ])('reads TRUST_PROXY=%j as %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).http.trustProxy).toEqual(expected);
  });
});
