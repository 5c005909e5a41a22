import type { Transaction } from '../graph/graph';
import type { EntryKind } from '../model/kinds';
import type { DefinedAbbreviation } from '../cross-link/vocabulary';
import { writeLinks, writeReadingMentions, type ReadingMentions } from '../linking/links.repository';
import { relationTypePattern } from '../model/relations';
import type { DerivedRelation } from '../linking/derive-relations';

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
  /** entryNameKey(name): unique across entries by constraint. */
  nameKey: string;
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
  /** The id of the claim's first version (its own id for a new claim). */
  lineage: string;
  /** A version this write creates; false for a sentence kept unchanged from the version before. */
  isNew: boolean;
  /** The revision the write records: a new version's. */
  revision: number;
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
  relations: DerivedRelation[];
  /** Entry slugs the "See also" lines resolve to, in order. */
  seeAlso: string[];
}

export async function readContentHash(tx: Transaction, slug: string): Promise<string | null> {
  const result = await tx.run('MATCH (e:Entry {slug: $slug}) RETURN e.contentHash AS hash', { slug });
  return result.records[0]?.get('hash') ?? null;
}

/**
 * Creates entries that do not exist yet; existing ones keep their data and
 * gain the aliases they lack. A repeat sets nothing (so it changes nothing).
 * Returns how many were created, and the slugs of those created or changed.
 */
export async function mergeStubEntries(tx: Transaction, entries: Array<StubEntry & { nameKey: string }>): Promise<{ created: number; changed: string[] }> {
  const result = await tx.run(
    `UNWIND $entries AS stub
     MERGE (e:Entry {slug: stub.slug})
     ON CREATE SET e.name = stub.name, e.nameKey = stub.nameKey, e.kind = stub.kind, e.aliases = [], e.summary = stub.summary,
                   e.hasArticle = false, e.createdAt = datetime(), e.stubCreated = true
     WITH e, [alias IN stub.aliases WHERE NOT alias IN e.aliases] AS missing
     CALL (e, missing) {
       WITH e, missing WHERE size(missing) > 0
       SET e.aliases = e.aliases + missing,
           e.aliasText = reduce(text = '', alias IN e.aliases + missing | text + ' ' + alias)
     }
     WITH e, size(missing) > 0 OR e.stubCreated IS NOT NULL AS changed
     REMOVE e.stubCreated
     RETURN collect(CASE WHEN changed THEN e.slug END) AS changed`,
    { entries },
  );
  return { created: result.summary.counters.updates().nodesCreated, changed: result.records[0]?.get('changed') ?? [] };
}

/**
 * Removes everything an earlier version of the article wrote but its claims
 * (which the revision keeps or retires: src/revisions/), keeping the entry
 * node and what others point at it. Returns the keys of the sources it listed
 * and the terms it defined, whose degrees the removal changes.
 */
export async function clearArticle(tx: Transaction, slug: string): Promise<{ sourceKeys: string[]; termKeys: string[] }> {
  const listed = await tx.run(
    `MATCH (e:Entry {slug: $slug})
     OPTIONAL MATCH (e)-[listing:LISTS]->(s:Source)
     WITH e, collect(s.key) AS sourceKeys, collect(listing) AS listings
     FOREACH (l IN listings | DELETE l)
     WITH e, sourceKeys
     OPTIONAL MATCH (e)-[derived:${relationTypePattern()}|SEE_ALSO]->()
     WHERE (derived.derived = true OR derived.fromArticle = true) AND NOT coalesce(derived.curated, false)
     DELETE derived
     WITH DISTINCT e, sourceKeys
     WITH e, sourceKeys, COLLECT { MATCH (e)-[:DEFINES]->(k:KeyTerm) RETURN DISTINCT k.key } AS termKeys
     CALL (e) {
       MATCH (e)-[:DEFINES|HAS_OBJECTIVE]->(part)
       DETACH DELETE part
     }
     RETURN sourceKeys, termKeys`,
    { slug },
  );
  const record = listed.records[0];
  return { sourceKeys: record?.get('sourceKeys') ?? [], termKeys: record?.get('termKeys') ?? [] };
}

