/**
 * npm run bench — this API vs @neo4j/graphql vs raw Cypher, side by side, on
 * one Neo4j loaded with the synthetic wiki. See bench/README.md.
 *
 *   npm run bench                                   # SCALE=smoke unless given
 *   SCALE=medium BENCH_DURATION=10 npm run bench
 *   npm run bench -- --scale small --ops EntryPage,SeeAlsoPanel --systems api,raw
 *   npm run bench -- --scaling --scales small,medium  # see-also latency vs dataset size
 *
 * Environment: BENCH_DURATION (s per cell, 10), BENCH_WARMUP (s, 3), BENCH_CONNECTIONS (16), BENCH_ROUNDS (3),
 * NEO4J_URI (use that server instead of starting .data/neo4j-bench/...; it is ERASED if it holds other data).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../src/config';
import { CrossLinkService } from '../src/cross-link/cross-link.service';
import { EvidenceRepository } from '../src/evidence/evidence.repository';
import { candidateLimit, EvidenceService, PER_ARTICLE } from '../src/evidence/evidence.service';
import { StatementExpander } from '../src/evidence/expansion';
import { rankCandidates } from '../src/evidence/ranking';
import { readSynonymList } from '../src/evidence/synonyms';
import type { Graph } from '../src/graph/graph';
import { SeeAlsoRepository } from '../src/see-also/see-also.repository';
import { SeeAlsoService } from '../src/see-also/see-also.service';
import { rankSeeAlsoPanels, type PanelRanking } from './see-also-panels';
import { openBenchDatabase, scaleFrom, type BenchDatabase, type ScaleChoice } from './dataset';
import { apiOperations, NEO4J_GRAPHQL_OPERATIONS, OPERATIONS, type OperationName } from './operations';
import { spawnServer, type ServerProcess } from './servers/lifecycle';
import { Rng } from './synth/prng';
import { SyntheticWiki } from './synth/generator';
import type { LoadReport } from './synth/load';

const SYSTEMS = ['api', 'api-uncached', 'neo4j-graphql', 'raw'] as const;
type SystemName = (typeof SYSTEMS)[number];
const SYSTEM_LABEL: Record<SystemName, string> = {
  api: 'this API',
  'api-uncached': 'this API, response cache off',
  'neo4j-graphql': '@neo4j/graphql 7',
  raw: 'raw Cypher (floor)',
};

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const DURATION = Number(flag('duration') ?? process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(flag('warmup') ?? process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(flag('connections') ?? process.env.BENCH_CONNECTIONS ?? 16);
/**
 * Each operation is measured in ROUNDS rounds, every system once per round,
 * the order rotated from round to round; a system's reported cell is its
 * median round. One pass on this shared 2-core machine varied by ±10–20% per
 * cell, and the first system measured paid for going first.
 */
const ROUNDS = Number(flag('rounds') ?? process.env.BENCH_ROUNDS ?? 3);
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Cell {
  op: OperationName;
  system: SystemName;
  equivalent: boolean;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  graphqlErrors: number;
  timeouts: number;
  /** Requests/s of every round, in round order; the other figures are the median round's. */
  roundsRps: number[];
  /** This API with its cache on: the share of the measured requests answered from the response cache. */
  cacheHitRatio?: number;
}

interface Workload {
  slugs: string[];
  statements: string[];
  crossLinkTexts: string[];
  longText: string;
}

/** Operations @neo4j/graphql cannot express as the API answers them, and what it does instead. */
const NOT_EQUIVALENT: Partial<Record<OperationName, string>> = {
  CrossLink: 'naive scan',
  Evidence: 'words as typed, no expansion or ranking',
};

// ---------------------------------------------------------------- servers

type Server = ServerProcess;

/**
 * Compiles the servers with tsc into dist/ (as `npm start` runs the API): a
 * server run under tsx pays for source-mapped stack traces, which neo4j-driver
 * formats for every query it sends.
 */
function buildServers(): void {
  log('Compiling the servers (npm run build:bench) ...');
  execFileSync('npm', ['run', '--silent', 'build:bench'], { cwd: projectRoot, stdio: 'inherit' });
}

