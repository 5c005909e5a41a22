import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isLeafType,
  isListType,
  Kind,
  SchemaMetaFieldDef,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../config';
import { fieldCount } from './field-count';
import { MAX_CROSS_LINK_CHARS } from './limits';

/**
 * Limits on what one request may ask for, checked before anything runs:
 *
 * - depth (GRAPHQL_MAX_DEPTH), aliases (GRAPHQL_MAX_ALIASES), directives
 *   (MAX_DIRECTIVES), operations per document (GRAPHQL_MAX_OPERATIONS),
 *   fields once fragments and abstract types are expanded (GRAPHQL_MAX_FIELDS),
 *   and introspection's depth and `__schema` count: validation rules;
 * - tokens per document (MAX_TOKENS): the parser stops early;
 * - cost (GRAPHQL_MAX_COST) and crossLink text (MAX_CROSS_LINK_TEXT): estimated
 *   once the operation and its variables are known, so `first: $n` and
 *   `crossLink(text: $t)` count with their real values (see `costEstimator`).
 *
 * Every rejection is GRAPHQL_VALIDATION_FAILED (HTTP 400) with a message that
 * names the limit, and nothing executes.
 */

/** The parser gives up past this many tokens: no legitimate query comes close. */
export const MAX_TOKENS = 5_000;
export const MAX_DIRECTIVES = 50;

/** The assumed length of a list that takes no `first` (an article's sections, claims, sources ...). */
export const DEFAULT_LIST_SIZE = 10;
/** Every mutation field costs this much on top of what it selects. */
export const MUTATION_COST = 10;
/**
 * crossLink returns at most one span per this many characters of its text: a
 * span is at least one character (NFKC turns a ligature such as "ﬁ" into a
 * two-letter name) and spans are separated by at least one.
 */
export const CROSS_LINK_CHARS_PER_SPAN = 2;
/** The crossLink text one request may send in all, however its aliases share it out: what one call takes. */
export const MAX_CROSS_LINK_TEXT = MAX_CROSS_LINK_CHARS;
/**
 * How deep `__schema` may be asked for (the depth limit does not count it):
 * graphql-js's full introspection query is 15 deep; 5 more levels leave room
 * for tools that ask for deeper type references (`ofType`).
 */
export const MAX_INTROSPECTION_DEPTH = 20;
/** The cost estimator walks at most this many selections (graphql-query-complexity's own guard); past it the query is refused. */
export const MAX_COST_NODES = 10_000;

const limitError = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...extensions, http: { status: 400 } } });

/** Reports an armor rejection through the validation context (so it is a 400), never by throwing. */
const report = (context: ValidationContext | null, error: GraphQLError) =>
  context?.reportError(limitError(error.message.replace(/^Syntax Error: /, '')));

const armorOptions = { propagateOnRejection: false, onReject: [report], exposeLimits: true };

/** At most `max` operations in one document (only one runs, but each is parsed and validated). */
export function maxOperationsRule(max: number): ValidationRule {
  return (context) => ({
    Document(node) {
      const operations = node.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
      if (operations > max) context.reportError(limitError(`A document may hold at most ${max} operations; this one has ${operations}.`, { limit: 'operations' }));
    },
  });
}

/**
 * At most `max` fields per operation as field-count.ts counts them (fragments
 * expanded, abstract selections once per type). Compiling an operation costs
 * time in proportion to that count, and 1 KB of fragments spreading each other
 * twice (or a few levels of nested interfaces) reaches millions: they are
 * refused here, before anything compiles.
 */
export function maxFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const count = fieldCount(context.getSchema(), context.getDocument(), operation);
      if (count > max) {
        context.reportError(
          limitError(`The operation expands to more than ${max} fields (fragments expanded, a selection on an interface or union once per type it can be).`, {
            limit: 'fields',
            maxFields: max,
          }),
        );
      }
      return false;
    },
  });
}

/**
 * `__schema` at most once per operation, fragments expanded: each is the whole
 * schema (~150 KB), and a second one, under another alias, is the same answer again.
 */
