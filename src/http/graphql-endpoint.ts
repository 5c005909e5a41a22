import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { ReadTags } from '../graph/cache-tags';
import { sharedRequestKey, type ResponseCache } from './response-cache';

export interface GraphQLEndpointOptions<TContext extends BaseContext> {
  /** The request's context; `reads` is where its loaders and resolvers record what they read. */
  context: (req: Request, reads: ReadTags) => Promise<TContext>;
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
 * what its Express integration calls too) with the response cache in front.
 * Bodies are written with their length and no ETag: Express's res.send would
 * hash every body for an ETag no POST can use.
 */
export function graphqlEndpoint<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: GraphQLEndpointOptions<TContext>,
): RequestHandler {
  apollo.assertStarted('graphqlEndpoint()');
  const { cache } = options;
  return async (req, res, next) => {
    try {
      // Only a shareable request reads the change log (a query to Neo4j at most every 500 ms).
      const requestKey = cache ? sharedRequestKey(req) : null;
      const current = requestKey !== null && (await cache!.catchUp());
      const shared = cache && requestKey !== null && current ? { cache, requestKey, began: cache.responses.begin() } : null;
      if (shared) {
        const hit = shared.cache.responses.lookup(shared.requestKey);
        shared.cache.onLookup?.(hit !== undefined);
        if (hit) {
          for (const [name, value] of hit.headers) res.setHeader(name, value);
          res.setHeader('age', String(hit.age));
          return sendComplete(res, 200, hit.body);
        }
      }
      const reads = new ReadTags();
      const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: toApolloRequest(req), context: () => options.context(req, reads) });
      for (const [name, value] of response.headers) res.setHeader(name, value);
      const status = response.status ?? 200;
      if (response.body.kind === 'complete') {
        sendComplete(res, status, response.body.string);
        shared?.cache.responses.store(shared.began, shared.requestKey, reads.tags, status, response.headers, response.body.string);
        return;
      }
      // Incremental delivery (@defer/@stream), should the schema ever allow it: streamed, never cached.
      res.statusCode = status;
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    }
  };
}

function sendComplete(res: Response, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

function toApolloRequest(req: Request): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const query = req.url.indexOf('?');
  return { method: req.method.toUpperCase(), headers, search: query === -1 ? '' : req.url.slice(query), body: req.body };
}
