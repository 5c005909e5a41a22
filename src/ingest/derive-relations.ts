import type { EntryKind } from '../model/kinds';

/**
 * Entry-level relations read from an article's text. An article names other
 * entries (found by cross-link matching); where it names them decides what the
 * naming means: in the lineage section a construct or person is lineage, in the
 * problems-for-work section a problem is a target, in the populations section a
 * population is an indication. Every derived relation keeps the claim it was read from.
 */

export interface MentioningClaim {
  id: string;
  section: string;
  text: string;
  /** Slugs of the entries the claim names, in text order (duplicates allowed). */
  entrySlugs: string[];
}

export interface DerivedRelation {
  to: string;
  claimId: string;
}

export interface DerivedLineage extends DerivedRelation {
  relation: string;
}

export interface DerivedRelations {
  lineage: DerivedLineage[];
  targets: DerivedRelation[];
  indicatedFor: DerivedRelation[];
  /** Every other entry the article names, with how many claims name it. */
  refersTo: Array<{ to: string; count: number }>;
}

const LINEAGE_SECTION = /lineage|origins?|history|creators|roots/i;
const TARGETS_SECTION = /problems?[\s-]+for[\s-]+work|presenting problems|targets/i;
// "Contraindications" must not read as indications: whole words only.
const POPULATIONS_SECTION = /\bpopulations?\b|\bindications?\b/i;

const LINEAGE_KINDS = new Set<EntryKind>(['CONSTRUCT', 'MODALITY', 'PERSON', 'INSTRUMENT']);

/** How the sentence names the relation; the first phrase found wins. */
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

export function deriveRelations(
  selfSlug: string,
  claims: MentioningClaim[],
  kindOf: (slug: string) => EntryKind | undefined,
): DerivedRelations {
  const lineage = new Map<string, DerivedLineage>();
  const targets = new Map<string, DerivedRelation>();
  const indicatedFor = new Map<string, DerivedRelation>();
  const refersTo = new Map<string, number>();

  for (const claim of claims) {
    const named = [...new Set(claim.entrySlugs)].filter((slug) => slug !== selfSlug);
    for (const slug of named) {
      refersTo.set(slug, (refersTo.get(slug) ?? 0) + 1);
      const kind = kindOf(slug);
      if (!kind) continue;
      // The first sentence that establishes a relation is the one that explains it.
      if (LINEAGE_SECTION.test(claim.section) && LINEAGE_KINDS.has(kind) && !lineage.has(slug)) {
        lineage.set(slug, { to: slug, claimId: claim.id, relation: lineageRelationOf(claim.text) });
      }
      if (TARGETS_SECTION.test(claim.section) && kind === 'PROBLEM_FOR_WORK' && !targets.has(slug)) {
        targets.set(slug, { to: slug, claimId: claim.id });
      }
      if (POPULATIONS_SECTION.test(claim.section) && kind === 'POPULATION' && !indicatedFor.has(slug)) {
        indicatedFor.set(slug, { to: slug, claimId: claim.id });
      }
    }
  }

  return {
    lineage: [...lineage.values()],
    targets: [...targets.values()],
    indicatedFor: [...indicatedFor.values()],
    refersTo: [...refersTo].map(([to, count]) => ({ to, count })),
  };
}
