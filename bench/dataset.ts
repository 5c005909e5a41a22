/**
 * The benchmark's own Neo4j and dataset: the project's local Neo4j started in
 * .data/neo4j-bench/<label> on port 7689 (never the dev or test database), or
 * the server NEO4J_URI names; migrated like the app does; loaded with the
 * synthetic wiki unless a BenchDataset marker says this exact dataset is there.
 *
 * Two loaders write the same graph: Neo4j's offline bulk importer from CSV
 * (synth/import.ts), the default for the local Neo4j, and batched UNWIND
 * through Cypher (synth/load.ts), the only one a server at NEO4J_URI can take.
 * `--loader unwind|import` (or BENCH_LOADER) chooses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, projectRoot } from '../src/config';
import { Graph } from '../src/graph/graph';
import { startLocalNeo4j, type LocalNeo4j } from '../src/graph/local-neo4j';
import { migrate, readStatements } from '../src/graph/migrate';
import { PRESETS, SyntheticWiki, type WikiScale } from './synth/generator';
import { CsvWorkers, importWiki } from './synth/import';
import { countDataNodes, isLoaded, loadWiki, type LoadReport } from './synth/load';

export const BENCH_NEO4J_PORT = 7689;
export const DEFAULT_SEED = 42;

export interface ScaleChoice {
  label: string;
  scale: WikiScale;
}

/** SCALE=<preset> or --scale <preset>, overridden by --entries/--claims/--sources/--seed (or ENTRIES/CLAIMS/SOURCES/SEED). */
export function scaleFrom(args: string[], env: NodeJS.ProcessEnv = process.env, fallback = 'smoke'): ScaleChoice {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    if (i >= 0) return args[i + 1];
    const inline = args.find((a) => a.startsWith(`--${name}=`));
    return inline?.slice(name.length + 3) ?? env[name.toUpperCase()];
  };
  const preset = flag('scale') ?? fallback;
  const base = PRESETS[preset];
  if (!base) throw new Error(`Unknown scale "${preset}"; presets: ${Object.keys(PRESETS).join(', ')}.`);
  const num = (name: string, value: number) => {
    const raw = flag(name);
    if (raw === undefined) return value;
    const n = Number(raw.replace(/[_,]/g, '').replace(/k$/i, '000').replace(/m$/i, '000000'));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}".`);
    return n;
  };
  const scale: WikiScale = {
    entries: num('entries', base.entries),
    claims: num('claims', base.claims),
    sources: num('sources', base.sources),
    seed: num('seed', DEFAULT_SEED),
  };
  const custom = scale.entries !== base.entries || scale.claims !== base.claims || scale.sources !== base.sources;
  const label = custom ? `e${scale.entries}-c${scale.claims}-s${scale.sources}` : preset;
  return { label, scale };
}

export type Loader = 'unwind' | 'import';

/** `--loader unwind|import` (or `--loader=...`, or BENCH_LOADER); undefined when not given. */
export function loaderFrom(args: string[], env: NodeJS.ProcessEnv = process.env): Loader | undefined {
  const i = args.indexOf('--loader');
  const value = i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith('--loader='))?.slice('--loader='.length) ?? env.BENCH_LOADER);
  if (value === undefined || value === '') return undefined;
  if (value !== 'unwind' && value !== 'import') throw new Error(`--loader must be "unwind" or "import", got "${value}".`);
  return value;
}

export interface BenchDatabase {
  uri: string;
  graph: Graph;
  load: LoadReport;
  stop(): Promise<void>;
}

export interface OpenOptions {
  choice: ScaleChoice;
  concurrency?: number;
  /** Reload even if the marker matches. */
  fresh?: boolean;
  /**
   * How to load when a load is needed; default: the command line's --loader (BENCH_LOADER), else
   * the bulk importer for the bench's own local Neo4j and UNWIND for NEO4J_URI.
   */
  loader?: Loader;
  /** Another data folder and port for the local Neo4j (default .data/neo4j-bench/<label>-seed<seed>, BENCH_NEO4J_PORT). */
  dataDir?: string;
  port?: number;
  log?: (message: string) => void;
}

