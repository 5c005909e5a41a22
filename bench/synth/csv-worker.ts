/**
 * A worker thread of bench/synth/import.ts: builds its own SyntheticWiki (the
 * same one: the generator is deterministic) and writes the articles it claims
 * from a shared counter, chunk by chunk, into data files of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArticleWriter, NodeIds } from './csv';
import { SyntheticWiki, type WikiScale } from './generator';

export interface CsvWorkerData {
  scale: WikiScale;
  dir: string;
  part: number;
  /** Int32Array[0]: the next chunk of articles to write, shared by every thread. */
  counter: SharedArrayBuffer;
  chunk: number;
}

export type CsvWorkerMessage = { type: 'progress'; claims: number } | { type: 'done'; result: ReturnType<ArticleWriter['close']> };

/** Writes chunks of articles until none are left; `after` runs after each chunk (progress, yielding). */
export async function writeArticleChunks(
  wiki: SyntheticWiki,
  writer: ArticleWriter,
  counter: SharedArrayBuffer,
  chunk: number,
  after: (claims: number) => void | Promise<void>,
): Promise<void> {
  const next = new Int32Array(counter);
  for (;;) {
    const start = Atomics.add(next, 0, 1) * chunk;
    if (start >= wiki.articleCount) return;
    let claims = 0;
    for (let ordinal = start; ordinal < Math.min(start + chunk, wiki.articleCount); ordinal++) claims += writer.write(wiki.article(ordinal), ordinal);
    await after(claims);
  }
}

if (parentPort && workerData?.kind === 'wiki-csv') {
  const data = workerData as CsvWorkerData & { kind: string };
  const port = parentPort;
  const wiki = new SyntheticWiki(data.scale);
  const writer = new ArticleWriter(data.dir, data.part, new NodeIds(wiki));
  void writeArticleChunks(wiki, writer, data.counter, data.chunk, (claims) => port.postMessage({ type: 'progress', claims } satisfies CsvWorkerMessage)).then(
    () => port.postMessage({ type: 'done', result: writer.close() } satisfies CsvWorkerMessage),
  );
}
