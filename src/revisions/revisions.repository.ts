import type { ClaimRecord } from '../entries/records';
import { LOCK_ONLY, type Graph, type Transaction } from '../graph/graph';
import { decompressArticle } from './article-text';
import { claimProjection } from '../graph/projections';
import { relationTypePattern } from '../model/relations';
import type { CuratedLink, RevisionAction, RevisionRecord, SentenceChanges } from './records';

/**
 * The Cypher of history: entry write locks, revisions, the article texts they
 * keep, and claim versions. A revision is a node (:Revision {id: "slug@n"})
 * holding the entry's fields as they stood, the ids of its sentences in order,
 * the editor's links and see-also list, and the hash of its article text
 * (:ArticleText, stored once per distinct text, gzip). A sentence replaced or
 * removed keeps its node, relabelled :ClaimVersion (out of every :Claim
 * query, search and evidence included) with its text and the sources it cited.
 */

/** What a revision's snapshot is read from: the entry as it stands inside the write. */
export type EntryState = Pick<RevisionRecord, 'name' | 'kind' | 'aliases' | 'summary' | 'articleHash' | 'claimIds' | 'links' | 'seeAlso'>;

export interface RevisionWrite {
  slug: string;
  author: string;
  note: string | null;
  action: RevisionAction;
  changes: SentenceChanges;
  revertedTo: number | null;
}

/** A sentence as the alignment of two versions of an article sees it. */
export interface StoredSentence {
  id: string;
  /** The id of the claim's first version: every version of one claim shares it. */
  lineage: string;
  text: string;
  sourceKeys: string[];
}

const revisionProjection = (r: string) =>
  `${r} {.entrySlug, .number, createdAt: toString(${r}.createdAt), .author, .note, .action, .revertedTo,
        changes: {added: ${r}.added, removed: ${r}.removed, changed: ${r}.changed},
        .name, .kind, aliases: coalesce(${r}.aliases, []), .summary, .articleHash, claimIds: coalesce(${r}.claimIds, []),
        .links, seeAlso: ${r}.seeAlso}`;

type StoredRevision = Omit<RevisionRecord, 'links'> & { links: string | null };

const parseRevision = (stored: StoredRevision): RevisionRecord => ({ ...stored, links: stored.links ? (JSON.parse(stored.links) as CuratedLink[]) : [] });

/**
 * Takes the lock every write through graph-changes takes before any other,
 * and holds it to its commit: such writes take turns, across every process
 * sharing the database, so no two of them can wait on each other's locks in
 * a circle (a deadlock). Creating a relationship or deleting one locks both
 * of its ends in Neo4j, so an article's save locks the entries it mentions,
 * the sources it lists and the claims of other articles that mention its key
 * terms as it goes; no order over those could be planned before the write
 * reads what it replaces. Writes outside graph-changes (an upvote, a
 * suggestion, derived panels) lock one node, or their nodes in one sorted
 * statement, and the change log last, so they close no circle either.
 */
export async function lockWrites(tx: Transaction): Promise<void> {
  await tx.run(`${LOCK_ONLY}MERGE (m:Meta {id: 'writes'}) SET m.writeLock = true REMOVE m.writeLock`);
}

/**
 * Takes the entry's write lock for the rest of the transaction, so writes to
 * one entry are serialised and what the write reads next is what the last
 * one committed. The entry's current revision (0 before its first); null
 * when there is no such entry.
 */
export async function lockEntry(tx: Transaction, slug: string): Promise<number | null> {
  const result = await tx.run(
    `${LOCK_ONLY}MATCH (e:Entry {slug: $slug})
     SET e.writeLock = true REMOVE e.writeLock
     RETURN coalesce(e.revision, 0) AS revision`,
    { slug },
  );
  return result.records[0]?.get('revision') ?? null;
}

/**
 * Creates a bare entry (a slug, no name yet) unless one exists; true when
 * created. MERGE on the unique slug waits for a concurrent creation of the
 * same entry to commit, so two writes creating one entry take turns.
 */
export async function createBareEntry(tx: Transaction, slug: string): Promise<boolean> {
  const result = await tx.run(
    `MERGE (e:Entry {slug: $slug})
     ON CREATE SET e.createdAt = datetime(), e.aliases = [], e.hasArticle = false`,
    { slug },
  );
  return result.summary.counters.updates().nodesCreated > 0;
}

