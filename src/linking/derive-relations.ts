import type { EntryKind } from '../model/kinds';
import { acceptsKind, ENTRY_RELATIONS } from '../model/relations';

/**
 * Entry-level relations read from an article's text. An article names other
 * entries (found by cross-link matching); where it names them decides what the
 * naming means, as the registry of relations declares it (src/model/relations.ts):
 * in the lineage section a construct or person is lineage, in the
 * problems-for-work section a problem is a target, in the populations section a
 * population is an indication, and anything named anywhere is referred to.
 * Every relation stated by a sentence keeps the claim it was read from.
 */

export interface MentioningClaim {
  id: string;
  section: string;
  text: string;
  /** Slugs of the entries the claim names, in text order (duplicates allowed). */
  entrySlugs: string[];
}

export interface DerivedRelation {
  /** The relation's type, as the registry declares it. */
  type: string;
  to: string;
  /** The sentence that states it; null for relations counted over the whole article. */
  claimId: string | null;
  /** How the sentence names it ("grows out of"), for relations that are named. */
  relation: string | null;
  /** How many sentences name the entry, for relations counted over the whole article. */
  count: number | null;
}

const STATED = ENTRY_RELATIONS.filter((declaration) => declaration.section !== null);
const COUNTED = ENTRY_RELATIONS.filter((declaration) => declaration.section === null);

export function deriveRelations(selfSlug: string, claims: MentioningClaim[], kindOf: (slug: string) => EntryKind | undefined): DerivedRelation[] {
  const stated = new Map<string, DerivedRelation>();
  const namings = new Map<string, number>();

  for (const claim of claims) {
    const named = [...new Set(claim.entrySlugs)].filter((slug) => slug !== selfSlug);
    for (const slug of named) {
      namings.set(slug, (namings.get(slug) ?? 0) + 1);
      const kind = kindOf(slug);
      if (!kind) continue;
      for (const declaration of STATED) {
        const key = `${declaration.type}\u0000${slug}`;
        // The first sentence that establishes a relation is the one that explains it.
        if (stated.has(key) || !declaration.section!.test(claim.section) || !acceptsKind(declaration, kind)) continue;
        stated.set(key, { type: declaration.type, to: slug, claimId: claim.id, relation: declaration.named?.(claim.text) ?? null, count: null });
      }
    }
  }
  const counted = COUNTED.flatMap((declaration) =>
    [...namings].map(([to, count]) => ({ type: declaration.type, to, claimId: null, relation: null, count })),
  );
  return [...stated.values(), ...counted];
}
