import type { ClaimRecord, EntryRecord, SourceRecord } from '../entries/records';
import type { Graph } from '../graph/graph';
import { claimProjection, entryProjection, sourceProjection } from '../graph/projections';

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

  /** Entries whose articles list the source, or that an outside reading mentions. */
  async entriesOf(key: string): Promise<EntryRecord[]> {
    return (
      await this.graph.query<{ entry: EntryRecord }>(
        `MATCH (s:Source {key: $key})
         CALL (s) {
           MATCH (e:Entry)-[:LISTS]->(s) RETURN e
           UNION
           MATCH (s)-[:MENTIONS]->(e:Entry) RETURN e
         }
         WITH e ORDER BY toLower(e.name), e.slug
         RETURN ${entryProjection('e')} AS entry`,
        { key },
      )
    ).map((row) => row.entry);
  }

  /** Claims citing the source, across all entries, in (entry, position) order. */
  async claimsCiting(key: string, offset: number, limit: number): Promise<{ total: number; claims: ClaimRecord[] }> {
    const [row] = await this.graph.query<{ total: number; claims: ClaimRecord[] }>(
      `MATCH (s:Source {key: $key})
       CALL (s) { RETURN COUNT { (:Claim)-[:CITES]->(s) } AS total }
       CALL (s) {
         MATCH (c:Claim)-[:CITES]->(s)
         WITH c ORDER BY c.entrySlug, c.position SKIP $offset LIMIT $limit
         RETURN collect(${claimProjection('c')}) AS claims
       }
       RETURN total, claims`,
      { key, offset, limit },
    );
    return row ?? { total: 0, claims: [] };
  }

  /** What an outside reading names: entry slugs and key-term ids, most-mentioned first. */
  async mentionsOf(key: string): Promise<Array<{ kind: 'ENTRY' | 'KEY_TERM'; id: string }>> {
    return this.graph.query(
      `MATCH (s:Source {key: $key})-[m:MENTIONS]->(target)
       WITH target, m ORDER BY m.count DESC, coalesce(target.name, target.term)
       RETURN CASE WHEN target:Entry THEN 'ENTRY' ELSE 'KEY_TERM' END AS kind, coalesce(target.slug, target.id) AS id`,
      { key },
    );
  }
}
