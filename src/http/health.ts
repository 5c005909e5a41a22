import type { FastifyInstance } from 'fastify';
import type { Graph } from '../graph/graph';

/**
 * Liveness: the process answers. Readiness: Neo4j answers too, and the
 * server has finished warming up (`isWarm`, src/http/warm-up.ts): 503
 * "warming" until then, so a new replica gets readers once it answers them at speed.
 */
export function registerHealth(app: FastifyInstance, graph: Graph, isWarm: () => boolean = () => true): void {
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    const up = await graph.isReady();
    const status = !up ? 'unavailable' : isWarm() ? 'ready' : 'warming';
    return reply.code(status === 'ready' ? 200 : 503).send({ status, neo4j: up ? 'up' : 'down' });
  });
}
