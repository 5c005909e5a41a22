import type { Transaction } from '../graph/graph';
import type { ClaimRecord, EntryRecord, SourceRecord } from '../entries/records';
import { claimProjection, entryProjection, sourceProjection } from '../graph/projections';
import { relationByType, type EditableRelation } from '../model/relations';
import type { RevisionSuggestionRecord, UpsertEntryFields } from './records';

/**
 * The Cypher behind editors' and readers' writes. Every function takes the
 * transaction it runs in, so the service makes each mutation one transaction:
 * reads to decide, then the write, then the changed records read back.
 * Values always travel as parameters; relationship types come from a closed list.
 */

/** The relationship type of an editable relation: the registry's text, never input. */
const typeOf = (relation: EditableRelation): string => relationByType(relation).type;

const first = <T>(records: { get(key: string): unknown }[], key: string): T | null => (records[0]?.get(key) as T | undefined) ?? null;

export async function readEntry(tx: Transaction, slug: string): Promise<EntryRecord | null> {
  const result = await tx.run(`MATCH (e:Entry {slug: $slug}) RETURN ${entryProjection('e')} AS entry`, { slug });
  return first<EntryRecord>(result.records, 'entry');
}

/** Slugs of other entries whose name is `name` (case-insensitive). */
export async function entriesNamed(tx: Transaction, name: string, exceptSlug: string): Promise<string[]> {
  const result = await tx.run(
    `MATCH (o:Entry) WHERE toLower(o.name) = toLower($name) AND o.slug <> $exceptSlug RETURN o.slug AS slug ORDER BY slug LIMIT 5`,
    { name, exceptSlug },
  );
  return result.records.map((r) => r.get('slug') as string);
}

export async function writeEntry(tx: Transaction, fields: UpsertEntryFields): Promise<EntryRecord> {
  const result = await tx.run(
    `MERGE (e:Entry {slug: $fields.slug})
     ON CREATE SET e.createdAt = datetime(), e.upvotes = 0, e.hasArticle = false
     SET e.name = $fields.name, e.kind = $fields.kind, e.aliases = $fields.aliases, e.summary = $fields.summary,
         e.aliasText = reduce(text = '', alias IN $fields.aliases | text + ' ' + alias), e.updatedAt = datetime()
     RETURN ${entryProjection('e')} AS entry`,
    { fields },
  );
  return first<EntryRecord>(result.records, 'entry')!;
}

export async function readClaim(tx: Transaction, id: string): Promise<ClaimRecord | null> {
  const result = await tx.run(`MATCH (c:Claim {id: $id}) RETURN ${claimProjection('c')} AS claim`, { id });
  return first<ClaimRecord>(result.records, 'claim');
}

interface LinkState {
  claimId: string | null;
  curated: boolean;
}

/** The existing link from → to of this relation (and lineage name), if any. */
export async function readLink(
  tx: Transaction,
  from: string,
  to: string,
  relation: EditableRelation,
  lineageRelation: string | null,
): Promise<LinkState | null> {
  const result = await tx.run(
    `MATCH (:Entry {slug: $from})-[r:${typeOf(relation)}]->(:Entry {slug: $to})
     WHERE $lineageRelation IS NULL OR r.relation = $lineageRelation
     RETURN r.claimId AS claimId, coalesce(r.curated, false) AS curated LIMIT 1`,
    { from, to, lineageRelation },
  );
  const record = result.records[0];
  return record ? { claimId: record.get('claimId'), curated: record.get('curated') } : null;
}

/**
 * Creates or updates an editor's link. It is marked `curated` and not `derived`,
 * so re-ingesting the article (which clears derived links) keeps it.
 */
export async function writeLink(
  tx: Transaction,
  link: { from: string; to: string; relation: EditableRelation; lineageRelation: string | null; claimId: string; editor: string },
): Promise<void> {
  const merge =
    link.relation === 'LINEAGE'
      ? `MERGE (a)-[r:LINEAGE {relation: $link.lineageRelation}]->(b)`
      : `MERGE (a)-[r:${typeOf(link.relation)}]->(b)`;
  await tx.run(
    `MATCH (a:Entry {slug: $link.from}), (b:Entry {slug: $link.to})
     ${merge}
     SET r.claimId = $link.claimId, r.curated = true, r.curatedBy = $link.editor, r.curatedAt = datetime()
     REMOVE r.derived`,
    { link },
  );
}

export async function deleteLinks(
  tx: Transaction,
  from: string,
  to: string,
  relation: EditableRelation,
  lineageRelation: string | null,
): Promise<number> {
  const result = await tx.run(
    `MATCH (:Entry {slug: $from})-[r:${typeOf(relation)}]->(:Entry {slug: $to})
     WHERE $lineageRelation IS NULL OR r.relation = $lineageRelation
     DELETE r
     RETURN count(*) AS removed`,
    { from, to, lineageRelation },
  );
  return first<number>(result.records, 'removed') ?? 0;
}

export interface SeeAlsoLink {
  slug: string;
  curated: boolean;
  fromArticle: boolean;
}

