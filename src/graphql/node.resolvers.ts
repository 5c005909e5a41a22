import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { fromGlobalId } from './global-id';
import { typeNameOf } from './type-names';

const Query: QueryResolvers = {
  node: async (_root, { id }, { loaders }) => {
    const { type, localId } = fromGlobalId(id);
    switch (type) {
      case 'Entry':
        return loaders.entryBySlug.load(localId);
      case 'Claim':
        return loaders.claimById.load(localId);
      case 'Source':
        return loaders.sourceByKey.load(localId);
      case 'KeyTerm':
        return loaders.keyTermById.load(localId);
    }
  },
};

/** Interfaces and unions whose members are told apart by the record's shape. */
export const nodeResolvers: Resolvers = {
  Query,
  Node: { __resolveType: (record) => typeNameOf(record as Parameters<typeof typeNameOf>[0]) },
  CrossLinkTarget: { __resolveType: (record) => typeNameOf(record) as never },
  SearchResult: { __resolveType: (record) => typeNameOf(record) as never },
};
