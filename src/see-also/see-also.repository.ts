import type { EntryRecord } from '../entries/records';
import { LOCK_ONLY, type Graph, type Transaction } from '../graph/graph';
import { entryProjection } from '../graph/projections';
import { MAX_SEE_ALSO_PAGE } from '../graphql/limits';
import { ENTRY_RELATIONS, relationTypePattern } from '../model/relations';
import type { Connection, RankedEntry } from './ranking';

/**
 * Neighbours shared by more entries than this are skipped when gathering
 * see-also candidates: their Adamic–Adar weight (1/ln(d) < 0.17) says little,
 * and walking a hub's thousands of edges for every panel would make panels as
 * slow as the hub is popular. Degrees are kept current by every write.
 */
export const HUB_DEGREE_LIMIT = 400;

/**
 * How many ranked candidates a stored panel keeps: two pages of the largest
 * size a client may ask for. Pages beyond it are ranked live.
 */
export const PANEL_SIZE = 2 * MAX_SEE_ALSO_PAGE;

/** The see-also reason of the relationship `r`, as the registry of relations names it. */
const REASON_OF_TYPE = `CASE type(r) ${ENTRY_RELATIONS.map((declaration) => `WHEN '${declaration.type}' THEN '${declaration.reason}'`).join(' ')} END`;

/**
 * Every connection between the entry bound as `e` and its candidates, with
 * what the ranking needs: one row per relation, or per shared neighbour with
 * all the candidates that share it (`others`), so a neighbour's properties
 * are read and sent once, not once per candidate. Hubs above `$hubLimit` are
 * not walked.
 */
const CONNECTIONS = `CALL (e) {
         MATCH (e)-[r:SEE_ALSO]->(o:Entry)
         RETURN [o] AS others, 'CURATED' AS kind, 'OUTGOING' AS direction, null AS degree, null AS relation, r.rank AS rank,
                null AS tier, null AS label, null AS authors, null AS year
         UNION ALL
         MATCH (e)-[r:${relationTypePattern()}]-(o:Entry) WHERE o <> e
         RETURN [o] AS others, ${REASON_OF_TYPE} AS kind, CASE WHEN startNode(r) = e THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
                null AS degree, r.relation AS relation, null AS rank, null AS tier, null AS label, null AS authors, null AS year
         UNION ALL
         MATCH (e)-[:LISTS]->(s:Source) WHERE s.entryCount <= $hubLimit
         WITH DISTINCT s, COLLECT { MATCH (s)<-[:LISTS]-(o:Entry) WHERE o <> e RETURN DISTINCT o } AS others
         WHERE others <> []
         RETURN others, 'SHARED_SOURCE' AS kind, null AS direction, s.entryCount AS degree, null AS relation, null AS rank,
                s.tier AS tier, s.title AS label, s.authors AS authors, s.year AS year
         UNION ALL
         MATCH (e)-[:TARGETS]->(p:Entry) WHERE p.targetedByCount <= $hubLimit
         WITH p, COLLECT { MATCH (p)<-[:TARGETS]-(o:Entry) WHERE o <> e RETURN o } AS others
         WHERE others <> []
         RETURN others, 'SHARED_PROBLEM' AS kind, null AS direction, p.targetedByCount AS degree, null AS relation, null AS rank,
                null AS tier, p.name AS label, null AS authors, null AS year
         UNION ALL
         MATCH (e)-[:DEFINES]->(k:KeyTerm) WHERE k.entryCount <= $hubLimit
         WITH k, COLLECT { MATCH (:KeyTerm {key: k.key})<-[:DEFINES]-(o:Entry) WHERE o <> e RETURN DISTINCT o } AS others
         WHERE others <> []
         RETURN others, 'SHARED_TERM' AS kind, null AS direction, k.entryCount AS degree, null AS relation, null AS rank,
                null AS tier, k.term AS label, null AS authors, null AS year
       }`;

/**
 * Every entry whose panel can change when the connections of `e` change: `e`,
 * its direct neighbours, and everything it shares a neighbour with. Hubs one
 * past the limit are walked too: a write that takes a neighbour's degree from
 * HUB_DEGREE_LIMIT to HUB_DEGREE_LIMIT + 1 drops it from all its entries' panels.
 * `linked`: `e` itself or a direct neighbour, whose lists of relations
 * (lineage, targets, backlinks) hold `e`.
 */
