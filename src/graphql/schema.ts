import fs from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { projectRoot } from '../config';
import { crossLinkResolvers } from '../cross-link/cross-link.resolvers';
import { editingResolvers } from '../editing/editing.resolvers';
import { entriesResolvers } from '../entries/entries.resolvers';
import { evidenceResolvers } from '../evidence/evidence.resolvers';
import { navigationResolvers } from '../navigation/navigation.resolvers';
import { searchResolvers } from '../search/search.resolvers';
import { seeAlsoResolvers } from '../see-also/see-also.resolvers';
import { nodeResolvers } from './node.resolvers';

const schemaDir = path.join(projectRoot, 'schema');

/** The SDL in schema/, in file-name order. */
export function readTypeDefs(): string[] {
  return fs
    .readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => fs.readFileSync(path.join(schemaDir, file), 'utf8'));
}

/** The executable schema: SDL from schema/ joined with each capability's resolvers. */
export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers: [nodeResolvers, entriesResolvers, navigationResolvers, seeAlsoResolvers, evidenceResolvers, crossLinkResolvers, searchResolvers, editingResolvers],
    inheritResolversFromInterfaces: false,
  });
}
