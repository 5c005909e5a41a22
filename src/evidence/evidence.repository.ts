import type { Vocabulary } from '../cross-link/vocabulary';
import { readVocabulary, readVocabularyVersion } from '../cross-link/vocabulary.repository';
import type { ClaimRecord, EntryRecord } from '../entries/records';
import type { Graph } from '../graph/graph';
import { claimProjection, entryProjection } from '../graph/projections';
import type { Candidate } from './ranking';

/**
 * The candidate sentences `c` with their Lucene `score`: the selection the
 * API and the bench's raw floor share, each projecting what it needs.
 */
export const CANDIDATE_CLAIMS = `CALL () {
  CALL db.index.fulltext.queryNodes('claim_text', $query, {limit: $limit}) YIELD node, score
  RETURN node AS c, score
  UNION ALL
  UNWIND $slugs AS slug
  CALL (slug) {
    MATCH (:Entry {slug: slug})-[:HAS_CLAIM]->(c:Claim)
    WITH c, size([word IN $words WHERE toLower(c.text) CONTAINS word]) AS found
    WHERE found > 0
    WITH c, found ORDER BY found DESC, c.position LIMIT $perArticle
    RETURN c
  }
  RETURN c, null AS score
}
WITH c, max(score) AS score
WHERE coalesce(c.role, 'BODY') <> 'QUESTION'
`;

/**
 * The candidate sentences for a statement, in one query: the best matches of
 * the expanded statement in the claim_text index (Lucene, `english` analyzer)
 * and the sentences of the articles the statement names that contain its
 * words (most of them first), without reflective questions (they assert
 * nothing). With them the entries they belong to, and the vocabulary version
 * the expansion must match.
 */
export const EVIDENCE_CANDIDATES = `${CANDIDATE_CLAIMS}WITH collect({lexical: score, claim: ${claimProjection('c')}}) AS candidates, collect(DISTINCT c.entrySlug) AS slugs
OPTIONAL MATCH (m:Meta {id: 'vocabulary'})
RETURN candidates, coalesce(m.version, 0) AS version,
       COLLECT { UNWIND slugs AS slug MATCH (e:Entry {slug: slug}) RETURN ${entryProjection('e')} } AS entries`;

export interface CandidateQuery {
  query: string;
  slugs: string[];
  words: string[];
  limit: number;
  perArticle: number;
}

export interface CandidateRows {
  /** The vocabulary version when the candidates were read. */
  version: number;
  candidates: Candidate[];
  /** The entries the candidates belong to. */
  entries: EntryRecord[];
}

export class EvidenceRepository {
  constructor(private readonly graph: Graph) {}

  async candidates(query: CandidateQuery): Promise<CandidateRows> {
    const [row] = await this.graph.query<{ version: number; candidates: Array<{ lexical: number | null; claim: ClaimRecord }>; entries: EntryRecord[] }>(
      EVIDENCE_CANDIDATES,
      { ...query },
    );
    return { version: row?.version ?? 0, candidates: row?.candidates ?? [], entries: row?.entries ?? [] };
  }

  /** What expansion is built from, read together: the vocabulary, its version, every key term's definition and the entries that have an article. */
  async expansionSource(): Promise<{ version: number; vocabulary: Vocabulary; definitions: Map<string, string>; entriesWithArticles: Set<string> }> {
    return this.graph.read(async (tx) => {
      const version = await readVocabularyVersion(tx);
      const vocabulary = await readVocabulary(tx);
      const rows = await tx.run('MATCH (k:KeyTerm) WHERE k.id IS NOT NULL AND k.definition IS NOT NULL RETURN k.id AS id, k.definition AS definition');
      const articles = await tx.run('MATCH (e:Entry) WHERE EXISTS { (e)-[:HAS_CLAIM]->(:Claim) } RETURN e.slug AS slug');
      return {
        version,
        vocabulary,
        definitions: new Map(rows.records.map((r) => [r.get('id') as string, r.get('definition') as string])),
        entriesWithArticles: new Set(articles.records.map((r) => r.get('slug') as string)),
      };
    });
  }
}
