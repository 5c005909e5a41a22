import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * How long public reads may be cached: by the response cache
 * (src/http/response-cache.ts), and by browsers and CDNs through the
 * Cache-Control header set here.
 */
export const PUBLIC_MAX_AGE_SECONDS = 30;

/**
 * Cache hints: every query result is cacheable for PUBLIC_MAX_AGE_SECONDS,
 * mutations and responses with errors are not. The response cache stores
 * exactly what these headers allow to be shared.
 */
export function cacheHintPlugins<TContext extends BaseContext>(
  options: { answersDependOnViewer?: (context: TContext) => boolean } = {},
): ApolloServerPlugin<TContext>[] {
  return [ApolloServerPluginCacheControlDisabled() as ApolloServerPlugin<TContext>, operationCachePolicy(options.answersDependOnViewer ?? (() => false))];
}

/**
 * The cache policy, set once per operation: every query is public for
 * PUBLIC_MAX_AGE_SECONDS, mutations are never cached. Reads are public and the
 * schema carries no per-field hints, so Apollo's cache-control plugin (which
 * wraps every field's resolver to compute the same answer field by field, a
 * tenth of the CPU of a large page) is replaced by this one decision. The
 * Cache-Control header follows what that plugin sends: the policy when the
 * response has no errors, `no-store` otherwise. An answer that depends on who
 * asks (`answersDependOnViewer`, told by the resolvers) is `private`: no
 * shared cache may hand it to anyone else.
 */
function operationCachePolicy<TContext extends BaseContext>(answersDependOnViewer: (context: TContext) => boolean): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation?.operation === 'query') overallCachePolicy.replace({ maxAge: PUBLIC_MAX_AGE_SECONDS, scope: 'PUBLIC' });
        },
        async willSendResponse({ response, overallCachePolicy, contextValue }) {
          const policy = overallCachePolicy.policyIfCacheable();
          const complete = response.body.kind === 'single' && !response.body.singleResult.errors;
          const scope = policy && answersDependOnViewer(contextValue) ? 'private' : policy?.scope.toLowerCase();
          response.http.headers.set('cache-control', policy && complete ? `max-age=${policy.maxAge}, ${scope}` : 'no-store');
        },
      };
    },
  };
}
