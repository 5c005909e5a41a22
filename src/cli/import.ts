import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { importGraph } from '../graph/backup';
import { createLogger } from '../logger';
import { openGraph } from '../server';

const usage = `Usage: npm run import -- FILE [--batch-size N]

Loads an export made by npm run export into an EMPTY database (nothing but
migrations), in batches of N items (default 1000), one transaction each.
If it fails part-way, erase the database and run it again.
Uses NEO4J_URI when set, otherwise the local Neo4j.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'batch-size': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const batchSize = Number(values['batch-size'] ?? 1000);
  if (values.help || positionals.length !== 1 || !Number.isInteger(batchSize) || batchSize < 1) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  // An empty database is what import expects: do not let the server seed it first.
  const config = { ...loadConfig(), seedOnStart: false };
  const opened = await openGraph(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    const started = Date.now();
    const counts = await importGraph(opened.graph, positionals[0]!, {
      batchSize,
      onProgress: ({ nodes, relationships }) => process.stderr.write(`\r${nodes} nodes, ${relationships} relationships`),
    });
    process.stderr.write('\n');
    console.log(`${positionals[0]}: imported ${counts.nodes} nodes, ${counts.relationships} relationships (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await opened.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