export async function openBenchDatabase(options: OpenOptions): Promise<BenchDatabase> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const { scale, label } = options.choice;
  const external = process.env.NEO4J_URI;
  const loader = options.loader ?? loaderFrom(process.argv.slice(2)) ?? (external ? 'unwind' : 'import');
  if (external && loader === 'import') {
    throw new Error('The bulk importer writes the local Neo4j\'s store files offline; with NEO4J_URI set use --loader unwind.');
  }
  const dataDir = options.dataDir ?? path.join(projectRoot, '.data', 'neo4j-bench', `${label}-seed${scale.seed}`);
  const port = options.port ?? Number(process.env.BENCH_NEO4J_PORT ?? BENCH_NEO4J_PORT);
  let local: LocalNeo4j | null = null;

  const start = async () => {
    if (external) return external;
    writeBenchNeo4jConf(dataDir);
    local = await startLocalNeo4j({ dataDir, port, log });
    return local.uri;
  };
  // Loads, index builds and the bench's pre-warming scans run for minutes: no timeout, and no stall watch
  // (which took a scan over 2,000,000 claims for an unreachable database).
  const config = loadConfig({ ...process.env, NEO4J_URI: undefined, CYPHER_TIMEOUT_MS: '600000', NEO4J_STALL_MS: '0' }).neo4j;
  let uri = await start();
  let graph = await connect(config, uri);

  const { loaded, report } = await isLoaded(graph.driver, scale);
  let load = report;
  if ((!loaded || options.fresh) && loader === 'import') {
    log(`Generating and importing the synthetic wiki "${label}" (${scale.entries} entries, ${scale.claims} claims, seed ${scale.seed}) ...`);
    const generated = performance.now();
    // The CSV worker threads build their copies of phase one while this thread builds its own.
    const workers = CsvWorkers.start(scale);
    const wiki = new SyntheticWiki(scale);
    log(`  phase one generated in ${Math.round(performance.now() - generated)} ms`);
    // The importer needs the database offline. It writes database `neo4j` (store and transaction
    // logs) and leaves the system database, which the restart then opens instead of creating it.
    // The old dataset is discarded here, before the load's clock starts, as the UNWIND path does.
    await graph.close();
    await (local as LocalNeo4j | null)?.stop();
    local = null;
    for (const dir of ['databases', 'transactions']) fs.rmSync(path.join(dataDir, 'data', dir, 'neo4j'), { recursive: true, force: true });
    try {
      load = await importWiki(wiki, {
        dataDir,
        start: async () => {
          uri = await start();
          graph = await connect(config, uri, { migrate: false });
          return graph.driver;
        },
        buildIndexes: () => rebuildIndexes(graph),
        workers,
        keepCsv: !!process.env.BENCH_KEEP_CSV,
        log,
      });
    } catch (error) {
      // A failed import leaves store files Neo4j cannot open, and no marker: start over next time.
      await graph.close().catch(() => undefined);
      await (local as LocalNeo4j | null)?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  } else if (!loaded || options.fresh) {
    if ((await countDataNodes(graph.driver)) > 0) {
      if (external) {
        log(`Erasing the database at ${external} (it holds other data) ...`);
        await eraseAll(graph);
      } else {
        log(`Discarding ${path.relative(projectRoot, dataDir)} (an incomplete or different dataset) ...`);
        await graph.close();
        await (local as LocalNeo4j | null)?.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
        uri = await start();
        graph = await connect(config, uri);
      }
    }
    log(`Generating and loading the synthetic wiki "${label}" (${scale.entries} entries, ${scale.claims} claims, seed ${scale.seed}) ...`);
    const generated = performance.now();
    const wiki = new SyntheticWiki(scale);
    log(`  phase one generated in ${Math.round(performance.now() - generated)} ms`);
    const g = graph;
    load = await loadWiki(graph.driver, wiki, { concurrency: options.concurrency, rebuildIndexes: () => rebuildIndexes(g), log });
  } else {
    log(`Reusing the synthetic wiki "${label}" already in ${external ?? path.relative(projectRoot, dataDir)}.`);
  }
  const finalGraph = graph;
  return {
    uri,
    graph: finalGraph,
    load: load!,
    stop: async () => {
      await finalGraph.close();
      await (local as LocalNeo4j | null)?.stop();
    },
  };
}

/** Connects once Neo4j answers; migrates unless told not to (an imported store gets its indexes from rebuildIndexes). */
async function connect(config: ReturnType<typeof loadConfig>['neo4j'], uri: string, options = { migrate: true }): Promise<Graph> {
  const graph = Graph.connect(config, uri);
  const deadline = Date.now() + 60_000;
  while (!(await graph.isReady())) {
    if (Date.now() > deadline) throw new Error(`Neo4j at ${uri} did not answer within 60s.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (options.migrate) await migrate(graph);
  return graph;
}

/**
 * Recreates the indexes the load dropped, or creates every index and
 * constraint of an imported store (the migrations' own statements), and waits
 * for them to come online by polling: db.awaitIndexes runs in a
 * transaction, and the server's 60 s transaction timeout is shorter than a
 * full-text index over a million claims takes to populate.
 */
async function rebuildIndexes(graph: Graph): Promise<void> {
  const dir = path.join(projectRoot, 'src', 'graph', 'migrations');
  const statements = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .flatMap((file) => readStatements(fs.readFileSync(path.join(dir, file), 'utf8')));
  // Full-text indexes first: they take longest and populate in the background, while each
  // constraint's statement waits for its own index.
  const fullText = (s: string) => /^CREATE\s+FULLTEXT\s+INDEX/i.test(s);
  for (const statement of [...statements.filter(fullText), ...statements.filter((s) => !fullText(s))]) await graph.runSchema(statement);
  for (;;) {
    const rows = await graph.query<{ state: string }>('SHOW INDEXES YIELD state WHERE state <> "ONLINE" RETURN state');
    if (rows.some((r) => r.state === 'FAILED')) throw new Error('An index failed to populate; see the Neo4j debug log.');
    if (rows.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await migrate(graph);
}

/**
 * Settings of the bench's local Neo4j (LocalNeo4j reads DATA_DIR/conf/neo4j.conf) for building
 * full-text indexes over a freshly loaded graph: Lucene's population buffer raised from 50 MB
 * to a sixteenth of RAM (a quarter of the JVM's default heap), at most 2 GB, and merges in the
 * background. Populating claim_text over 1,000,000 claims then takes ~25% less CPU (25 → 19
 * CPU-seconds, 15 → 12 s on an idle 2-core machine); index population is all they change.
 */
function writeBenchNeo4jConf(dataDir: string): void {
  const bufferMb = Math.max(50, Math.min(2048, Math.floor(os.totalmem() / 16 / 2 ** 20)));
  fs.mkdirSync(path.join(dataDir, 'conf'), { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'conf', 'neo4j.conf'),
    [
      `internal.dbms.index.lucene.population_ram_buffer_size=${bufferMb}`,
      'internal.dbms.index.lucene.population_serial_merge_scheduler=false',
      '',
    ].join('\n'),
  );
}

async function eraseAll(graph: Graph): Promise<void> {
  const session = graph.driver.session();
  try {
    await session.run('MATCH (n) WHERE NOT n:Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}
