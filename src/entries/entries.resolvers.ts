import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { QueryResolvers } from '../generated/graphql';
import type { CapabilityResolvers, EntryFieldResolvers } from '../graphql/capability';
import { toGlobalId } from '../graphql/global-id';
import { connectionOf, pageOf } from '../graphql/pagination';
import { seeAlsoPageOf } from '../graphql/limits';
import { selectedFieldArguments, selectsAnyField, selectsOnly } from '../graphql/selection';
import { entryTag } from '../graph/cache-tags';
import type { ParseWarning } from '../model/article';
import { ENTRY_NAME_FIELDS, type ArticleContent, type EntryRecord } from './records';

const MAX_PAGE = 100;

const content = async (entry: EntryRecord, { loaders }: { loaders: { articleContent: DataLoader<string, ArticleContent | null> } }): Promise<ArticleContent | null> =>
  entry.hasArticle ? loaders.articleContent.load(entry.slug) : null;

/** Fields every entry type shares; attached to each concrete type below. */
const entryFields: EntryFieldResolvers = {
  id: (entry) => toGlobalId('Entry', entry.slug),
  figure: async (entry, _args, context) => {
    const article = await content(entry, context);
    if (!article || (!entry.figureDescription && !article.figureCaption)) return null;
    return { description: entry.figureDescription, caption: article.figureCaption };
  },
  sections: async (entry, _args, context) => (await content(entry, context))?.sections ?? [],
  keyTerms: async (entry, _args, context) => (await content(entry, context))?.keyTerms ?? [],
  sources: async (entry, _args, context) => (await content(entry, context))?.sources ?? [],
  smartObjectives: async (entry, _args, context) => (await content(entry, context))?.smartObjectives ?? [],
  reflectiveQuestions: async (entry, _args, context) => (await content(entry, context))?.reflectiveQuestions ?? [],
  uncitedClaims: async (entry, { first, after }, { loaders }) => {
    const page = pageOf(first, after, MAX_PAGE);
    const { total, claims } = await loaders.uncitedClaimsOfEntry.load({ key: entry.slug, ...page });
    return connectionOf(claims, page, total);
  },
  ingestWarnings: (entry) => entry.ingestWarnings.map((stored) => JSON.parse(stored) as ParseWarning),
};

/** Fields read from the article's content: asking for any reads the entry with its content, in one query. */
const CONTENT_FIELDS = new Set(['sections', 'keyTerms', 'sources', 'smartObjectives', 'reflectiveQuestions', 'figure']);

const Query: QueryResolvers = {
  // An article page or a see-also panel is one query: the entry is read with its content, or with
  // the page of its panel, when the selection asks for them (the loaders prime what they read).
  entry: async (_root, { slug }, { loaders }, info) => {
    const content = selectsAnyField(info, CONTENT_FIELDS) ? loaders.articleContent.load(slug) : null;
    const seeAlso = seeAlsoPageSelected(info);
    if (seeAlso) {
      void content?.catch(() => undefined);
      return loaders.entryWithSeeAlsoPage.load({ key: slug, ...seeAlso });
    }
    // A failed content read fails the entry's own read as well, which reports it.
    if (content) await content.catch(() => undefined);
    return loaders.entryBySlug.load(slug);
  },
  entries: async (_root, { kind, first, after }, { services }) => {
    const page = pageOf(first, after, MAX_PAGE);
    const { total, entries } = await services.entries.listEntries(kind ?? null, page.offset, page.limit);
    return connectionOf(entries, page, total);
  },
  articlesNeedingReview: async (_root, { first, after }, { services }) => {
    const page = pageOf(first, after, MAX_PAGE);
    const { total, entries } = await services.entries.listEntriesWithWarnings(page.offset, page.limit);
    return connectionOf(entries, page, total);
  },
};

/** The page the selection's `seeAlso` asks for; null when it is not selected or its arguments are invalid (its resolver reports them). */
function seeAlsoPageSelected(info: GraphQLResolveInfo) {
  const args = selectedFieldArguments(info, 'seeAlso');
  if (!args) return null;
  try {
    return seeAlsoPageOf(args);
  } catch {
    return null;
  }
}

export const entriesResolvers: CapabilityResolvers = {
  entryFields,
  resolvers: {
  Query,
  Claim: {
    id: (claim) => toGlobalId('Claim', claim.id),
    // A claim read with its entry's name (evidence) answers a selection of the name's fields without a query.
    entry: async (claim, _args, { loaders, reads }, info) => {
      if (claim.entryName && selectsOnly(info, ENTRY_NAME_FIELDS)) {
        reads.add(entryTag(claim.entrySlug));
        return claim.entryName as EntryRecord;
      }
      return (await loaders.entryBySlug.load(claim.entrySlug))!;
    },
  },
  KeyTerm: {
    id: (term) => toGlobalId('KeyTerm', term.id),
    entry: async (term, _args, { loaders }) => (await loaders.entryBySlug.load(term.entrySlug))!,
  },
  },
};
