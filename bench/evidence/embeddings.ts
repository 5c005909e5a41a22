import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import type { EvalReport, EvalSet, Ranker } from './evaluate';
import { evaluate } from './evaluate';

/**
 * Sentence embeddings measured against the evidence query (issue 19, item 3:
 * "combine lexical and semantic scores; choose by measurement"), with a model
 * whose weights ship inside a package (nothing is downloaded at run time):
 * - `minilm`: all-MiniLM-L6-v2 (quantized, 384 dimensions) as LangChain4j's jar
 *   ships it on Maven Central, run by ONNX Runtime in a JVM: the Maven module
 *   bench/embeddings, built on first use (`mvn package`, ~200 MB of jars);
 * - `bge`, `e5`: bge-small-en-v1.5 and e5-small-v2 (quantized, 384 dimensions,
 *   trained for retrieval, 12 layers), the same way, each with the query and
 *   passage prefixes it was trained with.
 *
 * Variants, each over the same lexical answers (the API's evidence query, its
 * first LEXICAL_DEPTH supported hits):
 * - rerank: the first N lexical hits reordered by α·(score ÷ best score) + (1 − α)·cosine;
 * - hybrid: the same over the lexical hits and the LEXICAL_DEPTH nearest cited
 *   sentences by cosine (what a vector index would add; lexical score 0 when
 *   Lucene did not find it);
 * - fusion: reciprocal-rank fusion of the two lists;
 * - vector only: the nearest cited sentences by cosine.
 */

const LEXICAL_DEPTH = 30;

// Google's Universal Sentence Encoder (lite, in process on TensorFlow.js) was measured too, on 2026-12-01
// (bench/results/2026-12-01-evidence-embeddings-use.md: +2 of 158 at 16–19 ms a statement); its 31 MB of
// npm packages were removed afterwards (at e40fdd5 it can still be run).
export const ENCODERS = ['minilm', 'bge', 'e5'] as const;
export type EncoderName = (typeof ENCODERS)[number];

export interface EmbeddingVariant {
  name: string;
  report: EvalReport;
}

export interface EmbeddingsMeasurement {
  encoder: EncoderName;
  /** Cited sentences in the evaluation's graph (the vector variants' pool). */
  citedSentences: number;
  /** Mean ms to embed one short statement alone, after warm-up (what a request would pay). */
  msPerStatement: number;
  /** Mean ms per cited sentence of the pool (what a write would pay per sentence). */
  msPerSentence: number;
  variants: EmbeddingVariant[];
}

export interface LexicalHit {
  text: string;
  score: number;
}

interface Encoded {
  vectors: Float32Array[];
  msPerText: number;
  msPerStatement: number;
}

const JVM_MODULE = path.join(projectRoot, 'bench/embeddings');

/** What each model was trained to see before a query and before a passage (none for MiniLM). */
const PREFIXES: Record<EncoderName, { query: string; passage: string }> = {
  minilm: { query: '', passage: '' },
  bge: { query: 'Represent this sentence for searching relevant passages: ', passage: '' },
  e5: { query: 'query: ', passage: 'passage: ' },
};

/** A model in a JVM (bench/embeddings, built here when it is not): texts on stdin, vectors on stdout. */
function encodeInJvm(model: EncoderName, texts: string[]): Encoded {
  run('mvn', ['-q', '-B', '-f', path.join(JVM_MODULE, 'pom.xml'), 'package'], '');
  const classpath = [path.join(JVM_MODULE, 'target/classes'), path.join(JVM_MODULE, 'target/lib/*')].join(path.delimiter);
  const { stdout, stderr } = run('java', ['-cp', classpath, 'wiki.bench.EmbedTexts', model], texts.map((t) => t.replace(/\s+/g, ' ')).join('\n') + '\n');
  const lines = stdout.trim().split('\n');
  if (lines.length !== texts.length) throw new Error(`EmbedTexts returned ${lines.length} vectors for ${texts.length} texts`);
  const timings = JSON.parse(stderr.trim().split('\n').at(-1)!) as { msPerText: number; msPerStatement: number };
  return { vectors: lines.map((line) => Float32Array.from(line.split(',').map(Number))), ...timings };
}

/** Runs a command to its end with `input` on stdin (a measurement tool: waiting is what it does). */
function run(command: string, args: string[], input: string): { stdout: string; stderr: string } {
  const result = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 512 * 2 ** 20 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} exited with ${result.status}: ${result.stderr.slice(-2000)}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

/**
 * `texts` best first by α·(lexical score ÷ the best lexical score) +
 * (1 − α)·cosine with the statement; a text Lucene did not find has lexical 0.
 */
export function combineScores(lexicalHits: readonly LexicalHit[], texts: readonly string[], query: Float32Array, vectors: readonly Float32Array[], alpha: number): string[] {
  const best = Math.max(0, ...lexicalHits.map((h) => h.score));
  const lexical = new Map(lexicalHits.map((h) => [h.text, best > 0 ? h.score / best : 0]));
  return texts
    .map((text, i) => ({ text, combined: alpha * (lexical.get(text) ?? 0) + (1 - alpha) * cosine(query, vectors[i]!) }))
    .sort((a, b) => b.combined - a.combined)
    .map((t) => t.text);
}

