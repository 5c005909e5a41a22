import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { exportGraph } from '../graph/backup';
import { createLogger } from '../logger';
import { openGraph } from '../server';

const usage = `Usage: npm run export -- FILE

Writes the whole graph (nodes with labels and properties, relationships with
type and properties) to FILE as JSON, streaming, from one read transaction.
Uses NEO4J_URI when set, otherwise the local Neo4j. Restore with npm run import.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help || positionals.length !== 1) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const opened = await openGraph(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    const started = Date.now();
    const counts = await exportGraph(opened.graph, positionals[0]!);
    console.log(`${positionals[0]}: ${counts.nodes} nodes, ${counts.relationships} relationships (${((Date.now() - started) / 1000).toFixed(1)} s)`);
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
