import type { ManagedTransaction } from 'neo4j-driver';
import type { EntryKind } from '../model/kinds';
import type { DefinedAbbreviation } from '../cross-link/vocabulary';
import type { Graph } from '../graph/graph';

/**
 * The Cypher that writes articles, outside readings and stub entries.
 * Every function takes the transaction it runs in: the service composes them
 * into one transaction per article, so a failure writes nothing.
 */

export interface StubEntry {
  slug: string;
  name: string;
  kind: EntryKind;
  aliases: string[];
  summary: string | null;
}

export interface EntryWrite {
  slug: string;
  name: string;
  kind: EntryKind;
  aliases: string[];
  summary: string | null;
  discipline: string | null;
  tradition: string | null;
  /** The upvotes the export's header states; readers' upvotes through the API come on top. */
  upvotes: number;
  figureDescription: string | null;
  provenance: {
    model: string | null;
    version: string | null;
    generatedAt: string | null;
    readMinutes: number | null;
    statedSourceCount: number | null;
  };
  contentHash: string;
  /** The curated "See also" lines as printed, resolved again whenever names change. */
  seeAlsoNames: string[];
  /** `nameKey` of each see-also name, to find the articles a name change concerns. */
  seeAlsoKeys: string[];
  definitions: DefinedAbbreviation[];
  /** The parse's warnings, as JSON, for editors to list the articles that need a look. */
  warnings: string[];
}

export interface SourceWrite {
  key: string;
  number: number;
  title: string;
  authors: string[];
  year: number | null;
  venue: string | null;
  tier: string;
  url: string | null;
  doi: string | null;
  citation: string;
}

export interface ClaimWrite {
  id: string;
  text: string;
  provenance: string;
  section: string;
  sectionIndex: number;
  position: number;
  role: 'BODY' | 'CAPTION' | 'QUESTION';
  sourceKeys: string[];
  /** Entry slugs and key-term ids the claim names. */
  mentionedEntries: string[];
  mentionedKeyTerms: string[];
}

export interface KeyTermWrite {
  id: string;
  key: string;
  term: string;
  aliases: string[];
  definition: string;
  position: number;
  sourceKeys: string[];
}

export interface SmartObjectiveWrite {
  id: string;
  goal: string;
  objective: string;
  mechanism: string;
  position: number;
  sourceKeys: string[];
}

export interface ArticleWrite {
  entry: EntryWrite;
  sections: string[];
  sources: SourceWrite[];
  claims: ClaimWrite[];
  keyTerms: KeyTermWrite[];
  smartObjectives: SmartObjectiveWrite[];
  lineage: Array<{ to: string; relation: string; claimId: string }>;
  targets: Array<{ to: string; claimId: string }>;
  indicatedFor: Array<{ to: string; claimId: string }>;
  refersTo: Array<{ to: string; count: number }>;
  /** Entry slugs the "See also" lines resolve to, in order. */
  seeAlso: string[];
}

export async function readContentHash(tx: ManagedTransaction, slug: string): Promise<string | null> {
  const result = await tx.run('MATCH (e:Entry {slug: $slug}) RETURN e.contentHash AS hash', { slug });
  return result.records[0]?.get('hash') ?? null;
}

/**
 * Creates entries that do not exist yet; existing ones keep their data and
 * gain the aliases they lack. A repeat sets nothing (so it changes nothing).
 */
export async function mergeStubEntries(tx: ManagedTransaction, entries: StubEntry[]): Promise<number> {
  const result = await tx.run(
    `UNWIND $entries AS stub
     MERGE (e:Entry {slug: stub.slug})
     ON CREATE SET e.name = stub.name, e.kind = stub.kind, e.aliases = [], e.summary = stub.summary,
                   e.upvotes = 0, e.hasArticle = false, e.createdAt = datetime()
     WITH e, [alias IN stub.aliases WHERE NOT alias IN e.aliases] AS missing
     CALL (e, missing) {
       WITH e, missing WHERE size(missing) > 0
       SET e.aliases = e.aliases + missing,
           e.aliasText = reduce(text = '', alias IN e.aliases + missing | text + ' ' + alias)
     }`,
    { entries },
  );
  return result.summary.counters.updates().nodesCreated;
}

