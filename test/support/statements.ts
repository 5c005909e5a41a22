import type { Graph } from '../../src/graph/graph';
import { logContext } from '../../src/logger';

/**
 * The read statements (Graph.query) sent while serving requests during
 * `work`, each request's own (not background work such as the panel
 * refresher's): what the tests that count a request's round trips read.
 */
export async function statementsOfRequests<T>(graph: Graph, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const query = graph.query.bind(graph);
  const statements: string[] = [];
  graph.query = ((cypher: string, params?: Record<string, unknown>) => {
    const context = logContext.getStore();
    if (context && 'reqId' in context) statements.push(cypher);
    return query(cypher, params);
  }) as typeof graph.query;
  try {
    return { result: await work(), statements };
  } finally {
    graph.query = query;
  }
}
