import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { badInput } from '../errors';
import { encodeCursor, pageOf } from '../graphql/pagination';

const MAX_PAGE = 50;
const MAX_QUERY_CHARS = 500;

const Query: QueryResolvers = {
  search: async (_root, { query, first, after }, { services }) => {
    const page = pageOf(first, after, MAX_PAGE, 10);
    if (query.length > MAX_QUERY_CHARS) throw badInput(`"query" is limited to ${MAX_QUERY_CHARS} characters.`, { argument: 'query' });
    const hits = await services.search.search(query, page.offset, page.limit + 1);
    const edges = hits.slice(0, page.limit).map((hit, index) => ({
      cursor: encodeCursor(page.offset + index),
      score: hit.score,
      node: hit.node.kind === 'ENTRY' ? hit.node.entry : hit.node.kind === 'KEY_TERM' ? hit.node.keyTerm : hit.node.source,
    }));
    return { edges, pageInfo: { hasNextPage: hits.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null } };
  },
};

export const searchResolvers: Resolvers = { Query };
