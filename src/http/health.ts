import { Router } from 'express';
import type { Graph } from '../graph/graph';

/** Liveness: the process answers. Readiness: Neo4j answers too. */
export function healthRouter(graph: Graph): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const ready = await graph.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', neo4j: ready ? 'up' : 'down' });
  });
  return router;
}
