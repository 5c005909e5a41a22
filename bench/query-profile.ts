/**
 * PROFILE of the Cypher each operation runs, the API's beside the floor's:
 * total db hits, rows and the server's own time, for a sample of the bench's
 * variables. Uses a local Neo4j on the bench data of the scale (its own port,
 * BENCH_NEO4J_PORT, so a bench elsewhere is not disturbed).
 *
 *   BENCH_NEO4J_PORT=7699 npx tsx bench/query-profile.ts --scale medium
 */
import neo4j, { type Driver, type ResultSummary } from 'neo4j-driver';
import { CrossLinkService } from '../src/cross-link/cross-link.service';
import { toCypherValue, type Transaction } from '../src/graph/graph';
import { EntriesRepository } from '../src/entries/entries.repository';
import { CANDIDATE_CLAIMS, EvidenceRepository } from '../src/evidence/evidence.repository';
import { candidateLimit, EvidenceService, PER_ARTICLE } from '../src/evidence/evidence.service';
import { readSynonymList } from '../src/evidence/synonyms';
import { SeeAlsoRepository } from '../src/see-also/see-also.repository';
import { SeeAlsoService } from '../src/see-also/see-also.service';
import { openBenchDatabase, scaleFrom } from './dataset';
import { RAW_QUERIES } from './servers/raw-queries';
import { SyntheticWiki } from './synth/generator';
import { Rng } from './synth/prng';
import { EVIDENCE_AS_ASKED } from './operations';

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

const totalHits = (plan: PlanNode): number => plan.dbHits + plan.children.reduce((sum, child) => sum + totalHits(child), 0);

/** Runs one read statement in a session of its own: its summary and how many records it returned. */
async function runRead(driver: Driver, cypher: string, params: Record<string, unknown>): Promise<{ summary: ResultSummary; rows: number }> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(cypher, toCypherValue(params) as Record<string, unknown>);
    return { summary: result.summary, rows: result.records.length };
  } finally {
    await session.close();
  }
}

/** Neo4j's own time for a statement: until its first record, and until its last was consumed. */
const serverTimeOf = (summary: ResultSummary): number => Number(summary.resultAvailableAfter) + Number(summary.resultConsumedAfter);

async function profile(driver: Driver, cypher: string, params: Record<string, unknown>): Promise<{ dbHits: number; rows: number; ms: number }> {
  const { summary, rows } = await runRead(driver, `PROFILE ${cypher}`, params);
  return { dbHits: totalHits(summary.profile as unknown as PlanNode), rows, ms: serverTimeOf(summary) };
}

/** Mean db hits and server time over the samples, after one unmeasured pass. */
async function mean(driver: Driver, samples: Array<[string, Record<string, unknown>]>) {
  for (const [cypher, params] of samples) await profile(driver, cypher, params);
  let hits = 0;
  let ms = 0;
  for (const [cypher, params] of samples) {
    const p = await profile(driver, cypher, params);
    hits += p.dbHits;
    ms += p.ms;
  }
  return { dbHits: Math.round(hits / samples.length), ms: Math.round((ms / samples.length) * 10) / 10 };
}

/** The server's time for one statement, without PROFILE's own cost. */
async function serverMs(driver: Driver, cypher: string, params: Record<string, unknown>): Promise<number> {
  return serverTimeOf((await runRead(driver, cypher, params)).summary);
}

/** A Lucene query's terms (a quoted phrase is one), each with its boost if any. */
const luceneTerms = (query: string): string[] => query.match(/"[^"]*"(\^[0-9.]+)?|\S+/g) ?? [];

/** A term the statement itself gave: the expansion's terms carry a boost below 1. */
const isOwnTerm = (term: string): boolean => !/\^0\.\d+$/.test(term);

/**
 * Evidence's candidate statement in parts, Neo4j's time for each (mean of three
 * passes over the samples after one unmeasured): the whole statement; its
 * selection without the projection of claims, sources and entries; the
 * full-text call alone with the expanded query; and with the statement's own
 * words only (the terms the expansion adds carry a boost below 1).
 */
async function evidenceParts(driver: Driver, samples: Array<[string, Record<string, unknown>]>) {
  const lucene = `CALL db.index.fulltext.queryNodes('claim_text', $query, {limit: $limit}) YIELD node RETURN count(node)`;
  const ownWords = (params: Record<string, unknown>) => ({
    ...params,
    query: luceneTerms(String(params.query)).filter(isOwnTerm).join(' '),
  });
  const parts: Record<string, Array<[string, Record<string, unknown>]>> = {
    whole: samples,
    selectionOnly: samples.map(([, params]) => [`${CANDIDATE_CLAIMS}RETURN count(c)`, params]),
    fullTextExpanded: samples.map(([, params]) => [lucene, params]),
    fullTextOwnWords: samples.map(([, params]) => [lucene, ownWords(params)]),
  };
  const terms = samples.map(([, params]) => luceneTerms(String(params.query)));
  const result: Record<string, unknown> = {
    termsPerQuery: Math.round(terms.reduce((sum, t) => sum + t.length, 0) / terms.length),
    ownTermsPerQuery: Math.round(terms.reduce((sum, t) => sum + t.filter(isOwnTerm).length, 0) / terms.length),
  };
  for (const [part, statements] of Object.entries(parts)) {
    for (const [cypher, params] of statements) await serverMs(driver, cypher, params);
    let ms = 0;
    for (let pass = 0; pass < 3; pass++) for (const [cypher, params] of statements) ms += await serverMs(driver, cypher, params);
    result[`${part}Ms`] = Math.round((ms / (3 * statements.length)) * 100) / 100;
  }
  return result;
}