export function singleSchemaIntrospectionRule(): ValidationRule {
  return (context) => {
    const perFragment = new Map<string, number>();
    const count = (selectionSet: SelectionSetNode): number =>
      selectionSet.selections.reduce((sum, selection) => {
        if (selection.kind === Kind.FIELD) return sum + (selection.name.value === SchemaMetaFieldDef.name ? 1 : 0);
        if (selection.kind === Kind.INLINE_FRAGMENT) return sum + count(selection.selectionSet);
        const name = selection.name.value;
        if (!perFragment.has(name)) {
          // Set first: a fragment cycle (which validation refuses) counts nothing more.
          perFragment.set(name, 0);
          const fragment = context.getFragment(name);
          perFragment.set(name, fragment ? count(fragment.selectionSet) : 0);
        }
        return sum + perFragment.get(name)!;
      }, 0);
    return {
      OperationDefinition(operation) {
        const schemas = count(operation.selectionSet);
        if (schemas > 1) context.reportError(limitError(`An operation may ask for __schema at most once; this one asks ${schemas} times.`, { limit: 'introspection' }));
        return false;
      },
    };
  };
}

export function queryLimitRules(config: Config['graphql']): ValidationRule[] {
  const introspectionDepth = Math.max(MAX_INTROSPECTION_DEPTH, config.maxDepth);
  return [
    maxDepthRule({ ...armorOptions, n: config.maxDepth, ignoreIntrospection: true, flattenFragments: true }),
    // The same rule counting `__schema` too: with the limit above it only ever refuses deep introspection.
    maxDepthRule({
      ...armorOptions,
      n: introspectionDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      exposeLimits: false,
      errorMessage: `Introspection depth limit of ${introspectionDepth} exceeded.`,
    }),
    maxAliasesRule({ ...armorOptions, n: config.maxAliases }),
    maxDirectivesRule({ ...armorOptions, n: MAX_DIRECTIVES }),
    maxOperationsRule(config.maxOperations),
    maxFieldsRule(config.maxFields),
    singleSchemaIntrospectionRule(),
  ] as ValidationRule[];
}

/**
 * The operation and what of its variables a cost depends on: Int and Boolean
 * values (`first`, @skip/@include) and the length of String values
 * (crossLink's text). Built from coerced values, so it is numbers only.
 */
function costKey(operation: OperationDefinitionNode, variables: Record<string, unknown>): string {
  const values = (operation.variableDefinitions ?? []).map(({ variable }) => {
    const value = variables[variable.name.value];
    if (typeof value === 'string') return value.length;
    return typeof value === 'number' || typeof value === 'boolean' ? value : null;
  });
  return JSON.stringify([operation.name?.value ?? null, values]);
}

/**
 * The cost model. Scalars and enums are free (they come with their object).
 * An object costs 1. A list costs (1 + its selection) per item, for `first`
 * items when the field takes `first` (its default when not given), else
 * DEFAULT_LIST_SIZE items; a connection counts the same way, and its
 * `edges` / `pageInfo` / `totalCount` add nothing more. crossLink is a list of
 * as many spans as its text can hold (one per CROSS_LINK_CHARS_PER_SPAN
 * characters). Mutations add MUTATION_COST each. Introspection counts like any
 * other selection: it never reaches the database, but its answers are large.
 *
 * E.g. `entries(first: 100) { edges { node { sections { claims { text } } } } }`
 * = 100 × (1 + 1 + 10 × (1 + 10 × 1)) = 11,200.
 *
 * It reads no argument but `first` (an Int) and crossLink's `text` (its
 * length): costKey relies on it.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (type.name.endsWith('Connection')) return childComplexity;
  const named = getNamedType(field.type);
  if (isLeafType(named)) return 0;
  const own = type.name === 'Mutation' ? MUTATION_COST : 0;
  const isList = isListType(getNullableType(field.type));
  const crossLink = crossLinkText({ type, field, args });
  if (crossLink !== null) return Math.ceil(crossLink.length / CROSS_LINK_CHARS_PER_SPAN) * (1 + childComplexity);
  const first = typeof args.first === 'number' && Number.isFinite(args.first) ? Math.max(1, Math.floor(args.first)) : null;
  if (first !== null) return own + first * (1 + childComplexity);
  if (isList) return own + DEFAULT_LIST_SIZE * (1 + childComplexity);
  return own + 1 + childComplexity;
};

/** The text a selection of `Query.crossLink` matches, or null for any other field. */
const crossLinkText = ({ type, field, args }: Pick<Parameters<ComplexityEstimator>[0], 'type' | 'field' | 'args'>): string | null =>
  type.name === 'Query' && field.name === 'crossLink' && typeof args.text === 'string' ? args.text : null;

