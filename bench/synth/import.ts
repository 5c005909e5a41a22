/**
 * Loads a SyntheticWiki into the bench's own local Neo4j with Neo4j's offline
 * bulk importer (`neo4j-admin database import full`, run by
 * neo4j-local's wiki.neo4jlocal.BulkImport) instead of Cypher:
 *
 *   csv      the wiki as CSV files in a temporary folder (csv.ts), articles
 *            written by several threads at once (csv-worker.ts);
 *   import   the importer writes the store files of database `neo4j` in the
 *            data folder, which must not be in use (Neo4j is not running);
 *   start    the local Neo4j starts on the imported store;
 *   indexes  the migrations' constraints and indexes (the importer creates
 *            none), polled until online; meanwhile the fix-ups: what CSV
 *            cannot say, empty lists (the importer writes no property for an
 *            empty array; Cypher's [] is one). The degree counts
 *            (Source.entryCount, KeyTerm.entryCount, Entry.targetedByCount)
 *            are in the CSV already;
 *   ...      then any post-load steps, then the BenchDataset marker.
 *
 * The graph is the one load.ts's UNWIND statements write, property for property
 * (bench/synth/compare-loaders.ts checks it). Works only on a local data folder:
 * a remote server (NEO4J_URI) is loaded with load.ts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Worker } from 'node:worker_threads';
import { SingleBar } from 'cli-progress';
import type { Driver } from 'neo4j-driver';
import { projectRoot } from '../../src/config';
import { ensureLocalNeo4jBuilt } from '../../src/graph/local-neo4j';
import { ALL_GROUPS, ARRAY_DELIMITER, ArticleWriter, NodeIds, dataFile, headerFile, writeCatalogue, writeEntries, writeHeaders, type PartResult } from './csv';
import { writeArticleChunks, type CsvJob, type CsvWorkerMessage } from './csv-worker';
import type { SyntheticWiki, WikiScale } from './generator';
import { writeMarker, type LoadReport } from './load';

/** Articles a thread takes from the shared counter at a time. */
const CHUNK = 32;

export interface ImportOptions {
  /** The local Neo4j's data folder (LocalNeo4j's home); nothing may be running on it. Its database `neo4j` is replaced. */
  dataDir: string;
  /** Starts the local Neo4j on dataDir and returns a driver to it (migrations not yet run). */
  start: () => Promise<Driver>;
  /** Creates the migrations' constraints and indexes and resolves once they are online. */
  buildIndexes: () => Promise<void>;
  /**
   * The worker threads that write CSV beside this one, started (CsvWorkers.start) before
   * the wiki was built so that their copies of phase one are built meanwhile. Default:
   * started here, one per core besides this one, their phase one then inside the clock.
   * Terminated when the import ends.
   */
  workers?: CsvWorkers;
  /** Keep the CSV folder (its path is logged) instead of deleting it. */
  keepCsv?: boolean;
  log?: (message: string) => void;
}

