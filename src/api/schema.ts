import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { crossLinkResolvers } from '../cross-link/cross-link.resolvers';
import { editingResolvers } from '../editing/editing.resolvers';
import { entriesResolvers } from '../entries/entries.resolvers';
import { evidenceResolvers } from '../evidence/evidence.resolvers';
import type { CapabilityResolvers } from '../graphql/capability';
import { nodeResolvers } from '../graphql/node.resolvers';
import { typeNameOf, type TypedRecord } from '../graphql/type-names';
import { entryKinds, type EntryKindRegistry } from '../model/kinds';
import { navigationResolvers } from '../navigation/navigation.resolvers';
import { searchResolvers } from '../search/search.resolvers';
import { seeAlsoResolvers } from '../see-also/see-also.resolvers';
import { revisionsResolvers } from '../revisions/revisions.resolvers';
import { recordRootReads } from './root-reads';
import { typeDefs } from './type-defs';

const CAPABILITIES: CapabilityResolvers[] = [
  nodeResolvers,
  entriesResolvers,
  navigationResolvers,
  seeAlsoResolvers,
  { resolvers: evidenceResolvers },
  { resolvers: crossLinkResolvers },
  { resolvers: searchResolvers },
  { resolvers: editingResolvers },
  revisionsResolvers,
];

/**
 * The executable schema: the SDL (schema/ and the registry of entry kinds)
 * joined with each capability's resolvers. Every kind's concrete type gets
 * the entry fields the capabilities resolve, and the concrete type behind an
 * interface or union is told from the record's shape and the registry.
 * Query's fields record what they read for the response cache (root-reads.ts).
 */
export function buildSchema(kinds: EntryKindRegistry = entryKinds): GraphQLSchema {
  const entryFields = Object.assign({}, ...CAPABILITIES.map((capability) => capability.entryFields ?? {}));
  const resolveType = { __resolveType: (record: TypedRecord) => typeNameOf(record, kinds) };
  return recordRootReads(
    makeExecutableSchema({
      typeDefs: typeDefs(kinds),
      resolvers: [
        ...CAPABILITIES.map((capability) => capability.resolvers),
        Object.fromEntries(kinds.declarations.map((declaration) => [declaration.typeName, entryFields])),
        { Node: resolveType, Entry: resolveType, CrossLinkTarget: resolveType, SearchResult: resolveType },
      ],
      inheritResolversFromInterfaces: false,
    }),
  );
}
