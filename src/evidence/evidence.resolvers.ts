import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { ENTRY_NAME_FIELDS, SOURCE_CITATION_FIELDS, type EntryRecord } from '../entries/records';
import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { badInput } from '../errors';
import { toGlobalId } from '../graphql/global-id';
import { connectionOf, firstOf, pageOf } from '../graphql/pagination';
import { selectsOnlyUnder } from '../graphql/selection';
import type { CandidateDetail } from './evidence.repository';

const MAX_EVIDENCE = 100;
const MAX_STATEMENT_CHARS = 2_000;

function checkStatement(statement: string): void {
  if (statement.length > MAX_STATEMENT_CHARS) throw badInput(`"statement" is limited to ${MAX_STATEMENT_CHARS} characters.`, { argument: 'statement' });
}

/** The ranking read the sentences' entries: `claim { entry }` needs no second query. */
function primeEntries(entries: EntryRecord[], entryBySlug: DataLoader<string, EntryRecord | null>): void {
  for (const entry of entries) entryBySlug.prime(entry.slug, entry);
}

/**
 * How much of the hits' entries and sources to read: their names only when
 * that is all `claim { entry }` asks (`Claim.entry` then answers from each
 * claim's `entryName`), and the sources as cited when that is all `sources`
 * and `claim { sources }` ask (the contract's Evidence asks both so). The
 * sources as cited are shown only under this field, which checked its
 * selection: no loader holds them.
 */
const candidateDetailOf = (info: GraphQLResolveInfo): CandidateDetail => ({
  entries: selectsOnlyUnder(info, ['claim', 'entry'], ENTRY_NAME_FIELDS) ? 'names' : 'records',
  sources:
    selectsOnlyUnder(info, 'sources', SOURCE_CITATION_FIELDS) && selectsOnlyUnder(info, ['claim', 'sources'], SOURCE_CITATION_FIELDS) ? 'citations' : 'records',
});

const Query: QueryResolvers = {
  evidence: async (_root, { statement, first }, context, info) => {
    const { limit } = pageOf(first, null, MAX_EVIDENCE, 10);
    checkStatement(statement);
    const { supported, entries } = await context.services.evidence.rank(statement, limit, candidateDetailOf(info));
    primeEntries(entries, context.loaders.entryBySlug);
    return supported;
  },
  uncitedMatches: async (_root, { statement, first }, context, info) => {
    const { limit } = pageOf(first, null, MAX_EVIDENCE, 10);
    checkStatement(statement);
    const { uncited, entries } = await context.services.evidence.rank(statement, limit, candidateDetailOf(info));
    primeEntries(entries, context.loaders.entryBySlug);
    return uncited;
  },
  sourcesFor: async (_root, { statement }, context) => {
    checkStatement(statement);
    const result = await context.services.evidence.sourcesFor(statement);
    primeEntries(result.entries, context.loaders.entryBySlug);
    return result;
  },
};

export const evidenceResolvers: Resolvers = {
  Query,
  EvidenceHit: {
    sources: (hit) => hit.claim.sources,
    matched: (hit) => hit.matches,
  },
  SupportingSource: {
    claims: (supporting, { first }) => supporting.claims.slice(0, pageOf(first, null, MAX_EVIDENCE, 10).limit),
  },
  StatementSources: {
    sources: (result, { first }) => result.sources.slice(0, pageOf(first, null, MAX_EVIDENCE, 10).limit),
    totalCount: (result) => result.sources.length,
  },
  Source: {
    id: (source) => toGlobalId('Source', source.key),
    entries: (source, { first }, { loaders }) => firstOf(first, () => loaders.entriesBySourceKey.load(source.key)),
    claims: async (source, { first, after }, { loaders }) => {
      const page = pageOf(first, after, 100);
      const { total, claims } = await loaders.claimsCitingSource.load({ key: source.key, ...page });
      return connectionOf(claims, page, total);
    },
    mentions: async (source, { first }, { loaders }) => {
      const mentions = await firstOf(first, () => loaders.mentionsBySourceKey.load(source.key));
      const loaded = await Promise.all(
        mentions.map((m) => (m.kind === 'ENTRY' ? loaders.entryBySlug.load(m.id) : loaders.keyTermById.load(m.id))),
      );
      return loaded.filter((target) => target !== null);
    },
  },
};