function startServer(system: SystemName, neo4jUri: string): Promise<Server> {
  // The uncached API is the same server with RESPONSE_CACHE=false: every request runs its queries.
  const file = system === 'api-uncached' ? 'api' : system;
  return spawnServer(path.join(projectRoot, 'dist', 'bench', 'servers', `${file}.js`), {
    env: { ...process.env, NEO4J_URI: neo4jUri, NODE_ENV: 'production', RESPONSE_CACHE: system === 'api-uncached' ? 'false' : 'true' },
    name: system,
    startTimeoutMs: 120_000,
    killAfterMs: 15_000,
  });
}

// ---------------------------------------------------------------- requests

function bodies(system: SystemName, op: OperationName, workload: Workload): () => string {
  const query = system === 'api' || system === 'api-uncached' ? apiOperations()[op] : system === 'neo4j-graphql' ? NEO4J_GRAPHQL_OPERATIONS[op] : null;
  const variables = (i: number): Record<string, unknown> => {
    switch (op) {
      case 'EntryPage':
        return { slug: workload.slugs[i % workload.slugs.length] };
      case 'SeeAlsoPanel':
        return { slug: workload.slugs[i % workload.slugs.length], first: 10 };
      case 'Evidence':
        return { statement: workload.statements[i % workload.statements.length], first: 10 };
      case 'CrossLink':
        return { text: workload.crossLinkTexts[i % workload.crossLinkTexts.length] };
    }
  };
  let i = 0;
  return () => {
    const v = variables(i++);
    return JSON.stringify(query ? { query, operationName: op, variables: v } : { op, variables: v });
  };
}

async function sanityCheck(url: string, next: () => string, system: SystemName, op: OperationName): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: next() });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"')) throw new Error(`${system} ${op}: HTTP ${response.status} ${text.slice(0, 600)}`);
  return text;
}

async function cannon(url: string, next: () => string, seconds: number): Promise<autocannon.Result & { graphqlErrors: number }> {
  let graphqlErrors = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: next() }),
        onResponse: (_status, body) => {
          if (body.includes('"errors":[')) graphqlErrors++;
        },
      },
    ],
  });
  return Object.assign(result, { graphqlErrors });
}

/** One round of one system on one operation; `next` carries on where the system's previous round stopped. */
async function measureCell(server: Server, system: SystemName, op: OperationName, next: () => string, round: number): Promise<Cell> {
  const sample = await sanityCheck(server.url, next, system, op);
  log(`  ${op} on ${SYSTEM_LABEL[system]}, round ${round + 1}/${ROUNDS}: sample response ${sample.length} bytes; warm-up ${WARMUP}s, then ${DURATION}s x ${CONNECTIONS} connections`);
  if (WARMUP > 0) await cannon(server.url, next, WARMUP);
  const lookupsBefore = system === 'api' ? await cacheLookups(server.url) : null;
  const r = await cannon(server.url, next, DURATION);
  const cacheHitRatio = lookupsBefore ? hitRatio(lookupsBefore, await cacheLookups(server.url)) : null;
  return {
    op,
    system,
    equivalent: !(system === 'neo4j-graphql' && NOT_EQUIVALENT[op]),
    requests: r.requests.total,
    rps: round1(r.requests.average),
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    graphqlErrors: r.graphqlErrors,
    timeouts: r.timeouts,
    roundsRps: [round1(r.requests.average)],
    ...(cacheHitRatio === null ? {} : { cacheHitRatio }),
  };
}

/** Hits over lookups between two readings of the counters, to two decimals; null when nothing was looked up. */
function hitRatio(before: { hit: number; miss: number }, after: { hit: number; miss: number }): number | null {
  const hits = after.hit - before.hit;
  const lookups = hits + after.miss - before.miss;
  return lookups > 0 ? Math.round((hits / lookups) * 100) / 100 : null;
}

