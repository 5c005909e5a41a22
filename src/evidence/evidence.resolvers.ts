import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { badInput } from '../errors';
import { toGlobalId } from '../graphql/global-id';
import { connectionOf, firstOf, pageOf } from '../graphql/pagination';

const MAX_EVIDENCE = 100;
const MAX_STATEMENT_CHARS = 2_000;

const Query: QueryResolvers = {
  evidence: async (_root, { statement, first }, { services }) => {
    const { limit } = pageOf(first, null, MAX_EVIDENCE, 10);
    if (statement.length > MAX_STATEMENT_CHARS) throw badInput(`"statement" is limited to ${MAX_STATEMENT_CHARS} characters.`, { argument: 'statement' });
    return services.evidence.claimsMatching(statement, limit);
  },
};

export const evidenceResolvers: Resolvers = {
  Query,
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
