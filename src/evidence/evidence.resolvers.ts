import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { badInput } from '../errors';
import { toGlobalId } from '../graphql/global-id';
import { connectionOf, pageOf } from '../graphql/pagination';

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
    entries: (source, _args, { services }) => services.sources.entriesOf(source.key),
    claims: async (source, { first, after }, { services }) => {
      const page = pageOf(first, after, 100);
      const { total, claims } = await services.sources.claimsCiting(source.key, page.offset, page.limit);
      return connectionOf(claims, page, total);
    },
    mentions: async (source, _args, { services, loaders }) => {
      const mentions = await services.sources.mentionsOf(source.key);
      const loaded = await Promise.all(
        mentions.map((m) => (m.kind === 'ENTRY' ? loaders.entryBySlug.load(m.id) : loaders.keyTermById.load(m.id))),
      );
      return loaded.filter((target) => target !== null);
    },
  },
};