/** The API's response-cache counters, from its Prometheus metrics. */
async function cacheLookups(graphqlUrl: string): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const count = (result: string) => Number(new RegExp(`^graphql_response_cache_lookups_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { hit: count('hit'), miss: count('miss') };
}

/** Every system on one operation, ROUNDS times in rotated order; one cell per system, its median round. */
async function measureOperation(servers: Partial<Record<SystemName, Server>>, systems: SystemName[], op: OperationName, workload: Workload): Promise<Cell[]> {
  const next = new Map(systems.map((system) => [system, bodies(system, op, workload)]));
  const rounds = new Map<SystemName, Cell[]>(systems.map((system) => [system, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < systems.length; k++) {
      const system = systems[(k + round) % systems.length]!;
      rounds.get(system)!.push(await measureCell(servers[system]!, system, op, next.get(system)!, round));
    }
  }
  return systems.map((system) => {
    const measured = rounds.get(system)!;
    const median = [...measured].sort((a, b) => a.rps - b.rps)[Math.floor((measured.length - 1) / 2)]!;
    return { ...median, requests: measured.reduce((sum, cell) => sum + cell.requests, 0), roundsRps: measured.map((cell) => cell.rps) };
  });
}

// ---------------------------------------------------------------- workload

async function buildWorkload(graph: Graph, wiki: SyntheticWiki, seed: number): Promise<Workload> {
  const rng = new Rng(seed).fork('workload');
  const slugs = wiki.articleSlugs();
  // Page operations draw from up to 5,000 slugs: a cell sends fewer requests than that, so the API's response cache mostly misses.
  const pickedSlugs = Array.from({ length: Math.min(5_000, slugs.length) }, () => rng.pick(slugs));
  // Evidence statements: 4-8 consecutive words of claims drawn from the graph, words only.
  const texts = await graph.query<{ text: string }>(
    'UNWIND $slugs AS s MATCH (:Entry {slug: s})-[:HAS_CLAIM]->(c:Claim) WHERE c.position = 2 RETURN c.text AS text',
    { slugs: pickedSlugs.slice(0, 200) },
  );
  const statements = texts.map(({ text }) => {
    const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
    const start = rng.int(0, Math.max(0, words.length - 8));
    return words.slice(start, start + rng.int(4, 8)).join(' ');
  });
  const crossLinkTexts = Array.from({ length: 100 }, () => wiki.proseWithNames(rng, 200));
  return { slugs: pickedSlugs, statements, crossLinkTexts, longText: wiki.proseWithNames(rng, 10_000) };
}

/**
 * Reads every node and relationship the operations touch once, so the first
 * cell does not pay for a cold page cache that later cells find warm.
 */
async function prewarm(graph: Graph, workload: Workload): Promise<void> {
  const started = performance.now();
  log('Pre-warming the page cache ...');
  for (const cypher of [
    'MATCH (c:Claim) RETURN sum(size(c.text)) + sum(c.position) AS n',
    'MATCH (c:Claim)-[r:CITES|MENTIONS]->(x) RETURN count(r.order) + count(x) AS n',
    'MATCH (e:Entry)-[r]->(x) RETURN count(e.slug) + count(x) AS n',
    'MATCH (s:Source) RETURN count(s.title) + sum(s.entryCount) AS n',
    'MATCH (k:KeyTerm)-[r]->(x) RETURN count(k.key) + count(x) AS n',
  ]) {
    await graph.query(cypher);
  }
  for (const statement of workload.statements) {
    await graph.query(`CALL db.index.fulltext.queryNodes('claim_text', $q, {limit: 10}) YIELD node RETURN count(node) AS n`, { q: statement });
  }
  log(`  done in ${Math.round((performance.now() - started) / 1000)}s`);
}

// ---------------------------------------------------------------- in-process

interface Distribution {
  runs: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

function distribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return {
    runs: sorted.length,
    mean: round3(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    p50: round3(at(50)),
    p99: round3(at(99)),
    max: round3(sorted.at(-1)!),
  };
}

/**
 * See-also one request at a time (no concurrent load): the panel as a request
 * reads it (SeeAlsoService.page, first 10, from the stored panel), and ranked
 * live (SeeAlsoService.ranked: the connections query plus ranking, what a
 * request does while its panel is stale).
 */
async function seeAlsoSequential(
  graph: Graph,
  slugs: string[],
  runs = 400,
): Promise<{ page: Distribution; live: Distribution & { meanCandidates: number } }> {
  const service = new SeeAlsoService(new SeeAlsoRepository(graph));
  const timed = async (run: (slug: string) => Promise<number>) => {
    for (let i = 0; i < 50; i++) await run(slugs[i % slugs.length]!);
    const samples: number[] = [];
    let items = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      items += await run(slugs[(i * 7) % slugs.length]!);
      samples.push(performance.now() - t);
    }
    return { ...distribution(samples), meanItems: Math.round(items / runs) };
  };
  const { meanItems: _, ...page } = await timed(async (slug) => (await service.page(slug, 0, 10)).edges.length);
  const { meanItems, ...live } = await timed(async (slug) => (await service.ranked(slug)).length);
  return { page, live: { ...live, meanCandidates: meanItems } };
}

async function crossLinkInProcess(graph: Graph, text: string) {
  const service = new CrossLinkService(graph);
  const built = performance.now();
  await service.match('warm');
  const buildMs = round3(performance.now() - built);
  const matcher = (service as unknown as { cached: { matcher: { match(t: string): unknown[]; size: number } } }).cached.matcher;
  for (let i = 0; i < 30; i++) matcher.match(text);
  const matcherOnly: number[] = [];
  let spans = 0;
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    spans = matcher.match(text).length;
    matcherOnly.push(performance.now() - t);
  }
  const withVersion: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await service.match(text);
    withVersion.push(performance.now() - t);
  }
  return {
    words: text.split(/\s+/).length,
    chars: text.length,
    spans,
    dictionaryNames: matcher.size,
    dictionaryBuildMs: buildMs,
    matcherOnly: distribution(matcherOnly),
    serviceMatch: distribution(withVersion),
  };
}

/**
 * Evidence one request at a time: the semantic step alone (expanding the
 * statement and ranking its candidates, in process, without the query) and
 * EvidenceService.rank as a request runs it (expansion, the candidate query,
 * ranking); and the expander's build from the vocabulary.
 */
async function evidenceInProcess(graph: Graph, statements: string[]) {
  const repository = new EvidenceRepository(graph);
  const source = await repository.expansionSource();
  const synonyms = readSynonymList();
  const built = performance.now();
  const expander = StatementExpander.build(source.vocabulary, source.definitions, synonyms, source.entriesWithArticles);
  const expanderBuildMs = round3(performance.now() - built);
  const semantic: number[] = [];
  let candidates = 0;
  for (const statement of statements) {
    const t = performance.now();
    const expanded = expander.expand(statement);
    const expandMs = performance.now() - t;
    if (!expanded.luceneQuery) continue;
    const rows = await repository.candidates({
      query: expanded.luceneQuery,
      slugs: expanded.articleSlugs,
      words: expanded.articleWords,
      limit: candidateLimit(10),
      perArticle: PER_ARTICLE,
    });
    candidates += rows.candidates.length;
    const r = performance.now();
    rankCandidates(expanded, rows.candidates);
    semantic.push(expandMs + performance.now() - r);
  }
  const service = new EvidenceService(repository, synonyms);
  for (const statement of statements.slice(0, 20)) await service.rank(statement, 10);
  const full: number[] = [];
  for (const statement of statements) {
    const t = performance.now();
    await service.rank(statement, 10);
    full.push(performance.now() - t);
  }
  return {
    statements: statements.length,
    expanderBuildMs,
    meanCandidates: Math.round(candidates / Math.max(1, semantic.length)),
    semanticStep: distribution(semantic),
    serviceRank: distribution(full),
  };
}

// ---------------------------------------------------------------- report

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : 'n/a');

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

function resultsTable(cells: Cell[]): string {
  const lines = [
    '| operation | system | req/s | req/s by round | p50 ms | p99 ms | max ms | requests | errors | API ÷ this (req/s) |',
    '|---|---|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const op of OPERATIONS) {
    const api = cells.find((c) => c.op === op && c.system === 'api');
    for (const cell of cells.filter((c) => c.op === op)) {
      const errors = cell.non2xx + cell.errors + cell.graphqlErrors + cell.timeouts;
      const note = cell.equivalent ? '' : ` (not equivalent: ${NOT_EQUIVALENT[op]})`;
    const hits = cell.cacheHitRatio === undefined ? '' : ` (${Math.round(cell.cacheHitRatio * 100)}% cache hits)`;
      lines.push(
        `| ${op} | ${SYSTEM_LABEL[cell.system]}${note}${hits} | ${cell.rps} | ${cell.roundsRps.join(' / ')} | ${cell.p50} | ${cell.p99} | ${cell.max} | ${cell.requests} | ${errors} | ${
          cell.system === 'api' ? '1.00×' : ratio(api?.rps, cell.rps)
        } |`,
      );
    }
  }
  return lines.join('\n');
}

function ratiosTable(cells: Cell[]): string {
  const lines = [
    '| operation | API | API ÷ @neo4j/graphql (req/s) | API ÷ raw floor (req/s) | raw floor p99 ÷ API p99 |',
    '|---|---|---:|---:|---:|',
  ];
  for (const op of OPERATIONS) {
    const get = (s: SystemName) => cells.find((c) => c.op === op && c.system === s);
    const neo = get('neo4j-graphql');
    const raw = get('raw');
    for (const system of ['api', 'api-uncached'] as const) {
      const api = get(system);
      if (!api) continue;
      const vsNeo = neo?.equivalent ? ratio(api.rps, neo.rps) : neo ? `${ratio(api.rps, neo.rps)} (not equivalent)` : 'n/a';
      lines.push(`| ${op} | ${system === 'api' ? 'response cache on' : 'response cache off'} | ${vsNeo} | ${ratio(api.rps, raw?.rps)} | ${ratio(raw?.p99, api.p99)} |`);
    }
  }
  return lines.join('\n');
}

function writeResults(name: string, json: unknown, markdown: string): void {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stem = path.join(dir, `${new Date().toISOString().slice(0, 10)}-${name}`);
  fs.writeFileSync(`${stem}.json`, `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(`${stem}.md`, markdown);
  log(`Results: ${path.relative(projectRoot, stem)}.json and .md`);
}

function loadLine(load: LoadReport): string {
  const how = load.loader === 'import' ? 'bulk import' : 'batched UNWIND';
  const phases = Object.entries(load.phases).map(([name, seconds]) => `${name} ${seconds}s`).join(', ');
  const line = `${load.claims.toLocaleString('en')} claims in ${load.totalSeconds}s = ${load.claimsPerSecond.toLocaleString('en')} claims/s (${how}: ${phases})`;
  return load.reused ? `reused a dataset loaded earlier: ${line}` : line;
}

function panelLine(panels: PanelRanking): string {
  const figures = `${panels.panels.toLocaleString('en')} ranked in ${panels.seconds}s = ${panels.panelsPerSecond.toLocaleString('en')} panels/s`;
  return `${panels.reused ? `(ranked by an earlier run) ${figures}` : figures}; done in the background by a running API, and not counted in the load`;
}

// ---------------------------------------------------------------- memory

interface ServerMemory {
  rssMB: number | null;
  /** Node's used heap, from the API's own /metrics (the other systems serve none). */
  heapUsedMB: number | null;
}

/** A server's resident memory (Linux /proc) and, for this API, its used heap, after every cell has run. */
async function serverMemory(server: Server, system: SystemName): Promise<ServerMemory> {
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  let rssMB: number | null = null;
  try {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb) rssMB = mb(Number(kb) * 1024);
  } catch {
    // Not Linux, or the server has gone: reported as unknown.
  }
  let heapUsedMB: number | null = null;
  if (system === 'api' || system === 'api-uncached') {
    const text = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
    const bytes = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1];
    if (bytes) heapUsedMB = mb(Number(bytes));
  }
  return { rssMB, heapUsedMB };
}

