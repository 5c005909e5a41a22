import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { logContext } from '../logger';
import { isWarmUpRequest, WARM_UP_HEADER } from './warm-up';

/** An incoming X-Request-Id is kept when it looks like an id (no spaces or control characters, not too long). */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the caller's X-Request-Id when it sends a sensible one, else a new UUID (Fastify's genReqId). */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
}

/** Health checks and metrics scrapes are not logged (orchestrators poll them all the time), nor the server's warm-up (its report is). */
const quiet = (request: FastifyRequest) => request.url === '/metrics' || request.url.startsWith('/health/') || isWarmUpRequest(request.headers[WARM_UP_HEADER]);

/**
 * One JSON log line per request, when it completes (method, URL, status,
 * duration, request id), at `error` for 5xx and `warn` for 4xx; Fastify's
 * "incoming request" line is not written. Lines written while the request is
 * served carry its `reqId` through the log context (withRequestContext).
 */
export class RequestLog extends LogController {
  /** Written to the service's logger itself: Fastify's own wraps it with serializers that would drop the request id. */
  constructor(private readonly logger: Logger) {
    super();
  }

  override isLogDisabled(request: FastifyRequest): boolean {
    return quiet(request);
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const status = reply.statusCode;
    const level = error || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    this.logger[level](
      {
        req: { id: request.id, method: request.method, url: request.url, remoteAddress: request.ip, userAgent: request.headers['user-agent'] },
        res: { statusCode: status },
        responseTime: reply.elapsedTime,
        ...(error ? { err: error } : {}),
      },
      'request completed',
    );
  }
}

/** Runs `serve` inside the request's log context, so every line logged while serving it (resolvers, slow queries, GraphQL errors) carries `reqId`. */
export function withRequestContext<T>(request: FastifyRequest, serve: () => Promise<T>): Promise<T> {
  return logContext.run({ reqId: request.id }, serve);
}
