import type { Result } from 'neo4j-driver';

/**
 * What the graph's work functions and every repository get: a transaction to
 * run statements in, nothing more (the graph commits, retries and times them).
 * Both the driver's managed transactions and its explicit ones have it. In a
 * file of its own so that what graph.ts builds on (the change log) can take it
 * without importing graph.ts back.
 */
export interface Transaction {
  run(cypher: string, parameters?: Record<string, unknown>): Result;
}
