/**
 * Loads a SyntheticWiki into Neo4j through Cypher: batched UNWIND writes
 * (BATCH_ROWS rows a transaction), several transactions in flight, a progress
 * bar, and a BenchDataset marker node so a later run at the same scale and seed
 * reuses the data instead of loading it again. Works against any server; the
 * bench's own local Neo4j is loaded faster by the offline importer (import.ts),
 * which writes the same graph.
 *
 * The Cypher writes what src/ingest/ingest.repository.ts writes, with CREATE
 * where the ingest MERGEs (the database starts empty) and the degree counts
 * (Source.entryCount, KeyTerm.entryCount, Entry.targetedByCount) set as
 * refreshDegrees would leave them. Whole numbers in the rows are sent as Cypher
 * integers, as the app's Graph sends them (a plain JavaScript number would be
 * stored as a float).
 */
import { SingleBar } from 'cli-progress';
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { toCypherValue } from '../../src/graph/graph';
import { ENTRY_RELATIONS } from '../../src/model/relations';
import { GENERATOR_VERSION, SyntheticWiki, type Article, type WikiScale } from './generator';

export const BATCH_ROWS = 10_000;

export interface LoadReport {
  /** How the data went in: batched UNWIND through Cypher, or Neo4j's offline importer from CSV (absent: unwind). */
  loader?: 'unwind' | 'import';
  entries: number;
  sources: number;
  keyTerms: number;
  claims: number;
  relationships: number;
  /** Writing nodes and relationships, indexes deferred (import: CSV, importer, start, fix-ups). */
  writeSeconds: number;
  /** Building the full-text and property indexes the load deferred (import: all of them). */
  indexSeconds: number;
  totalSeconds: number;
  /** claims / totalSeconds: the figure the target is stated in. */
  claimsPerSecond: number;
  /** Transactions in flight (unwind), threads writing CSV (import). */
  concurrency: number;
  /** Rows per transaction (unwind only). */
  batchRows?: number;
  /** Seconds per phase. */
  phases: Record<string, number>;
  reused: boolean;
}

export interface DatasetMarker {
  id: 'synthetic';
  generatorVersion: number;
  entries: number;
  claims: number;
  sourcePool: number;
  seed: number;
  complete: boolean;
  load: string;
}

const sameScale = (marker: DatasetMarker | null, scale: WikiScale) =>
  !!marker &&
  marker.complete &&
  marker.generatorVersion === GENERATOR_VERSION &&
  marker.entries === scale.entries &&
  marker.claims === scale.claims &&
  marker.sourcePool === scale.sources &&
  marker.seed === scale.seed;

export async function readMarker(driver: Driver): Promise<DatasetMarker | null> {
  const { records } = await driver.executeQuery(`MATCH (m:BenchDataset {id: 'synthetic'}) RETURN properties(m) AS m`);
  return (records[0]?.get('m') as DatasetMarker | undefined) ?? null;
}

/** True when the database already holds this exact dataset. */
export async function isLoaded(driver: Driver, scale: WikiScale): Promise<{ loaded: boolean; report: LoadReport | null }> {
  const marker = await readMarker(driver);
  return { loaded: sameScale(marker, scale), report: marker && sameScale(marker, scale) ? { ...JSON.parse(marker.load), reused: true } : null };
}

/** Nodes in the database other than migrations' bookkeeping: a non-empty database must be wiped before a load. */
export async function countDataNodes(driver: Driver): Promise<number> {
  const { records } = await driver.executeQuery('MATCH (n) WHERE NOT n:Migration RETURN count(n) AS n');
  return Number(records[0]!.get('n'));
}

/** Indexes migrate() creates that are cheaper to build once after the load than to maintain row by row. */
const DEFERRED_INDEXES = ['claim_text', 'search_text'];

export interface LoadOptions {
  concurrency?: number;
  /** Called after the data is written to recreate the dropped indexes (the app's migrate()). */
  rebuildIndexes: () => Promise<void>;
  log?: (message: string) => void;
}

