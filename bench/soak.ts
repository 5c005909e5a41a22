/**
 * npm run soak — many concurrent clients for a while against one server, on
 * loopback: mixed reads (the front end's contract operations with varied
 * variables) and writes (upvotes from distinct clients, editors ingesting
 * unchanged and changed articles). Passes when no request fails; reports
 * latency per operation and the server's memory over time (from its own
 * /metrics), and writes bench/results/soak-<date>.json and .md.
 *
 *   npm run soak                                  # 200 clients, 60 s (+20 s warm-up), 4 s mean pause per reader
 *   npm run soak -- --clients 50 --duration 20
 *   npm run soak -- --think 0                     # no pauses: saturation (results named soak-<date>-closed-loop)
 *   npm run soak -- --editors 0                   # readers only: the baseline (results named soak-<date>-reads-only)
 *   npm run soak -- --name after-locks            # results named soak-<date>-after-locks
 *   SOAK_NEO4J_CONF='dbms.cypher.min_replan_interval=1h' npm run soak   # settings for the soak's Neo4j
 *
 * The server is bench/soak-server.ts (startApp as `npm start` runs it) in a
 * child process; Neo4j is a fresh local one in .data/neo4j-soak (or NEO4J_URI,
 * which is then written to: use a throwaway database).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { signToken } from '../src/auth/tokens';
import { loadConfig, projectRoot } from '../src/config';
import { startLocalNeo4j, type LocalNeo4j } from '../src/graph/local-neo4j';
import { spawnServer, type ServerProcess } from './servers/lifecycle';
import { cpuSeconds } from './measurement';
import { freePort } from '../test/support/processes';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return Number(i >= 0 ? args[i + 1] : (process.env[`SOAK_${name.toUpperCase()}`] ?? fallback));
};
const CLIENTS = flag('clients', 200);
const DURATION_S = flag('duration', 60);
// 20 s: a freshly started Neo4j and API answer the first ~15 s of load cold
// (plans compiled, JVM and V8 code not yet optimised): read p99 3.3 s in the
// first 10 s after a 5 s warm-up, 20–57 ms after (soak-2026-12-01-reads-only-windows.md).
const WARMUP_S = flag('warmup', 20);
/** Mean pause of a reader between two requests (uniform between half and one and a half of it); 0: none, a closed loop at saturation. */
const THINK_MS = flag('think', 4_000);
const SAMPLE_EVERY_MS = 5_000;
/** What the results file is named after, beyond the date (`--name`). */
const NAME = (() => {
  const i = args.indexOf('--name');
  return i >= 0 ? args[i + 1] : process.env.SOAK_NAME;
})();
const ARTICLES = 30;
const log = (message: string) => process.stderr.write(`${message}\n`);

const contract = fs.readFileSync(path.join(projectRoot, 'test/contract/operations.graphql'), 'utf8');
const CONTRACT_OPERATIONS = parse(contract)
  .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
  .map((d) => d.name!.value);

// ------------------------------------------------------------------ setup

/** The server's warnings and errors, counted by message and error code (its log is JSON lines on stdout). */
const serverLog = new Map<string, number>();

function countLogLine(line: string): void {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { code?: string; type?: string; message?: string; stack?: string }; codes?: string[]; query?: string; code?: string; cause?: string };
    if ((entry.level ?? 0) < 40) return;
    const detail = entry.err
      ? ` ${entry.err.code ?? entry.err.type ?? ''}: ${(entry.err.message ?? '').slice(0, 160)}${entry.err.code ? '' : ` (${(entry.err.stack ?? '').split('\n')[1]?.trim() ?? ''})`}`
      : entry.cause
        ? ` ${entry.code ? `${entry.code}: ` : ''}${entry.query ? `(in ${entry.query}) ` : ''}${entry.cause.replace(/\d+/g, 'N')}`
        : entry.codes
          ? ` ${entry.codes.join(',')}`
          : entry.query
            ? ` ${entry.query}`
            : '';
    const key = `${entry.msg}${detail}`;
    serverLog.set(key, (serverLog.get(key) ?? 0) + 1);
  } catch {
    // Not a log line.
  }
}

function startServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  return spawnServer(path.join(__dirname, 'soak-server.ts'), {
    env,
    name: 'the server',
    startTimeoutMs: 180_000,
    killAfterMs: 30_000,
    onLine: countLogLine,
  });
}

/** Distinct articles from the two real exports: new titles, a sentence of their own. */
function articleVariants(): string[] {
  const sources = [
    { file: 'test/fixtures/mentalization-based-treatment.wiki.txt', title: 'Mentalization-Based Treatment' },
    { file: 'seeds/articles/earned-security.wiki.txt', title: 'Earned Security' },
  ].map((s) => ({ ...s, text: fs.readFileSync(path.join(projectRoot, s.file), 'utf8') }));
  const topics = ['sleep', 'work stress', 'grief', 'parenting', 'migration', 'chronic pain', 'shame', 'loneliness'];
  return Array.from({ length: ARTICLES }, (_, i) => {
    const { text, title } = sources[i % 2]!;
    const lines = text.split('\n');
    const titleIndex = lines.findIndex((line) => line.trim() === title);
    lines[titleIndex] = `${title} Soak ${i + 1}`;
    const summaryIndex = lines.findIndex((line, index) => index > titleIndex && line.trim() !== '');
    lines[summaryIndex] = `${lines[summaryIndex]} Soak ${i + 1} applies it to ${topics[i % topics.length]}.`;
    return lines.join('\n');
  });
}

interface Workload {
  slugs: string[];
  sourceIds: string[];
  statements: string[];
  texts: string[];
  queries: string[];
  articles: string[];
  editorHeaders: Record<string, string>[];
  /** Pairs of revisions of one entry that differ by one sentence, for RevisionDiff. */
  diffs: Array<{ slug: string; from: number; to: number }>;
  /** Claim ids, current and replaced, for ClaimAsCited. */
  claimIds: string[];
}

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, operationName?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, operationName }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  return { status: response.status, body };
}

async function prepare(url: string, jwtSecret: string): Promise<Workload> {
  const config = loadConfig({ JWT_SECRET: jwtSecret });
  const editorHeaders = await Promise.all(
    ['editor-ann', 'editor-ben', 'editor-cy'].map(async (subject) => ({
      authorization: `Bearer ${await signToken(config, { subject, roles: ['editor'], expiresIn: '2h' })}`,
    })),
  );
  const articles = articleVariants();
  const slugs = ['earned-security'];
  for (const text of articles) {
    const { body } = await post(url, 'mutation ($t: String!) { ingestArticle(text: $t) { status entry { slug } } }', { t: text }, editorHeaders[0]);
    if (body.errors) throw new Error(`setup ingest failed: ${JSON.stringify(body.errors)}`);
    slugs.push(body.data.ingestArticle.entry.slug);
  }
  const sourceIds = new Set<string>();
  const statements: string[] = [];
  const texts: string[] = [];
  const claimIds: string[] = [];
  for (const slug of slugs.slice(0, 8)) {
    const { body } = await post(url, contract, { slug }, {}, 'EntryPage');
    if (body.errors) throw new Error(`setup read failed: ${JSON.stringify(body.errors)}`);
    for (const source of body.data.entry.sources) sourceIds.add(source.id);
    const claims = body.data.entry.sections.flatMap((s: { claims: Array<{ id: string; text: string }> }) => s.claims);
    statements.push(...claims.filter((_: unknown, i: number) => i % 7 === 0).slice(0, 12).map((c: { text: string }) => c.text));
    texts.push(claims.slice(0, 6).map((c: { text: string }) => c.text).join(' '));
    claimIds.push(...claims.filter((_: unknown, i: number) => i % 5 === 0).map((c: { id: string }) => c.id));
  }
  // A second revision of eight articles, one sentence changed: what RevisionDiff and ClaimAsCited read.
  const diffs: Workload['diffs'] = [];
  for (const [i, text] of articles.slice(0, 8).entries()) {
    const saved = await post(url, contract, { text: changedSentence(text, `setup ${i}`), expectedRevision: null, note: 'soak setup' }, editorHeaders[0], 'SaveArticle');
    if (saved.body.errors) throw new Error(`setup save failed: ${JSON.stringify(saved.body.errors)}`);
    const { slug, currentRevision } = saved.body.data.ingestArticle.entry;
    diffs.push({ slug, from: currentRevision.number - 1, to: currentRevision.number });
  }
  return {
    slugs,
    sourceIds: [...sourceIds],
    statements,
    texts,
    queries: ['attachment', 'mentalizing', 'earned security', 'trauma', 'reflective functioning', 'Bowlby', 'coherence', 'borderline'],
    articles,
    editorHeaders,
    diffs,
    claimIds,
  };
}

