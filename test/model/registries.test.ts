import { execute, parse } from 'graphql';
import { createContext } from '../../src/api/context';
import { buildSchema } from '../../src/api/schema';
import { typeDefs } from '../../src/api/type-defs';
import { anonymousViewer } from '../../src/auth/viewer';
import { ENTRY_KIND_DECLARATIONS, EntryKindRegistry, type EntryKindDeclaration } from '../../src/model/kinds';
import { ENTRY_RELATIONS } from '../../src/model/relations';
import { eraseGraph, openTestServices } from '../support/test-app';

/**
 * A kind is one declaration (issue 14): from a registry with one more kind,
 * the schema has its enum value and its concrete type with every field of
 * Entry, an entry of that kind answers as that type through the whole read
 * API, and the header parser reads the kind's spellings. Nothing else changes.
 */
const FRAMEWORK: EntryKindDeclaration = {
  kind: 'FRAMEWORK',
  typeName: 'Framework',
  description: 'A clinical framework (the Power Threat Meaning Framework).',
  headerSpelling: /^(clinical )?framework$/,
  benchShare: 0,
};

describe('the registries', () => {
  const kinds = new EntryKindRegistry([...ENTRY_KIND_DECLARATIONS, FRAMEWORK]);

  it('generate a kind: its enum value and a concrete type with the fields of interface Entry', () => {
    const schema = buildSchema(kinds);
    expect(schema.getType('EntryKind')?.toString()).toBe('EntryKind');
    expect((schema.getType('EntryKind') as import('graphql').GraphQLEnumType).getValue('FRAMEWORK')).toBeDefined();
    const framework = schema.getType('Framework') as import('graphql').GraphQLObjectType;
    const entry = schema.getType('Entry') as import('graphql').GraphQLInterfaceType;
    expect(Object.keys(framework.getFields()).sort()).toEqual(Object.keys(entry.getFields()).sort());
    expect(framework.getInterfaces().map((i) => i.name).sort()).toEqual(['Entry', 'Node']);
  });

  it('read an article header in the new kind\'s spellings, singular or plural', () => {
    expect(kinds.kindOfHeader('Frameworks')).toBe('FRAMEWORK');
    expect(kinds.kindOfHeader('clinical-framework')).toBe('FRAMEWORK');
    expect(new EntryKindRegistry().kindOfHeader('Frameworks')).toBeUndefined();
  });

  it('answer an entry of the new kind as its type, with every capability\'s fields', async () => {
    const services = await openTestServices();
    try {
      await eraseGraph(services.graph);
      await services.graph.write((tx) =>
        tx.run(`CREATE (:Entry {slug: 'ptm-framework', name: 'Power Threat Meaning Framework', kind: 'FRAMEWORK', aliases: [], hasArticle: false})`),
      );
      const result = await execute({
        schema: buildSchema(kinds),
        document: parse(`{ entry(slug: "ptm-framework") { __typename kind name ... on Framework { slug backlinks { slug } seeAlso(first: 5) { edges { score } } ingestWarnings { line } } } }`),
        contextValue: createContext(services, anonymousViewer('127.0.0.1')),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        entry: { __typename: 'Framework', kind: 'FRAMEWORK', name: 'Power Threat Meaning Framework', slug: 'ptm-framework', backlinks: [], seeAlso: { edges: [] }, ingestWarnings: [] },
      });
    } finally {
      await services.close();
    }
  });

  it('generate the relation enums from the relations declared', () => {
    const sdl = typeDefs().join('\n');
    for (const relation of ENTRY_RELATIONS) {
      expect(sdl).toContain(`  ${relation.reason}\n`);
      if (relation.editable) expect(sdl).toMatch(new RegExp(`enum EntryRelation \\{[^}]*\\b${relation.type}\\b`));
    }
  });
});