/** Records the finished load: a later run with the same scale and seed finds it (isLoaded) and reuses the data. */
export async function writeMarker(driver: Driver, scale: WikiScale, report: LoadReport): Promise<void> {
  const marker: DatasetMarker = {
    id: 'synthetic',
    generatorVersion: GENERATOR_VERSION,
    entries: scale.entries,
    claims: scale.claims,
    sourcePool: scale.sources,
    seed: scale.seed,
    complete: true,
    load: JSON.stringify(report),
  };
  await driver.executeQuery(`MERGE (m:BenchDataset {id: 'synthetic'}) SET m += $marker`, { marker: toCypherValue(marker) });
}

/** Entry.targetedByCount as refreshDegrees leaves it. */
const SET_TARGETED_BY_COUNT = `MATCH (p:Entry {kind: 'PROBLEM_FOR_WORK'}) SET p.targetedByCount = COUNT { (p)<-[:TARGETS]-(:Entry) }`;

export async function loadWiki(driver: Driver, wiki: SyntheticWiki, options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const concurrency = options.concurrency ?? 2;
  const started = performance.now();
  for (const name of DEFERRED_INDEXES) await driver.executeQuery(`DROP INDEX ${name} IF EXISTS`);
  await driver.executeQuery(`MERGE (m:BenchDataset {id: 'synthetic'}) SET m.complete = false`);

  const bar = new SingleBar(
    {
      format: '{phase} [{bar}] {percentage}% | {value}/{total} claims | {rate} claims/s | {duration}s',
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      hideCursor: true,
    },
  );
  const writer = new BatchWriter(driver, concurrency);
  let keyTerms = 0;
  const entryRows = wiki.entryRows;
  const phases: Record<string, number> = {};
  let phaseStart = performance.now();
  const phaseDone = (name: string) => {
    const now = performance.now();
    phases[name] = round((now - phaseStart) / 1000);
    phaseStart = now;
  };
  bar.start(wiki.scale.claims, 0, { phase: 'entries ', rate: 0 });

  // Nodes first: entries, sources (with their degree), key terms.
  for (const rows of chunks(entryRows, BATCH_ROWS)) await writer.submit(CREATE_ENTRIES, rows);
  await writer.drain();
  phaseDone('entries');
  bar.update(0, { phase: 'sources ' });
  for (const rows of chunks(wiki.sources, BATCH_ROWS)) await writer.submit(CREATE_SOURCES, rows);
  await writer.drain();
  phaseDone('sources');
  bar.update(0, { phase: 'listings' });
  for (const rows of chunks(wiki.listings(), BATCH_ROWS)) {
    await writer.submit(CREATE_LISTINGS, rows);
  }
  await writer.drain();
  phaseDone('listings');
  bar.update(0, { phase: 'terms   ' });
  for (const rows of chunks(wiki.keyTerms(), BATCH_ROWS)) {
    keyTerms += rows.length;
    await writer.submit(CREATE_KEY_TERMS, rows);
  }
  await writer.drain();
  phaseDone('keyTerms');

  // Articles: claims with what they cite and mention, objectives, derived entry relations.
  bar.update(0, { phase: 'claims  ' });
  const claimsStarted = performance.now();
  let claims = 0;
  const pending = new Pending();
  const flush = async (force: boolean) => {
    for (const [cypher, rows] of pending.take(force)) {
      await writer.submit(cypher, rows, () => {
        if (cypher === CREATE_CLAIMS) {
          claims += rows.length;
          bar.update(claims, { rate: Math.round(claims / ((performance.now() - claimsStarted) / 1000)) });
        }
      });
    }
  };
  for (const article of wiki.articles()) {
    pending.add(article);
    await flush(false);
  }
  await flush(true);
  await writer.drain();
  phaseDone('articles');
  for (const rows of chunks(wiki.seeAlso, BATCH_ROWS)) {
    await writer.submit(CREATE_SEE_ALSO, rows);
  }
  await writer.drain();
  phaseDone('seeAlso');
  bar.update(claims, { phase: 'degrees ' });
  // As refreshDegrees leaves them (sources' and terms' counts were written with the nodes).
  await driver.executeQuery(SET_TARGETED_BY_COUNT);
  await driver.executeQuery(`MERGE (m:Meta {id: 'vocabulary'}) SET m.version = coalesce(m.version, 0) + 1`);
  phaseDone('degrees');
  const written = performance.now();
  bar.update(claims, { phase: 'indexes ' });
  await options.rebuildIndexes();
  bar.stop();
  phaseDone('indexes');
  const indexed = performance.now();

  const { records } = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS n');
  const report: LoadReport = {
    loader: 'unwind',
    entries: entryRows.length,
    sources: wiki.sources.length,
    keyTerms,
    claims,
    relationships: Number(records[0]!.get('n')),
    writeSeconds: round((written - started) / 1000),
    indexSeconds: round((indexed - written) / 1000),
    totalSeconds: round((indexed - started) / 1000),
    claimsPerSecond: Math.round(claims / ((indexed - started) / 1000)),
    concurrency,
    batchRows: BATCH_ROWS,
    phases,
    reused: false,
  };
  await writeMarker(driver, wiki.scale, report);
  log(
    `Loaded ${claims.toLocaleString('en')} claims, ${report.entries.toLocaleString('en')} entries, ${report.sources.toLocaleString('en')} sources ` +
      `in ${report.totalSeconds}s (writes ${report.writeSeconds}s + indexes ${report.indexSeconds}s): ${report.claimsPerSecond.toLocaleString('en')} claims/s`,
  );
  return report;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Keeps up to `concurrency` write transactions in flight, each in its own session. */
class BatchWriter {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly driver: Driver,
    private readonly concurrency: number,
  ) {}

  async submit(cypher: string, rows: unknown[], onDone?: () => void): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const task = this.write(cypher, rows)
      .then(onDone, (error) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private async write(cypher: string, rows: unknown[]): Promise<void> {
    const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE });
    const t0 = performance.now();
    try {
      await session.executeWrite((tx) => tx.run(cypher, { rows: toCypherValue(rows) }), { timeout: 600_000 });
      if (process.env.BENCH_LOAD_DEBUG) {
        process.stderr.write(`  batch ${cypher.trim().split('\n').slice(-1)[0]!.trim().slice(0, 60)}: ${rows.length} rows ${Math.round(performance.now() - t0)} ms\n`);
      }
    } finally {
      await session.close();
    }
  }
}

