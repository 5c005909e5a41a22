import { apiOperations, NEO4J_GRAPHQL_OPERATIONS, type OperationName } from '../operations';
import type { Workload } from './workload';

/** The servers a bench sends requests to: the API (cache on or off), @neo4j/graphql 7, and the raw-Cypher floor. */
export type BenchSystem = 'api' | 'api-uncached' | 'neo4j-graphql' | 'raw';

/**
 * The request bodies one system gets for one operation, in the workload's
 * order: the GraphQL operation with its variables, or, for the floor, the
 * operation's name with them.
 */
export function requestBodies(system: BenchSystem, op: OperationName, workload: Workload): () => string {
  const query = system === 'api' || system === 'api-uncached' ? apiOperations()[op] : system === 'neo4j-graphql' ? NEO4J_GRAPHQL_OPERATIONS[op] : null;
  const input = workload.inputs(op);
  const variables = (): Record<string, unknown> => {
    switch (op) {
      case 'EntryPage':
        return { slug: input() };
      case 'SeeAlsoPanel':
        return { slug: input(), first: 10 };
      case 'Evidence':
        // @neo4j/graphql hands the statement to Lucene as typed (servers/neo4j-graphql.ts): its client sends words only.
        return { statement: system === 'neo4j-graphql' ? wordsOnly(input()) : input(), first: 10 };
      case 'CrossLink':
        return { text: input() };
    }
  };
  return () => {
    const v = variables();
    return JSON.stringify(query ? { query, operationName: op, variables: v } : { op, variables: v });
  };
}

/** A text's words, without Lucene syntax: what a client of @neo4j/graphql sends as a statement. */
export const wordsOnly = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