export async function importWiki(wiki: SyntheticWiki, options: ImportOptions): Promise<LoadReport> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  ensureLocalNeo4jBuilt(log);
  const started = performance.now();
  const workers = options.workers ?? CsvWorkers.start(wiki.scale);
  if (JSON.stringify(workers.scale) !== JSON.stringify(wiki.scale)) throw new Error('The CSV workers were started for another scale.');
  const phases: Record<string, number> = {};
  let phaseStart = started;
  const phaseDone = (name: string) => {
    const now = performance.now();
    phases[name] = round((now - phaseStart) / 1000);
    phaseStart = now;
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiki-import-'));
  try {
    // csv
    const csv = await writeCsv(wiki, dir, workers);
    await workers.terminate();
    phaseDone('csv');
    log(`  CSV: ${csv.claims.toLocaleString('en')} claims, ${csv.relationships.toLocaleString('en')} relationships in ${phases.csv}s (${csv.parts} threads, ${dir})`);

    // import
    await runImporter(dir, options.dataDir, csv.multiline, log);
    phaseDone('import');

    // start
    log('  starting Neo4j on the imported store ...');
    const driver = await options.start();
    phaseDone('start');

    const written = performance.now();

    // Indexes, and meanwhile the fix-ups (they write no indexed property).
    log('  building indexes ...');
    const fixups = (async () => {
      const t0 = performance.now();
      for (const label of ['Entry', 'KeyTerm']) {
        await autoCommit(driver, `MATCH (n:${label}) WHERE n.aliases IS NULL CALL (n) { SET n.aliases = [] } IN TRANSACTIONS OF 100000 ROWS`);
      }
      log(`  fix-ups done in ${round((performance.now() - t0) / 1000)}s`);
    })();
    await Promise.all([options.buildIndexes(), fixups]);
    phaseDone('indexes');
    const indexed = performance.now();

    const { records } = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS n');
    const relationships = Number(records[0]!.get('n'));
    if (relationships !== csv.relationships) throw new Error(`The store holds ${relationships} relationships; the CSV had ${csv.relationships}.`);
    const report: LoadReport = {
      loader: 'import',
      entries: wiki.entries.length,
      sources: wiki.sources.length,
      keyTerms: csv.keyTerms,
      claims: csv.claims,
      relationships,
      writeSeconds: round((written - started) / 1000),
      indexSeconds: round((indexed - written) / 1000),
      totalSeconds: round((indexed - started) / 1000),
      claimsPerSecond: Math.round(csv.claims / ((indexed - started) / 1000)),
      concurrency: csv.parts,
      phases,
      reused: false,
    };
    await writeMarker(driver, wiki.scale, report);
    log(
      `Imported ${csv.claims.toLocaleString('en')} claims, ${report.entries.toLocaleString('en')} entries, ${report.sources.toLocaleString('en')} sources, ` +
        `${relationships.toLocaleString('en')} relationships in ${report.totalSeconds}s (${Object.entries(phases).map(([k, v]) => `${k} ${v}s`).join(', ')}): ` +
        `${report.claimsPerSecond.toLocaleString('en')} claims/s`,
    );
    return report;
  } finally {
    await workers.terminate();
    if (options.keepCsv) log(`  CSV kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface CsvSummary {
  claims: number;
  keyTerms: number;
  relationships: number;
  multiline: boolean;
  parts: number;
}

/**
 * Writes every file: this thread writes the catalogue (sources, key terms,
 * see-also), then joins the worker threads on the articles, which every thread
 * takes from a shared counter CHUNK at a time; entries go last, with the
 * TARGETS counts the articles produced.
 */
async function writeCsv(wiki: SyntheticWiki, dir: string, workers: CsvWorkers): Promise<CsvSummary> {
  writeHeaders(dir);
  const counter = new SharedArrayBuffer(4);
  const bar = new SingleBar({
    format: 'csv     [{bar}] {percentage}% | {value}/{total} claims | {rate} claims/s | {duration}s',
    noTTYOutput: true,
    notTTYSchedule: 5_000,
    hideCursor: true,
  });
  const t0 = performance.now();
  let claimsDone = 0;
  const progress = (claims: number) => {
    claimsDone += claims;
    bar.update(claimsDone, { rate: Math.round(claimsDone / ((performance.now() - t0) / 1000)) });
  };
  bar.start(wiki.scale.claims, 0, { rate: 0 });

  const results = workers.run({ dir, counter, chunk: CHUNK }, progress);
  // A worker's failure surfaces at the Promise.all below; until then it must not count as unhandled.
  for (const result of results) result.catch(() => undefined);

  try {
    const ids = new NodeIds(wiki);
    const catalogue = writeCatalogue(wiki, dir, ids);
    const writer = new ArticleWriter(dir, 0, ids);
    await writeArticleChunks(wiki, writer, counter, CHUNK, async (claims) => {
      progress(claims);
      // Let worker messages (progress, failures) through.
      await new Promise((resolve) => setImmediate(resolve));
    });
    const parts = [writer.close(), ...(await Promise.all(results))];
    const targeted: Record<string, number> = {};
    for (const part of parts) for (const [slug, n] of Object.entries(part.targeted)) targeted[slug] = (targeted[slug] ?? 0) + n;
    const entries = writeEntries(wiki, dir, targeted, new Date().toISOString());
    const claims = parts.reduce((n, p) => n + p.claims, 0);
    if (claims !== wiki.scale.claims) throw new Error(`Wrote ${claims} claims; the scale asks for ${wiki.scale.claims}.`);
    return {
      claims,
      keyTerms: catalogue.keyTerms,
      relationships: catalogue.relationships + parts.reduce((n, p) => n + p.relationships, 0),
      multiline: catalogue.multiline || entries.multiline || parts.some((p) => p.multiline),
      parts: workers.threads,
    };
  } finally {
    bar.stop();
  }
}

/**
 * The threads besides this one that write articles (csv-worker.ts). Each builds
 * its own copy of the wiki's phase one as soon as it starts, so a caller can
 * start them before building its own: the copies are then made at the same
 * time, on the other cores, outside the load's clock like this thread's.
 */
export class CsvWorkers {
  private readonly results: Array<Promise<PartResult>>;
  private progress: (claims: number) => void = () => undefined;

  private constructor(
    readonly scale: WikiScale,
    private readonly workers: Worker[],
  ) {
    this.results = workers.map(
      (worker, i) =>
        new Promise<PartResult>((resolve, reject) => {
          worker.on('message', (message: CsvWorkerMessage) => {
            if (message.type === 'progress') this.progress(message.claims);
            else resolve(message.result);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => reject(new Error(`CSV worker ${i + 1} exited (code ${code}) before finishing.`)));
        }),
    );
    for (const result of this.results) result.catch(() => undefined);
  }

  /** `threads` threads in all, this one included (default: one per core). */
  static start(scale: WikiScale, threads = os.availableParallelism()): CsvWorkers {
    const file = path.join(__dirname, `csv-worker${path.extname(__filename)}`);
    // Under tsx the worker needs tsx's loader too; compiled, it is plain JavaScript.
    const code = file.endsWith('.ts') ? `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});` : `require(${JSON.stringify(file)});`;
    const workers = Array.from({ length: Math.max(0, threads - 1) }, () => new Worker(code, { eval: true, workerData: { scale, kind: 'wiki-csv' } }));
    return new CsvWorkers(scale, workers);
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /** Gives every worker its part of the job (parts 1, 2 ...; this thread is part 0). */
  run(job: Omit<CsvJob, 'part'>, progress: (claims: number) => void): Array<Promise<PartResult>> {
    this.progress = progress;
    this.workers.forEach((worker, i) => worker.postMessage({ ...job, part: i + 1 } satisfies CsvJob));
    return this.results;
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** The importer's arguments: every group with its header file and data files. */
function importArguments(dir: string, dataDir: string, multiline: boolean): string[] {
  const args: string[] = [];
  for (const [key, group] of Object.entries(ALL_GROUPS)) {
    const files = group.perArticle
      ? fs.readdirSync(dir).filter((f) => f.startsWith(`${key}.p`) && f.endsWith('.csv')).sort().map((f) => path.join(dir, f))
      : [dataFile(dir, key)];
    args.push(`--${group.kind}=${group.name}=${[headerFile(dir, key), ...files].join(',')}`);
  }
  args.push(
    `--array-delimiter=${ARRAY_DELIMITER}`,
    '--id-type=integer',
    // Fault-free data or nothing: no bad entry is skipped.
    '--bad-tolerance=0',
    `--multiline-fields=${multiline}`,
    `--report-file=${path.join(dataDir, 'logs', 'import.report')}`,
  );
  return args;
}

/** Runs wiki.neo4jlocal.BulkImport; its progress (stages and percentages) drives a bar, its output is kept for errors. */
async function runImporter(dir: string, dataDir: string, multiline: boolean, log: (message: string) => void): Promise<void> {
  const target = path.join(projectRoot, 'neo4j-local', 'target');
  const classpath = [path.join(target, 'classes'), path.join(target, 'lib', '*')].join(path.delimiter);
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  fs.mkdirSync(dataDir, { recursive: true });
  const child = spawn(java, ['-XX:+UseG1GC', '-cp', classpath, 'wiki.neo4jlocal.BulkImport', dataDir, ...importArguments(dir, dataDir, multiline)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const bar = new SingleBar({ format: 'import  [{bar}] {percentage}% | {stage} | {duration}s', noTTYOutput: true, notTTYSchedule: 5_000, hideCursor: true });
  bar.start(100, 0, { stage: 'starting' });
  const onLine = (line: string) => {
    output.push(line);
    const stage = /^\((\d+\/\d+)\) (.+?)(?:\s+\d{4}-\d\d-\d\d.*)?$/.exec(line.trim());
    if (stage) bar.update(0, { stage: `${stage[1]} ${stage[2]}` });
    const percent = /\s(\d{1,3})% ∆/.exec(line);
    if (percent) bar.update(Number(percent[1]));
  };
  readline.createInterface({ input: child.stdout! }).on('line', onLine);
  readline.createInterface({ input: child.stderr! }).on('line', onLine);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`Cannot run Java (${java}): ${error.message}`)));
    child.once('close', (status) => resolve(status));
  });
  bar.stop();
  // The importer's own account (stages, timings, memory) beside Neo4j's logs.
  fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'logs', 'import.out'), `${output.join('\n')}\n`);
  const summary = output.findIndex((l) => l.startsWith('IMPORT DONE'));
  if (code !== 0 || summary < 0) {
    throw new Error(`The bulk import failed (exit ${code}):\n${output.filter((l) => !/^[.\-]+[ .]*\d*%?/.test(l.trim())).slice(-30).join('\n')}`);
  }
  log(`  ${output.slice(summary, summary + 6).map((l) => l.trim()).filter(Boolean).join(' ')}`);
}

/** A statement with CALL ... IN TRANSACTIONS: it needs an auto-commit transaction. */
async function autoCommit(driver: Driver, cypher: string): Promise<void> {
  const session = driver.session();
  try {
    await session.run(cypher);
  } finally {
    await session.close();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