/** Rows gathered from articles until a kind has a full batch. */
class Pending {
  private readonly rows = new Map<string, unknown[]>();

  add(article: Article): void {
    this.push(CREATE_CLAIMS, article.claims);
    this.push(CREATE_OBJECTIVES, article.objectives);
    for (const row of article.relations) this.push(CREATE_RELATION.get(row.type)!, [row]);
  }

  take(force: boolean): Array<[string, unknown[]]> {
    const out: Array<[string, unknown[]]> = [];
    for (const [cypher, rows] of this.rows) {
      while (rows.length >= BATCH_ROWS || (force && rows.length > 0)) out.push([cypher, rows.splice(0, BATCH_ROWS)]);
    }
    return out;
  }

  private push(cypher: string, rows: unknown[]): void {
    const list = this.rows.get(cypher) ?? [];
    for (const row of rows) list.push(row);
    this.rows.set(cypher, list);
  }
}

function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

// Each statement writes the properties its ingest counterpart writes (see ingest.repository.ts).

const CREATE_ENTRIES = `
UNWIND $rows AS row
CREATE (e:Entry {slug: row.slug})
SET e.name = row.name, e.kind = row.kind, e.aliases = row.aliases, e.aliasText = row.aliasText, e.summary = row.summary,
    e.exportedUpvotes = coalesce(row.upvotes, 0), e.hasArticle = row.hasArticle, e.createdAt = datetime()
FOREACH (_ IN CASE WHEN row.hasArticle THEN [1] ELSE [] END |
  SET e.discipline = row.discipline, e.tradition = row.tradition, e.figureDescription = row.figureDescription,
      e.provenanceModel = row.provenanceModel, e.provenanceVersion = row.provenanceVersion, e.generatedAt = row.generatedAt,
      e.readMinutes = row.readMinutes, e.statedSourceCount = row.statedSourceCount, e.sections = row.sections,
      e.contentHash = row.contentHash, e.updatedAt = datetime())`;

