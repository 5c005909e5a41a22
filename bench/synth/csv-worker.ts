/**
 * A worker thread of bench/synth/import.ts: builds its own SyntheticWiki as
 * soon as it starts (the same one: the generator is deterministic), then, given
 * a job, writes the articles it claims from a counter shared by every thread,
 * chunk by chunk, into data files of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArticleWriter, NodeIds, type PartResult } from './csv';
import { SyntheticWiki } from './generator';

export interface CsvJob {
  dir: string;
  part: number;
  /** Int32Array[0]: the next chunk of articles to write, shared by every thread. */
  counter: SharedArrayBuffer;
  chunk: number;
}

export type CsvWorkerMessage = { type: 'progress'; claims: number } | { type: 'done'; result: PartResult };

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
  const port = parentPort;
  const wiki = new SyntheticWiki(workerData.scale);
  const ids = new NodeIds(wiki);
  port.once('message', (job: CsvJob) => {
    const writer = new ArticleWriter(job.dir, job.part, ids);
    void writeArticleChunks(wiki, writer, job.counter, job.chunk, (claims) => port.postMessage({ type: 'progress', claims } satisfies CsvWorkerMessage)).then(() =>
      port.postMessage({ type: 'done', result: writer.close() } satisfies CsvWorkerMessage),
    );
  });
}
