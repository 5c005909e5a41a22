import type { FastifyInstance } from 'fastify';
import type { Graph } from '../graph/graph';

/** Liveness: the process answers. Readiness: Neo4j answers too. */
export function registerHealth(app: FastifyInstance, graph: Graph): void {
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    const ready = await graph.isReady();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', neo4j: ready ? 'up' : 'down' });
  });
}
