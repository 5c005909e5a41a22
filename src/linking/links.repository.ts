import type { Transaction } from '../graph/graph';
import type { DerivedRelation } from './derive-relations';
import { ENTRY_RELATIONS, relationTypePattern } from '../model/relations';

/**
 * The Cypher of what text names: the mentions of an article's sentences and
 * of outside readings, the relations read from where an article names an
 * entry, its see-also lines' links, and the lookups that find which stored
 * texts may name a given name (to link them again when names change).
 */

/** What an article's sentences name, and the relations read from that. */
/** What one sentence names: entry slugs and key-term ids. */
export interface ClaimMentions {
  id: string;
  mentionedEntries: string[];
  mentionedKeyTerms: string[];
}

/** What an outside reading names, with how often. */
export interface ReadingMentions {
  mentionedEntries: Array<{ slug: string; count: number }>;
  mentionedKeyTerms: Array<{ id: string; count: number }>;
}

export interface ArticleLinks {
  claims: ClaimMentions[];
  /** The relations read from the text (derive-relations.ts). */
  relations: DerivedRelation[];
  /** Entry slugs the "See also" lines resolve to, in order. */
  seeAlso: string[];
}

/**
 * One block per declared relation, its type written in (a relationship type
 * cannot be a parameter); the registry's text, never input. A relation an
 * editor curated keeps its claim; the article's reading only marks it derived.
 */
const WRITE_RELATIONS = ENTRY_RELATIONS.map(
  (declaration) => `CALL (e) {
       UNWIND [link IN $relations WHERE link.type = '${declaration.type}'] AS link
       MATCH (other:Entry {slug: link.to})
       MERGE (e)-[r:${declaration.type}${declaration.named ? ' {relation: link.relation}' : ''}]->(other)
       SET r.claimId = CASE WHEN r.curated THEN r.claimId ELSE link.claimId END,
           r.count = link.count,
           r.derived = CASE WHEN r.curated THEN null ELSE true END
     }`,
).join('\n     ');

/** Replaces the mentions of an article's claims, the relations derived from them and its see-also lines' links. */
export async function writeLinks(tx: Transaction, slug: string, links: ArticleLinks): Promise<void> {
  await tx.run(
    `MATCH (e:Entry {slug: $slug})
     CALL (e) {
       MATCH (e)-[:HAS_CLAIM]->(:Claim)-[m:MENTIONS]->()
       DELETE m
     }
     CALL (e) {
       MATCH (e)-[r:${relationTypePattern()}]->()
       WHERE r.derived = true AND NOT coalesce(r.curated, false)
       DELETE r
     }
     CALL (e) {
       UNWIND $claims AS claim
       MATCH (c:Claim {id: claim.id})
       CALL (c, claim) {
         UNWIND claim.mentionedEntries AS mentioned
         MATCH (target:Entry {slug: mentioned})
         MERGE (c)-[:MENTIONS]->(target)
       }
       CALL (c, claim) {
         UNWIND claim.mentionedKeyTerms AS mentioned
         MATCH (target:KeyTerm {id: mentioned})
         MERGE (c)-[:MENTIONS]->(target)
       }
     }
     ${WRITE_RELATIONS}
     // An editor's see-also list (setSeeAlso) replaces the article's own lines.
     CALL (e) {
       WITH e WHERE NOT EXISTS { (e)-[r:SEE_ALSO]->() WHERE r.curated }
       CALL (e) {
         MATCH (e)-[r:SEE_ALSO]->() WHERE r.fromArticle
         DELETE r
       }
       UNWIND range(0, size($seeAlso) - 1) AS i
       MATCH (other:Entry {slug: $seeAlso[i]})
       MERGE (e)-[r:SEE_ALSO]->(other)
       SET r.rank = i, r.fromArticle = true
     }`,
    {
      slug,
      claims: links.claims.map(({ id, mentionedEntries, mentionedKeyTerms }) => ({ id, mentionedEntries, mentionedKeyTerms })),
      relations: links.relations,
      seeAlso: links.seeAlso,
    },
  );
}