const NEIGHBOURHOOD = `CALL (e) {
         RETURN e AS o, true AS linked
         UNION
         MATCH (e)-[:SEE_ALSO|${relationTypePattern()}]-(o:Entry) RETURN o, true AS linked
         UNION
         MATCH (e)-[:LISTS]->(s:Source) WHERE s.entryCount <= $reach MATCH (s)<-[:LISTS]-(o:Entry) RETURN o, false AS linked
         UNION
         MATCH (e)-[:TARGETS]->(p:Entry) WHERE p.targetedByCount <= $reach MATCH (p)<-[:TARGETS]-(o:Entry) RETURN o, false AS linked
         UNION
         MATCH (e)-[:DEFINES]->(k:KeyTerm) WHERE k.entryCount <= $reach MATCH (:KeyTerm {key: k.key})<-[:DEFINES]-(o:Entry) RETURN o, false AS linked
       }`;

/** The columns of one page of the current stored panel `p` (null columns when `p` is null). */
const PANEL_PAGE_COLUMNS = `p.edges[$offset..$offset + $limit] AS edges, slugs, p.total AS total,
              COLLECT { UNWIND slugs AS slug MATCH (o:Entry {slug: slug}) RETURN ${entryProjection('o')} } AS nodes`;

/** The entry's panel `p` when it is current and holds the page [$offset, $offset + $limit), else null. */
const CURRENT_PANEL = `OPTIONAL MATCH (p:SeeAlsoPanel {slug: $slug})
       WHERE NOT p:SeeAlsoStale AND ($offset + $limit <= size(p.slugs) OR size(p.slugs) = p.total)
       WITH *, p.slugs[$offset..$offset + $limit] AS slugs`;

/**
 * One page of a current stored panel, with the entries it shows; null columns
 * when the panel is stale, missing, or too short for the page. The bench's raw
 * floor runs this same text.
 */
export const STORED_PANEL_PAGE = `${CURRENT_PANEL}
       RETURN ${PANEL_PAGE_COLUMNS}`;

/** An entry with one page of its current stored panel: a see-also panel's request in one query. */
const ENTRY_WITH_STORED_PANEL_PAGE = `MATCH (e:Entry {slug: $slug})
       ${CURRENT_PANEL}
       RETURN ${entryProjection('e')} AS entry, ${PANEL_PAGE_COLUMNS}`;

/** One relation, or one shared neighbour with every candidate that shares it (nulls: deleted while read, see connectionsByEntry). */
export interface ConnectionGroup {
  self: string;
  selfName: string;
  slugs: Array<string | null>;
  names: Array<string | null>;
  kind: Connection['kind'] | null;
  direction: Connection['direction'];
  degree: number | null;
  relation: string | null;
  rank: number | null;
  tier: string | null;
  label: string | null;
  authors: string[] | null;
  year: number | null;
}

/** One connection between an entry and a candidate, as read. */
export type ConnectionRow = Omit<ConnectionGroup, 'self' | 'selfName' | 'slugs' | 'names' | 'kind'> & { kind: Connection['kind']; slug: string; name: string };

/**
 * The groups as each entry's connections. Neo4j reads what is committed, not
 * a snapshot: a relation or an entry that a write deleted while the groups
 * were read comes back with a null type (kind) or slug. It is no connection
 * any more, and is left out; that write marks the panel stale again, so it
 * is ranked anew from what the write left.
 */
export function connectionsByEntry(groups: readonly ConnectionGroup[]): Map<string, EntryConnections> {
  const found = new Map<string, EntryConnections>();
  for (const { self, selfName, slugs: candidates, names, kind, ...via } of groups) {
    if (kind === null) continue;
    const entry = found.get(self) ?? { selfName, connections: [] };
    candidates.forEach((slug, i) => {
      const name = names[i];
      if (slug !== null && name != null) entry.connections.push({ ...via, kind, slug, name });
    });
    found.set(self, entry);
  }
  return found;
}

