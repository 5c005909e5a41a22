import type { Graph } from '../graph/graph';
import { CrossLinkMatcher, type CrossLinkSpan, type NamedTarget } from './matcher';

/**
 * Keeps one CrossLinkMatcher built from every entry and key term name. The
 * graph's vocabulary version (bumped by every write that changes names) is
 * checked on each call, so a write on any replica is visible at once; the
 * dictionary is rebuilt only when that version moves.
 */
export class CrossLinkService {
  private cached: { version: number; matcher: CrossLinkMatcher } | null = null;
  private building: Promise<{ version: number; matcher: CrossLinkMatcher }> | null = null;

  constructor(private readonly graph: Graph) {}

  /** Drops the dictionary; the next call rebuilds it. */
  invalidate(): void {
    this.cached = null;
  }

  async match(text: string): Promise<CrossLinkSpan[]> {
    return (await this.currentMatcher()).match(text);
  }

  private async currentMatcher(): Promise<CrossLinkMatcher> {
    const version = await this.readVersion();
    if (this.cached && this.cached.version === version) return this.cached.matcher;
    this.building ??= this.build().finally(() => (this.building = null));
    this.cached = await this.building;
    return this.cached.matcher;
  }

  private async readVersion(): Promise<number> {
    const [row] = await this.graph.query<{ version: number | null }>(`OPTIONAL MATCH (m:Meta {id: 'vocabulary'}) RETURN m.version AS version`);
    return row?.version ?? 0;
  }

  private async build(): Promise<{ version: number; matcher: CrossLinkMatcher }> {
    return this.graph.read(async (tx) => {
      const version = (await tx.run(`OPTIONAL MATCH (m:Meta {id: 'vocabulary'}) RETURN m.version AS version`)).records[0]?.get('version') ?? 0;
      const entries = await tx.run('MATCH (e:Entry) WHERE e.slug IS NOT NULL AND e.name IS NOT NULL RETURN e.slug AS id, [e.name] + coalesce(e.aliases, []) AS names');
      const terms = await tx.run('MATCH (k:KeyTerm) WHERE k.id IS NOT NULL AND k.term IS NOT NULL RETURN k.id AS id, [k.term] + coalesce(k.aliases, []) AS names');
      const targets: NamedTarget[] = [
        ...entries.records.map((r) => ({ target: { kind: 'ENTRY' as const, id: r.get('id') as string }, names: r.get('names') as string[] })),
        ...terms.records.map((r) => ({ target: { kind: 'KEY_TERM' as const, id: r.get('id') as string }, names: r.get('names') as string[] })),
      ];
      return { version, matcher: CrossLinkMatcher.build(targets) };
    });
  }
}
