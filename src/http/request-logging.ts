import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { logContext } from '../logger';

/** An incoming X-Request-Id is kept when it looks like an id (no spaces or control characters, not too long). */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One JSON log line per request (method, URL, status, duration) with a request
 * id: the caller's X-Request-Id when it sends a sensible one, else a new UUID.
 * The id is returned in the X-Request-Id response header. Health checks and
 * metrics scrapes are not logged (orchestrators poll them all the time).
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/metrics' || (req.url ?? '').startsWith('/health/') },
    quietReqLogger: true,
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string; headers?: Record<string, unknown> }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
        userAgent: req.headers?.['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }) as unknown as RequestHandler;
}

/**
 * Runs the rest of the request inside its log context, so every line logged
 * while serving it (resolvers, slow queries, GraphQL errors) carries `reqId`.
 * Mounted after the body parser, whose stream callbacks would lose the context.
 */
export const withRequestContext: RequestHandler = (req, _res, next) => {
  logContext.run({ reqId: String((req as { id?: unknown }).id ?? randomUUID()) }, next);
};
