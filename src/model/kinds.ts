/**
 * The registry of entry kinds: one declaration per kind, read by everything
 * that depends on what kinds exist. The GraphQL enum `EntryKind` and each
 * kind's concrete type (fields copied from `interface Entry`) are generated
 * from it (src/api/type-defs.ts), and so are the resolver maps, the codegen
 * mappers, the header parser's spellings and the bench generator's mix.
 *
 * Adding a kind: a declaration here, and, when articles link to it in a
 * section of their own, that relation's `targetKinds` in relations.ts
 * (recipe in docs/model.md).
 */

export interface EntryKindDeclaration {
  /** The EntryKind enum value, stored on the node. */
  kind: string;
  /** The concrete GraphQL type of entries of this kind. */
  typeName: string;
  /** The enum value's description in the schema. */
  description: string;
  /**
   * How an article's header spells the kind, as a pattern over the field in
   * lower case, singular, words joined by single spaces ("problem for work").
   */
  headerSpelling: RegExp;
  /** Share of entries of this kind in the bench's synthetic wiki. */
  benchShare: number;
}

export const ENTRY_KIND_DECLARATIONS = [
  {
    kind: 'CONSTRUCT',
    typeName: 'Construct',
    description: 'A psychological construct (Earned Security, Internal Working Model).',
    headerSpelling: /^(psychological )?construct$|^concept$|^theory$/,
    benchShare: 0.3,
  },
  {
    kind: 'MODALITY',
    typeName: 'Modality',
    description: 'A therapy modality (Mentalization-Based Treatment, Emotionally Focused Therapy).',
    headerSpelling: /^(therapy |therapeutic |treatment )?modality$|^therapy$|^treatment$|^intervention$/,
    benchShare: 0.15,
  },
  {
    kind: 'PROBLEM_FOR_WORK',
    typeName: 'ProblemForWork',
    description: 'A presenting problem clinicians work on (insecure attachment, complex PTSD).',
    headerSpelling: /^problem( for work)?$|^presenting problem$/,
    benchShare: 0.15,
  },
  {
    kind: 'POPULATION',
    typeName: 'Population',
    description: 'A population an entry is indicated for (expectant parents, trauma survivors).',
    headerSpelling: /^population$/,
    benchShare: 0.1,
  },
  {
    kind: 'PERSON',
    typeName: 'Person',
    description: 'A person the articles name (John Bowlby, Mary Main).',
    headerSpelling: /^person$|^people$|^clinician$|^researcher$/,
    benchShare: 0.2,
  },
  {
    kind: 'INSTRUMENT',
    typeName: 'Instrument',
    description: 'An assessment instrument or procedure (Adult Attachment Interview).',
    headerSpelling: /^instrument$|^assessment$|^measure$/,
    benchShare: 0.1,
  },
] as const satisfies readonly EntryKindDeclaration[];

export type EntryKind = (typeof ENTRY_KIND_DECLARATIONS)[number]['kind'];
export type EntryTypeName = (typeof ENTRY_KIND_DECLARATIONS)[number]['typeName'];

export const ENTRY_KINDS: readonly EntryKind[] = ENTRY_KIND_DECLARATIONS.map((declaration) => declaration.kind);

/** The registry as a lookup, for code that is handed a registry (tests add kinds of their own). */
export class EntryKindRegistry {
  private readonly byKind: Map<string, EntryKindDeclaration>;

  constructor(readonly declarations: readonly EntryKindDeclaration[] = ENTRY_KIND_DECLARATIONS) {
    this.byKind = new Map(declarations.map((declaration) => [declaration.kind, declaration]));
  }

  typeNameOf(kind: string): string {
    const declaration = this.byKind.get(kind);
    if (!declaration) throw new Error(`No entry kind "${kind}" is declared`);
    return declaration.typeName;
  }

  /** The kind an article header's field names; undefined when no declaration spells it so. */
  kindOfHeader(headerKind: string): string | undefined {
    const words = headerKind
      .toLowerCase()
      .split(/[\s_-]+/)
      .filter(Boolean)
      .map(singular)
      .join(' ');
    return this.declarations.find((declaration) => declaration.headerSpelling.test(words))?.kind;
  }
}

export const entryKinds = new EntryKindRegistry();

/** "problems" → "problem", "modalities" → "modality", "therapies" → "therapy"; "for", "work" stay. */
function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}
