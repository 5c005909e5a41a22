import type { Vocabulary } from '../cross-link/vocabulary';
import { readVocabulary, readVocabularyVersion } from '../cross-link/vocabulary.repository';
import type { ClaimRecord, EntryName, EntryRecord } from '../entries/records';
import type { Graph } from '../graph/graph';
import { claimProjection, entryNameProjection, entryProjection, sourceCitationProjection, sourceProjection } from '../graph/projections';
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

/** How much of the candidates' entries and sources to read: whole records, or what the selection shows of them. */
export interface CandidateDetail {
  /** Whole records (primed into the loaders), or each claim's `entryName` only. */
  entries: 'records' | 'names';
  /** Whole records, or as cited (SourceCitation). */
  sources: 'records' | 'citations';
}

export const WHOLE_RECORDS: CandidateDetail = { entries: 'records', sources: 'records' };

/**
 * The candidate sentences for a statement, in one query: the best matches of
 * the expanded statement in the claim_text index (Lucene, `english` analyzer)
 * and the sentences of the articles the statement names that contain its
 * words (most of them first), without reflective questions (they assert
 * nothing). With them the sources they cite, their entries, and the
 * vocabulary version the expansion must match.
 *
 * The entries' whole records (their upvotes, counts and warnings) were a fifth
 * of the statement's work in Neo4j, and the sources' (citations, venues, DOIs)
 * a tenth: a selection that shows less of them, like the contract's Evidence
 * (`claim { entry { slug name } }`, `sources { id title year tier }`), reads
 * less (`detail`).
 */
export function evidenceCandidates(detail: CandidateDetail): string {
  const claim = claimProjection('c', detail.sources === 'citations' ? sourceCitationProjection : sourceProjection);
  const named = detail.entries === 'names';
  return `${CANDIDATE_CLAIMS}WITH collect({lexical: score, previous: previous, claim: ${claim}${
    named ? `, entryName: head(COLLECT { MATCH (e:Entry {slug: c.entrySlug}) RETURN ${entryNameProjection('e')} })` : ''
  }}) AS candidates, collect(DISTINCT c.entrySlug) AS slugs
OPTIONAL MATCH (m:Meta {id: 'vocabulary'})
RETURN candidates, coalesce(m.version, 0) AS version${
    named ? '' : `,
       COLLECT { UNWIND slugs AS slug MATCH (e:Entry {slug: slug}) RETURN ${entryProjection('e')} } AS entries`
  }`;
}

const detailKey = ({ entries, sources }: CandidateDetail) => `${entries}/${sources}`;

/** The statement for each detail, built once. */
const STATEMENTS = new Map(
  (['records', 'names'] as const).flatMap((entries) =>
    (['records', 'citations'] as const).map((sources) => [detailKey({ entries, sources }), evidenceCandidates({ entries, sources })] as const),
  ),
);

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
  /**
   * The candidates; with entries as 'names' each claim carries its
   * `entryName`, and with sources as 'citations' its sources are
   * SourceCitations (typed as records: shown only under a selection of a
   * citation's fields).
   */
  candidates: Candidate[];
  /** The entries the candidates belong to: their records with entries as 'records', none with 'names'. */
  entries: EntryRecord[];
}

export class EvidenceRepository {
  constructor(private readonly graph: Graph) {}

  async candidates(query: CandidateQuery, detail: CandidateDetail = WHOLE_RECORDS): Promise<CandidateRows> {
    const [row] = await this.graph.query<{
      version: number;
      candidates: Array<{ lexical: number | null; previous: string | null; claim: ClaimRecord; entryName?: EntryName }>;
      entries?: EntryRecord[];
    }>(STATEMENTS.get(detailKey(detail))!, { ...query });
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
