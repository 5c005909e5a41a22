import type { Transaction } from '../graph/graph';
import type { ClaimRecord, EntryRecord, SourceRecord } from '../entries/records';
import { claimProjection, entryProjection, sourceProjection } from '../graph/projections';
import { ENTRY_RELATIONS, relationByType, relationTypePattern, type EditableRelation } from '../model/relations';
import type { CuratedLink } from '../revisions/records';
import type { RevisionStatus, RevisionSuggestionRecord, SuggestionStatusChangeRecord, UpsertEntryFields } from './records';

/**
 * The Cypher behind editors' and readers' writes. Every function takes the
 * transaction it runs in, so the service makes each mutation one transaction:
 * reads to decide, then the write, then the changed records read back.
 * Values always travel as parameters; relationship types come from a closed list.
 */

/** The relationship type of an editable relation: the registry's text, never input. */
const typeOf = (relation: EditableRelation): string => relationByType(relation).type;

const isEditableRelation = (type: string): type is EditableRelation => ENTRY_RELATIONS.some((declaration) => declaration.type === type && declaration.editable);

const first = <T>(records: { get(key: string): unknown }[], key: string): T | null => (records[0]?.get(key) as T | undefined) ?? null;

export async function readEntry(tx: Transaction, slug: string): Promise<EntryRecord | null> {
  const result = await tx.run(`MATCH (e:Entry {slug: $slug}) RETURN ${entryProjection('e')} AS entry`, { slug });
  return first<EntryRecord>(result.records, 'entry');
}

/**
 * Slugs of other entries with this name key (entryNameKey). The uniqueness
 * constraint on Entry.nameKey is what holds under races; this names the
 * entry in the error before the write is tried.
 */
export async function entriesNamed(tx: Transaction, nameKey: string, exceptSlug: string): Promise<string[]> {
  const result = await tx.run(`MATCH (o:Entry {nameKey: $nameKey}) WHERE o.slug <> $exceptSlug RETURN o.slug AS slug ORDER BY slug LIMIT 5`, {
    nameKey,
    exceptSlug,
  });
  return result.records.map((r) => r.get('slug') as string);
}

/** Entries whose article lists the source or whose current sentences cite it, in slug order (the order their locks are taken in). */
export async function entriesUsingSource(tx: Transaction, key: string): Promise<string[]> {
  const result = await tx.run(
    `MATCH (s:Source {key: $key})
     CALL (s) {
       MATCH (e:Entry)-[:LISTS]->(s) RETURN e
       UNION
       MATCH (e:Entry)-[:HAS_CLAIM]->(:Claim)-[:CITES]->(s) RETURN e
     }
     RETURN DISTINCT e.slug AS slug ORDER BY slug`,
    { key },
  );
  return result.records.map((r) => r.get('slug') as string);
}

/** Replaces the editor's links from the entry with `links` (a revert); links an article states are left to it. */
export async function replaceCuratedLinks(tx: Transaction, slug: string, links: CuratedLink[], editor: string): Promise<void> {
  await tx.run(
    `MATCH (e:Entry {slug: $slug})-[r:${relationTypePattern()}]->(:Entry)
     WHERE r.curated
     DELETE r`,
    { slug },
  );
  for (const link of links) {
    if (!isEditableRelation(link.relation)) continue;
    await tx.run(
      `MATCH (b:Entry {slug: $link.to})
       WITH b LIMIT 1
       CALL (b) {
         MATCH (a:Entry {slug: $slug})
         ${link.relation === 'LINEAGE' ? 'MERGE (a)-[r:LINEAGE {relation: $link.lineageRelation}]->(b)' : `MERGE (a)-[r:${typeOf(link.relation)}]->(b)`}
         SET r.claimId = $link.claimId, r.curated = true, r.curatedBy = $editor, r.curatedAt = datetime()
         REMOVE r.derived
       }`,
      { slug, link, editor },
    );
  }
}

/** Replaces the editor's see-also list (a revert); an empty one gives the list back to the article's own lines. */
export async function replaceCuratedSeeAlso(tx: Transaction, slug: string, targets: string[], editor: string): Promise<void> {
  if (targets.length > 0) {
    await replaceSeeAlso(tx, slug, targets, editor);
    return;
  }
  await tx.run(`MATCH (:Entry {slug: $slug})-[r:SEE_ALSO]->() WHERE r.curated DELETE r`, { slug });
}

