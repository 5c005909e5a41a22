import type { EntryKind } from './kinds';

/**
 * The registry of relations between entries that articles state: one
 * declaration per relation, read by everything that depends on which
 * relations exist. Ingest derives them from where an article names an entry
 * (derive-relations.ts) and writes them (links.repository.ts), navigation and
 * see-also walk them (their Cypher lists the types from here), see-also ranks
 * and labels them, editors add and remove the editable ones, and the GraphQL
 * enums `EntryRelation` and `SeeAlsoReasonKind` are generated from it
 * (src/api/type-defs.ts).
 *
 * Adding a relation: a declaration here (recipe in docs/model.md). The
 * curated SEE_ALSO lists are editors' and articles' own, not stated in
 * sentences, and are not declared here.
 */

export interface EntryRelationDeclaration {
  /** The relationship type in Neo4j, and its value in `EntryRelation` when editors may set it. */
  type: string;
  /** How see-also panels call a connection through it (`SeeAlsoReasonKind`). */
  reason: string;
  /** The reason's description in the schema. */
  description: string;
  /**
   * Read from an article: a sentence in a section whose heading matches names
   * an entry of one of `targetKinds`. Null: any entry named anywhere else.
   */
  section: RegExp | null;
  targetKinds: readonly EntryKind[] | 'ANY';
  /** Editors may add and remove it (`linkEntries`, `unlinkEntries`); `editorDescription` documents it there. */
  editable: boolean;
  editorDescription?: string;
  /** The kinds an editor's link must point at; absent: any kind. */
  editorTargetKinds?: readonly EntryKind[];
  /** Named by the sentence that states it ("grows out of", "extends" …), kept on the edge as `relation`. */
  named?: (sentence: string) => string;
  /** How much one such connection weighs in a see-also panel (docs/see-also.md). */
  seeAlsoWeight: number;
  /** A see-also reason's words: the entry the edge starts from, the one it points at, its `relation` when named. */
  label: (subject: string, object: string, relation: string | null) => string;
}

/** How the sentence names a lineage relation; the first phrase found wins. */
const LINEAGE_PHRASES: Array<[RegExp, string]> = [
  [/\b(grows?|grew|growing)\s+(directly\s+)?out\s+of\b|\bderives?\s+from\b|\brooted\s+in\b/i, 'grows out of'],
  [/\boriginat(ed|es|ing)\s+(in|from|within)\b/i, 'originates in'],
  [/\bsits?\s+alongside\b|\balongside\b|\bparallels?\b|\bakin\s+to\b/i, 'sits alongside'],
  [/\bextend(s|ed|ing)?\b/i, 'extends'],
  [/\bsynthes[iy][sz]/i, 'synthesised in'],
];

export function lineageRelationOf(sentence: string): string {
  for (const [pattern, relation] of LINEAGE_PHRASES) if (pattern.test(sentence)) return relation;
  return 'draws on';
}

export const ENTRY_RELATION_DECLARATIONS = [
  {
    type: 'LINEAGE',
    reason: 'LINEAGE',
    description: 'A lineage relation (grows out of, extends, sits alongside ...).',
    section: /lineage|origins?|history|creators|roots/i,
    targetKinds: ['CONSTRUCT', 'MODALITY', 'PERSON', 'INSTRUMENT'],
    editable: true,
    editorDescription: 'A lineage relation (grows out of, extends, sits alongside ...); needs `lineageRelation`.',
    named: lineageRelationOf,
    seeAlsoWeight: 2,
    label: (subject, object, relation) => `${subject} ${relation ?? 'draws on'} ${object}`,
  },
  {
    type: 'TARGETS',
    reason: 'TARGETS',
    description: 'One entry targets the other (a problem-for-work).',
    section: /problems?[\s-]+for[\s-]+work|presenting problems|targets/i,
    targetKinds: ['PROBLEM_FOR_WORK'],
    editable: true,
    editorDescription: 'The entry targets a problem-for-work.',
    editorTargetKinds: ['PROBLEM_FOR_WORK'],
    seeAlsoWeight: 1.5,
    label: (subject, object) => `${subject} targets ${object}`,
  },
  {
    type: 'INDICATED_FOR',
    reason: 'INDICATED_FOR',
    description: 'One entry is indicated for the other (a population).',
    // "Contraindications" must not read as indications: whole words only.
    section: /\bpopulations?\b|\bindications?\b/i,
    targetKinds: ['POPULATION'],
    editable: true,
    editorDescription: 'The entry is indicated for a population.',
    editorTargetKinds: ['POPULATION'],
    seeAlsoWeight: 1.5,
    label: (subject, object) => `${subject} is indicated for ${object}`,
  },
  {
    type: 'REFERS_TO',
    reason: 'MENTIONS',
    description: "One article's text names the other entry.",
    section: null,
    targetKinds: 'ANY',
    editable: false,
    seeAlsoWeight: 1,
    label: (subject, object) => `The article on ${subject} mentions ${object}`,
  },
] as const satisfies readonly EntryRelationDeclaration[];

export type EntryRelationType = (typeof ENTRY_RELATION_DECLARATIONS)[number]['type'];
export type RelationReason = (typeof ENTRY_RELATION_DECLARATIONS)[number]['reason'];
export type EditableRelation = Extract<(typeof ENTRY_RELATION_DECLARATIONS)[number], { editable: true }>['type'];

export const ENTRY_RELATIONS: readonly EntryRelationDeclaration[] = ENTRY_RELATION_DECLARATIONS;

/** "LINEAGE|TARGETS|INDICATED_FOR|REFERS_TO": the types for a Cypher pattern. Registry text, never input. */
export const relationTypePattern = (declarations: readonly EntryRelationDeclaration[] = ENTRY_RELATIONS): string =>
  declarations.map((declaration) => declaration.type).join('|');

export const relationByType = (type: string): EntryRelationDeclaration => {
  const declaration = ENTRY_RELATIONS.find((candidate) => candidate.type === type);
  if (!declaration) throw new Error(`No relation "${type}" is declared`);
  return declaration;
};

export const relationByReason = (reason: string): EntryRelationDeclaration | undefined => ENTRY_RELATIONS.find((candidate) => candidate.reason === reason);

/** Whether a relation may point at an entry of this kind. */
export const acceptsKind = (declaration: EntryRelationDeclaration, kind: string): boolean =>
  declaration.targetKinds === 'ANY' || (declaration.targetKinds as readonly string[]).includes(kind);