export async function readSeeAlso(tx: Transaction, slug: string): Promise<SeeAlsoLink[]> {
  const result = await tx.run(
    `MATCH (:Entry {slug: $slug})-[r:SEE_ALSO]->(o:Entry)
     RETURN o.slug AS slug, coalesce(r.curated, false) AS curated, coalesce(r.fromArticle, false) AS fromArticle
     ORDER BY r.rank, o.slug`,
    { slug },
  );
  return result.records.map((r) => ({ slug: r.get('slug'), curated: r.get('curated'), fromArticle: r.get('fromArticle') }));
}

/** Slugs among `slugs` that name no entry. */
export async function missingEntries(tx: Transaction, slugs: string[]): Promise<string[]> {
  const result = await tx.run(
    `UNWIND $slugs AS slug
     OPTIONAL MATCH (e:Entry {slug: slug})
     WITH slug, e WHERE e IS NULL
     RETURN collect(slug) AS missing`,
    { slugs },
  );
  return first<string[]>(result.records, 'missing') ?? [];
}

/** Replaces the entry's whole see-also list with `targets`, ranked in order and marked curated. */
export async function replaceSeeAlso(tx: Transaction, slug: string, targets: string[], editor: string): Promise<void> {
  await tx.run(
    `MATCH (e:Entry {slug: $slug})
     OPTIONAL MATCH (e)-[old:SEE_ALSO]->()
     DELETE old
     WITH DISTINCT e
     CALL (e) {
       UNWIND range(0, size($targets) - 1) AS i
       MATCH (other:Entry {slug: $targets[i]})
       CREATE (e)-[:SEE_ALSO {rank: i, curated: true, curatedBy: $editor, curatedAt: datetime()}]->(other)
     }`,
    { slug, targets, editor },
  );
}

export async function readSource(tx: Transaction, key: string): Promise<SourceRecord | null> {
  const result = await tx.run(`MATCH (s:Source {key: $key}) RETURN ${sourceProjection('s')} AS source`, { key });
  return first<SourceRecord>(result.records, 'source');
}

export async function retractSource(tx: Transaction, key: string, reason: string, editor: string): Promise<SourceRecord> {
  const result = await tx.run(
    `MATCH (s:Source {key: $key})
     SET s.retracted = true, s.retractionReason = $reason, s.retractedBy = $editor, s.retractedAt = datetime()
     RETURN ${sourceProjection('s')} AS source`,
    { key, reason, editor },
  );
  return first<SourceRecord>(result.records, 'source')!;
}

/**
 * One upvote per (entry, client): true when this one was new. Whether MERGE
 * created the node is read from the statement's counters, so a repeat sets
 * nothing at all (and leaves the content version, and caches, alone).
 */
export async function addUpvote(tx: Transaction, slug: string, client: string): Promise<boolean> {
  const result = await tx.run(
    `MATCH (e:Entry {slug: $slug})
     MERGE (u:Upvote {entrySlug: $slug, clientId: $client})
     ON CREATE SET u.createdAt = datetime(), e.upvotes = coalesce(e.upvotes, 0) + 1`,
    { slug, client },
  );
  return result.summary.counters.updates().nodesCreated > 0;
}

const suggestionProjection = (r: string) =>
  `${r} {.id, .entrySlug, .text, sources: coalesce(${r}.sources, []), .creditPreference, .creditName, .status,
        createdAt: toString(${r}.createdAt)}`;

/** Stores the suggestion unless one with the same id (same client, entry and text) exists; true when new. */
export async function addSuggestion(
  tx: Transaction,
  suggestion: Omit<RevisionSuggestionRecord, 'status' | 'createdAt'> & { clientId: string },
): Promise<{ created: boolean; suggestion: RevisionSuggestionRecord }> {
  const result = await tx.run(
    `MERGE (r:RevisionSuggestion {id: $s.id})
     ON CREATE SET r.entrySlug = $s.entrySlug, r.text = $s.text, r.sources = $s.sources, r.creditPreference = $s.creditPreference,
                   r.creditName = $s.creditName, r.clientId = $s.clientId, r.status = 'PENDING', r.createdAt = datetime()
     RETURN ${suggestionProjection('r')} AS suggestion`,
    { s: suggestion },
  );
  return {
    created: result.summary.counters.updates().nodesCreated > 0,
    suggestion: first<RevisionSuggestionRecord>(result.records, 'suggestion')!,
  };
}

export async function pendingSuggestions(
  tx: Transaction,
  offset: number,
  limit: number,
): Promise<{ total: number; suggestions: RevisionSuggestionRecord[] }> {
  const result = await tx.run(
    `CALL () { MATCH (r:RevisionSuggestion {status: 'PENDING'}) RETURN count(r) AS total }
     CALL () {
       MATCH (r:RevisionSuggestion {status: 'PENDING'})
       WITH r ORDER BY r.createdAt, r.id SKIP $offset LIMIT $limit
       RETURN collect(${suggestionProjection('r')}) AS suggestions
     }
     RETURN total, suggestions`,
    { offset, limit },
  );
  return { total: first<number>(result.records, 'total') ?? 0, suggestions: first<RevisionSuggestionRecord[]>(result.records, 'suggestions') ?? [] };
}
