import pino, { type Logger } from 'pino';

/** The JSON logger every part of the service writes to. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'clinical-wiki-graph' }, redact: ['req.headers.authorization'] });
}
