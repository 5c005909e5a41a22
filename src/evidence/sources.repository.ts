import type { ClaimRecord, EntryRecord, SourceRecord } from '../entries/records';
import type { Graph } from '../graph/graph';
import { claimProjection, entryProjection, sourceProjection } from '../graph/projections';
import { MAX_LIST } from '../graphql/pagination';

/** Reads of sources and what they support. */
export class SourcesRepository {
  constructor(private readonly graph: Graph) {}

  async sourcesByKey(keys: readonly string[]): Promise<SourceRecord[]> {
    return (
      await this.graph.query<{ source: SourceRecord }>(
        `UNWIND $keys AS key MATCH (s:Source {key: key}) RETURN ${sourceProjection('s')} AS source`,
        { keys },
      )
    ).map((row) => row.source);
  }

  /** Entries whose articles list each source, or that an outside reading mentions, by name (at most MAX_LIST each). */
  async entriesOf(keys: readonly string[]): Promise<Map<string, EntryRecord[]>> {
    const rows = await this.graph.query<{ key: string; entries: EntryRecord[] }>(
      `UNWIND $keys AS key
       MATCH (s:Source {key: key})
       RETURN key, COLLECT {
         CALL (s) {
           MATCH (e:Entry)-[:LISTS]->(s) RETURN e
           UNION
           MATCH (s)-[:MENTIONS]->(e:Entry) RETURN e
         }
         WITH e ORDER BY toLower(e.name), e.slug LIMIT $cap
         RETURN ${entryProjection('e')}
       } AS entries`,
      { keys, cap: MAX_LIST },
    );
    return new Map(rows.map((row) => [row.key, row.entries]));
  }

  /** For each source, one page of the claims citing it, across all entries, in (entry, position) order, and their total. */
  async claimsCiting(keys: readonly string[], offset: number, limit: number): Promise<Map<string, { total: number; claims: ClaimRecord[] }>> {
    const rows = await this.graph.query<{ key: string; total: number; claims: ClaimRecord[] }>(
      `UNWIND $keys AS key
       MATCH (s:Source {key: key})
       RETURN key, COUNT { (:Claim)-[:CITES]->(s) } AS total, COLLECT {
         MATCH (c:Claim)-[:CITES]->(s)
         WITH c ORDER BY c.entrySlug, c.position SKIP $offset LIMIT $limit
         RETURN ${claimProjection('c')}
       } AS claims`,
      { keys, offset, limit },
    );
    return new Map(rows.map(({ key, total, claims }) => [key, { total, claims }]));
  }

  /** What each outside reading names: entry slugs and key-term ids, most-mentioned first (at most MAX_LIST each). */
  async mentionsOf(keys: readonly string[]): Promise<Map<string, Array<{ kind: 'ENTRY' | 'KEY_TERM'; id: string }>>> {
    const rows = await this.graph.query<{ key: string; mentions: Array<{ kind: 'ENTRY' | 'KEY_TERM'; id: string }> }>(
      `UNWIND $keys AS key
       MATCH (s:Source {key: key})
       RETURN key, COLLECT {
         MATCH (s)-[m:MENTIONS]->(target)
         WITH target, m ORDER BY m.count DESC, coalesce(target.name, target.term) LIMIT $cap
         RETURN {kind: CASE WHEN target:Entry THEN 'ENTRY' ELSE 'KEY_TERM' END, id: coalesce(target.slug, target.id)}
       } AS mentions`,
      { keys, cap: MAX_LIST },
    );
    return new Map(rows.map((row) => [row.key, row.mentions]));
  }
}