/** The statements `work` sends through the graph, with their parameters (for PROFILE). */
async function recorded(graph: BenchGraph, work: () => Promise<unknown>): Promise<Array<[string, Record<string, unknown>]>> {
  const query = graph.query.bind(graph);
  const read = graph.read.bind(graph);
  const statements: Array<[string, Record<string, unknown>]> = [];
  graph.query = ((cypher: string, params: Record<string, unknown> = {}) => {
    statements.push([cypher, params]);
    return query(cypher, params);
  }) as typeof graph.query;
  graph.read = ((inTransaction: (tx: Transaction) => Promise<unknown>) =>
    read((tx) =>
      inTransaction({
        ...tx,
        run: (cypher: string, params: Record<string, unknown> = {}) => {
          statements.push([cypher, params]);
          return tx.run(cypher, params);
        },
      } as Transaction),
    )) as typeof graph.read;
  try {
    await work();
  } finally {
    graph.query = query;
    graph.read = read;
  }
  return statements;
}

type BenchGraph = Awaited<ReturnType<typeof openBenchDatabase>>['graph'];

async function main(): Promise<void> {
  const choice = scaleFrom(process.argv.slice(2), process.env, 'medium');
  const db = await openBenchDatabase({ choice });
  try {
    const driver = db.graph.driver;
    const wiki = new SyntheticWiki(choice.scale);
    const rng = new Rng(choice.scale.seed).fork('query-profile');
    const all = wiki.articleSlugs();
    const slugs = Array.from({ length: 30 }, () => rng.pick(all));
    const texts = Array.from({ length: 30 }, () => wiki.proseWithNames(rng, 200));
    const crossLink = new CrossLinkService(db.graph);
    const entries = new EntriesRepository(db.graph);
    const seeAlso = new SeeAlsoService(new SeeAlsoRepository(db.graph));
    await crossLink.matchWithTargets(texts[0]!);
    // Each operation: the statements the API sends for one request, and the floor's one.
    const api: Record<string, Array<Array<[string, Record<string, unknown>]>>> = { EntryPage: [], SeeAlsoPanel: [], CrossLink: [], Evidence: [] };
    const floor: Record<string, Array<[string, Record<string, unknown>]>> = { EntryPage: [], SeeAlsoPanel: [], CrossLink: [], Evidence: [] };
    for (const slug of slugs) {
      api.EntryPage!.push(await recorded(db.graph, () => entries.articleContent([slug])));
      api.SeeAlsoPanel!.push(await recorded(db.graph, () => seeAlso.entryWithPage(slug, 0, 10)));
      floor.EntryPage!.push([RAW_QUERIES.entryPage, { slug }]);
      floor.SeeAlsoPanel!.push([RAW_QUERIES.seeAlso, { slug, offset: neo4j.int(0), limit: neo4j.int(10) }]);
    }
    // Evidence: statements of 4-8 words of real claims, as the bench draws them; the expander built first.
    const evidence = new EvidenceService(new EvidenceRepository(db.graph), readSynonymList());
    const claimTexts = await db.graph.query<{ text: string }>(
      'UNWIND $slugs AS s MATCH (:Entry {slug: s})-[:HAS_CLAIM]->(c:Claim) WHERE c.position = 2 RETURN c.text AS text',
      { slugs },
    );
    const statements = claimTexts.map(({ text }) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, rng.int(4, 8)).join(' '));
    await evidence.rank(statements[0]!, 10);
    for (const statement of statements) {
      // As the contract's Evidence asks: its sentences' entries by name.
      api.Evidence!.push(await recorded(db.graph, () => evidence.rank(statement, 10, EVIDENCE_AS_ASKED)));
      const expanded = await evidence.expand(statement);
      if (!expanded.luceneQuery) continue;
      floor.Evidence!.push([
        RAW_QUERIES.evidence,
        { query: expanded.luceneQuery, slugs: expanded.articleSlugs, words: expanded.articleWords, limit: candidateLimit(10), perArticle: PER_ARTICLE },
      ]);
    }
    for (const text of texts) {
      const { spans } = await crossLink.matchWithTargets(text);
      const ids = (kind: string) => [...new Set(spans.filter((s) => s.target.kind === kind).map((s) => s.target.id))];
      floor.CrossLink!.push([RAW_QUERIES.crossLinkTargets, { slugs: ids('ENTRY'), termIds: ids('KEY_TERM') }]);
      api.CrossLink!.push(await recorded(db.graph, () => crossLink.matchWithTargets(text)));
    }
    const report: Record<string, unknown> = {};
    for (const op of Object.keys(api)) {
      // The requests that sent the most common number of statements (an empty expansion sends none).
      const counts = api[op]!.map((statements) => statements.length);
      const usual = [...new Set(counts)].sort((a, b) => counts.filter((n) => n === b).length - counts.filter((n) => n === a).length)[0]!;
      const requests = api[op]!.filter((statements) => statements.length === usual);
      const perStatement = requests[0]!.map((_, i) => requests.map((statements) => statements[i]!));
      const apiStatements = [];
      for (const sample of perStatement) {
        apiStatements.push({ query: sample[0]![0].trim().split('\n')[0]!.slice(0, 90), ...(await mean(driver, sample)) });
      }
      report[op] = { apiStatementsPerRequest: requests[0]!.length, api: apiStatements, floor: await mean(driver, floor[op]!) };
      if (op === 'Evidence') (report[op] as Record<string, unknown>).parts = await evidenceParts(driver, perStatement[0]!);
      process.stdout.write(`${op}: ${JSON.stringify(report[op], null, 1)}\n`);
    }
  } finally {
    await db.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
