import fs from 'node:fs';
import { loadConfig } from '../../src/config';
import { startLocalNeo4j } from '../../src/graph/local-neo4j';
import { freePort } from './processes';

/**
 * Starts a fresh local Neo4j for the whole test run (unless NEO4J_URI points
 * at a server, which the tests will then ERASE), in a folder and on a port of
 * its own, so a running `npm start` or another test run is not disturbed.
 * Workers find it through NEO4J_URI.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) return;
  process.env.NEO4J_LOCAL_DIR = process.env.NEO4J_TEST_LOCAL_DIR ?? `.data/neo4j-test-${process.pid}`;
  process.env.NEO4J_LOCAL_PORT = process.env.NEO4J_TEST_LOCAL_PORT ?? String(await freePort());
  const { local } = loadConfig().neo4j;
  fs.rmSync(local.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ ...local, log: (message) => process.stderr.write(`\n${message}\n`) });
  process.env.NEO4J_URI = neo4j.uri;
  Object.assign(globalThis, { __testNeo4j__: { neo4j, dataDir: local.dataDir } });
}
