import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { ENTRY_NAME_FIELDS, type EntryRecord } from '../entries/records';
import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { badInput } from '../errors';
import { toGlobalId } from '../graphql/global-id';
import { connectionOf, firstOf, pageOf } from '../graphql/pagination';
import { selectsOnlyUnder } from '../graphql/selection';
import type { EntryDetail } from './evidence.repository';

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
 * How much of the hits' entries to read: their names only when that is all
 * `claim { entry }` asks (the contract's Evidence: `slug name`), which
 * `Claim.entry` then answers from each claim's `entryName`.
 */
const entryDetailOf = (info: GraphQLResolveInfo): EntryDetail => (selectsOnlyUnder(info, ['claim', 'entry'], ENTRY_NAME_FIELDS) ? 'names' : 'records');

const Query: QueryResolvers = {
  evidence: async (_root, { statement, first }, context, info) => {
    const { limit } = pageOf(first, null, MAX_EVIDENCE, 10);
    checkStatement(statement);
    const { supported, entries } = await context.services.evidence.rank(statement, limit, entryDetailOf(info));
    primeEntries(entries, context.loaders.entryBySlug);
    return supported;
  },
  uncitedMatches: async (_root, { statement, first }, context, info) => {
    const { limit } = pageOf(first, null, MAX_EVIDENCE, 10);
    checkStatement(statement);
    const { uncited, entries } = await context.services.evidence.rank(statement, limit, entryDetailOf(info));
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
