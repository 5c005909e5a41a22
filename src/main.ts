import v8 from 'node:v8';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { startApp } from './server';

/** `npm start`: serve GraphQL until Ctrl-C, then stop the server, the driver and the local Neo4j. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, logger);
  // How far V8 may grow the heap: old space capped at 512 MB by `npm start` (docs/operations.md, "Memory"); a graph whose live heap nears it needs more.
  const heapLimitMB = Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
  logger.info({ url: app.url, neo4j: app.neo4jUri, heapLimitMB }, `GraphQL ready at ${app.url} (Neo4j ${app.neo4jUri})`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'Shutting down');
    app.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(error.name === 'ConfigError' || error.name === 'LocalNeo4jError' ? error.message : error);
  process.exit(1);
});
