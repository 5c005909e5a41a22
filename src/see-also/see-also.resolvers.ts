import type { CapabilityResolvers, EntryFieldResolvers } from '../graphql/capability';
import { encodeCursor, pageOf, type Page } from '../graphql/pagination';
import { PANEL_SIZE } from './see-also.repository';

/** The largest page a client may ask for; stored panels hold two of them (PANEL_SIZE). */
const MAX_PAGE = PANEL_SIZE / 2;
const DEFAULT_PAGE = 10;

/** Validates the seeAlso field's `first` and `after`. */
export const seeAlsoPageOf = ({ first, after }: { first?: number | null; after?: string | null }): Page =>
  pageOf(first, after, MAX_PAGE, DEFAULT_PAGE);

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