/** The stored sentences and see-also lines of articles, for re-linking them when names change. */
export async function readArticleClaims(
  tx: Transaction,
  slugs: string[],
): Promise<Array<{ slug: string; seeAlsoNames: string[]; claims: Array<{ id: string; text: string; section: string }> }>> {
  const result = await tx.run(
    `UNWIND $slugs AS slug
     MATCH (e:Entry {slug: slug}) WHERE e.hasArticle
     RETURN slug, coalesce(e.seeAlsoNames, []) AS seeAlsoNames,
            COLLECT { MATCH (e)-[:HAS_CLAIM]->(c:Claim) WITH c ORDER BY c.position RETURN c {.id, .text, .section} } AS claims
     ORDER BY slug`,
    { slugs },
  );
  return result.records.map((r) => ({ slug: r.get('slug'), seeAlsoNames: r.get('seeAlsoNames'), claims: r.get('claims') }));
}

/** Articles whose "See also" lines print one of the names, given as `nameKey`s. */
export async function articlesListingSeeAlso(tx: Transaction, nameKeys: string[]): Promise<string[]> {
  const result = await tx.run(
    `MATCH (e:Entry) WHERE e.hasArticle AND any(key IN coalesce(e.seeAlsoKeys, []) WHERE key IN $nameKeys)
     RETURN e.slug AS slug`,
    { nameKeys },
  );
  return result.records.map((r) => r.get('slug'));
}

/** Articles with a sentence that names the entry. */
export async function articlesMentioning(tx: Transaction, slug: string): Promise<string[]> {
  const result = await tx.run(
    `MATCH (c:Claim)-[:MENTIONS]->(:Entry {slug: $slug})
     RETURN DISTINCT c.entrySlug AS slug`,
    { slug },
  );
  return result.records.map((r) => r.get('slug'));
}

/** Articles with a sentence that may contain one of the phrases (full-text, so a superset: the matcher decides). */
export async function articlesPossiblyNaming(tx: Transaction, luceneQuery: string): Promise<string[]> {
  const result = await tx.run(
    `CALL db.index.fulltext.queryNodes('claim_text', $luceneQuery) YIELD node
     RETURN DISTINCT node.entrySlug AS slug`,
    { luceneQuery },
  );
  return result.records.map((r) => r.get('slug'));
}

/** Replaces what an outside reading names. */
export async function writeReadingMentions(tx: Transaction, reading: ReadingMentions & { key: string }): Promise<void> {
  await tx.run(
    `MATCH (s:Source {key: $reading.key})
     CALL (s) {
       MATCH (s)-[old:MENTIONS]->()
       DELETE old
     }
     CALL (s) {
       UNWIND $reading.mentionedEntries AS mention
       MATCH (e:Entry {slug: mention.slug})
       CREATE (s)-[:MENTIONS {count: mention.count}]->(e)
     }
     CALL (s) {
       UNWIND $reading.mentionedKeyTerms AS mention
       MATCH (k:KeyTerm {id: mention.id})
       CREATE (s)-[:MENTIONS {count: mention.count}]->(k)
     }`,
    { reading: { key: reading.key, mentionedEntries: reading.mentionedEntries, mentionedKeyTerms: reading.mentionedKeyTerms } },
  );
}

/**
 * Outside readings whose text may contain one of the words (lower-cased; a
 * superset: the matcher decides), with their text, for re-linking them.
 */
export async function readingsPossiblyNaming(tx: Transaction, words: string[]): Promise<Array<{ key: string; text: string }>> {
  if (words.length === 0) return [];
  const result = await tx.run(
    `MATCH (s:Source {kind: 'OUTSIDE_READING'})
     WITH s, toLower(s.text) AS text
     WHERE any(word IN $words WHERE text CONTAINS word)
     RETURN s.key AS key, s.text AS text ORDER BY key`,
    { words },
  );
  return result.records.map((r) => ({ key: r.get('key'), text: r.get('text') }));
}

