import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Fields every log line written while serving one request carries (its
 * `reqId`), whichever module writes it: the HTTP layer opens it per request.
 * Background work runs under its `task` name instead.
 */
export const logContext = new AsyncLocalStorage<{ reqId: string } | { task: string }>();

/** The JSON logger every part of the service writes to (stdout unless given a destination). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'clinical-wiki-graph' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    // A copy: pino merges each line's fields into the object the mixin returns.
    mixin: () => ({ ...logContext.getStore() }),
  };
  return destination ? pino(options, destination) : pino(options);
}
