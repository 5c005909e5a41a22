import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/**
 * Fields every log line written while serving one request carries (its
 * `reqId`), whichever module writes it: the HTTP layer opens it per request.
 */
export const logContext = new AsyncLocalStorage<{ reqId: string }>();

/** The JSON logger every part of the service writes to. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'clinical-wiki-graph' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    mixin: () => logContext.getStore() ?? {},
  });
}
