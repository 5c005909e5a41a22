import type { EntryName, KeyTermRecord } from '../entries/records';
import type { Graph } from '../graph/graph';
import type { CrossLinkMatcher, CrossLinkSpan } from './matcher';
import { buildMatcher, type Vocabulary } from './vocabulary';
import { queryLinkTargets, queryVocabularyVersion, readVocabulary, readVocabularyVersion, type LinkTargets } from './vocabulary.repository';

/** A text's spans with the records of what they link to (a target deleted since the dictionary was built is missing). */
export interface MatchedTargets extends Omit<LinkTargets, 'version'> {
  spans: CrossLinkSpan[];
}

/** What the dictionary itself knows of a target: an entry's slug, name and kind (EntryName); a key term's id and term. */
export type KeyTermName = Pick<KeyTermRecord, 'id' | 'term'>;

/** A text's spans, each with what the dictionary knows of its target. */
export interface NamedSpan extends CrossLinkSpan {
  named: EntryName | KeyTermName;
}

interface Dictionary {
  version: number;
  matcher: CrossLinkMatcher;
  entries: Map<string, EntryName>;
  keyTerms: Map<string, KeyTermName>;
}

const idsOf = (spans: readonly CrossLinkSpan[], kind: 'ENTRY' | 'KEY_TERM') => [...new Set(spans.filter((span) => span.target.kind === kind).map((span) => span.target.id))];

/**
 * Keeps one CrossLinkMatcher built from the graph's vocabulary (vocabulary.ts). The
 * graph's vocabulary version (bumped by every write that changes names) is
 * read with every answer's targets, so a write on any replica is visible at
 * once; the dictionary is rebuilt only when that version moves.
 */
export class CrossLinkService {
  private cached: Dictionary | null = null;
  private building: Promise<Dictionary> | null = null;

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

  /**
   * The spans of `text` with what the dictionary knows of their targets, for
   * a reader who asks no more of them (the contract's CrossLink: an entry's
   * slug, a key term's term): no record is read, only the vocabulary's
   * version, in the one query; when it has moved the dictionary is rebuilt
   * first. A target deleted or renamed since moves the version (every write
   * that changes a name, a kind or what exists bumps it), so the names given
   * are the graph's at that version.
   */
  async matchNamed(text: string): Promise<NamedSpan[]> {
    let held = this.cached ?? (await this.rebuild());
    if ((await queryVocabularyVersion(this.graph)) !== held.version) held = await this.rebuild();
    return held.matcher.match(text).flatMap((span) => {
      const named = span.target.kind === 'ENTRY' ? held.entries.get(span.target.id) : held.keyTerms.get(span.target.id);
      return named ? [{ ...span, named }] : [];
    });
  }

  /** Builds the dictionary from the graph as it is now (one build at a time) and holds it. */
  private async rebuild(): Promise<Dictionary> {
    this.building ??= this.build().finally(() => (this.building = null));
    this.cached = await this.building;
    return this.cached;
  }

  private async build(): Promise<Dictionary> {
    return this.graph.read(async (tx) => {
      const version = await readVocabularyVersion(tx);
      return dictionaryOf(version, await readVocabulary(tx));
    });
  }
}

function dictionaryOf(version: number, vocabulary: Vocabulary): Dictionary {
  return {
    version,
    matcher: buildMatcher(vocabulary),
    entries: new Map(vocabulary.entries.map(({ slug, name, kind }) => [slug, { slug, name, kind }])),
    keyTerms: new Map(vocabulary.keyTerms.map(({ id, term }) => [id, { id, term }])),
  };
}
