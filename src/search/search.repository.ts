import { toLucenePrefixQuery } from '../graph/fulltext';
import type { Graph } from '../graph/graph';
import { entryProjection, keyTermProjection, sourceProjection } from '../graph/projections';
import type { SearchNode } from './records';

/** Full-text search over entry names, aliases and summaries, key terms and source titles and authors. */
export class SearchRepository {
  constructor(private readonly graph: Graph) {}

  /** One page of hits, best first; asks for one more than `limit` so the caller knows whether more follow. */
  async search(query: string, offset: number, limit: number): Promise<Array<{ score: number; node: SearchNode }>> {
    const lucene = toLucenePrefixQuery(query);
    if (!lucene) return [];
    const rows = await this.graph.query<{ score: number; kind: SearchNode['kind']; value: never }>(
      `CALL db.index.fulltext.queryNodes('search_text', $lucene, {skip: $offset, limit: $limit}) YIELD node, score
       RETURN score,
         CASE WHEN node:Entry THEN 'ENTRY' WHEN node:KeyTerm THEN 'KEY_TERM' ELSE 'SOURCE' END AS kind,
         CASE WHEN node:Entry THEN ${entryProjection('node')}
              WHEN node:KeyTerm THEN ${keyTermProjection('node')}
              ELSE ${sourceProjection('node')} END AS value`,
      { lucene, offset, limit },
    );
    return rows.map(({ score, kind, value }) => ({
      score,
      node: kind === 'ENTRY' ? { kind, entry: value } : kind === 'KEY_TERM' ? { kind, keyTerm: value } : { kind, source: value },
    }));
  }
}