/** The article's sentences in order, with what the alignment of versions compares. */
export async function currentSentences(tx: Transaction, slug: string): Promise<StoredSentence[]> {
  const result = await tx.run(
    `MATCH (:Entry {slug: $slug})-[:HAS_CLAIM]->(c:Claim)
     WITH c ORDER BY c.position
     RETURN c.id AS id, coalesce(c.lineage, c.id) AS lineage, c.text AS text,
            COLLECT { MATCH (c)-[cites:CITES]->(s:Source) WITH s, cites ORDER BY cites.order RETURN s.key } AS sourceKeys`,
    { slug },
  );
  return result.records.map((r) => ({ id: r.get('id'), lineage: r.get('lineage'), text: r.get('text'), sourceKeys: r.get('sourceKeys') }));
}

/** Which of these claim ids a claim holds, current or replaced. */
export async function existingClaimIds(tx: Transaction, ids: string[]): Promise<Set<string>> {
  const result = await tx.run(
    `UNWIND $ids AS id
     CALL (id) {
       MATCH (c:Claim {id: id}) RETURN c.id AS found
       UNION
       MATCH (c:ClaimVersion {id: id}) RETURN c.id AS found
     }
     RETURN found`,
    { ids },
  );
  return new Set(result.records.map((r) => r.get('found') as string));
}

/**
 * Sentences a new version replaced or removed: out of the article, their
 * mentions gone (they name nothing any more), their text and citations kept
 * under :ClaimVersion, with the revision that retired them.
 */
export async function retireClaims(tx: Transaction, ids: string[], revision: number): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(
    `UNWIND $ids AS id
     MATCH (c:Claim {id: id})
     CALL (c) {
       MATCH (c)-[link:MENTIONS]->()
       DELETE link
     }
     CALL (c) {
       MATCH (:Entry)-[part:HAS_CLAIM]->(c)
       DELETE part
     }
     SET c.lineage = coalesce(c.lineage, c.id), c.retiredIn = $revision
     REMOVE c:Claim
     SET c:ClaimVersion`,
    { ids, revision },
  );
}

/** Keeps an article text once per distinct text. */
export async function keepArticleText(tx: Transaction, hash: string, compressed: string): Promise<void> {
  await tx.run(`MERGE (t:ArticleText {hash: $hash}) ON CREATE SET t.compressed = $compressed`, { hash, compressed });
}

export async function readArticleText(tx: Transaction, hash: string): Promise<string | null> {
  const result = await tx.run(`MATCH (t:ArticleText {hash: $hash}) RETURN t.compressed AS compressed`, { hash });
  return result.records[0]?.get('compressed') ?? null;
}

/** The entry as a revision would record it now. */
export async function readEntryState(tx: Transaction, slug: string): Promise<EntryState> {
  const result = await tx.run(
    `MATCH (e:Entry {slug: $slug})
     RETURN e.name AS name, e.kind AS kind, coalesce(e.aliases, []) AS aliases, e.summary AS summary,
            CASE WHEN e.hasArticle THEN e.contentHash END AS articleHash,
            COLLECT { MATCH (e)-[:HAS_CLAIM]->(c:Claim) WITH c ORDER BY c.position RETURN c.id } AS claimIds,
            COLLECT { MATCH (e)-[l:${relationTypePattern()}]->(o:Entry) WHERE l.curated
                      WITH l, o ORDER BY type(l), o.slug, l.relation
                      RETURN {relation: type(l), to: o.slug, lineageRelation: l.relation, claimId: l.claimId} } AS links,
            COLLECT { MATCH (e)-[s:SEE_ALSO]->(o:Entry) WHERE s.curated WITH s, o ORDER BY s.rank RETURN o.slug } AS seeAlso`,
    { slug },
  );
  const record = result.records[0]!;
  const seeAlso: string[] = record.get('seeAlso');
  return {
    name: record.get('name'),
    kind: record.get('kind'),
    aliases: record.get('aliases'),
    summary: record.get('summary'),
    articleHash: record.get('articleHash'),
    claimIds: record.get('claimIds'),
    links: record.get('links'),
    seeAlso: seeAlso.length > 0 ? seeAlso : null,
  };
}