// ------------------------------------------------------------------ load

type OpName = string;
interface Stats {
  latencies: Map<OpName, number[]>;
  /** Every measured read, with when it was sent (s after the warm-up): where in the run the slow ones fall. */
  reads: Array<{ t: number; ms: number }>;
  errors: Map<string, number>;
  requests: number;
}

/** The soak's reads by 10 s window of when they were sent: their count, p95, p99 and max. */
const READ_WINDOW_S = 10;

/** The readers' request mix: weights out of 100. */
const MIX: Array<[OpName, number]> = [
  ['EntryPage', 17],
  ['SeeAlsoPanel', 11],
  ['Evidence', 9],
  ['SourceUsage', 9],
  ['Neighbourhood', 9],
  ['Connection', 5],
  ['CrossLink', 9],
  ['Search', 11],
  ['EntryHistory', 4],
  ['RevisionDiff', 2],
  ['ClaimAsCited', 2],
  ['upvoteEntry', 11],
  ['suggestRevision', 1],
];
/** The readers' operations that read (upvotes and suggestions are readers' writes). */
const READ_OPERATIONS = new Set(MIX.map(([op]) => op).filter((op) => op !== 'upvoteEntry' && op !== 'suggestRevision'));
/**
 * Editors beside the readers: each saves an article (unchanged or changed, in
 * turn; SaveArticle), and now and then reverts one to its revision before
 * (RevertArticle, after reading its history) or decides on the oldest pending
 * suggestion (ResolveSuggestion); then reads it over for 0.5–1.5 s.
 */
const EDITORS = flag('editors', 3);
const EDITOR_OPERATIONS: Array<[OpName, number]> = [
  ['SaveArticle', 6],
  ['RevertArticle', 1],
  ['ResolveSuggestion', 1],
];
const EDITOR_PAUSE_MS = [500, 1_500] as const;
for (const name of CONTRACT_OPERATIONS) {
  if (![...MIX, ...EDITOR_OPERATIONS].some(([op]) => op === name)) throw new Error(`The soak lacks the contract operation ${name}`);
}

function pick(random: () => number, mix: Array<[OpName, number]> = MIX): OpName {
  let r = random() * mix.reduce((sum, [, w]) => sum + w, 0);
  for (const [name, weight] of mix) if ((r -= weight) < 0) return name;
  return mix[0]![0];
}

/** The article with one sentence of its own added: a changed save. */
const changedSentence = (text: string, label: string) => text.replace(/\n\n(\d+ upvotes)/, ` Revision ${label} adds this sentence.\n\n$1`);

/** mulberry32: the same mix on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let upvoteCounter = 0;
let ingestCounter = 0;
let suggestionCounter = 0;
/** Editors' writes refused because another editor's came first (CONFLICT): expected under concurrent editing, not errors. */
let conflicts = 0;
const clientAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

