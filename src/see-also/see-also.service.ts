import type { Graph } from '../graph/graph';
import { rank, shortAuthors, type Connection, type RankedEntry } from './ranking';

/**
 * Neighbours shared by more entries than this are skipped when gathering
 * see-also candidates: their Adamic–Adar weight (1/ln(d) < 0.17) says little,
 * and walking a hub's thousands of edges on every panel would make the panel
 * as slow as the hub is popular. Degrees are kept current by every write.
 */
export const HUB_DEGREE_LIMIT = 400;

/**
 * Every connection between the entry `$slug` (bound as `e`) and its candidates
 * (bound as `o`), one row each, with what the ranking needs. Hubs above
 * `$hubLimit` are not walked. The bench's raw floor runs this same text.
 */
export const SEE_ALSO_CONNECTIONS = `MATCH (e:Entry {slug: $slug})
       CALL (e) {
         MATCH (e)-[r:SEE_ALSO]->(o:Entry)
         RETURN o, 'CURATED' AS kind, 'OUTGOING' AS direction, null AS degree, null AS relation, r.rank AS rank,
                null AS tier, null AS label, null AS authors, null AS year
         UNION ALL
         MATCH (e)-[r:LINEAGE]-(o:Entry) WHERE o <> e
         RETURN o, 'LINEAGE' AS kind, CASE WHEN startNode(r) = e THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
                null AS degree, r.relation AS relation, null AS rank, null AS tier, null AS label, null AS authors, null AS year
         UNION ALL
         MATCH (e)-[r:TARGETS|INDICATED_FOR|REFERS_TO]-(o:Entry) WHERE o <> e
         RETURN o, CASE type(r) WHEN 'REFERS_TO' THEN 'MENTIONS' ELSE type(r) END AS kind,
                CASE WHEN startNode(r) = e THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
                null AS degree, null AS relation, null AS rank, null AS tier, null AS label, null AS authors, null AS year
         UNION ALL
         MATCH (e)-[:LISTS]->(s:Source) WHERE s.entryCount <= $hubLimit
         MATCH (s)<-[:LISTS]-(o:Entry) WHERE o <> e
         RETURN DISTINCT o, 'SHARED_SOURCE' AS kind, null AS direction, s.entryCount AS degree, null AS relation, null AS rank,
                s.tier AS tier, s.title AS label, s.authors AS authors, s.year AS year
         UNION ALL
         MATCH (e)-[:TARGETS]->(p:Entry) WHERE p.targetedByCount <= $hubLimit
         MATCH (p)<-[:TARGETS]-(o:Entry) WHERE o <> e
         RETURN o, 'SHARED_PROBLEM' AS kind, null AS direction, p.targetedByCount AS degree, null AS relation, null AS rank,
                null AS tier, p.name AS label, null AS authors, null AS year
         UNION ALL
         MATCH (e)-[:DEFINES]->(k:KeyTerm) WHERE k.entryCount <= $hubLimit
         MATCH (other:KeyTerm {key: k.key})<-[:DEFINES]-(o:Entry) WHERE o <> e
         RETURN DISTINCT o, 'SHARED_TERM' AS kind, null AS direction, k.entryCount AS degree, null AS relation, null AS rank,
                null AS tier, k.term AS label, null AS authors, null AS year
       }`;

interface ConnectionRow {
  slug: string;
  name: string;
  kind: Connection['kind'];
  direction: Connection['direction'];
  degree: number | null;
  relation: string | null;
  rank: number | null;
  tier: string | null;
  label: string | null;
  authors: string[] | null;
  year: number | null;
}

/** The see-also panel: gather every connection in one query, rank in TypeScript (see ranking.ts). */
export class SeeAlsoService {
  constructor(private readonly graph: Graph) {}

  async ranked(slug: string): Promise<RankedEntry[]> {
    const rows = await this.graph.query<ConnectionRow & { selfName: string }>(
      `${SEE_ALSO_CONNECTIONS}
       RETURN e.name AS selfName, o.slug AS slug, o.name AS name, kind, direction, degree, relation, rank, tier, label, authors, year`,
      { slug, hubLimit: HUB_DEGREE_LIMIT },
    );
    if (rows.length === 0) return [];
    const selfName = rows[0]!.selfName;
    return rank(rows.map(toConnection), selfName);
  }
}

function toConnection(row: ConnectionRow): Connection {
  const sourceLabel = () => {
    const who = shortAuthors(row.authors ?? []) || row.label || 'a source';
    return `${who} (${row.year ?? 'n.d.'})`;
  };
  return {
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    direction: row.direction,
    degree: row.degree,
    via: {
      label: row.kind === 'SHARED_SOURCE' ? sourceLabel() : (row.label ?? ''),
      tier: row.tier,
      relation: row.relation,
      rank: row.rank,
    },
  };
}
