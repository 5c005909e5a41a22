import type { Graph } from '../graph/graph';
import type { CrossLinkMatcher, CrossLinkSpan } from './matcher';
import { buildMatcher } from './vocabulary';
import { queryLinkTargets, readVocabulary, readVocabularyVersion, type LinkTargets } from './vocabulary.repository';

/** A text's spans with the records of what they link to (a target deleted since the dictionary was built is missing). */
export interface MatchedTargets extends Omit<LinkTargets, 'version'> {
  spans: CrossLinkSpan[];
}

const idsOf = (spans: readonly CrossLinkSpan[], kind: 'ENTRY' | 'KEY_TERM') => [...new Set(spans.filter((span) => span.target.kind === kind).map((span) => span.target.id))];

/**
 * Keeps one CrossLinkMatcher built from the graph's vocabulary (vocabulary.ts). The
 * graph's vocabulary version (bumped by every write that changes names) is
 * read with every answer's targets, so a write on any replica is visible at
 * once; the dictionary is rebuilt only when that version moves.
 */
export class CrossLinkService {
  private cached: { version: number; matcher: CrossLinkMatcher } | null = null;
  private building: Promise<{ version: number; matcher: CrossLinkMatcher }> | null = null;

  constructor(private readonly graph: Graph) {}

  /** Drops the dictionary; the next call rebuilds it. */
  invalidate(): void {
    this.cached = null;
  }

  /**
   * The spans of `text` with their targets' records, in one query while the
   * dictionary is current: the text is matched with the dictionary held, and
   * the query that reads the targets reads the vocabulary's version too. When
   * that version is not the dictionary's, the dictionary is rebuilt and the
   * targets read again (the answer is then as new as the version first read).
   */
  async matchWithTargets(text: string): Promise<MatchedTargets> {
    const held = this.cached ?? (await this.rebuild());
    const spans = held.matcher.match(text);
    const found = await queryLinkTargets(this.graph, idsOf(spans, 'ENTRY'), idsOf(spans, 'KEY_TERM'));
    if (found.version === held.version) return { spans, entries: found.entries, keyTerms: found.keyTerms };
    const rebuilt = (await this.rebuild()).matcher.match(text);
    const again = await queryLinkTargets(this.graph, idsOf(rebuilt, 'ENTRY'), idsOf(rebuilt, 'KEY_TERM'));
    return { spans: rebuilt, entries: again.entries, keyTerms: again.keyTerms };
  }

  /** Builds the dictionary from the graph as it is now (one build at a time) and holds it. */
  private async rebuild(): Promise<{ version: number; matcher: CrossLinkMatcher }> {
    this.building ??= this.build().finally(() => (this.building = null));
    this.cached = await this.building;
    return this.cached;
  }

  private async build(): Promise<{ version: number; matcher: CrossLinkMatcher }> {
    return this.graph.read(async (tx) => {
      const version = await readVocabularyVersion(tx);
      return { version, matcher: buildMatcher(await readVocabulary(tx)) };
    });
  }
}
