import type { Graph } from '../graph/graph';
import { citedKeys, claimProjection, entryProjection, keyTermProjection, placedClaimProjection, sourceProjection } from '../graph/projections';
import { FIGURE_SECTION } from '../model/article';
import type { EntryKind } from '../model/kinds';
import type { ArticleContent, ClaimRecord, EntryRecord, KeyTermRecord, SectionRecord, SmartObjectiveRecord, SourceRecord } from './records';

/** Reads of entries, their article content, claims, key terms and sources. */
export class EntriesRepository {
  constructor(private readonly graph: Graph) {}

  async entriesBySlug(slugs: readonly string[]): Promise<EntryRecord[]> {
    return (
      await this.graph.query<{ entry: EntryRecord }>(
        `UNWIND $slugs AS slug MATCH (e:Entry {slug: slug}) RETURN ${entryProjection('e')} AS entry`,
        { slugs },
      )
    ).map((row) => row.entry);
  }

  async listEntries(kind: EntryKind | null, offset: number, limit: number): Promise<{ total: number; entries: EntryRecord[] }> {
    const [row] = await this.graph.query<{ total: number; entries: EntryRecord[] }>(
      `CALL () { MATCH (e:Entry) WHERE $kind IS NULL OR e.kind = $kind RETURN count(e) AS total }
       CALL () {
         MATCH (e:Entry) WHERE $kind IS NULL OR e.kind = $kind
         WITH e ORDER BY toLower(e.name), e.slug SKIP $offset LIMIT $limit
         RETURN collect(${entryProjection('e')}) AS entries
       }
       RETURN total, entries`,
      { kind, offset, limit },
    );
    return row ?? { total: 0, entries: [] };
  }

  /** Articles whose last ingest left warnings, most first, then by name. */
  async listEntriesWithWarnings(offset: number, limit: number): Promise<{ total: number; entries: EntryRecord[] }> {
    const [row] = await this.graph.query<{ total: number; entries: EntryRecord[] }>(
      `CALL () { MATCH (e:Entry) WHERE e.ingestWarningCount > 0 RETURN count(e) AS total }
       CALL () {
         MATCH (e:Entry) WHERE e.ingestWarningCount > 0
         WITH e ORDER BY e.ingestWarningCount DESC, toLower(e.name), e.slug SKIP $offset LIMIT $limit
         RETURN collect(${entryProjection('e')}) AS entries
       }
       RETURN total, entries`,
      { offset, limit },
    );
    return row ?? { total: 0, entries: [] };
  }

  /**
   * Sections, key terms, sources, objectives and questions of several articles,
   * one query for all, each with its entry (so an article page is one query).
   * Claims, terms and objectives can only cite the article's own list, so they
   * carry source keys and the full records are joined here: projecting every
   * cited source in Cypher made this query ~9× slower.
   */
  async articleContent(slugs: readonly string[]): Promise<Map<string, { entry: EntryRecord; content: ArticleContent }>> {
    const rows = await this.graph.query<ArticleRow>(
      `UNWIND $slugs AS slug
       MATCH (e:Entry {slug: slug})
       RETURN slug, ${entryProjection('e')} AS entry, e.sections AS headings,
         COLLECT { MATCH (e)-[:HAS_CLAIM]->(c:Claim) WITH c ORDER BY c.position
                   RETURN ${placedClaimProjection('c')} } AS claims,
         COLLECT { MATCH (e)-[:DEFINES]->(k:KeyTerm) WITH k ORDER BY k.position
                   RETURN k {.id, .term, aliases: coalesce(k.aliases, []), .definition, .entrySlug, sourceKeys: ${citedKeys('k')}} } AS keyTerms,
         COLLECT { MATCH (e)-[l:LISTS]->(s:Source) WITH s, l ORDER BY l.number RETURN ${sourceProjection('s')} } AS sources,
         COLLECT { MATCH (e)-[:HAS_OBJECTIVE]->(o:SmartObjective) WITH o ORDER BY o.position
                   RETURN o {.goal, .objective, .mechanism, sourceKeys: ${citedKeys('o')}} } AS smartObjectives`,
      { slugs },
    );
    return new Map(rows.map((row) => [row.slug, { entry: row.entry, content: toArticleContent(row) }]));
  }

