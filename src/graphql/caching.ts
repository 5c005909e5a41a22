import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { Graph } from '../graph/graph';
import type { Context } from './context';

/**
 * How long public reads may be cached: by the response cache here, and by
 * browsers and CDNs through the Cache-Control header Apollo computes.
 */
export const PUBLIC_MAX_AGE_SECONDS = 30;

/**
 * Caching that stays correct: every query result is cacheable for
 * PUBLIC_MAX_AGE_SECONDS (cache hints), and the response cache keys each entry
 * on the graph's content version, which every write bumps in its own
 * transaction (Graph.write). A write therefore invalidates every cached
 * response at once, on every replica, whichever module or process made it.
 * Requests with credentials are neither read from nor written to the cache.
 */
export function cachingPlugins(graph: Graph, options: { responseCache: boolean }): ApolloServerPlugin<Context>[] {
  const anonymous = (headers: { get(name: string): string | undefined | null }) => !headers.get('authorization');
  const hints = ApolloServerPluginCacheControl({ defaultMaxAge: PUBLIC_MAX_AGE_SECONDS });
  if (!options.responseCache) return [hints];
  return [
    hints,
    responseCachePlugin<Context>({
      shouldReadFromCache: async ({ request }) => anonymous(request.http!.headers),
      shouldWriteToCache: async ({ request }) => anonymous(request.http!.headers),
      // Neo4j unreachable: a key of its own misses the cache, so the operation runs and its resolvers
      // report SERVICE_UNAVAILABLE (a throwing plugin hook would turn into a bare 500).
      extraCacheKeyData: async () => graph.contentVersion().catch(() => `unavailable:${randomUUID()}`),
    }),
  ];
}