/**
 * Removes everything an earlier version of the article wrote, keeping the
 * entry node and what others point at it. Returns the keys of the sources it
 * listed and the terms it defined, whose degrees the removal changes.
 */
export async function clearArticle(tx: ManagedTransaction, slug: string): Promise<{ sourceKeys: string[]; termKeys: string[] }> {
  const listed = await tx.run(
    `MATCH (e:Entry {slug: $slug})
     OPTIONAL MATCH (e)-[listing:LISTS]->(s:Source)
     WITH e, collect(s.key) AS sourceKeys, collect(listing) AS listings
     FOREACH (l IN listings | DELETE l)
     WITH e, sourceKeys
     OPTIONAL MATCH (e)-[derived:LINEAGE|TARGETS|INDICATED_FOR|REFERS_TO|SEE_ALSO]->()
     WHERE (derived.derived = true OR derived.fromArticle = true) AND NOT coalesce(derived.curated, false)
     DELETE derived
     WITH DISTINCT e, sourceKeys
     WITH e, sourceKeys, COLLECT { MATCH (e)-[:DEFINES]->(k:KeyTerm) RETURN DISTINCT k.key } AS termKeys
     CALL (e) {
       MATCH (e)-[:HAS_CLAIM|DEFINES|HAS_OBJECTIVE]->(part)
       DETACH DELETE part
     }
     RETURN sourceKeys, termKeys`,
    { slug },
  );
  const record = listed.records[0];
  return { sourceKeys: record?.get('sourceKeys') ?? [], termKeys: record?.get('termKeys') ?? [] };
}

export async function writeArticle(tx: ManagedTransaction, article: ArticleWrite): Promise<void> {
  const { entry } = article;
  await tx.run(
    `MERGE (e:Entry {slug: $entry.slug})
     ON CREATE SET e.createdAt = datetime(), e.aliases = []
     SET e.upvotes = coalesce(e.upvotes, 0) - coalesce(e.exportedUpvotes, 0) + $entry.upvotes,
         e.exportedUpvotes = $entry.upvotes,
         e.name = $entry.name, e.kind = $entry.kind, e.summary = $entry.summary,
         e.discipline = $entry.discipline, e.tradition = $entry.tradition,
         e.aliases = e.aliases + [alias IN $entry.aliases WHERE NOT alias IN e.aliases],
         e.figureDescription = $entry.figureDescription,
         e.provenanceModel = $entry.provenance.model, e.provenanceVersion = $entry.provenance.version,
         e.generatedAt = $entry.provenance.generatedAt, e.readMinutes = $entry.provenance.readMinutes,
         e.statedSourceCount = $entry.provenance.statedSourceCount,
         e.sections = $sections, e.hasArticle = true, e.contentHash = $entry.contentHash, e.updatedAt = datetime(),
         e.seeAlsoNames = $entry.seeAlsoNames, e.seeAlsoKeys = $entry.seeAlsoKeys,
         e.definedLongForms = [d IN $entry.definitions | d.longForm], e.definedShortForms = [d IN $entry.definitions | d.shortForm],
         e.ingestWarnings = $entry.warnings, e.ingestWarningCount = size($entry.warnings)
     SET e.aliasText = reduce(text = '', alias IN e.aliases | text + ' ' + alias)`,
    { entry, sections: article.sections },
  );

  await tx.run(
    `MATCH (e:Entry {slug: $slug})
     UNWIND $sources AS source
     MERGE (s:Source {key: source.key})
     ON CREATE SET s.kind = 'REFERENCE', s.title = source.title, s.authors = source.authors, s.year = source.year,
                   s.venue = source.venue, s.tier = source.tier, s.url = source.url, s.doi = source.doi,
                   s.citation = source.citation, s.retracted = false, s.entryCount = 0,
                   s.authorText = reduce(text = '', author IN source.authors | text + ' ' + author)
     SET s.url = coalesce(s.url, source.url), s.doi = coalesce(s.doi, source.doi)
     MERGE (e)-[:LISTS {number: source.number}]->(s)`,
    { slug: entry.slug, sources: article.sources },
  );

  await tx.run(
    `MATCH (e:Entry {slug: $slug})
     UNWIND $claims AS claim
     CREATE (e)-[:HAS_CLAIM]->(c:Claim {id: claim.id, text: claim.text, provenance: claim.provenance, section: claim.section,
                                       sectionIndex: claim.sectionIndex, position: claim.position, role: claim.role, entrySlug: $slug})
     WITH c, claim
     CALL (c, claim) {
       UNWIND range(0, size(claim.sourceKeys) - 1) AS i
       MATCH (s:Source {key: claim.sourceKeys[i]})
       CREATE (c)-[:CITES {order: i}]->(s)
     }
`,
    { slug: entry.slug, claims: article.claims },
  );

  await tx.run(
    `MATCH (e:Entry {slug: $slug})
     UNWIND $keyTerms AS term
     CREATE (e)-[:DEFINES]->(k:KeyTerm {id: term.id, key: term.key, term: term.term, aliases: term.aliases,
                                        aliasText: reduce(text = '', alias IN term.aliases | text + ' ' + alias),
                                        definition: term.definition, position: term.position, entrySlug: $slug})
     WITH k, term
     CALL (k, term) {
       UNWIND range(0, size(term.sourceKeys) - 1) AS i
       MATCH (s:Source {key: term.sourceKeys[i]})
       CREATE (k)-[:CITES {order: i}]->(s)
     }`,
    { slug: entry.slug, keyTerms: article.keyTerms },
  );

  await tx.run(
    `MATCH (e:Entry {slug: $slug})
     UNWIND $objectives AS objective
     CREATE (e)-[:HAS_OBJECTIVE]->(o:SmartObjective {id: objective.id, goal: objective.goal, objective: objective.objective,
                                                     mechanism: objective.mechanism, position: objective.position})
     WITH o, objective
     CALL (o, objective) {
       UNWIND range(0, size(objective.sourceKeys) - 1) AS i
       MATCH (s:Source {key: objective.sourceKeys[i]})
       CREATE (o)-[:CITES {order: i}]->(s)
     }`,
    { slug: entry.slug, objectives: article.smartObjectives },
  );

  await writeLinks(tx, entry.slug, article);
}

