import type { Transaction } from '../graph/graph';

/**
 * What of an entry, beyond the names of the vocabulary (readVocabulary), the
 * readers' derived dictionaries are built from: the evidence expander reads
 * the definitions of its key terms and whether it has an article
 * (src/evidence/evidence.repository.ts, expansionSource). One string per
 * entry, to compare before and after a write; an entry that does not exist
 * is absent.
 */
export async function expansionStateOf(tx: Transaction, slugs: readonly string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const result = await tx.run(
    `UNWIND $slugs AS slug
     MATCH (e:Entry {slug: slug})
     RETURN slug, EXISTS { (e)-[:HAS_CLAIM]->(:Claim) } AS hasArticle,
            COLLECT { MATCH (e)-[:DEFINES]->(k:KeyTerm) WITH k ORDER BY k.id RETURN [k.id, k.definition] } AS definitions`,
    { slugs: [...new Set(slugs)] },
  );
  return new Map(result.records.map((r) => [r.get('slug') as string, JSON.stringify([r.get('hasArticle'), r.get('definitions')])]));
}
