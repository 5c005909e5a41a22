import type { LocalNeo4j } from '../../src/graph/local-neo4j';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __localNeo4j__?: LocalNeo4j }).__localNeo4j__?.stop();
}
