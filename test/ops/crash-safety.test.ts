import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { graphSnapshot } from '../support/graph-snapshot';
import { waitFor } from '../support/processes';
import { eraseGraph, openTestServices } from '../support/test-app';

/**
 * kill -9 in the middle of ingesting a batch, then the same batch again: the
 * graph is the one a clean ingest of the batch makes. Each article is one
 * transaction, so a killed run leaves whole articles or none.
 */

const BATCH = 40;

/** Distinct articles made from the two real exports: new titles, and a sentence of their own. */
function generateArticles(dir: string): string[] {
  const sources = [
    { text: fs.readFileSync(path.join(projectRoot, 'test/fixtures/mentalization-based-treatment.wiki.txt'), 'utf8'), title: 'Mentalization-Based Treatment' },
    { text: fs.readFileSync(path.join(projectRoot, 'seeds/articles/earned-security.wiki.txt'), 'utf8'), title: 'Earned Security' },
  ];
  const topics = ['sleep', 'work stress', 'grief', 'parenting', 'migration', 'chronic pain', 'shame', 'loneliness'];
  return Array.from({ length: BATCH }, (_, i) => {
    const { text, title } = sources[i % 2]!;
    const lines = text.split('\n');
    const titleIndex = lines.findIndex((line) => line.trim() === title);
    const variant = `${title} Variant ${i + 1}`;
    lines[titleIndex] = variant;
    // The summary (the paragraph after the title) gets a sentence of its own.
    const summaryIndex = lines.findIndex((line, index) => index > titleIndex && line.trim() !== '');
    lines[summaryIndex] = `${lines[summaryIndex]} Variant ${i + 1} applies it to ${topics[i % topics.length]} in setting ${i + 1}.`;
    const file = path.join(dir, `variant-${String(i + 1).padStart(2, '0')}.wiki.txt`);
    fs.writeFileSync(file, lines.join('\n'));
    return file;
  });
}

function ingestCli(files: string[]): ChildProcess {
  // node itself (not npx), so that SIGKILL reaches the process doing the writes.
  return spawn(process.execPath, ['--require', 'tsx/cjs', path.join(projectRoot, 'src/cli/ingest.ts'), ...files], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

describe('crash safety of ingestion', () => {
  let services: Awaited<ReturnType<typeof openTestServices>>;
  let dir: string;
  beforeAll(async () => {
    services = await openTestServices();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiki-crash-'));
  });
  afterAll(async () => {
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const articleCount = async () =>
    (await services.graph.query<{ n: number }>('MATCH (e:Entry) WHERE e.hasArticle RETURN count(e) AS n'))[0]!.n;

  it('a batch killed with SIGKILL mid-way and run again equals a clean ingest of the batch', async () => {
    expect(process.env.NEO4J_URI).toBeDefined();
    const files = generateArticles(dir);
    await eraseGraph(services.graph);

    const killed = ingestCli(files);
    const killedExit = exitOf(killed);
    let stderr = '';
    killed.stderr!.on('data', (chunk) => (stderr += chunk));
    await waitFor(
      'a few articles to land',
      async () => {
        if (killed.exitCode !== null) throw new Error(`the ingest ended before it was killed: ${stderr}`);
        return (await articleCount()) >= 3;
      },
      120_000,
      25,
    );
    killed.kill('SIGKILL');
    expect(await killedExit).toEqual({ code: null, signal: 'SIGKILL' });
    const landed = await articleCount();
    expect(landed).toBeGreaterThanOrEqual(3);
    expect(landed).toBeLessThan(BATCH);
    // Whole articles only: every article entry has its claims.
    const partial = await services.graph.query(
      'MATCH (e:Entry) WHERE e.hasArticle AND NOT (e)-[:HAS_CLAIM]->() RETURN e.slug AS slug',
    );
    expect(partial).toEqual([]);

    const rerun = ingestCli(files);
    let output = '';
    rerun.stdout!.on('data', (chunk) => (output += chunk));
    rerun.stderr!.on('data', (chunk) => (output += chunk));
    expect(await exitOf(rerun)).toEqual({ code: 0, signal: null });
    // The CLI prints one line per article: `FILE: STATUS slug: …`.
    expect(output.match(/: UNCHANGED /g)?.length ?? 0).toBe(landed);
    expect(await articleCount()).toBe(BATCH);
    const recovered = await graphSnapshot(services.graph);

    await eraseGraph(services.graph);
    for (const file of files) await services.ingest.ingestArticle(fs.readFileSync(file, 'utf8'));
    const clean = await graphSnapshot(services.graph);

    expect(recovered.split('\n').length).toBe(clean.split('\n').length);
    expect(recovered === clean).toBe(true);
  }, 300_000);
});
