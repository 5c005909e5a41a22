import fs from 'node:fs';
import type { LocalNeo4j } from '../../src/graph/local-neo4j';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __testNeo4j__?: { neo4j: LocalNeo4j; dataDir: string } }).__testNeo4j__;
  if (!started) return;
  await started.neo4j.stop();
  fs.rmSync(started.dataDir, { recursive: true, force: true });
}
