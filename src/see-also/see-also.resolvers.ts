import type { CapabilityResolvers, EntryFieldResolvers } from '../graphql/capability';
import { seeAlsoPageOf } from '../graphql/limits';
import { encodeCursor } from '../graphql/pagination';

const entryFields: EntryFieldResolvers = {
  seeAlso: async (entry, args, { loaders }) => {
    const page = seeAlsoPageOf(args);
    const { edges, total } = await loaders.seeAlsoPage.load({ key: entry.slug, ...page });
    return {
      edges: edges.map((edge, index) => ({ ...edge, cursor: encodeCursor(page.offset + index) })),
      pageInfo: {
        hasNextPage: page.offset + edges.length < total,
        endCursor: edges.length ? encodeCursor(page.offset + edges.length - 1) : null,
      },
    };
  },
};

export const seeAlsoResolvers: CapabilityResolvers = {
  entryFields,
  resolvers: {
    SeeAlsoEdge: {
      node: async (edge, _args, { loaders }) => (await loaders.entryBySlug.load(edge.slug))!,
    },
  },
};