/** What an article's sentences name, and the relations read from that. */
export interface ArticleLinks {
  claims: Array<Pick<ClaimWrite, 'id' | 'mentionedEntries' | 'mentionedKeyTerms'>>;
  lineage: Array<{ to: string; relation: string; claimId: string }>;
  targets: Array<{ to: string; claimId: string }>;
  indicatedFor: Array<{ to: string; claimId: string }>;
  refersTo: Array<{ to: string; count: number }>;
  seeAlso: string[];
}

/** Replaces the mentions of an article's claims, the relations derived from them and its see-also lines' links. */
export async function writeLinks(tx: ManagedTransaction, slug: string, links: ArticleLinks): Promise<void> {
  await tx.run(
    `MATCH (e:Entry {slug: $slug})
     CALL (e) {
       MATCH (e)-[:HAS_CLAIM]->(:Claim)-[m:MENTIONS]->()
       DELETE m
     }
     CALL (e) {
       MATCH (e)-[r:LINEAGE|TARGETS|INDICATED_FOR|REFERS_TO]->()
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
     CALL (e) {
       UNWIND $lineage AS link
       MATCH (other:Entry {slug: link.to})
       MERGE (e)-[r:LINEAGE {relation: link.relation}]->(other)
       SET r.claimId = CASE WHEN r.curated THEN r.claimId ELSE link.claimId END, r.derived = CASE WHEN r.curated THEN null ELSE true END
     }
     CALL (e) {
       UNWIND $targets AS link
       MATCH (other:Entry {slug: link.to})
       MERGE (e)-[r:TARGETS]->(other)
       SET r.claimId = CASE WHEN r.curated THEN r.claimId ELSE link.claimId END, r.derived = CASE WHEN r.curated THEN null ELSE true END
     }
     CALL (e) {
       UNWIND $indicatedFor AS link
       MATCH (other:Entry {slug: link.to})
       MERGE (e)-[r:INDICATED_FOR]->(other)
       SET r.claimId = CASE WHEN r.curated THEN r.claimId ELSE link.claimId END, r.derived = CASE WHEN r.curated THEN null ELSE true END
     }
     CALL (e) {
       UNWIND $refersTo AS link
       MATCH (other:Entry {slug: link.to})
       MERGE (e)-[r:REFERS_TO]->(other)
       SET r.count = link.count, r.derived = true
     }
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
      lineage: links.lineage,
      targets: links.targets,
      indicatedFor: links.indicatedFor,
      refersTo: links.refersTo,
      seeAlso: links.seeAlso,
    },
  );
}

/** The stored sentences and see-also lines of articles, for re-linking them when names change. */
export async function readArticleClaims(
  tx: ManagedTransaction,
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
export async function articlesListingSeeAlso(tx: ManagedTransaction, nameKeys: string[]): Promise<string[]> {
  const result = await tx.run(
    `MATCH (e:Entry) WHERE e.hasArticle AND any(key IN coalesce(e.seeAlsoKeys, []) WHERE key IN $nameKeys)
     RETURN e.slug AS slug`,
    { nameKeys },
  );
  return result.records.map((r) => r.get('slug'));
}

/** Articles with a sentence that names the entry. */
export async function articlesMentioning(tx: ManagedTransaction, slug: string): Promise<string[]> {
  const result = await tx.run(
    `MATCH (c:Claim)-[:MENTIONS]->(:Entry {slug: $slug})
     RETURN DISTINCT c.entrySlug AS slug`,
    { slug },
  );
  return result.records.map((r) => r.get('slug'));
}

/** Articles with a sentence that may contain one of the phrases (full-text, so a superset: the matcher decides). */
export async function articlesPossiblyNaming(tx: ManagedTransaction, luceneQuery: string): Promise<string[]> {
  const result = await tx.run(
    `CALL db.index.fulltext.queryNodes('claim_text', $luceneQuery) YIELD node
     RETURN DISTINCT node.entrySlug AS slug`,
    { luceneQuery },
  );
  return result.records.map((r) => r.get('slug'));
}

/**
 * Keeps the degree counts that see-also weighs by (how many entries list a
 * source, target a problem, define a term) current for what a write touched,
 * so ranking never counts a hub's edges at read time.
 */
export async function refreshDegrees(tx: ManagedTransaction, sourceKeys: string[], termKeys: string[]): Promise<void> {
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

export interface OutsideReadingWrite {
  key: string;
  title: string;
  url: string | null;
  text: string;
  contentHash: string;
  mentionedEntries: Array<{ slug: string; count: number }>;
  mentionedKeyTerms: Array<{ id: string; count: number }>;
}

export async function writeOutsideReading(tx: ManagedTransaction, reading: OutsideReadingWrite): Promise<'CREATED' | 'UPDATED' | 'UNCHANGED'> {
  const existing = await tx.run('MATCH (s:Source {key: $key}) RETURN s.contentHash AS hash', { key: reading.key });
  const previousHash = existing.records[0]?.get('hash');
  if (previousHash === reading.contentHash) return 'UNCHANGED';
  await tx.run(
    `MERGE (s:Source {key: $reading.key})
     SET s.kind = 'OUTSIDE_READING', s.title = $reading.title, s.authors = [], s.year = null, s.venue = null,
         s.tier = 'T3', s.url = $reading.url, s.doi = null, s.citation = null, s.text = $reading.text,
         s.contentHash = $reading.contentHash, s.retracted = coalesce(s.retracted, false), s.entryCount = 0, s.authorText = ''`,
    { reading },
  );
  await writeReadingMentions(tx, reading);
  return previousHash === undefined ? 'CREATED' : 'UPDATED';
}

/** Replaces what an outside reading names. */
export async function writeReadingMentions(tx: ManagedTransaction, reading: Pick<OutsideReadingWrite, 'key' | 'mentionedEntries' | 'mentionedKeyTerms'>): Promise<void> {
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
export async function readingsPossiblyNaming(tx: ManagedTransaction, words: string[]): Promise<Array<{ key: string; text: string }>> {
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

export async function countNodes(graph: Graph): Promise<number> {
  const [row] = await graph.query<{ count: number }>('MATCH (n) WHERE NOT n:Migration AND NOT n:Meta RETURN count(n) AS count');
  return row?.count ?? 0;
}
