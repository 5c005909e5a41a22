import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process metrics this API serves at GET /metrics (prom-client's defaults:
 * memory, GC, and the event loop's delay sampled every 10 ms by
 * perf_hooks.monitorEventLoopDelay, reset by each scrape), served by the
 * bench's other servers too, so that their lag and heap compare with the API's.
 */
export function processMetrics(): { contentType: string; text: () => Promise<string> } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return { contentType: registry.contentType, text: () => registry.metrics() };
}