function memoryTable(memory: Partial<Record<SystemName, ServerMemory>>): string {
  const rows = Object.entries(memory).map(
    ([system, m]) => `| ${SYSTEM_LABEL[system as SystemName]} | ${m!.rssMB ?? 'n/a'} | ${m!.heapUsedMB ?? 'n/a'} |`,
  );
  return ['| system | RSS MB | heap used MB |', '|---|---:|---:|', ...rows].join('\n');
}

// ---------------------------------------------------------------- modes

async function comparison(choice: ScaleChoice): Promise<void> {
  const ops = (flag('ops')?.split(',') ?? [...OPERATIONS]) as OperationName[];
  const systems = (flag('systems')?.split(',') ?? [...SYSTEMS]) as SystemName[];
  const db = await openBenchDatabase({ choice });
  const servers: Partial<Record<SystemName, Server>> = {};
  try {
    const wiki = new SyntheticWiki(choice.scale);
    const panels = await rankSeeAlsoPanels(db.graph, choice.scale.entries);
    log(`See-also panels ranked: ${panels.panels} in ${panels.seconds} s`);
    const workload = await buildWorkload(db.graph, wiki, choice.scale.seed);
    await prewarm(db.graph, workload);
    buildServers();
    log('Starting the servers ...');
    for (const system of systems) servers[system] = await startServer(system, db.uri);
    const cells: Cell[] = [];
    for (const op of ops) cells.push(...(await measureOperation(servers, systems, op, workload)));
    const memory = Object.fromEntries(await Promise.all(systems.map(async (system) => [system, await serverMemory(servers[system]!, system)] as const)));
    for (const system of systems) await servers[system]!.stop();

    log('In-process: see-also (sequential), crossLink over a 10,000-word text, evidence ...');
    const seeAlso = await seeAlsoSequential(db.graph, workload.slugs);
    const crossLink = await crossLinkInProcess(db.graph, workload.longText);
    const evidence = await evidenceInProcess(db.graph, workload.statements);
    const counts = await db.graph.query<{ label: string; n: number }>(
      `UNWIND ['Entry', 'Claim', 'Source', 'KeyTerm', 'SmartObjective'] AS label
       CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS n }
       RETURN label, n`,
    );
    const json = {
      date: new Date().toISOString(),
      scale: choice.label,
      dataset: { ...choice.scale, nodes: Object.fromEntries(counts.map((c) => [c.label, c.n])) },
      machine: machine(),
      settings: { durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNECTIONS, rounds: ROUNDS },
      load: db.load,
      seeAlsoPanels: panels,
      cells,
      seeAlsoSequential: seeAlso,
      crossLink,
      evidence,
      memory,
    };
    const md = [
      `# Benchmark ${json.date.slice(0, 10)} — scale "${choice.label}"`,
      '',
      `Dataset: ${choice.scale.entries.toLocaleString('en')} entries, ${choice.scale.claims.toLocaleString('en')} claims, ` +
        `${json.dataset.nodes.Source?.toLocaleString('en')} sources, ${json.dataset.nodes.KeyTerm?.toLocaleString('en')} key terms (seed ${choice.scale.seed}).`,
      `Machine: ${json.machine.cpu}, ${json.machine.cores} cores, ${json.machine.memoryGiB} GiB, Node ${json.machine.node}; Neo4j 5.26 Community (embedded launcher, default heap) on the same machine.`,
      `Load: ${CONNECTIONS} connections, ${DURATION}s per cell after ${WARMUP}s warm-up, autocannon in the bench process; one system under load at a time; ` +
        `${ROUNDS} rounds per operation, systems in rotated order, each system's median round reported (requests: all rounds).`,
      '',
      '## Throughput and latency under load',
      '',
      resultsTable(cells),
      '',
      '## Ratios',
      '',
      ratiosTable(cells),
      '',
      '## Memory at the end of the load',
      '',
      memoryTable(memory),
      '',
      '## In-process',
      '',
      `- See-also panel (SeeAlsoService.page, first 10 from the stored panel, one at a time, ${seeAlso.page.runs} runs): p50 ${seeAlso.page.p50} ms, p99 ${seeAlso.page.p99} ms, mean ${seeAlso.page.mean} ms, max ${seeAlso.page.max} ms.`,
      `- See-also ranked live (SeeAlsoService.ranked, what a request does while its panel is stale; mean ${seeAlso.live.meanCandidates} candidates): p50 ${seeAlso.live.p50} ms, p99 ${seeAlso.live.p99} ms, mean ${seeAlso.live.mean} ms, max ${seeAlso.live.max} ms.`,
      `- crossLink over a ${crossLink.words.toLocaleString('en')}-word text (${crossLink.chars.toLocaleString('en')} chars, ${crossLink.spans} spans, ${crossLink.dictionaryNames.toLocaleString('en')} names): ` +
        `matcher mean ${crossLink.matcherOnly.mean} ms, p99 ${crossLink.matcherOnly.p99} ms; CrossLinkService.match (with its vocabulary-version read) mean ${crossLink.serviceMatch.mean} ms, p99 ${crossLink.serviceMatch.p99} ms; dictionary build ${crossLink.dictionaryBuildMs} ms.`,
      `- Evidence over the ${evidence.statements} workload statements, one at a time (first 10, mean ${evidence.meanCandidates} candidates): the semantic step (expanding the statement, ranking its candidates; no query) ` +
        `mean ${evidence.semanticStep.mean} ms, p99 ${evidence.semanticStep.p99} ms; EvidenceService.rank (expansion, the candidate query, ranking) mean ${evidence.serviceRank.mean} ms, p99 ${evidence.serviceRank.p99} ms; expander build ${evidence.expanderBuildMs} ms.`,
      `- Load: ${loadLine(db.load)}.`,
      `- See-also panels ${panelLine(panels)}.`,
      '',
    ].join('\n');
    process.stdout.write(`\n${md}\n`);
    writeResults(choice.label, json, md);
  } finally {
    for (const system of systems) await servers[system]?.stop();
    await db.stop();
  }
}