/** What ranking needs of one entry: its name and every connection to a candidate. */
export interface EntryConnections {
  selfName: string;
  connections: ConnectionRow[];
}

/** A page of the current panel as read: null columns when there is none. */
interface PanelPageRow {
  edges: string[] | null;
  slugs: string[] | null;
  total: number | null;
  nodes: EntryRecord[];
}

function toStoredPage({ edges, slugs, total, nodes }: PanelPageRow): StoredPanelPage | null {
  if (!edges || !slugs || total === null) return null;
  return { edges: edges.map((json, i) => ({ slug: slugs[i]!, ...(JSON.parse(json) as Omit<RankedEntry, 'slug'>) })), total, nodes };
}

/** One page of a stored panel, with the entries it shows. */
export interface StoredPanelPage {
  edges: RankedEntry[];
  total: number;
  nodes: EntryRecord[];
}

/** A panel ranked from the connections read at `generation`. */
export interface PanelWrite {
  slug: string;
  generation: number;
  ranked: RankedEntry[];
}

/** Owns the see-also Cypher: live connections, stored panels, and marking panels stale. */
export class SeeAlsoRepository {
  constructor(private readonly graph: Graph) {}

  /** The connections of each entry in `slugs` (entries that do not exist are absent). */
  async connections(slugs: readonly string[]): Promise<Map<string, EntryConnections>> {
    const groups = await this.graph.query<ConnectionGroup>(
      `UNWIND $slugs AS slug
       MATCH (e:Entry {slug: slug})
       ${CONNECTIONS}
       RETURN e.slug AS self, e.name AS selfName, [o IN others | o.slug] AS slugs, [o IN others | o.name] AS names,
              kind, direction, degree, relation, rank, tier, label, authors, year`,
      { slugs, hubLimit: HUB_DEGREE_LIMIT },
    );
    return connectionsByEntry(groups);
  }

  /**
   * The page [offset, offset + limit) of the entry's stored panel, or null
   * when there is none that is current and holds that page.
   */
  async storedPage(slug: string, offset: number, limit: number): Promise<StoredPanelPage | null> {
    const [row] = await this.graph.query<PanelPageRow>(STORED_PANEL_PAGE, { slug, offset, limit });
    return row ? toStoredPage(row) : null;
  }

  /** The entry (null when there is none) with that page of its stored panel (null as in storedPage). */
  async entryWithStoredPage(slug: string, offset: number, limit: number): Promise<{ entry: EntryRecord; page: StoredPanelPage | null } | null> {
    const [row] = await this.graph.query<PanelPageRow & { entry: EntryRecord }>(ENTRY_WITH_STORED_PANEL_PAGE, { slug, offset, limit });
    return row ? { entry: row.entry, page: toStoredPage(row) } : null;
  }

  /** Stale panels (up to `limit`, or all), with the generation each was marked at. */
  async stalePanels(limit?: number): Promise<Array<{ slug: string; generation: number }>> {
    return this.graph.query(
      `MATCH (p:SeeAlsoStale) RETURN p.slug AS slug, p.generation AS generation ${limit === undefined ? '' : 'LIMIT $limit'}`,
      { limit },
    );
  }

  /**
   * Stores panels, each only if no write has marked it again since its
   * generation was read: a panel ranked from older connections never
   * overwrites a newer mark. Returns how many were stored.
   */
  async storePanels(panels: PanelWrite[]): Promise<number> {
    const rows = panels.map(({ slug, generation, ranked }) => ({
      slug,
      generation,
      total: ranked.length,
      slugs: ranked.slice(0, PANEL_SIZE).map((edge) => edge.slug),
      edges: ranked.slice(0, PANEL_SIZE).map(({ score, reasons }) => JSON.stringify({ score, reasons })),
    }));
    rows.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    return this.graph.writeDerived(async (tx) => {
      // Locked first, in slug order as writes mark them, and compared only then: a write that marked one
      // meanwhile has committed by now, and its generation is the one read (a condition read before the
      // lock would be checked against what the write had not yet committed).
      await tx.run(
        `${LOCK_ONLY}UNWIND $slugs AS slug
         MATCH (p:SeeAlsoPanel {slug: slug})
         SET p.storeLock = true REMOVE p.storeLock`,
        { slugs: rows.map((row) => row.slug) },
      );
      const result = await tx.run(
        `UNWIND $rows AS row
         MATCH (p:SeeAlsoPanel {slug: row.slug}) WHERE p.generation = row.generation
         SET p.edges = row.edges, p.slugs = row.slugs, p.total = row.total
         REMOVE p:SeeAlsoStale
         RETURN count(p) AS stored`,
        { rows },
      );
      return Number(result.records[0]?.get('stored') ?? 0);
    });
  }

