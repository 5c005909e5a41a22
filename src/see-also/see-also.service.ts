import type { EntryRecord } from '../entries/records';
import { rank, shortAuthors, type Connection, type RankedEntry } from './ranking';
import type { EntryConnections, SeeAlsoRepository } from './see-also.repository';

/** One page of an entry's see-also, the total number of candidates, and the entries the page shows when they were read with it. */
export interface SeeAlsoPage {
  edges: RankedEntry[];
  total: number;
  nodes: EntryRecord[];
}

/**
 * The see-also panel. Ranking is pure (ranking.ts); what it ranks is read in
 * one query. Panels are ranked ahead of time and stored (panels.ts); a page is
 * served from the stored panel when it is current, and ranked live otherwise,
 * so an answer never depends on whether the refresher has caught up.
 */
export class SeeAlsoService {
  constructor(private readonly repository: SeeAlsoRepository) {}

  async page(slug: string, offset: number, limit: number): Promise<SeeAlsoPage> {
    return (await this.repository.storedPage(slug, offset, limit)) ?? this.livePage(slug, offset, limit);
  }

  /** The entry (null when there is none) with one page of its see-also: one query when its panel is current. */
  async entryWithPage(slug: string, offset: number, limit: number): Promise<{ entry: EntryRecord; page: SeeAlsoPage } | null> {
    const found = await this.repository.entryWithStoredPage(slug, offset, limit);
    if (!found) return null;
    return { entry: found.entry, page: found.page ?? (await this.livePage(slug, offset, limit)) };
  }

  private async livePage(slug: string, offset: number, limit: number): Promise<SeeAlsoPage> {
    const ranked = await this.ranked(slug);
    return { edges: ranked.slice(offset, offset + limit), total: ranked.length, nodes: [] };
  }

  /** Every candidate of the entry, ranked live from the graph as it is. */
  async ranked(slug: string): Promise<RankedEntry[]> {
    return (await this.rankedMany([slug])).get(slug) ?? [];
  }

  /** Live rankings of several entries, read in one query. */
  async rankedMany(slugs: readonly string[]): Promise<Map<string, RankedEntry[]>> {
    const found = await this.repository.connections(slugs);
    return new Map([...found].map(([slug, entry]) => [slug, rankConnections(entry)]));
  }
}

export function rankConnections({ selfName, connections }: EntryConnections): RankedEntry[] {
  return rank(connections.map(toConnection), selfName);
}

function toConnection(row: EntryConnections['connections'][number]): Connection {
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