/** What the limits read of an operation: its cost, and the crossLink text it sends in all. */
interface Estimate {
  cost: number;
  crossLinkChars: number;
}

/** The operation's estimate; any failure of the estimator is thrown as a refusal, never taken for a low cost. */
function estimate(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): Estimate {
  let crossLinkChars = 0;
  // Returns nothing, so costEstimator prices every field; it sees each crossLink that would run (@skip/@include applied).
  const tallyCrossLinkText: ComplexityEstimator = (field) => {
    crossLinkChars += crossLinkText(field)?.length ?? 0;
  };
  try {
    const cost = getComplexity({
      schema,
      query: document,
      variables,
      operationName: operation.name?.value,
      estimators: [tallyCrossLinkText, costEstimator],
      maxQueryNodes: MAX_COST_NODES,
    });
    return { cost, crossLinkChars };
  } catch {
    throw limitError('The query is too large to estimate its cost; ask for fewer fields.', { limit: 'cost' });
  }
}

/** Distinct variable values remembered per document before its estimates are forgotten. */
const COSTS_PER_DOCUMENT = 256;

/**
 * Rejects operations whose estimated cost is over `maxCost`, or that send more
 * than MAX_CROSS_LINK_TEXT characters to crossLink, before they execute.
 *
 * An estimate depends on the document and only on some of its variables
 * (costKey), so it is computed once per document and those values: a repeated
 * operation with another slug costs one lookup. Apollo hands back the same
 * document object for the same query text.
 */
export function costLimitPlugin(schema: () => GraphQLSchema, maxCost: number): ApolloServerPlugin {
  const estimates = new WeakMap<DocumentNode, Map<string, Estimate>>();
  const estimateOf = (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): Estimate | null => {
    const coerced = getVariableValues(schema(), operation.variableDefinitions ?? [], variables);
    // Not remembered: the executor refuses these variables with graphql-js's message, and other values may be fine.
    if (coerced.errors) return null;
    const known = estimates.get(document) ?? new Map<string, Estimate>();
    estimates.set(document, known);
    const key = costKey(operation, coerced.coerced);
    const remembered = known.get(key);
    if (remembered) return remembered;
    const fresh = estimate(schema(), document, operation, variables);
    if (known.size >= COSTS_PER_DOCUMENT) known.clear();
    known.set(key, fresh);
    return fresh;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          // No operation to run (several and no operationName, or an unknown one): Apollo refuses it next with OPERATION_RESOLUTION_FAILURE.
          if (!operation) return;
          const found = estimateOf(document, operation, request.variables ?? {});
          if (found === null) return;
          if (found.crossLinkChars > MAX_CROSS_LINK_TEXT) {
            throw limitError(`A request may send at most ${MAX_CROSS_LINK_TEXT} characters of crossLink text; this one asks for ${found.crossLinkChars}.`, {
              limit: 'crossLinkText',
            });
          }
          if (found.cost > maxCost) {
            throw limitError(`The query's estimated cost ${found.cost} is over the limit of ${maxCost}; ask for smaller pages (first), fewer nested lists or shorter texts.`, {
              limit: 'cost',
              cost: found.cost,
              maxCost,
            });
          }
        },
      };
    },
  };
}