const CREATE_SOURCES = `
UNWIND $rows AS row
CREATE (s:Source {key: row.key})
SET s.kind = row.kind, s.title = row.title, s.authors = row.authors, s.year = row.year, s.venue = row.venue, s.tier = row.tier,
    s.url = row.url, s.doi = row.doi, s.citation = row.citation, s.retracted = false, s.entryCount = row.entryCount,
    s.authorText = row.authorText`;

const CREATE_LISTINGS = `
UNWIND $rows AS row
MATCH (e:Entry {slug: row.slug})
MATCH (s:Source {key: row.key})
CREATE (e)-[:LISTS {number: row.number}]->(s)`;

const CREATE_KEY_TERMS = `
UNWIND $rows AS term
MATCH (e:Entry {slug: term.entrySlug})
CREATE (e)-[:DEFINES]->(k:KeyTerm {id: term.id, key: term.key, term: term.term, aliases: term.aliases, aliasText: term.aliasText,
                                   definition: term.definition, position: term.position, entrySlug: term.entrySlug,
                                   entryCount: term.entryCount})
WITH k, term
CALL (k, term) {
  UNWIND range(0, size(term.sourceKeys) - 1) AS i
  MATCH (s:Source {key: term.sourceKeys[i]})
  CREATE (k)-[:CITES {order: i}]->(s)
}`;

const CREATE_CLAIMS = `
UNWIND $rows AS claim
MATCH (e:Entry {slug: claim.entrySlug})
CREATE (e)-[:HAS_CLAIM]->(c:Claim {id: claim.id, text: claim.text, provenance: claim.provenance, section: claim.section,
                                  sectionIndex: claim.sectionIndex, position: claim.position, role: claim.role,
                                  entrySlug: claim.entrySlug})
WITH c, claim
CALL (c, claim) {
  UNWIND range(0, size(claim.sourceKeys) - 1) AS i
  MATCH (s:Source {key: claim.sourceKeys[i]})
  CREATE (c)-[:CITES {order: i}]->(s)
}
CALL (c, claim) {
  UNWIND claim.mentionedEntries AS mentioned
  MATCH (target:Entry {slug: mentioned})
  CREATE (c)-[:MENTIONS]->(target)
}
CALL (c, claim) {
  UNWIND claim.mentionedKeyTerms AS mentioned
  MATCH (target:KeyTerm {id: mentioned})
  CREATE (c)-[:MENTIONS]->(target)
}`;

const CREATE_OBJECTIVES = `
UNWIND $rows AS objective
MATCH (e:Entry {slug: objective.entrySlug})
CREATE (e)-[:HAS_OBJECTIVE]->(o:SmartObjective {id: objective.id, goal: objective.goal, objective: objective.objective,
                                                mechanism: objective.mechanism, position: objective.position})
WITH o, objective
CALL (o, objective) {
  UNWIND range(0, size(objective.sourceKeys) - 1) AS i
  MATCH (s:Source {key: objective.sourceKeys[i]})
  CREATE (o)-[:CITES {order: i}]->(s)
}`;

const relation = (pattern: string) => `
UNWIND $rows AS link
MATCH (e:Entry {slug: link.from})
MATCH (other:Entry {slug: link.to})
CREATE ${pattern}`;

/** One statement per relation the registry declares, with the properties links.repository.ts writes (a null one is not stored). */
const CREATE_RELATION = new Map(
  ENTRY_RELATIONS.map((declaration) => [
    declaration.type,
    relation(`(e)-[:${declaration.type} {${declaration.named ? 'relation: link.relation, ' : ''}claimId: link.claimId, count: link.count, derived: true}]->(other)`),
  ]),
);
const CREATE_SEE_ALSO = relation('(e)-[:SEE_ALSO {rank: link.rank, fromArticle: true}]->(other)');
