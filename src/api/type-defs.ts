import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { projectRoot } from '../config';
import { entryKinds, type EntryKindRegistry } from '../model/kinds';
import { ENTRY_RELATIONS, type EntryRelationDeclaration } from '../model/relations';

/**
 * The schema's SDL: the files in schema/, one per area, plus what the
 * registries declare: the `EntryKind` enum and one concrete type per kind,
 * whose fields are those of `interface Entry` (so a field added to the
 * interface is on every kind), and the enums of relations. codegen.ts reads
 * the same SDL.
 */

const schemaDir = path.join(projectRoot, 'schema');

export function typeDefs(kinds: EntryKindRegistry = entryKinds, relations: readonly EntryRelationDeclaration[] = ENTRY_RELATIONS): string[] {
  const files = fs
    .readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => fs.readFileSync(path.join(schemaDir, file), 'utf8'));
  return [...files, entryKindTypeDefs(files, kinds), relationTypeDefs(relations)];
}

/**
 * From the registry of relations: `EntryRelation`, the relations editors may
 * set, and the see-also reasons the relations give (`SeeAlsoReasonKind`'s
 * own, curation and shared neighbours, are in schema/see-also.graphql).
 */
function relationTypeDefs(relations: readonly EntryRelationDeclaration[]): string {
  const value = (description: string, name: string) => `  ${JSON.stringify(description)}\n  ${name}`;
  const editable = relations.filter((relation) => relation.editable).map((relation) => value(relation.editorDescription ?? relation.description, relation.type));
  const reasons = relations.map((relation) => value(relation.description, relation.reason));
  return [
    `"The entry-level relations editors can add and remove."\nenum EntryRelation {\n${editable.join('\n')}\n}`,
    `extend enum SeeAlsoReasonKind {\n${reasons.join('\n')}\n}`,
  ].join('\n\n');
}

const ENUM_DESCRIPTION =
  'What an entry is. The front end relies on CONSTRUCT, MODALITY and PROBLEM_FOR_WORK; the rest are the people, populations and instruments articles name.';

function entryKindTypeDefs(files: string[], kinds: EntryKindRegistry): string {
  const entry = parse(files.join('\n')).definitions.find(
    (definition): definition is InterfaceTypeDefinitionNode => definition.kind === Kind.INTERFACE_TYPE_DEFINITION && definition.name.value === 'Entry',
  );
  if (!entry) throw new Error('schema/ declares no `interface Entry`');
  const values = kinds.declarations.map((declaration) => `  ${JSON.stringify(declaration.description)}\n  ${declaration.kind}`).join('\n');
  const types = kinds.declarations.map((declaration) => {
    const type: ObjectTypeDefinitionNode = {
      kind: Kind.OBJECT_TYPE_DEFINITION,
      name: { kind: Kind.NAME, value: declaration.typeName },
      description: { kind: Kind.STRING, value: `An entry of kind ${declaration.kind}: ${declaration.description}` },
      interfaces: [
        { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Entry' } },
        { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Node' } },
      ],
      fields: entry.fields,
    };
    return print(type);
  });
  return [`${JSON.stringify(ENUM_DESCRIPTION)}\nenum EntryKind {\n${values}\n}`, ...types].join('\n\n');
}