  /** Gives every entry without a panel a stale one, to be ranked (after a bulk load or an import). */
  async markMissingPanels(): Promise<number> {
    return this.graph.writeDerived(async (tx) => {
      const result = await tx.run(
        // In slug order, as writes mark panels (markPanelsStale): a write creating the panel of a new entry meanwhile is waited for, never deadlocked with.
        `MATCH (e:Entry) WHERE NOT EXISTS { MATCH (:SeeAlsoPanel {slug: e.slug}) }
         WITH e.slug AS slug ORDER BY slug
         MERGE (p:SeeAlsoPanel {slug: slug})
         SET p.generation = 1, p:SeeAlsoStale
         RETURN count(p) AS marked`,
      );
      return Number(result.records[0]?.get('marked') ?? 0);
    });
  }
}

/** The panels a write marked stale, and of those the entries one relation from (or at) what it changed. */
export interface MarkedPanels {
  panels: string[];
  linked: string[];
}

/**
 * The panels of every entry whose see-also may change when the connections
 * of `slugs` change, as the graph stands now: read, not marked, so a write
 * can learn its old neighbourhood before it changes it and mark everything
 * at once at its end (markPanelsStale).
 */
export async function panelsAround(tx: Transaction, slugs: readonly string[]): Promise<MarkedPanels> {
  if (slugs.length === 0) return { panels: [], linked: [] };
  const result = await tx.run(
    `UNWIND $slugs AS slug
     MATCH (e:Entry {slug: slug})
     ${NEIGHBOURHOOD}
     RETURN o.slug AS slug, true IN collect(linked) AS linked`,
    { slugs: [...new Set(slugs)], reach: HUB_DEGREE_LIMIT + 1 },
  );
  return markedFrom(result.records);
}

/**
 * Marks stale, in one statement, the panels around `slugs` as the graph
 * stands now and the panels `before` (panelsAround, read before the write
 * changed anything). Writes call it once, at their end, inside their
 * transaction: both the old and the new neighbourhood are marked before the
 * commit. Returns what it marked.
 */
export async function markPanelsStale(tx: Transaction, slugs: readonly string[], before: MarkedPanels = { panels: [], linked: [] }): Promise<MarkedPanels> {
  if (slugs.length === 0 && before.panels.length === 0) return { panels: [], linked: [] };
  const linkedBefore = new Set(before.linked);
  // Sorted, and in one statement: concurrent writes (and the refresher, storePanels) lock shared panels in the same order.
  const result = await tx.run(
    `CALL () {
       UNWIND $slugs AS slug
       MATCH (e:Entry {slug: slug})
       ${NEIGHBOURHOOD}
       RETURN o.slug AS slug, linked
       UNION ALL
       UNWIND $before AS panel
       RETURN panel.slug AS slug, panel.linked AS linked
     }
     WITH slug, true IN collect(linked) AS linked ORDER BY slug
     MERGE (p:SeeAlsoPanel {slug: slug})
     SET p.generation = coalesce(p.generation, 0) + 1, p:SeeAlsoStale
     RETURN slug, linked`,
    {
      slugs: [...new Set(slugs)],
      before: [...new Set(before.panels)].map((slug) => ({ slug, linked: linkedBefore.has(slug) })),
      reach: HUB_DEGREE_LIMIT + 1,
    },
  );
  return markedFrom(result.records);
}

function markedFrom(records: Array<{ get(key: string): unknown }>): MarkedPanels {
  const marked: MarkedPanels = { panels: [], linked: [] };
  for (const record of records) {
    const slug = record.get('slug') as string;
    marked.panels.push(slug);
    if (record.get('linked')) marked.linked.push(slug);
  }
  return marked;
}
