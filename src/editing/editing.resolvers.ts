import type DataLoader from 'dataloader';
import { isEditor, requireEditor } from '../auth/viewer';
import { revisionId } from '../revisions/records';
import type { EntryRecord, SourceRecord } from '../entries/records';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../generated/graphql';
import { connectionOf, pageOf } from '../graphql/pagination';

const MAX_PAGE = 100;

/** Later fields of the same request read what the mutation wrote, not what the loaders cached before it. */
function remember(entryBySlug: DataLoader<string, EntryRecord | null>, ...entries: EntryRecord[]): void {
  for (const entry of entries) entryBySlug.clear(entry.slug).prime(entry.slug, entry);
}

function rememberSource(sourceByKey: DataLoader<string, SourceRecord | null>, source: SourceRecord): void {
  sourceByKey.clear(source.key).prime(source.key, source);
}

/**
 * The write API. Editors-only resolvers check the viewer before reading any
 * argument (UNAUTHENTICATED / FORBIDDEN); the service validates, writes in one
 * transaction and says what changed.
 */
const Mutation: MutationResolvers = {
  ingestArticle: async (_root, { text, strict, expectedRevision, note }, context) => {
    requireEditor(context.viewer);
    const { report, entry } = await context.services.editing.ingestArticle(text, { strict: strict ?? false, expectedRevision, note }, context.viewer.subject!);
    remember(context.loaders.entryBySlug, entry);
    context.loaders.articleContent.clear(entry.slug);
    return {
      status: report.status,
      changed: report.status !== 'UNCHANGED',
      entry,
      claims: report.claims,
      sources: report.sources,
      keyTerms: report.keyTerms,
      unresolvedSeeAlso: report.unresolvedSeeAlso,
      warnings: report.warnings,
      relinkedNames: report.relinkedNames,
    };
  },

  ingestOutsideReading: async (_root, { title, text, url }, context) => {
    requireEditor(context.viewer);
    const { report, source } = await context.services.editing.ingestOutsideReading({ title, text, url });
    rememberSource(context.loaders.sourceByKey, source);
    return { status: report.status, changed: report.status !== 'UNCHANGED', source, mentions: report.mentions };
  },

  upsertEntry: async (_root, { input }, context) => {
    requireEditor(context.viewer);
    const result = await context.services.editing.upsertEntry(
      {
        slug: input.slug,
        name: input.name,
        kind: input.kind,
        aliases: input.aliases,
        expectedRevision: input.expectedRevision,
        note: input.note,
        ...('summary' in input ? { summary: input.summary ?? null } : {}),
      },
      context.viewer.subject!,
    );
    remember(context.loaders.entryBySlug, result.entry);
    return result;
  },

  linkEntries: async (_root, args, context) => {
    requireEditor(context.viewer);
    const result = await context.services.editing.linkEntries(args, context.viewer.subject!);
    remember(context.loaders.entryBySlug, result.from, result.to);
    context.loaders.lineageBySlug.clearAll();
    context.loaders.targetsBySlug.clearAll();
    context.loaders.indicatedForBySlug.clearAll();
    context.loaders.backlinksBySlug.clearAll();
    return result;
  },

  unlinkEntries: async (_root, args, context) => {
    requireEditor(context.viewer);
    const result = await context.services.editing.unlinkEntries(args, context.viewer.subject!);
    remember(context.loaders.entryBySlug, result.from, result.to);
    context.loaders.lineageBySlug.clearAll();
    context.loaders.targetsBySlug.clearAll();
    context.loaders.indicatedForBySlug.clearAll();
    context.loaders.backlinksBySlug.clearAll();
    return result;
  },

  setSeeAlso: async (_root, { slug, targets, expectedRevision, note }, context) => {
    requireEditor(context.viewer);
    const result = await context.services.editing.setSeeAlso(slug, targets, context.viewer.subject!, { expectedRevision, note });
    remember(context.loaders.entryBySlug, result.entry);
    context.loaders.backlinksBySlug.clearAll();
    return result;
  },

  retractSource: async (_root, { id, reason }, context) => {
    requireEditor(context.viewer);
    const result = await context.services.editing.retractSource(id, reason, context.viewer.subject!);
    rememberSource(context.loaders.sourceByKey, result.source);
    // Claims and articles embed their cited sources: read them afresh.
    context.loaders.articleContent.clearAll();
    context.loaders.claimById.clearAll();
    context.loaders.keyTermById.clearAll();
    return result;
  },

  revertEntry: async (_root, { slug, toRevision, expectedRevision, note }, context) => {
    requireEditor(context.viewer);
    const result = await context.services.editing.revertEntry(slug, toRevision, expectedRevision, context.viewer.subject!, note);
    remember(context.loaders.entryBySlug, result.entry);
    context.loaders.articleContent.clear(result.entry.slug);
    return result;
  },

  resolveSuggestion: async (_root, { id, decision, reason, revision }, context) => {
    requireEditor(context.viewer);
    return context.services.editing.resolveSuggestion(id, decision, reason, revision, context.viewer.subject!);
  },

  upvoteEntry: async (_root, { slug }, context) => {
    const result = await context.services.editing.upvoteEntry(slug, context.viewer.clientId);
    remember(context.loaders.entryBySlug, result.entry);
    return result;
  },

  suggestRevision: async (_root, { input }, context) =>
    context.services.editing.suggestRevision(
      {
        slug: input.slug,
        text: input.text,
        sources: input.sources,
        creditPreference: input.creditPreference ?? 'ANONYMOUS',
        creditName: input.creditName,
      },
      context.viewer.clientId,
    ),
};

const Query: QueryResolvers = {
  pendingRevisions: async (_root, { first, after }, context) => {
    requireEditor(context.viewer);
    const page = pageOf(first, after, MAX_PAGE);
    const { total, suggestions } = await context.services.editing.suggestions('PENDING', page.offset, page.limit);
    return connectionOf(suggestions, page, total);
  },
  revisionSuggestions: async (_root, { status, first, after }, context) => {
    requireEditor(context.viewer);
    const page = pageOf(first, after, MAX_PAGE);
    const { total, suggestions } = await context.services.editing.suggestions(status ?? null, page.offset, page.limit);
    return connectionOf(suggestions, page, total);
  },
  suggestion: async (_root, { id }, context) =>
    context.services.editing.suggestion(id, { clientId: context.viewer.clientId, editor: isEditor(context.viewer) }),
};

export const editingResolvers: Resolvers = {
  Mutation,
  Query,
  RevisionSuggestion: {
    entry: async (suggestion, _args, { loaders }) => (await loaders.entryBySlug.load(suggestion.entrySlug))!,
    acceptedIn: (suggestion, _args, { loaders }) =>
      suggestion.acceptedIn === null ? null : loaders.revisionById.load(revisionId(suggestion.entrySlug, suggestion.acceptedIn)),
  },
  SuggestionStatusChange: {
    // Editors see who decided; the suggestion's author sees the decision.
    editor: (change, _args, { viewer }) => (isEditor(viewer) ? change.editor : null),
    revision: (change, _args, { loaders }) => (change.revision === null ? null : loaders.revisionById.load(revisionId(change.entrySlug, change.revision))),
  },
  RevertEntryPayload: {
    revision: async (result, _args, { loaders }) => (await loaders.revisionById.load(revisionId(result.entry.slug, result.revision)))!,
  },
  RelinkedName: {
    from: async (change, _args, { loaders }) => (await loaders.entryBySlug.load(change.from))!,
    to: async (change, _args, { loaders }) => (await loaders.entryBySlug.load(change.to))!,
  },
};