  /** Claims by id: the version standing in its article (:Claim) or one a later revision replaced or removed (:ClaimVersion). */
  async claimsById(ids: readonly string[]): Promise<ClaimRecord[]> {
    return (
      await this.graph.query<{ claim: ClaimRecord }>(
        `UNWIND $ids AS id
         CALL (id) {
           MATCH (c:Claim {id: id}) RETURN c
           UNION
           MATCH (c:ClaimVersion {id: id}) RETURN c
         }
         RETURN ${claimProjection('c')} AS claim`,
        { ids },
      )
    ).map((row) => row.claim);
  }

  async keyTermsById(ids: readonly string[]): Promise<KeyTermRecord[]> {
    return (
      await this.graph.query<{ term: KeyTermRecord }>(
        `UNWIND $ids AS id MATCH (k:KeyTerm {id: id}) RETURN ${keyTermProjection('k')} AS term`,
        { ids },
      )
    ).map((row) => row.term);
  }

  /** For each entry, one page of its claims that cite nothing (LLM or UNMARKED), in article order, and their total. */
  async uncitedClaims(slugs: readonly string[], offset: number, limit: number): Promise<Map<string, { total: number; claims: ClaimRecord[] }>> {
    const rows = await this.graph.query<{ slug: string; total: number; claims: ClaimRecord[] }>(
      `UNWIND $slugs AS slug
       MATCH (e:Entry {slug: slug})
       RETURN slug, COUNT { (e)-[:HAS_CLAIM]->(c:Claim) WHERE c.provenance <> 'CITED' } AS total, COLLECT {
         MATCH (e)-[:HAS_CLAIM]->(c:Claim) WHERE c.provenance <> 'CITED'
         WITH c ORDER BY c.position SKIP $offset LIMIT $limit
         RETURN ${claimProjection('c')}
       } AS claims`,
      { slugs, offset, limit },
    );
    return new Map(rows.map(({ slug, total, claims }) => [slug, { total, claims }]));
  }
}

type WithSourceKeys<T extends { sources: SourceRecord[] }> = Omit<T, 'sources'> & { sourceKeys: string[] };

/** A claim with where it sits (its section's index; body text, the figure caption or a question), without what its article gives it (placedClaimProjection). */
type PlacedClaim = Omit<WithSourceKeys<ClaimRecord>, 'entrySlug' | 'section' | 'lineage'> & {
  lineage: string | null;
  sectionIndex: number;
  role: 'BODY' | 'CAPTION' | 'QUESTION';
};

/** One article as the content query returns it: cited sources by key, placed claims. */
interface ArticleRow {
  slug: string;
  entry: EntryRecord;
  headings: string[] | null;
  claims: PlacedClaim[];
  keyTerms: Array<WithSourceKeys<KeyTermRecord>>;
  sources: SourceRecord[];
  smartObjectives: Array<WithSourceKeys<SmartObjectiveRecord>>;
}

function toArticleContent(row: ArticleRow): ArticleContent {
  const byKey = new Map(row.sources.map((source) => [source.key, source]));
  // Adds `sources` to the record as read, whose source keys and placement stay on it unseen by the
  // schema: copying every claim without them cost more than decoding the query's result.
  const withSources = <T extends { sourceKeys: string[] }>(item: T): T & { sources: SourceRecord[] } => {
    const record = item as T & { sources: SourceRecord[] };
    record.sources = [];
    for (const key of item.sourceKeys) {
      const source = byKey.get(key);
      if (source) record.sources.push(source);
    }
    return record;
  };

  const headings = row.headings ?? [];
  const sections: SectionRecord[] = headings.map((heading) => ({ heading, claims: [] }));
  let figureCaption: ClaimRecord | null = null;
  const reflectiveQuestions: ClaimRecord[] = [];
  for (const placed of row.claims) {
    // What the article gives each of its claims, set on the record as read (as its sources are).
    const claim: ClaimRecord = Object.assign(withSources(placed), {
      entrySlug: row.slug,
      section: placed.role === 'CAPTION' ? FIGURE_SECTION : headings[placed.sectionIndex]!,
      lineage: placed.lineage ?? placed.id,
    });
    if (placed.role === 'CAPTION') figureCaption = claim;
    else sections[placed.sectionIndex]?.claims.push(claim);
    if (placed.role === 'QUESTION') reflectiveQuestions.push(claim);
  }
  return {
    sections,
    figureCaption,
    reflectiveQuestions,
    sources: row.sources,
    keyTerms: row.keyTerms.map(withSources),
    smartObjectives: row.smartObjectives.map(withSources),
  };
}
