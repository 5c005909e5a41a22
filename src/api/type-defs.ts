import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { projectRoot } from '../config';
import { entryKinds, type EntryKindRegistry } from '../model/kinds';

/**
 * The schema's SDL: the files in schema/, one per area, plus what the
 * registry of entry kinds declares: the `EntryKind` enum and one concrete
 * type per kind, whose fields are those of `interface Entry` (so a field added
 * to the interface is on every kind). codegen.ts reads the same SDL.
 */

const schemaDir = path.join(projectRoot, 'schema');

export function typeDefs(kinds: EntryKindRegistry = entryKinds): string[] {
  const files = fs
    .readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => fs.readFileSync(path.join(schemaDir, file), 'utf8'));
  return [...files, entryKindTypeDefs(files, kinds)];
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
