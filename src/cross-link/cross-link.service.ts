import type { Graph } from '../graph/graph';
import type { CrossLinkMatcher, CrossLinkSpan } from './matcher';
import { buildMatcher } from './vocabulary';
import { queryVocabularyVersion, readVocabulary, readVocabularyVersion } from './vocabulary.repository';

/**
 * Keeps one CrossLinkMatcher built from the graph's vocabulary (vocabulary.ts). The
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
    return queryVocabularyVersion(this.graph);
  }

  private async build(): Promise<{ version: number; matcher: CrossLinkMatcher }> {
    return this.graph.read(async (tx) => {
      const version = await readVocabularyVersion(tx);
      return { version, matcher: buildMatcher(await readVocabulary(tx)) };
    });
  }
}
