import type { EntryRecord } from '../entries/records';
import { WHOLE_RECORDS, type CandidateDetail, type EvidenceRepository } from './evidence.repository';
import { StatementExpander, type ExpandedStatement } from './expansion';
import { rankCandidates, sourcesOf, type RankedClaim, type StatementSourcesRecord } from './ranking';
import type { SynonymList } from './synonyms';

/** What one statement's ranking gives: supported sentences, uncited ones apart, and their entries' records (for the loaders) when read. */
export interface RankedStatement {
  supported: RankedClaim[];
  uncited: RankedClaim[];
  /** None when only the entries' names were asked: each claim carries its `entryName` then. */
  entries: EntryRecord[];
}

/** Lucene candidates per sentence asked for, and their bounds; sourcesFor always reads MAX_CANDIDATES. */
const CANDIDATES_PER_HIT = 3;
const MIN_CANDIDATES = 30;
export const MAX_CANDIDATES = 150;
/** Sentences of each named article considered besides Lucene's candidates. */
export const PER_ARTICLE = 25;

/** How many of Lucene's best matches are read to rank `first` sentences. */
export const candidateLimit = (first: number): number => Math.min(MAX_CANDIDATES, Math.max(MIN_CANDIDATES, first * CANDIDATES_PER_HIT));

/**
 * Which sources support a statement (docs/evidence.md). Keeps one
 * StatementExpander built from the graph's vocabulary; each request expands
 * the statement with it, reads the candidates in one query (which also reads
 * the vocabulary version) and ranks them in process. When that version moved
 * (a write changed names, on any replica), the expander is rebuilt and the
 * candidates read again, so an answer always uses the vocabulary it was read
 * with; local writes drop the expander at once (invalidate).
 */
export class EvidenceService {
  private cached: { version: number; expander: StatementExpander } | null = null;
  private building: Promise<{ version: number; expander: StatementExpander }> | null = null;

  constructor(
    private readonly repository: EvidenceRepository,
    private readonly synonyms: SynonymList,
  ) {}

  /** Drops the expander; the next statement rebuilds it. */
  invalidate(): void {
    this.cached = null;
  }

  /** Supported sentences first; at most `limit` of each list. */
  async rank(statement: string, limit: number, detail: CandidateDetail = WHOLE_RECORDS): Promise<RankedStatement> {
    const ranked = await this.rankAll(statement, candidateLimit(limit), detail);
    return { ...ranked, supported: ranked.supported.slice(0, limit), uncited: ranked.uncited.slice(0, limit) };
  }

  /** The sources behind a statement, from its supporting sentences among the most candidates read. */
  async sourcesFor(statement: string): Promise<StatementSourcesRecord & { entries: EntryRecord[] }> {
    const ranked = await this.rankAll(statement, MAX_CANDIDATES);
    return { ...sourcesOf(ranked.supported), entries: ranked.entries };
  }

  /** The statement as expanded now (for explaining a ranking). */
  async expand(statement: string): Promise<ExpandedStatement> {
    return (await this.current()).expander.expand(statement);
  }

  private async rankAll(statement: string, limit: number, detail: CandidateDetail = WHOLE_RECORDS): Promise<RankedStatement> {
    for (let attempt = 0; ; attempt++) {
      const { version, expander } = await this.current();
      const expanded = expander.expand(statement);
      if (!expanded.luceneQuery) return { supported: [], uncited: [], entries: [] };
      const query = { query: expanded.luceneQuery, slugs: expanded.articleSlugs, words: expanded.articleWords, limit, perArticle: PER_ARTICLE };
      const rows = await this.repository.candidates(query, detail);
      // The vocabulary moved since the expander was built: rebuild and read again (once; a second move is answered as read).
      if (rows.version !== version && attempt === 0) {
        if (this.cached?.version === version) this.cached = null;
        continue;
      }
      return { ...rankCandidates(expanded, rows.candidates), entries: rows.entries };
    }
  }

  private async current(): Promise<{ version: number; expander: StatementExpander }> {
    if (this.cached) return this.cached;
    this.building ??= this.build().finally(() => (this.building = null));
    const built = await this.building;
    this.cached = built;
    return built;
  }

  private async build(): Promise<{ version: number; expander: StatementExpander }> {
    const { version, vocabulary, definitions, entriesWithArticles } = await this.repository.expansionSource();
    return { version, expander: StatementExpander.build(vocabulary, definitions, this.synonyms, entriesWithArticles) };
  }
}