/**
 * Writes the article's entry, sources, claims, key terms, objectives and links.
 * Returns the keys of the sources whose records it changed: sources it created,
 * and known ones it gave a URL or DOI they lacked (others keep what they had).
 */
export async function writeArticle(tx: Transaction, article: ArticleWrite): Promise<{ sourceRecordsChanged: string[] }> {
  const { entry } = article;
  await tx.run(
    `MERGE (e:Entry {slug: $entry.slug})
     ON CREATE SET e.createdAt = datetime(), e.aliases = []
     SET e.exportedUpvotes = $entry.upvotes,
         e.name = $entry.name, e.nameKey = $entry.nameKey, e.kind = $entry.kind, e.summary = $entry.summary,
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

  const listed = await tx.run(
    `MATCH (e:Entry {slug: $slug})
     UNWIND $sources AS source
     OPTIONAL MATCH (known:Source {key: source.key})
     WITH e, source,
          known IS NULL OR (known.url IS NULL AND source.url IS NOT NULL) OR (known.doi IS NULL AND source.doi IS NOT NULL) AS recordChanges
     MERGE (s:Source {key: source.key})
     ON CREATE SET s.kind = 'REFERENCE', s.title = source.title, s.authors = source.authors, s.year = source.year,
                   s.venue = source.venue, s.tier = source.tier, s.url = source.url, s.doi = source.doi,
                   s.citation = source.citation, s.retracted = false, s.entryCount = 0,
                   s.authorText = reduce(text = '', author IN source.authors | text + ' ' + author)
     SET s.url = coalesce(s.url, source.url), s.doi = coalesce(s.doi, source.doi)
     MERGE (e)-[:LISTS {number: source.number}]->(s)
     RETURN collect(DISTINCT CASE WHEN recordChanges THEN source.key END) AS changed`,
    { slug: entry.slug, sources: article.sources },
  );

  // A sentence kept from the version before keeps its node (and the sources it cites); only where it stands moves.
  await tx.run(
    `MATCH (e:Entry {slug: $slug})
     UNWIND [claim IN $claims WHERE NOT claim.isNew] AS claim
     MATCH (e)-[:HAS_CLAIM]->(c:Claim {id: claim.id})
     SET c.provenance = claim.provenance, c.section = claim.section, c.sectionIndex = claim.sectionIndex,
         c.position = claim.position, c.role = claim.role`,
    { slug: entry.slug, claims: article.claims },
  );
  await tx.run(
    `MATCH (e:Entry {slug: $slug})
     UNWIND [claim IN $claims WHERE claim.isNew] AS claim
     CREATE (e)-[:HAS_CLAIM]->(c:Claim {id: claim.id, lineage: claim.lineage, revision: claim.revision, text: claim.text,
                                       provenance: claim.provenance, section: claim.section, sectionIndex: claim.sectionIndex,
                                       position: claim.position, role: claim.role, entrySlug: $slug})
     WITH c, claim
     CALL (c, claim) {
       UNWIND range(0, size(claim.sourceKeys) - 1) AS i
       MATCH (s:Source {key: claim.sourceKeys[i]})
       CREATE (c)-[:CITES {order: i}]->(s)
     }`,
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
  return { sourceRecordsChanged: (listed.records[0]?.get('changed') as string[] | undefined) ?? [] };
}

export interface OutsideReadingWrite extends ReadingMentions {
  key: string;
  title: string;
  url: string | null;
  text: string;
  contentHash: string;
}

export async function writeOutsideReading(tx: Transaction, reading: OutsideReadingWrite): Promise<'CREATED' | 'UPDATED' | 'UNCHANGED'> {
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
