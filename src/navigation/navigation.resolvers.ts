import type { QueryResolvers } from '../generated/graphql';
import type { CapabilityResolvers, EntryFieldResolvers } from '../graphql/capability';
import { badInput } from '../errors';
import { firstOf } from '../graphql/pagination';
import { MAX_PATH_HOPS } from './navigation.repository';

const entryFields: EntryFieldResolvers = {
  lineage: (entry, { first }, { loaders }) => firstOf(first, () => loaders.lineageBySlug.load(entry.slug)),
  targets: (entry, { first }, { loaders }) => firstOf(first, () => loaders.targetsBySlug.load(entry.slug)),
  indicatedFor: (entry, { first }, { loaders }) => firstOf(first, () => loaders.indicatedForBySlug.load(entry.slug)),
  backlinks: (entry, { first }, { loaders }) => firstOf(first, () => loaders.backlinksBySlug.load(entry.slug)),
};

const Query: QueryResolvers = {
  path: async (_root, { from, to, maxHops }, { services, loaders }) => {
    const hops = maxHops ?? 4;
    if (!Number.isInteger(hops) || hops < 1 || hops > MAX_PATH_HOPS) {
      throw badInput(`"maxHops" must be between 1 and ${MAX_PATH_HOPS}.`, { argument: 'maxHops' });
    }
    if (from === to) {
      const entry = await loaders.entryBySlug.load(from);
      return entry ? { length: 0, from: entry, steps: [] } : null;
    }
    return services.navigation.shortestPath(from, to, hops);
  },
};

export const navigationResolvers: CapabilityResolvers = {
  entryFields,
  resolvers: {
    Query,
    LineageLink: {
      claim: (link, _args, { loaders }) => (link.claimId ? loaders.claimById.load(link.claimId) : null),
    },
  },
};