function request(op: OpName, w: Workload, random: () => number, client: number): { query: string; variables: Record<string, unknown>; headers: Record<string, string>; operationName?: string } {
  const any = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const reader = { 'x-forwarded-for': clientAddress(client) };
  switch (op) {
    case 'EntryPage':
    case 'Neighbourhood':
      return { query: contract, operationName: op, variables: { slug: any(w.slugs) }, headers: reader };
    case 'SeeAlsoPanel':
      return { query: contract, operationName: op, variables: { slug: any(w.slugs), first: any([3, 5, 10]) }, headers: reader };
    case 'Evidence':
      return { query: contract, operationName: op, variables: { statement: any(w.statements), first: any([3, 5, 10]) }, headers: reader };
    case 'SourceUsage':
      return { query: contract, operationName: op, variables: { id: any(w.sourceIds), first: any([5, 10, 20]) }, headers: reader };
    case 'Connection':
      return { query: contract, operationName: op, variables: { from: any(w.slugs), to: any(['attachment-theory', 'earned-security', any(w.slugs)]), maxHops: any([2, 3, 4]) }, headers: reader };
    case 'CrossLink':
      return { query: contract, operationName: op, variables: { text: any(w.texts) }, headers: reader };
    case 'Search':
      return { query: contract, operationName: op, variables: { query: any(w.queries), first: any([5, 10]) }, headers: reader };
    case 'EntryHistory':
      return { query: contract, operationName: op, variables: { slug: any(w.slugs), first: any([5, 10, 20]), after: null }, headers: reader };
    case 'RevisionDiff':
      return { query: contract, operationName: op, variables: { ...any(w.diffs) }, headers: reader };
    case 'ClaimAsCited':
      return { query: contract, operationName: op, variables: { id: any(w.claimIds) }, headers: reader };
    case 'suggestRevision':
      return {
        query: 'mutation ($input: SuggestRevisionInput!) { suggestRevision(input: $input) { changed } }',
        variables: { input: { slug: any(w.slugs), text: `Please add a citation for the second paragraph (soak reader ${++suggestionCounter}).` } },
        headers: { 'x-forwarded-for': clientAddress(200_000 + suggestionCounter) },
      };
    case 'upvoteEntry':
      // A client never seen before each time: no rate limit, and every upvote counts.
      return {
        query: 'mutation ($slug: String!) { upvoteEntry(slug: $slug) { changed entry { upvotes } } }',
        variables: { slug: any(w.slugs) },
        headers: { 'x-forwarded-for': clientAddress(100_000 + ++upvoteCounter) },
      };
    case 'SaveArticle': {
      // Half unchanged (detected by hash, nothing written), half with a new sentence (a new revision).
      const n = ++ingestCounter;
      const text = any(w.articles);
      return {
        query: contract,
        operationName: op,
        variables: { text: n % 2 ? text : changedSentence(text, String(n)), expectedRevision: null, note: null },
        headers: w.editorHeaders[client % w.editorHeaders.length]!,
      };
    }
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

/**
 * An editor's revert (of an article to its revision before, from the current
 * one it just read) or decision (on the oldest pending suggestion); null when
 * there is nothing to act on.
 */
async function editorAction(op: OpName, url: string, w: Workload, random: () => number, client: number): Promise<ReturnType<typeof request> | null> {
  const headers = w.editorHeaders[client % w.editorHeaders.length]!;
  if (op === 'RevertArticle') {
    const { slug } = w.diffs[Math.floor(random() * w.diffs.length)]!;
    const { body } = await post(url, contract, { slug, first: 1, after: null }, headers, 'EntryHistory');
    const current = body.data?.entry?.currentRevision?.number as number | undefined;
    if (!current || current < 2) return null;
    return { query: contract, operationName: op, variables: { slug, toRevision: current - 1, expectedRevision: current }, headers };
  }
  const { body } = await post(url, '{ pendingRevisions(first: 1) { edges { node { id } } } }', {}, headers);
  const id = body.data?.pendingRevisions?.edges?.[0]?.node?.id as string | undefined;
  if (!id) return null;
  return { query: contract, operationName: op, variables: { id, decision: 'ACCEPT', reason: null, revision: null }, headers };
}

async function client(id: number, url: string, w: Workload, until: number, measureFrom: number, stats: Stats, editor = false): Promise<void> {
  const random = rng(id + 1);
  while (Date.now() < until) {
    if (editor) await new Promise((resolve) => setTimeout(resolve, EDITOR_PAUSE_MS[0] + random() * (EDITOR_PAUSE_MS[1] - EDITOR_PAUSE_MS[0])));
    else if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + random())));
    let op = editor ? pick(random, EDITOR_OPERATIONS) : pick(random);
    let started = performance.now();
    let failure: string | null = null;
    try {
      // Editors' reverts and decisions read first what they act on.
      const prepared = editor && op !== 'SaveArticle' ? await editorAction(op, url, w, random, id) : request(op, w, random, id);
      if (!prepared) op = 'SaveArticle';
      const { query, variables, headers, operationName } = prepared ?? request(op, w, random, id);
      started = performance.now();
      const { status, body } = await post(url, query, variables, headers, operationName);
      if (status !== 200) failure = `HTTP ${status} ${body.errors?.[0]?.extensions?.code ?? ''}`.trim();
      else if (editor && body.errors?.[0]?.extensions?.code === 'CONFLICT') conflicts++;
      else if (body.errors?.length) failure = `${op}: ${body.errors[0]!.extensions?.code ?? 'ERROR'} ${body.errors[0]!.message}`;
    } catch (error) {
      failure = `${op}: ${(error as Error).name} ${(error as Error).message}`;
    }
    if (Date.now() < measureFrom) continue;
    stats.requests++;
    const ms = performance.now() - started;
    if (failure) stats.errors.set(failure, (stats.errors.get(failure) ?? 0) + 1);
    let list = stats.latencies.get(op);
    if (!list) stats.latencies.set(op, (list = []));
    list.push(ms);
    if (READ_OPERATIONS.has(op)) stats.reads.push({ t: (Date.now() - ms - measureFrom) / 1000, ms });
  }
}

