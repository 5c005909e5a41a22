import { GraphQLError } from 'graphql';

/**
 * The error codes clients can rely on (GraphQL `extensions.code`).
 * Every failure the API reports on purpose is one of these.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'INVALID_ARTICLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PHI_DETECTED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected failure: shown to the client with its code and message, never a stack. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

/** The article text does not follow the export format; `line` is 1-based. */
export class ArticleFormatError extends AppError {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super('INVALID_ARTICLE', `line ${line}: ${problem}`, { line });
    this.name = 'ArticleFormatError';
  }
}

export const badInput = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, details);

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found`);
