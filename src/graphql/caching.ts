import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
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
  const hints = [ApolloServerPluginCacheControlDisabled(), operationCachePolicy()];
  if (!options.responseCache) return hints;
  return [
    ...hints,
    responseCachePlugin<Context>({
      shouldReadFromCache: async ({ request }) => anonymous(request.http!.headers),
      shouldWriteToCache: async ({ request }) => anonymous(request.http!.headers),
      // Neo4j unreachable: a key of its own misses the cache, so the operation runs and its resolvers
      // report SERVICE_UNAVAILABLE (a throwing plugin hook would turn into a bare 500).
      extraCacheKeyData: async () => graph.contentVersion().catch(() => `unavailable:${randomUUID()}`),
    }),
  ];
}

/**
 * The cache policy, set once per operation: every query is public for
 * PUBLIC_MAX_AGE_SECONDS, mutations are never cached. Reads are public and the
 * schema carries no per-field hints, so Apollo's cache-control plugin (which
 * wraps every field's resolver to compute the same answer field by field, a
 * tenth of the CPU of a large page) is replaced by this one decision. The
 * Cache-Control header follows what that plugin sends: the policy when the
 * response has no errors, `no-store` otherwise.
 */
function operationCachePolicy(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation?.operation === 'query') overallCachePolicy.replace({ maxAge: PUBLIC_MAX_AGE_SECONDS, scope: 'PUBLIC' });
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const policy = overallCachePolicy.policyIfCacheable();
          const complete = response.body.kind === 'single' && !response.body.singleResult.errors;
          response.http.headers.set('cache-control', policy && complete ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store');
        },
      };
    },
  };
}
