import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import type { Logger } from 'pino';
import { AppError } from '../errors';

/**
 * What clients see of an error.
 *
 * - AppErrors (the API's own codes: BAD_USER_INPUT, NOT_FOUND, PHI_DETECTED ...)
 *   keep their message, code and details.
 * - GraphQL's and Apollo's request errors (parse, validation, variable
 *   coercion, bad request) keep theirs: they describe the client's request.
 *   The two Apollo sends without a code (APOLLO_CODELESS) get one.
 * - Anything from Neo4j that is not already an AppError is masked in every
 *   environment: its message can quote Cypher and data.
 * - Anything else (a bug) is masked in production as INTERNAL_SERVER_ERROR
 *   "Internal server error"; other environments show its message.
 *
 * No response carries a stack trace (server.ts); masked errors and shown bugs
 * are logged in full on the server.
 */

const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const INTERNAL_MESSAGE = 'Internal server error';

/**
 * Apollo answers these automatic-persisted-query mistakes with HTTP 400 but no
 * code, which would read as INTERNAL_SERVER_ERROR. Apollo Server defines no
 * code for a hash that does not match the query; it gets the one other
 * servers answer it with (PERSISTED_QUERY_HASH_MISMATCH).
 */
const APOLLO_CODELESS = new Map([
  ['provided sha does not match query', 'PERSISTED_QUERY_HASH_MISMATCH'],
  ['Unsupported persisted query version', 'BAD_REQUEST'],
]);

/** The error a resolver (or the context function) threw, under graphql-js's wrapping. */
function originalOf(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof GraphQLError && current.originalError; depth++) current = current.originalError;
  return current;
}

const isNeo4jError = (error: unknown) =>
  error instanceof Neo4jError || (error instanceof Error && (error.name === 'Neo4jError' || /^Neo\.(Client|Transient|Database)Error\./.test(String((error as { code?: unknown }).code))));

export function createErrorFormatter(options: { production: boolean; logger?: Logger }) {
  const mask = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    options.logger?.error({ err: originalOf(error), path: formatted.path }, 'Masked an internal error');
    return {
      message: INTERNAL_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };

  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalOf(error);
    if (original instanceof AppError) {
      if (!options.production) return formatted;
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: original.message, extensions };
    }
    if (isNeo4jError(original)) return mask(formatted, error);
    const apolloCode = error instanceof GraphQLError && error.extensions.code === undefined ? APOLLO_CODELESS.get(error.message) : undefined;
    if (apolloCode) return { message: formatted.message, extensions: { code: apolloCode } };
    const code = formatted.extensions?.code;
    const requestError = typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && (original === error || original instanceof GraphQLError);
    if (requestError) return formatted;
    if (options.production) return mask(formatted, error);
    // Outside production a bug's message is shown, for debugging; its stack goes to the log.
    options.logger?.error({ err: original, path: formatted.path }, 'Internal error (message shown outside production)');
    return formatted;
  };
}
