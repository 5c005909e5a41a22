import type { Transaction } from '../graph/graph';

/**
 * Keeps the degree counts that see-also weighs by (how many entries list a
 * source, target a problem, define a term) current for what a write touched,
 * so ranking never counts a hub's edges at read time.
 */
export async function refreshDegrees(tx: Transaction, sourceKeys: string[], termKeys: string[]): Promise<void> {
  // Each count is written only where it changed: a hub source or a popular
  // problem is not locked by every write that merely touches it.
  await tx.run(
    `UNWIND $sourceKeys AS key
     MATCH (s:Source {key: key})
     WITH s, COUNT { (s)<-[:LISTS]-(:Entry) } AS count
     WHERE s.entryCount IS NULL OR s.entryCount <> count
     SET s.entryCount = count`,
    { sourceKeys },
  );
  await tx.run(
    `UNWIND $termKeys AS key
     MATCH (k:KeyTerm {key: key})
     WITH key, collect(k) AS terms
     UNWIND terms AS k
     WITH k, size(terms) AS count
     WHERE k.entryCount IS NULL OR k.entryCount <> count
     SET k.entryCount = count`,
    { termKeys },
  );
  await tx.run(
    `MATCH (p:Entry {kind: 'PROBLEM_FOR_WORK'})
     WITH p, COUNT { (p)<-[:TARGETS]-(:Entry) } AS count
     WHERE p.targetedByCount IS NULL OR p.targetedByCount <> count
     SET p.targetedByCount = count`,
  );
}


/** Keeps the targeted-by degree that see-also weighs shared problems by current for these problems. */
export async function refreshTargetedBy(tx: Transaction, slugs: readonly string[]): Promise<void> {
  await tx.run(
    `UNWIND $slugs AS slug
     MATCH (p:Entry {slug: slug}) WHERE p.kind = 'PROBLEM_FOR_WORK'
     WITH p, COUNT { (p)<-[:TARGETS]-(:Entry) } AS count
     WHERE p.targetedByCount IS NULL OR p.targetedByCount <> count
     SET p.targetedByCount = count`,
    { slugs },
  );
}