// ------------------------------------------------------------------ memory

interface Sample {
  t: number;
  rssMB: number;
  heapUsedMB: number;
  /** What V8 holds for the heap (used or not): RSS follows it, not the heap used. */
  heapTotalMB: number;
  /** Memory outside the heap that JavaScript objects hold (Buffers: sockets, responses). */
  externalMB: number;
  eventLoopLagP99Ms: number | null;
  /** The longest single stall of the event loop since the sample before. */
  eventLoopLagMaxMs: number | null;
}

async function sample(metricsUrl: string, t0: number): Promise<Sample> {
  const text = await (await fetch(metricsUrl)).text();
  const value = (name: string) => {
    const match = text.match(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm'));
    return match ? Number(match[1]) : null;
  };
  const lag = value('nodejs_eventloop_lag_p99_seconds');
  const lagMax = value('nodejs_eventloop_lag_max_seconds');
  return {
    t: Math.round((Date.now() - t0) / 1000),
    rssMB: Math.round(value('process_resident_memory_bytes')! / 1e5) / 10,
    heapUsedMB: Math.round(value('nodejs_heap_size_used_bytes')! / 1e5) / 10,
    heapTotalMB: Math.round(value('nodejs_heap_size_total_bytes')! / 1e5) / 10,
    externalMB: Math.round(value('nodejs_external_memory_bytes')! / 1e5) / 10,
    eventLoopLagP99Ms: lag === null ? null : Math.round(lag * 10_000) / 10,
    eventLoopLagMaxMs: lagMax === null ? null : Math.round(lagMax * 10_000) / 10,
  };
}

/** A process's resident memory in MB, from /proc; null where there is none (not Linux, or gone). */
function rssMBOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kB = Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m)?.[1]);
    return Number.isFinite(kB) ? Math.round(kB / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/**
 * RSS growth after the first 10 s: the median RSS of the last 10 s over the
 * median of the first 10 s, each sampled every second. Two single samples
 * differ by where each fell in a collection cycle (±50 MB in the soak), and
 * a window's highest by one passing spike (a run whose RSS climbed 80 MB
 * showed 29 MB between peaks).
 */
function rssGrowthAfter10s(rss: ReadonlyArray<{ t: number; mb: number }>): number | null {
  if (rss.length === 0) return null;
  const end = rss.at(-1)!.t;
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const first = rss.filter((s) => s.t < 10).map((s) => s.mb);
  const last = rss.filter((s) => s.t > end - 10 && s.t >= 10).map((s) => s.mb);
  if (first.length === 0 || last.length === 0) return null;
  return round(median(last) - median(first));
}

/** CPU seconds a process has used (user + system), from /proc; null where there is none (not Linux, or gone). */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    return cpuSeconds(pid);
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ report

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const dataDir = path.join(projectRoot, '.data', 'neo4j-soak');
  let local: LocalNeo4j | null = null;
  let neo4jUri = process.env.NEO4J_URI;
  if (!neo4jUri) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    // SOAK_NEO4J_CONF: settings for the soak's Neo4j, one `key=value` per line or `;` (neo4j-local reads conf/neo4j.conf).
    if (process.env.SOAK_NEO4J_CONF) {
      fs.mkdirSync(path.join(dataDir, 'conf'), { recursive: true });
      fs.writeFileSync(path.join(dataDir, 'conf', 'neo4j.conf'), `${process.env.SOAK_NEO4J_CONF.split(';').map((line) => line.trim()).join('\n')}\n`);
    }
    local = await startLocalNeo4j({ dataDir, port: await freePort(), log });
    neo4jUri = local.uri;
  }
  const jwtSecret = randomBytes(32).toString('hex');
  const server = await startServer({ ...process.env, NEO4J_URI: neo4jUri, JWT_SECRET: jwtSecret });
  const metricsUrl = server.url.replace(/\/graphql$/, '/metrics');
  try {
    log(`Server ${server.url}; preparing ${ARTICLES} articles...`);
    const workload = await prepare(server.url, jwtSecret);
    log(`Soak: ${CLIENTS} clients + ${EDITORS} editors, ${WARMUP_S} s warm-up + ${DURATION_S} s; readers' operations ${MIX.map(([n, w]) => `${n} ${w}%`).join(', ')}`);

    const stats: Stats = { latencies: new Map(), reads: [], errors: new Map(), requests: 0 };
    const t0 = Date.now();
    const measureFrom = t0 + WARMUP_S * 1000;
    const until = measureFrom + DURATION_S * 1000;
    const samples: Sample[] = [];
    const sampler = setInterval(() => {
      if (Date.now() >= measureFrom) void sample(metricsUrl, measureFrom).then((s) => samples.push(s), () => undefined);
    }, SAMPLE_EVERY_MS);
    setTimeout(() => void sample(metricsUrl, measureFrom).then((s) => samples.push(s), () => undefined), WARMUP_S * 1000);
    // The server's RSS each second while measured, from /proc: the windows' medians compare like with like
    // (RSS follows the heap V8 keeps committed, which rises and falls by 50 MB over one collection cycle).
    const rss: Array<{ t: number; mb: number }> = [];
    const rssSampler = setInterval(() => {
      const mb = rssMBOf(server.child.pid);
      if (Date.now() >= measureFrom && mb !== null) rss.push({ t: (Date.now() - measureFrom) / 1000, mb });
    }, 1_000);
    // Who used the two cores while the soak was measured: the API server, Neo4j, and this process (the clients).
    const processes = { server: server.child.pid, neo4j: local?.pid, clients: process.pid };
    let cpuAtStart: Record<string, number | null> = {};
    setTimeout(() => (cpuAtStart = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuSecondsOf(pid)]))), WARMUP_S * 1000);
    const deadlocksIn = (metrics: string) => Number(metrics.match(/^neo4j_deadlocks_total ([0-9.]+)$/m)?.[1] ?? 0);
    let deadlocksAtStart = 0;
    setTimeout(() => void fetch(metricsUrl).then((response) => response.text()).then((text) => (deadlocksAtStart = deadlocksIn(text)), () => undefined), WARMUP_S * 1000);
    await Promise.all([
      ...Array.from({ length: CLIENTS }, (_, i) => client(i, server.url, workload, until, measureFrom, stats)),
      ...Array.from({ length: EDITORS }, (_, i) => client(i, server.url, workload, until, measureFrom, stats, true)),
    ]);
    clearInterval(sampler);
    clearInterval(rssSampler);
    const cpuSeconds = Object.fromEntries(
      Object.entries(processes).map(([name, pid]) => {
        const end = cpuSecondsOf(pid);
        const start = cpuAtStart[name];
        return [name, end === null || start == null ? null : round(end - start)];
      }),
    );
    samples.push(await sample(metricsUrl, measureFrom));
    samples.sort((a, b) => a.t - b.t);
    const elapsed = (Date.now() - measureFrom) / 1000;
    const serverMetrics = await (await fetch(metricsUrl)).text();

    const operations = [...stats.latencies.entries()]
      .map(([op, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return { op, requests: list.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
      })
      .sort((a, b) => (MIX.findIndex(([n]) => n === a.op) + 1 || 99) - (MIX.findIndex(([n]) => n === b.op) + 1 || 99));
    const readWindows = new Map<number, number[]>();
    for (const { t, ms } of stats.reads) {
      const from = Math.max(0, Math.floor(t / READ_WINDOW_S) * READ_WINDOW_S);
      readWindows.set(from, [...(readWindows.get(from) ?? []), ms]);
    }
    const readsByWindow = [...readWindows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([from, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return { fromS: from, requests: list.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
      });
    const errors = Object.fromEntries(stats.errors);
    const errorCount = [...stats.errors.values()].reduce((a, b) => a + b, 0);
    const first = samples[0]!;
    const last = samples.at(-1)!;
    const memory = {
      samples,
      rssMB: { start: first.rssMB, end: last.rssMB, max: Math.max(...samples.map((s) => s.rssMB)) },
      rssEachSecond: rss,
      heapUsedMB: { start: first.heapUsedMB, end: last.heapUsedMB, max: Math.max(...samples.map((s) => s.heapUsedMB)) },
    };
    // Issue 20's targets: every read operation's p95 and p99, the event loop's lag (windows after the warm-up), RSS growth after the first 10 s.
    const reads = operations.filter((o) => READ_OPERATIONS.has(o.op));
    const measured = samples.filter((s) => s.t >= SAMPLE_EVERY_MS / 1000);
    const at10 = samples.find((s) => s.t >= 10) ?? samples[0]!;
    const targets = {
      readP95MaxMs: Math.max(...reads.map((o) => o.p95)),
      readP99MaxMs: Math.max(...reads.map((o) => o.p99)),
      eventLoopLagP99MaxMs: Math.max(...measured.map((s) => s.eventLoopLagP99Ms ?? 0)),
      rssGrowthAfter10sMB: rssGrowthAfter10s(rss) ?? round(samples.at(-1)!.rssMB - at10.rssMB),
    };
    const breakerOpen = /^neo4j_breaker_open 1$/m.test(serverMetrics);
    // Over the server's life (setup included), and while the soak was measured.
    const deadlocks = deadlocksIn(serverMetrics);
    const deadlocksWhileMeasured = deadlocks - deadlocksAtStart;
    const date = [new Date().toISOString().slice(0, 10), THINK_MS > 0 ? null : 'closed-loop', EDITORS > 0 ? null : 'reads-only', NAME].filter(Boolean).join('-');
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 1e9), node: process.version },
      clients: CLIENTS,
      editors: EDITORS,
      thinkMs: THINK_MS,
      durationS: DURATION_S,
      warmupS: WARMUP_S,
      mix: Object.fromEntries(MIX),
      requests: stats.requests,
      rps: round(stats.requests / elapsed),
      errors: errorCount,
      errorsByKind: errors,
      upvotes: upvoteCounter,
      ingests: ingestCounter,
      conflicts,
      operations,
      readsByWindow,
      memory,
      breakerOpenAtEnd: breakerOpen,
      deadlocks,
      deadlocksWhileMeasured,
      cpuSeconds,
      targets,
      graphqlErrorsByCode: Object.fromEntries([...serverMetrics.matchAll(/^graphql_errors_total\{code="([^"]+)"\} (\d+)/gm)].map((m) => [m[1], Number(m[2])])),
      serverWarningsAndErrors: Object.fromEntries([...serverLog].sort((a, b) => b[1] - a[1])),
      pass: errorCount === 0,
    };
    const resultsDir = path.join(__dirname, 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, `soak-${date}.json`), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(resultsDir, `soak-${date}.md`), markdown(result));
    log(markdown(result));
    if (!result.pass) process.exitCode = 1;
  } finally {
    await server.stop();
    await local?.stop();
    if (local) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function markdown(r: any): string {
  const lines = [
    `# Soak ${r.date.slice(0, 10)}: ${r.clients} clients and ${r.editors} editors, ${r.durationS} s`,
    '',
    `${r.pass ? '**Pass**' : '**FAIL**'}: ${r.requests} requests (${r.rps}/s) after a ${r.warmupS} s warm-up, **${r.errors} errors**; ` +
      `${r.upvotes} upvotes from distinct clients, and ${r.ingests} article saves by ${r.editors} editors (half unchanged, half changed), among them; ` +
      `${r.conflicts ?? 0} editors' writes refused with CONFLICT because another editor's came first (expected, not errors). ` +
      `Machine: ${r.machine.cpus} CPUs (${r.machine.cpu}), ${r.machine.memoryGB} GB, Node ${r.machine.node}; server, Neo4j and clients share it, on loopback.`,
    '',
    `Readers' mix (%): ${Object.entries(r.mix).map(([k, v]) => `${k} ${v}`).join(', ')}. Each of the ${r.clients} clients sends its next request ${r.thinkMs ? `${r.thinkMs / 2000}–${(r.thinkMs * 1.5) / 1000} s after the last one answered (a reader's pause)` : 'as soon as the last one answers (no pause: a closed loop at saturation)'}, ` +
      `from an address of its own (X-Forwarded-For; each upvote and suggestion from a new one). Each editor, with an editor token, saves an article (SaveArticle) or now and then reverts one (RevertArticle) or accepts a suggestion (ResolveSuggestion) (${EDITOR_OPERATIONS.map(([n, w]) => `${n} ${w}`).join(', ')}), then pauses ${EDITOR_PAUSE_MS[0] / 1000}–${EDITOR_PAUSE_MS[1] / 1000} s.`,
    '',
    '| operation | requests | p50 ms | p95 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...r.operations.map((o: any) => `| ${o.op} | ${o.requests} | ${o.p50} | ${o.p95} | ${o.p99} | ${o.max} |`),
    '',
    `Issue 20's targets: read operations' worst p95 ${r.targets.readP95MaxMs} ms (< 100), worst p99 ${r.targets.readP99MaxMs} ms (< 250); ` +
      `event-loop lag p99, worst ${SAMPLE_EVERY_MS / 1000} s window, ${r.targets.eventLoopLagP99MaxMs} ms (< 50); errors ${r.errors} (0); ` +
      `deadlocks retried ${r.deadlocksWhileMeasured ?? r.deadlocks} while measured, ${r.deadlocks} in all (0); RSS growth after the first 10 s (the last 10 s's median RSS over the first 10 s's, sampled each second) ${r.targets.rssGrowthAfter10sMB} MB (< 50).`,
    '',
    `Every read operation together, by when the read was sent (${READ_WINDOW_S} s windows after the warm-up):`,
    '',
    '| from s | reads | p50 ms | p95 ms | p99 ms | max ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...(r.readsByWindow ?? []).map((w: any) => `| ${w.fromS} | ${w.requests} | ${w.p50} | ${w.p95} | ${w.p99} | ${w.max} |`),
    '',
    `Server memory (from its /metrics, every ${SAMPLE_EVERY_MS / 1000} s): RSS ${r.memory.rssMB.start} → ${r.memory.rssMB.end} MB (max ${r.memory.rssMB.max}); ` +
      `heap used ${r.memory.heapUsedMB.start} → ${r.memory.heapUsedMB.end} MB (max ${r.memory.heapUsedMB.max}).`,
    '',
    `CPU used while measured (${r.durationS} s on ${r.machine.cpus} cores, from /proc): ` +
      (r.cpuSeconds ? Object.entries(r.cpuSeconds).map(([name, seconds]) => `${name} ${seconds ?? 'n/a'} s`).join(', ') : 'not measured') +
      '.',
    '',
    '| t (s) | RSS MB | heap used MB | heap total MB | external MB | event-loop lag p99 ms | event-loop lag max ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.memory.samples.map(
      (s: Sample) => `| ${s.t} | ${s.rssMB} | ${s.heapUsedMB} | ${s.heapTotalMB ?? ''} | ${s.externalMB ?? ''} | ${s.eventLoopLagP99Ms ?? ''} | ${s.eventLoopLagMaxMs ?? ''} |`,
    ),
    '',
    `Errors by kind: ${r.errors ? JSON.stringify(r.errorsByKind) : 'none'}. Server-side GraphQL errors by code: ${JSON.stringify(r.graphqlErrorsByCode)}. ` +
      `Transactions retried after a deadlock: ${r.deadlocks ?? 'not counted'}. ` +
      `Circuit breaker open at the end: ${r.breakerOpenAtEnd ? 'yes' : 'no'}. No SERVICE_UNAVAILABLE means no pool exhaustion (NEO4J_ACQUISITION_TIMEOUT_MS) and no lost connection.`,
    '',
    'Server log, warnings and errors (slow queries are those over SLOW_QUERY_MS):',
    '',
    ...Object.entries(r.serverWarningsAndErrors).map(([line, n]) => `- ${n} × ${line}`),
    '',
  ];
  return lines.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
