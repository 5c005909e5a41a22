import type { EntryRecord } from '../entries/records';
import type { Graph } from '../graph/graph';
import { entryProjection } from '../graph/projections';
import { MAX_LIST } from '../graphql/pagination';
import { ENTRY_RELATIONS, relationTypePattern, type EntryRelationType } from '../model/relations';
import type { LineageRecord, PathRecord } from './records';

/** Entry-level relations: those an article's text states (the registry's) and curated see-also lists. */
const NAVIGABLE = `${relationTypePattern()}|SEE_ALSO`;

/** What each stored relation is called in the API: its see-also reason (REFERS_TO, the roll-up of claim mentions, is MENTIONS). */
const apiNameOf = (type: string): string => ENTRY_RELATIONS.find((declaration) => declaration.type === type)?.reason ?? type;

export const MAX_PATH_HOPS = 6;

/**
 * Where two entries of a path are related more than one way, the step names
 * the most specific relation: the article's own relations in the registry's
 * order (lineage, targets, indications, then mentions), a curated see-also
 * last. shortestPath alone picks any of them, so the same path read as
 * "targets" on one run and "mentions" on the next.
 */
const STEP_PREFERENCE: Record<string, number> = Object.fromEntries([...ENTRY_RELATIONS.map((d) => d.type), 'SEE_ALSO'].map((type, rank) => [type, rank]));

export class NavigationRepository {
  constructor(private readonly graph: Graph) {}

  async lineage(slugs: readonly string[]): Promise<Map<string, LineageRecord[]>> {
    const rows = await this.graph.query<{ slug: string; links: LineageRecord[] }>(
      `UNWIND $slugs AS slug
       MATCH (e:Entry {slug: slug})
       RETURN slug, COLLECT {
         MATCH (e)-[r:LINEAGE]-(other:Entry)
         WITH r, other, CASE WHEN startNode(r) = e THEN 'OUTGOING' ELSE 'INCOMING' END AS direction
         ORDER BY direction DESC, toLower(other.name) LIMIT $cap
         RETURN {relation: r.relation, direction: direction, claimId: r.claimId, node: ${entryProjection('other')}}
       } AS links`,
      { slugs, cap: MAX_LIST },
    );
    return new Map(rows.map((row) => [row.slug, row.links]));
  }

  /** Entries at the end of one outgoing relation (TARGETS, INDICATED_FOR), by name. */
  async related(slugs: readonly string[], relation: EntryRelationType): Promise<Map<string, EntryRecord[]>> {
    const rows = await this.graph.query<{ slug: string; entries: EntryRecord[] }>(
      `UNWIND $slugs AS slug
       MATCH (e:Entry {slug: slug})
       RETURN slug, COLLECT {
         MATCH (e)-[r]->(other:Entry) WHERE type(r) = $relation
         WITH other ORDER BY toLower(other.name) LIMIT $cap
         RETURN ${entryProjection('other')}
       } AS entries`,
      { slugs, relation, cap: MAX_LIST },
    );
    return new Map(rows.map((row) => [row.slug, row.entries]));
  }

  /** "What links here": entries with any entry-level relation pointing at these. */
  async backlinks(slugs: readonly string[]): Promise<Map<string, EntryRecord[]>> {
    const rows = await this.graph.query<{ slug: string; entries: EntryRecord[] }>(
      `UNWIND $slugs AS slug
       MATCH (e:Entry {slug: slug})
       RETURN slug, COLLECT {
         MATCH (other:Entry)-[r:${NAVIGABLE}]->(e)
         WHERE other <> e
         WITH DISTINCT other ORDER BY toLower(other.name) LIMIT $cap
         RETURN ${entryProjection('other')}
       } AS entries`,
      { slugs, cap: MAX_LIST },
    );
    return new Map(rows.map((row) => [row.slug, row.entries]));
  }

  /**
   * A shortest path over entry-level relations, either direction. Neo4j cannot
   * take a variable-length bound as a parameter, so `maxHops` is validated to an
   * integer in 1..MAX_PATH_HOPS by the caller and checked again here before it
   * becomes part of the query text.
   */
  async shortestPath(from: string, to: string, maxHops: number): Promise<PathRecord | null> {
    if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_PATH_HOPS) throw new RangeError('maxHops out of range');
    const [row] = await this.graph.query<{ nodes: EntryRecord[]; rels: Array<{ type: string; forward: boolean }> }>(
      `MATCH (a:Entry {slug: $from}), (b:Entry {slug: $to})
       MATCH p = shortestPath((a)-[:${NAVIGABLE}*1..${maxHops}]-(b))
       WITH nodes(p) AS ns
       UNWIND range(0, size(ns) - 2) AS i
       CALL (ns, i) {
         WITH ns[i] AS x, ns[i + 1] AS y
         MATCH (x)-[r:${NAVIGABLE}]-(y)
         WITH type(r) AS type, startNode(r) = x AS forward
         RETURN type, forward ORDER BY coalesce($preference[type], 99), forward DESC LIMIT 1
       }
       WITH ns, i, {type: type, forward: forward} AS rel ORDER BY i
       RETURN [n IN ns | ${entryProjection('n')}] AS nodes, collect(rel) AS rels`,
      { from, to, preference: STEP_PREFERENCE },
    );
    if (!row) return null;
    return {
      length: row.rels.length,
      from: row.nodes[0]!,
      steps: row.rels.map((rel, i) => ({
        relation: apiNameOf(rel.type),
        direction: rel.forward ? 'OUTGOING' : 'INCOMING',
        node: row.nodes[i + 1]!,
      })),
    };
  }
}