function fail(text: string): never {
  throw new Error(`Not embedded: ${text.slice(0, 80)}`);
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return dot / Math.sqrt(aa * bb);
}

/**
 * Runs every variant over the set. `lexical` answers a statement as the API
 * does (supported hits, best first, with their scores); `citedSentences` are
 * the texts of every sentence in the graph that cites a source.
 */
export async function measureEmbeddings(
  encoder: EncoderName,
  set: EvalSet,
  lexical: (statement: string, first: number) => Promise<LexicalHit[]>,
  citedSentences: string[],
): Promise<EmbeddingsMeasurement> {
  const statements = [...new Set(set.statements.map((s) => s.statement))];
  const texts = [...citedSentences, ...statements];
  const prefix = PREFIXES[encoder];
  const prefixed = [...citedSentences.map((t) => prefix.passage + t), ...statements.map((t) => prefix.query + t)];
  const encoded = encodeInJvm(encoder, prefixed);
  const vectorOf = new Map(texts.map((text, i) => [text, encoded.vectors[i]!]));
  const embeddings = { of: async (wanted: string[]) => wanted.map((text) => vectorOf.get(text) ?? fail(text)) };
  const pool = await embeddings.of(citedSentences);
  const answers = new Map<string, LexicalHit[]>();
  const lexicalHits = async (statement: string): Promise<LexicalHit[]> => {
    if (!answers.has(statement)) answers.set(statement, await lexical(statement, LEXICAL_DEPTH));
    return answers.get(statement)!;
  };
  const nearest = async (statement: string, first: number): Promise<string[]> => {
    const [query] = await embeddings.of([statement]);
    return citedSentences
      .map((text, i) => ({ text, similarity: cosine(query, pool[i]) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, first)
      .map((s) => s.text);
  };
  const asHits = (texts: string[]) => texts.map((text) => ({ text, cited: true }));

  const variants: Array<[string, Ranker]> = [['lexical (the API)', async (statement, first) => asHits((await lexicalHits(statement)).slice(0, first).map((h) => h.text))]];
  for (const depth of [10, 30]) {
    for (const alpha of [0.3, 0.5, 0.7]) {
      variants.push([
        `rerank the first ${depth}, α = ${alpha}`,
        async (statement, first) => {
          const hits = (await lexicalHits(statement)).slice(0, depth);
          const [query] = await embeddings.of([statement]);
          const texts = hits.map((h) => h.text);
          return asHits(combineScores(hits, texts, query!, await embeddings.of(texts), alpha).slice(0, first));
        },
      ]);
    }
  }
  for (const alpha of [0.5, 0.6, 0.7, 0.8]) {
    variants.push([
      `hybrid: the 30 lexical and the 30 nearest, α = ${alpha}`,
      async (statement, first) => {
        const hits = await lexicalHits(statement);
        const [query] = await embeddings.of([statement]);
        const texts = [...new Set([...hits.map((h) => h.text), ...(await nearest(statement, LEXICAL_DEPTH))])];
        return asHits(combineScores(hits, texts, query!, await embeddings.of(texts), alpha).slice(0, first));
      },
    ]);
  }
  variants.push([
    'fusion (RRF, k = 60) with the 30 nearest',
    async (statement, first) => {
      const fused = new Map<string, number>();
      const add = (texts: string[]) => texts.forEach((text, i) => fused.set(text, (fused.get(text) ?? 0) + 1 / (60 + i + 1)));
      add((await lexicalHits(statement)).map((h) => h.text));
      add(await nearest(statement, LEXICAL_DEPTH));
      return asHits([...fused.entries()].sort((a, b) => b[1] - a[1]).slice(0, first).map(([text]) => text));
    },
  ]);
  variants.push(['vector only (nearest cited sentences)', async (statement, first) => asHits(await nearest(statement, first))]);

  const measured: EmbeddingVariant[] = [];
  for (const [name, ranker] of variants) measured.push({ name, report: await evaluate(set, ranker) });
  return { encoder, citedSentences: citedSentences.length, msPerStatement: encoded.msPerStatement, msPerSentence: encoded.msPerText, variants: measured };
}

export function renderEmbeddingsMarkdown(measurement: EmbeddingsMeasurement, title: string, notes: string[]): string {
  const splits = Object.keys(measurement.variants[0].report.bySplit);
  const cell = (m: { hitsAt3: number; statements: number; mrr: number }) => `${m.hitsAt3}/${m.statements}, ${m.mrr.toFixed(2)}`;
  return [
    `# ${title}`,
    '',
    ...notes,
    '',
    `Cited sentences in the graph: ${measurement.citedSentences}. Embedding one statement alone: ${measurement.msPerStatement.toFixed(1)} ms; ` +
      `the cited sentences: ${measurement.msPerSentence.toFixed(1)} ms per sentence (ONNX Runtime in a JVM, one at a time).`,
    '',
    'Each cell: answer in the top 3 / statements, MRR.',
    '',
    `| variant | ${splits.join(' | ')} |`,
    `|---|${splits.map(() => '---:').join('|')}|`,
    ...measurement.variants.map((v) => `| ${v.name} | ${splits.map((s) => cell(v.report.bySplit[s])).join(' | ')} |`),
  ].join('\n') + '\n';
}
