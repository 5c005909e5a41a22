import type { Graph } from '../graph/graph';
import { claimProjection, citedSources, entryProjection, keyTermProjection, sourceProjection } from '../graph/projections';
import type { ArticleContent, ClaimRecord, EntryKind, EntryRecord, KeyTermRecord, SectionRecord, SourceRecord } from './records';

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

  /** Sections, key terms, sources, objectives and questions of several articles, one query for all. */
  async articleContent(slugs: readonly string[]): Promise<Map<string, ArticleContent>> {
    const rows = await this.graph.query<{
      slug: string;
      headings: string[] | null;
      claims: PlacedClaim[];
      keyTerms: KeyTermRecord[];
      sources: SourceRecord[];
      smartObjectives: ArticleContent['smartObjectives'];
    }>(
      `UNWIND $slugs AS slug
       MATCH (e:Entry {slug: slug})
       RETURN slug, e.sections AS headings,
         COLLECT { MATCH (e)-[:HAS_CLAIM]->(c:Claim) WITH c ORDER BY c.position
                   RETURN {claim: ${claimProjection('c')}, sectionIndex: c.sectionIndex, role: c.role} } AS claims,
         COLLECT { MATCH (e)-[:DEFINES]->(k:KeyTerm) WITH k ORDER BY k.position RETURN ${keyTermProjection('k')} } AS keyTerms,
         COLLECT { MATCH (e)-[l:LISTS]->(s:Source) WITH s, l ORDER BY l.number RETURN ${sourceProjection('s')} } AS sources,
         COLLECT { MATCH (e)-[:HAS_OBJECTIVE]->(o:SmartObjective) WITH o ORDER BY o.position
                   RETURN o {.goal, .objective, .mechanism, sources: ${citedSources('o')}} } AS smartObjectives`,
      { slugs },
    );
    return new Map(rows.map((row) => [row.slug, toArticleContent(row.headings ?? [], row.claims, row)]));
  }

  async claimsById(ids: readonly string[]): Promise<ClaimRecord[]> {
    return (
      await this.graph.query<{ claim: ClaimRecord }>(
        `UNWIND $ids AS id MATCH (c:Claim {id: id}) RETURN ${claimProjection('c')} AS claim`,
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

/** A claim with where it sits: its section and whether it is body text, the figure caption or a question. */
interface PlacedClaim {
  claim: ClaimRecord;
  sectionIndex: number;
  role: 'BODY' | 'CAPTION' | 'QUESTION';
}

function toArticleContent(
  headings: string[],
  claims: PlacedClaim[],
  rest: Pick<ArticleContent, 'keyTerms' | 'sources' | 'smartObjectives'>,
): ArticleContent {
  const sections: SectionRecord[] = headings.map((heading) => ({ heading, claims: [] }));
  let figureCaption: ClaimRecord | null = null;
  const reflectiveQuestions: ClaimRecord[] = [];
  for (const { claim, sectionIndex, role } of claims) {
    if (role === 'CAPTION') figureCaption = claim;
    else sections[sectionIndex]?.claims.push(claim);
    if (role === 'QUESTION') reflectiveQuestions.push(claim);
  }
  return { sections, figureCaption, reflectiveQuestions, ...rest };
}
