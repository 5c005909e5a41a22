import { Readable } from 'node:stream';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadTags } from '../graph/cache-tags';
import { sharedRequestKey, type ResponseCache } from './response-cache';

export interface GraphQLEndpointOptions<TContext extends BaseContext> {
  /** The request's context; `reads` is where its loaders and resolvers record what they read. */
  context: (request: FastifyRequest, reads: ReadTags) => Promise<TContext>;
  /** Shared responses of anonymous reads; absent when RESPONSE_CACHE is off. */
  cache?: {
    responses: ResponseCache;
    /**
     * Brings the cache up to date with writes made elsewhere (this process's
     * reach it at their commit); false while it never could (the request then
     * bypasses the cache).
     */
    catchUp: () => Promise<boolean>;
    /** Told of every shareable request, whether it was answered from the cache. */
    onLookup?: (hit: boolean) => void;
  };
}

/**
 * POST and GET /graphql: Apollo's HTTP entry point (executeHTTPGraphQLRequest,
 * what its Fastify and Express integrations call too) with the response cache
 * in front: a hit is answered with the bytes kept, without entering Apollo.
 */
export function graphqlEndpoint<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: GraphQLEndpointOptions<TContext>,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  apollo.assertStarted('graphqlEndpoint()');
  const { cache } = options;
  return async (request, reply) => {
    // Only a shareable request reads the change log (a query to Neo4j at most every 500 ms).
    const requestKey = cache ? sharedRequestKey(request) : null;
    const current = requestKey !== null && (await cache!.catchUp());
    const shared = cache && requestKey !== null && current ? { cache, requestKey, began: cache.responses.begin() } : null;
    if (shared) {
      const hit = shared.cache.responses.lookup(shared.requestKey);
      shared.cache.onLookup?.(hit !== undefined);
      if (hit) {
        for (const [name, value] of hit.headers) reply.header(name, value);
        return reply.header('age', String(hit.age)).code(200).send(hit.body);
      }
    }
    const reads = new ReadTags();
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: toApolloRequest(request), context: () => options.context(request, reads) });
    for (const [name, value] of response.headers) reply.header(name, value);
    const status = response.status ?? 200;
    if (response.body.kind === 'complete') {
      // Sent first, kept after: keeping it does not delay the response.
      reply.code(status).send(response.body.string);
      shared?.cache.responses.store(shared.began, shared.requestKey, reads.tags, status, response.headers, response.body.string);
      return reply;
    }
    // Incremental delivery (@defer/@stream), should the schema ever allow it: streamed, never cached.
    return reply.code(status).send(Readable.from(response.body.asyncIterator));
  };
}

function toApolloRequest(request: FastifyRequest): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const query = request.url.indexOf('?');
  return { method: request.method.toUpperCase(), headers, search: query === -1 ? '' : request.url.slice(query), body: request.body };
}