async function scaling(): Promise<void> {
  const labels = (flag('scales') ?? 'small,medium').split(',');
  const rows: Array<{
    scale: string;
    entries: number;
    claims: number;
    load: LoadReport;
    panels: PanelRanking;
    seeAlso: Awaited<ReturnType<typeof seeAlsoSequential>>;
  }> = [];
  for (const label of labels) {
    const choice = scaleFrom(['--scale', label], { ...process.env, SCALE: undefined });
    let db: BenchDatabase | null = null;
    try {
      db = await openBenchDatabase({ choice });
      const wiki = new SyntheticWiki(choice.scale);
      const rng = new Rng(choice.scale.seed).fork('workload');
      const slugs = wiki.articleSlugs();
      const picked = Array.from({ length: 500 }, () => rng.pick(slugs));
      const panels = await rankSeeAlsoPanels(db.graph, choice.scale.entries);
      const seeAlso = await seeAlsoSequential(db.graph, picked, 500);
      log(`  ${label}: see-also page p50 ${seeAlso.page.p50} ms, p99 ${seeAlso.page.p99} ms; live p50 ${seeAlso.live.p50} ms, p99 ${seeAlso.live.p99} ms`);
      rows.push({ scale: label, entries: choice.scale.entries, claims: choice.scale.claims, load: db.load, panels, seeAlso });
    } finally {
      await db?.stop();
    }
  }
  const base = rows[0]!;
  const md = [
    `# See-also latency scaling ${new Date().toISOString().slice(0, 10)}`,
    '',
    'One request at a time after 50 warm-up requests, 500 article slugs drawn with the workload seed. "Panel": SeeAlsoService.page',
    '(first 10, from the stored panel: what a request reads). "Live": SeeAlsoService.ranked (the connections query plus ranking: what',
    'a request does while its panel is stale, and what the background refresher does per panel).',
    '',
    '| scale | entries | claims | panel p50 ms | panel p99 ms | panel p99 ÷ first | live p50 ms | live p99 ms | live p99 ÷ first | mean candidates | load claims/s | panels ranked/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scale} | ${r.entries.toLocaleString('en')} | ${r.claims.toLocaleString('en')} | ${r.seeAlso.page.p50} | ${r.seeAlso.page.p99} | ${(r.seeAlso.page.p99 / base.seeAlso.page.p99).toFixed(2)}× | ${r.seeAlso.live.p50} | ${r.seeAlso.live.p99} | ${(r.seeAlso.live.p99 / base.seeAlso.live.p99).toFixed(2)}× | ${r.seeAlso.live.meanCandidates} | ${r.load.claimsPerSecond.toLocaleString('en')}${r.load.reused ? ' (earlier load)' : ''} | ${r.panels.panelsPerSecond.toLocaleString('en')} |`,
    ),
    '',
  ].join('\n');
  process.stdout.write(`\n${md}\n`);
  writeResults(`scaling-${labels.join('-')}`, { date: new Date().toISOString(), machine: machine(), rows }, md);
}

async function main(): Promise<void> {
  if (args.includes('--scaling')) await scaling();
  else await comparison(scaleFrom(args));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
