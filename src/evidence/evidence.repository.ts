import type { Vocabulary } from '../cross-link/vocabulary';
import { readVocabulary, readVocabularyVersion } from '../cross-link/vocabulary.repository';
import type { ClaimRecord, EntryName, EntryRecord } from '../entries/records';
import type { Graph } from '../graph/graph';
import { claimProjection, entryNameProjection, entryProjection } from '../graph/projections';
import type { Candidate } from './ranking';

/**
 * A sentence that leans on the one before it: it opens with a word that
 * refers back ("It cannot: …", "This …", "However, …"). Matched by Cypher's
 * regular expressions (Java's), case-sensitive, so "Itself" and "this" do not.
 */
export const LEANING_OPENER = '(It|Its|It’s|This|These|That|Those|They|Their|Such|Both|Neither|However|But|Yet|Instead|Rather|Nor|Thus|Hence|Therefore|Here|He|She|His|Her)[ ,:;’]';
const LEANS = (c: string) => `${c}.text =~ '(?s)${LEANING_OPENER}.*'`;

/**
 * The candidate sentences `c` with their Lucene `score` and, when `c` leans
 * on the sentence before it in its section, that sentence's text `previous`:
 * the selection the API and the bench's raw floor share, each projecting what
 * it needs. A named article's sentence is picked by the statement's words in
 * it or, when it leans, in the sentence before it ("It cannot: …" after "Some
 * believe that disorganization can be read off …").
 */
export const CANDIDATE_CLAIMS = `CALL () {
  CALL db.index.fulltext.queryNodes('claim_text', $query, {limit: $limit}) YIELD node, score
  RETURN node AS c, score, null AS previous
  UNION ALL
  UNWIND $slugs AS slug
  CALL (slug) {
    MATCH (:Entry {slug: slug})-[:HAS_CLAIM]->(c:Claim)
    WITH c ORDER BY c.position
    WITH collect(c) AS claims
    UNWIND range(0, size(claims) - 1) AS i
    WITH claims[i] AS c, CASE WHEN i > 0 AND claims[i - 1].section = claims[i].section AND ${LEANS('claims[i]')} THEN claims[i - 1] END AS p
    WITH c, p, size([word IN $words WHERE toLower(c.text) CONTAINS word]) AS found,
         CASE WHEN p IS NULL THEN 0 ELSE size([word IN $words WHERE toLower(p.text) CONTAINS word]) END AS borrowed
    WHERE found + borrowed > 0
    WITH c, p, found, borrowed ORDER BY found + borrowed DESC, found DESC, c.position LIMIT $perArticle
    RETURN c, p.text AS previous
  }
  RETURN c, null AS score, previous
}
WITH c, max(score) AS score, max(previous) AS previous
WHERE coalesce(c.role, 'BODY') <> 'QUESTION'
WITH c, score, CASE WHEN previous IS NULL AND ${LEANS('c')}
  THEN COLLECT { MATCH (:Entry {slug: c.entrySlug})-[:HAS_CLAIM]->(p:Claim {position: c.position - 1}) WHERE p.section = c.section RETURN p.text }[0]
  ELSE previous END AS previous
`;

/**
 * The candidate sentences for a statement, in one query: the best matches of
 * the expanded statement in the claim_text index (Lucene, `english` analyzer)
 * and the sentences of the articles the statement names that contain its
 * words (most of them first), without reflective questions (they assert
 * nothing). With them the entries they belong to, and the vocabulary version
 * the expansion must match.
 */
export const EVIDENCE_CANDIDATES = `${CANDIDATE_CLAIMS}WITH collect({lexical: score, previous: previous, claim: ${claimProjection('c')}}) AS candidates, collect(DISTINCT c.entrySlug) AS slugs
OPTIONAL MATCH (m:Meta {id: 'vocabulary'})
RETURN candidates, coalesce(m.version, 0) AS version,
       COLLECT { UNWIND slugs AS slug MATCH (e:Entry {slug: slug}) RETURN ${entryProjection('e')} } AS entries`;

/**
 * The same, with each candidate's entry named only (EntryName) instead of the
 * entries' whole records: what a selection of `claim { entry { slug name } }`
 * needs. The whole records (their upvotes, counts and warnings) were a fifth
 * of the statement's work in Neo4j.
 */
export const EVIDENCE_CANDIDATES_NAMED = `${CANDIDATE_CLAIMS}WITH collect({lexical: score, previous: previous, claim: ${claimProjection('c')},
                     entryName: head(COLLECT { MATCH (e:Entry {slug: c.entrySlug}) RETURN ${entryNameProjection('e')} })}) AS candidates
OPTIONAL MATCH (m:Meta {id: 'vocabulary'})
RETURN candidates, coalesce(m.version, 0) AS version`;

export interface CandidateQuery {
  query: string;
  slugs: string[];
  words: string[];
  limit: number;
  perArticle: number;
}

/** How much of the candidates' entries to read: whole records (for the loaders), or their names only (on each claim). */
export type EntryDetail = 'records' | 'names';

export interface CandidateRows {
  /** The vocabulary version when the candidates were read. */
  version: number;
  /** The candidates; with EntryDetail 'names' each claim carries its `entryName`. */
  candidates: Candidate[];
  /** The entries the candidates belong to: their records with EntryDetail 'records', none with 'names'. */
  entries: EntryRecord[];
}

export class EvidenceRepository {
  constructor(private readonly graph: Graph) {}

  async candidates(query: CandidateQuery, entryDetail: EntryDetail = 'records'): Promise<CandidateRows> {
    const [row] = await this.graph.query<{
      version: number;
      candidates: Array<{ lexical: number | null; previous: string | null; claim: ClaimRecord; entryName?: EntryName }>;
      entries?: EntryRecord[];
    }>(entryDetail === 'names' ? EVIDENCE_CANDIDATES_NAMED : EVIDENCE_CANDIDATES, { ...query });
    const candidates = row?.candidates ?? [];
    for (const candidate of candidates) {
      if (candidate.entryName) candidate.claim.entryName = candidate.entryName;
    }
    return { version: row?.version ?? 0, candidates, entries: row?.entries ?? [] };
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
