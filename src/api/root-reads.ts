import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { GRAPH_WIDE, suggestionTag, VOCABULARY } from '../graph/cache-tags';
import type { QueryResolvers } from '../generated/graphql';
import type { Context } from './context';

/**
 * What each field of Query reads beyond what the loaders record (loaders.ts),
 * as cache tags (src/graph/cache-tags.ts). Every field is listed (TypeScript
 * holds it): a new one must say what it reads. Fields that read across the
 * whole graph (ranking, search, paths, lists of entries) say GRAPH_WIDE, which
 * every write changes.
 */
const ROOT_READS: Record<keyof QueryResolvers, (args: Record<string, unknown>) => string[]> = {
  // By key, through the loaders.
  entry: () => [],
  node: () => [],
  // Every entry's linking names: the cross-link dictionary. The targets are loaded through the loaders.
  crossLink: () => [VOCABULARY],
  entries: () => [GRAPH_WIDE],
  articlesNeedingReview: () => [GRAPH_WIDE],
  evidence: () => [GRAPH_WIDE],
  uncitedMatches: () => [GRAPH_WIDE],
  sourcesFor: () => [GRAPH_WIDE],
  search: () => [GRAPH_WIDE],
  path: () => [GRAPH_WIDE],
  pendingRevisions: () => [GRAPH_WIDE],
  revisionSuggestions: () => [GRAPH_WIDE],
  suggestion: ({ id }) => [suggestionTag(String(id))],
};

/**
 * Fields whose answer depends on who asks: a reader's own suggestion (null for
 * anyone else), lists for editors only. A response holding one is private:
 * neither the response cache nor any shared cache (a CDN) may keep it.
 */
const ANSWERS_FOR_THE_VIEWER: ReadonlySet<string> = new Set<keyof QueryResolvers>(['suggestion', 'pendingRevisions', 'revisionSuggestions']);

/** Wraps every Query field's resolver so that it records what ROOT_READS says it reads before it runs. */
export function recordRootReads(schema: GraphQLSchema): GraphQLSchema {
  for (const [name, field] of Object.entries(schema.getQueryType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    // A field unknown here (none, while TypeScript holds ROOT_READS whole) is taken to read everything.
    const reads = (ROOT_READS as Record<string, ((args: Record<string, unknown>) => string[]) | undefined>)[name] ?? (() => [GRAPH_WIDE]);
    const forTheViewer = ANSWERS_FOR_THE_VIEWER.has(name);
    field.resolve = (root, args: Record<string, unknown>, context: Context, info) => {
      context.reads.add(...reads(args));
      if (forTheViewer) context.reads.dependsOnViewer();
      return resolve(root, args, context, info);
    };
  }
  return schema;
}
