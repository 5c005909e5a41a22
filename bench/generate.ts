/**
 * Generates the synthetic wiki and loads it into the benchmark's Neo4j
 * (.data/neo4j-bench/<scale>-seed<seed>, port 7689, or NEO4J_URI), then stops.
 *
 *   npm run bench:generate -- --scale medium            # presets: smoke, small, medium, large
 *   npm run bench:generate -- --entries 5000 --claims 300000 --sources 25000 --seed 7
 *   SCALE=small npm run bench:generate -- --fresh
 *   npm run bench:generate -- --scale small --loader unwind --concurrency 2
 *   npm run bench:generate -- --scale medium --data-dir .data/neo4j-bench/trial --port 7695 --fresh
 *
 * The bench's own local Neo4j is loaded with Neo4j's offline bulk importer
 * (synth/import.ts); a server at NEO4J_URI, or `--loader unwind`, with batched
 * UNWIND (synth/load.ts; --concurrency transactions in flight). Both write the
 * same graph. A dataset already loaded at the same scale and seed is reused
 * (see the BenchDataset marker); --fresh loads it again. --data-dir and --port
 * put the local Neo4j elsewhere (to measure a load without touching the data a
 * bench run may be using).
 */
import path from 'node:path';
import { openBenchDatabase, scaleFrom } from './dataset';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const choice = scaleFrom(args);
  const concurrencyArg = args.indexOf('--concurrency');
  const concurrency = concurrencyArg >= 0 ? Number(args[concurrencyArg + 1]) : Number(process.env.LOAD_CONCURRENCY ?? 2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dataDir = option('data-dir');
  const port = option('port');
  const db = await openBenchDatabase({
    choice,
    concurrency,
    fresh: args.includes('--fresh'),
    dataDir: dataDir ? path.resolve(dataDir) : undefined,
    port: port ? Number(port) : undefined,
  });
  try {
    console.log(JSON.stringify({ scale: choice.label, ...choice.scale, load: db.load }, null, 2));
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
