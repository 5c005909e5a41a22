import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { loadSeeds } from '../seed/seed';
import { openGraph } from '../server';
import { createServices } from '../services';

/** `npm run seed`: loads seeds/ into the graph (idempotent; existing data stays). */
async function main(): Promise<void> {
  const config = loadConfig();
  const opened = await openGraph(config, createLogger('warn'));
  try {
    console.log(JSON.stringify(await loadSeeds(createServices(config, opened.graph).ingest)));
  } finally {
    await opened.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
