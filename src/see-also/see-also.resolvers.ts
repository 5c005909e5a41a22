import type { ConstructResolvers, Resolvers } from '../generated/graphql';
import { encodeCursor, pageOf } from '../graphql/pagination';

const MAX_PAGE = 50;

const seeAlsoFields: ConstructResolvers = {
  seeAlso: async (entry, { first, after }, { loaders }) => {
    const page = pageOf(first, after, MAX_PAGE, 10);
    const ranked = await loaders.seeAlsoBySlug.load(entry.slug);
    const edges = ranked.slice(page.offset, page.offset + page.limit);
    return {
      edges: edges.map((edge, index) => ({ ...edge, cursor: encodeCursor(page.offset + index) })),
      pageInfo: {
        hasNextPage: page.offset + edges.length < ranked.length,
        endCursor: edges.length ? encodeCursor(page.offset + edges.length - 1) : null,
      },
    };
  },
};

export const seeAlsoResolvers: Resolvers = {
  Construct: seeAlsoFields,
  Modality: seeAlsoFields,
  ProblemForWork: seeAlsoFields,
  Population: seeAlsoFields,
  Person: seeAlsoFields,
  Instrument: seeAlsoFields,
  SeeAlsoEdge: {
    node: async (edge, _args, { loaders }) => (await loaders.entryBySlug.load(edge.slug))!,
  },
};