/** Records the entry as it now stands as its next revision; returns the revision's number. */
export async function recordRevision(tx: Transaction, write: RevisionWrite): Promise<number> {
  const state = await readEntryState(tx, write.slug);
  const result = await tx.run(
    `MATCH (e:Entry {slug: $write.slug})
     WITH e, coalesce(e.revision, 0) + 1 AS number
     SET e.revision = number
     CREATE (r:Revision {id: e.slug + '@' + number, entrySlug: e.slug, number: number, createdAt: datetime(),
                         author: $write.author, note: $write.note, action: $write.action, revertedTo: $write.revertedTo,
                         added: $write.changes.added, removed: $write.changes.removed, changed: $write.changes.changed,
                         name: $state.name, kind: $state.kind, aliases: $state.aliases, summary: $state.summary,
                         articleHash: $state.articleHash, claimIds: $state.claimIds, links: $links, seeAlso: $state.seeAlso})
     RETURN number`,
    { write, state, links: JSON.stringify(state.links) },
  );
  return result.records[0]!.get('number');
}

/** Revisions by id ("slug@n"). */
export async function revisionsById(tx: Transaction, ids: readonly string[]): Promise<Map<string, RevisionRecord>> {
  const result = await tx.run(`UNWIND $ids AS id MATCH (r:Revision {id: id}) RETURN id, ${revisionProjection('r')} AS revision`, { ids });
  return new Map(result.records.map((r) => [r.get('id') as string, parseRevision(r.get('revision'))]));
}

/** A page of each entry's revisions, newest first, with their count. */
export async function revisionPages(
  tx: Transaction,
  slugs: readonly string[],
  offset: number,
  limit: number,
): Promise<Map<string, { total: number; revisions: RevisionRecord[] }>> {
  const result = await tx.run(
    `UNWIND $slugs AS slug
     MATCH (e:Entry {slug: slug})
     RETURN slug, coalesce(e.revision, 0) AS total, COLLECT {
       MATCH (r:Revision) WHERE r.entrySlug = slug AND r.number <= coalesce(e.revision, 0) - $offset AND r.number > coalesce(e.revision, 0) - $offset - $limit
       WITH r ORDER BY r.number DESC
       RETURN ${revisionProjection('r')}
     } AS revisions`,
    { slugs, offset, limit },
  );
  return new Map(
    result.records.map((r) => [r.get('slug') as string, { total: r.get('total') as number, revisions: (r.get('revisions') as StoredRevision[]).map(parseRevision) }]),
  );
}

/** For replaced claim versions: the version of the same claim that stands now, if the claim was not removed. */
export async function currentVersionsOf(tx: Transaction, ids: readonly string[]): Promise<Map<string, ClaimRecord>> {
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (v:ClaimVersion {id: id})
     MATCH (:Entry {slug: v.entrySlug})-[:HAS_CLAIM]->(c:Claim) WHERE c.lineage = v.lineage
     RETURN id, ${claimProjection('c')} AS claim`,
    { ids },
  );
  return new Map(result.records.map((r) => [r.get('id') as string, r.get('claim') as ClaimRecord]));
}

/** The reads of history the API serves, each one auto-commit query. */
export class RevisionsRepository {
  constructor(private readonly graph: Graph) {}

  revisionsById(ids: readonly string[]): Promise<Map<string, RevisionRecord>> {
    return this.graph.read((tx) => revisionsById(tx, ids));
  }

  revisionPages(slugs: readonly string[], offset: number, limit: number): Promise<Map<string, { total: number; revisions: RevisionRecord[] }>> {
    return this.graph.read((tx) => revisionPages(tx, slugs, offset, limit));
  }

  currentVersionsOf(ids: readonly string[]): Promise<Map<string, ClaimRecord>> {
    return this.graph.read((tx) => currentVersionsOf(tx, ids));
  }

  /** Article texts by hash, decompressed. */
  async articleTexts(hashes: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.graph.query<{ hash: string; compressed: string }>(
      'UNWIND $hashes AS hash MATCH (t:ArticleText {hash: hash}) RETURN hash, t.compressed AS compressed',
      { hashes },
    );
    return new Map(rows.map((row) => [row.hash, decompressArticle(row.compressed)]));
  }
}
