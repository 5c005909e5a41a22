import type { QueryResolvers } from '../generated/graphql';
import type { CapabilityResolvers } from './capability';
import { fromGlobalId } from './global-id';

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
      case 'Revision':
        return loaders.revisionById.load(localId);
    }
  },
};

/** `node(id)`; the concrete types behind Node and the other interfaces are told apart by the schema assembly (src/api/schema.ts). */
export const nodeResolvers: CapabilityResolvers = { resolvers: { Query } };