export async function writeEntry(tx: Transaction, fields: UpsertEntryFields): Promise<EntryRecord> {
  const result = await tx.run(
    `MERGE (e:Entry {slug: $fields.slug})
     ON CREATE SET e.createdAt = datetime(), e.hasArticle = false
     SET e.name = $fields.name, e.nameKey = $fields.nameKey, e.kind = $fields.kind, e.aliases = $fields.aliases, e.summary = $fields.summary,
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
 * nothing at all (and so logs no change: caches stay). A new one is counted
 * on the entry's tally, never on the entry: an upvote locks nothing an
 * editor's write locks (migration 010), so the two never deadlock.
 */
export async function addUpvote(tx: Transaction, slug: string, client: string): Promise<boolean> {
  const result = await tx.run(
    `MERGE (u:Upvote {entrySlug: $slug, clientId: $client})
     ON CREATE SET u.createdAt = datetime()`,
    { slug, client },
  );
  if (result.summary.counters.updates().nodesCreated === 0) return false;
  await tx.run('MERGE (t:UpvoteTally {slug: $slug}) SET t.count = coalesce(t.count, 0) + 1', { slug });
  return true;
}

const suggestionProjection = (r: string) =>
  `${r} {.id, .entrySlug, .text, sources: coalesce(${r}.sources, []), .creditPreference, .creditName, .status,
        createdAt: toString(${r}.createdAt), .reason, .acceptedIn, history: coalesce(${r}.history, [])}`;

type StoredSuggestion = Omit<RevisionSuggestionRecord, 'history'> & { history: string[] };

/** A suggestion's decisions are kept on it as JSON lines, oldest first: a short list only its own reads need. */
const parseSuggestion = (stored: StoredSuggestion): RevisionSuggestionRecord => ({
  ...stored,
  history: stored.history.map((line) => ({ ...(JSON.parse(line) as Omit<SuggestionStatusChangeRecord, 'entrySlug'>), entrySlug: stored.entrySlug })),
});

/** A suggestion and the (one-way) key of the client that made it. */
export async function readSuggestion(tx: Transaction, id: string): Promise<{ suggestion: RevisionSuggestionRecord; clientId: string } | null> {
  const result = await tx.run(`MATCH (r:RevisionSuggestion {id: $id}) RETURN ${suggestionProjection('r')} AS suggestion, r.clientId AS clientId`, { id });
  const record = result.records[0];
  return record ? { suggestion: parseSuggestion(record.get('suggestion')), clientId: record.get('clientId') } : null;
}

/** Records an editor's decision: the status, its reason and revision, and a line in the suggestion's history. */
export async function decideSuggestion(
  tx: Transaction,
  id: string,
  decision: Omit<SuggestionStatusChangeRecord, 'at' | 'entrySlug'>,
): Promise<RevisionSuggestionRecord> {
  const at = new Date().toISOString();
  const result = await tx.run(
    `MATCH (r:RevisionSuggestion {id: $id})
     SET r.status = $decision.status, r.reason = $decision.reason, r.acceptedIn = $acceptedIn, r.decidedAt = datetime($at),
         r.history = coalesce(r.history, []) + $line
     RETURN ${suggestionProjection('r')} AS suggestion`,
    {
      id,
      decision,
      at,
      acceptedIn: decision.status === 'ACCEPTED' ? decision.revision : null,
      line: JSON.stringify({ status: decision.status, at, editor: decision.editor, reason: decision.reason, revision: decision.revision }),
    },
  );
  return parseSuggestion(first<StoredSuggestion>(result.records, 'suggestion')!);
}
/** Stores the suggestion unless one with the same id (same client, entry and text) exists; true when new. */
export async function addSuggestion(
  tx: Transaction,
  suggestion: Omit<RevisionSuggestionRecord, 'status' | 'createdAt' | 'reason' | 'acceptedIn' | 'history'> & { clientId: string },
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
    suggestion: parseSuggestion(first<StoredSuggestion>(result.records, 'suggestion')!),
  };
}

/** Suggestions in one status (every status: null), oldest first. */
export async function suggestionsInStatus(
  tx: Transaction,
  status: RevisionStatus | null,
  offset: number,
  limit: number,
): Promise<{ total: number; suggestions: RevisionSuggestionRecord[] }> {
  const result = await tx.run(
    `CALL () { MATCH (r:RevisionSuggestion) WHERE $status IS NULL OR r.status = $status RETURN count(r) AS total }
     CALL () {
       MATCH (r:RevisionSuggestion) WHERE $status IS NULL OR r.status = $status
       WITH r ORDER BY r.createdAt, r.id SKIP $offset LIMIT $limit
       RETURN collect(${suggestionProjection('r')}) AS suggestions
     }
     RETURN total, suggestions`,
    { status, offset, limit },
  );
  return {
    total: first<number>(result.records, 'total') ?? 0,
    suggestions: (first<StoredSuggestion[]>(result.records, 'suggestions') ?? []).map(parseSuggestion),
  };
}
