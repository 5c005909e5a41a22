import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { getVariableValues } from 'graphql/execution/values';
import { execute, GraphQLError, printSchema, Source, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { fieldCount } from './field-count';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/**
 * Executes operations with graphql-jit instead of graphql-js: each operation
 * is compiled once into a function specialised to its selection, which
 * resolves a large page (an article: ~1,500 fields) several times faster than
 * graphql-js walking the document for every request.
 *
 * Apollo Server 4+ takes a custom executor only through its `gateway` option
 * (the documented replacement for the removed `executor` option). Everything
 * else stays Apollo's: parsing, validation and the document cache, plugins,
 * error formatting, the HTTP layer. Apollo caches the parsed and validated
 * document per query string, so the same DocumentNode comes back for a repeated
 * operation and its compiled form is found by identity.
 *
 * No plugin may rely on per-field hooks (willResolveField): the executor does
 * not call them. The cache policy is set per operation (caching.ts) for this
 * reason as well.
 *
 * Compiling costs time in proportion to the operation's field count
 * (field-count.ts), up to ~0.1 ms a field where interfaces nest. Operations
 * of more than MAX_COMPILED_FIELDS fields (the front end's largest,
 * Neighbourhood, has 325) are executed by graphql-js instead, whose work
 * follows the data returned, so that no allowed operation blocks the event
 * loop for long while it compiles.
 */
export const MAX_COMPILED_FIELDS = 500;

export function jitExecutor(schema: GraphQLSchema): Gateway {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | 'interpreted'>>();

  /** The compiled operation, the errors compiling it found (variables aside, validation already passed), or `interpreted`. */
  const compile = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null) => {
    const byName = compiled.get(document) ?? new Map<string, CompiledQuery | 'interpreted'>();
    compiled.set(document, byName);
    const key = operationName ?? '';
    const cached = byName.get(key);
    if (cached) return cached;
    if (fieldCount(schema, document, operation) > MAX_COMPILED_FIELDS) {
      byName.set(key, 'interpreted');
      return 'interpreted';
    }
    const result = compileQuery(schema, document, operationName ?? undefined);
    if (isCompiledQuery(result)) byName.set(key, result);
    return result;
  };

  return {
    async load() {
      return {
        executor: async ({ document, operation, operationName, request, source, context }) => {
          // No operation to run (several and no operationName, or an unknown one): graphql-js says why, and
          // Apollo answers it as OPERATION_RESOLUTION_FAILURE (400).
          if (!operation) return execute({ schema, document, operationName: request.operationName });
          // Variables are coerced by graphql-js: its messages, its BAD_USER_INPUT errors, and input
          // fields' defaults (graphql-jit 0.8.9 refuses an omitted non-null input field that has a default).
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (variables.errors) return { errors: variables.errors };
          const query = compile(document, operation, operationName);
          if (query === 'interpreted') return execute({ schema, document, operationName, contextValue: context, variableValues: request.variables });
          const result = isCompiledQuery(query) ? await query.query(undefined, context, variables.coerced) : query;
          return result.errors ? { ...result, errors: located(result.errors, new Source(source)) } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors as graphql-js reports them, which Apollo and the error
 * formatter rely on: `extensions` always an object, locations in the document,
 * the resolver's error as `originalError`.
 */
function located(errors: readonly GraphQLError[], source: Source): GraphQLError[] {
  const lineStarts = [0];
  for (let i = 0; i < source.body.length; i++) if (source.body[i] === '\n') lineStarts.push(i + 1);
  return errors.map(
    (error) =>
      new GraphQLError(error.message, {
        source,
        positions: error.locations?.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1),
        path: error.path,
        originalError: error.originalError ?? error,
        extensions: error.extensions,
      }),
  );
}
