import type { ClaimRecord } from '../entries/records';
import { toLuceneTerms } from '../graph/fulltext';
import type { Graph } from '../graph/graph';
import { claimProjection } from '../graph/projections';
import type { EvidenceHitRecord } from './records';

const TIER_ORDER = ['T1', 'T2', 'T3'] as const;

/** Full-text matching of a statement against every claim in the wiki. */
export class EvidenceRepository {
  constructor(private readonly graph: Graph) {}

  async claimsMatching(statement: string, limit: number): Promise<EvidenceHitRecord[]> {
    const terms = toLuceneTerms(statement);
    if (!terms) return [];
    const rows = await this.graph.query<{ score: number; claim: ClaimRecord }>(
      `CALL db.index.fulltext.queryNodes('claim_text', $terms, {limit: $limit}) YIELD node AS c, score
       RETURN score, ${claimProjection('c')} AS claim`,
      { terms, limit },
    );
    return rows.map(({ score, claim }) => ({
      score,
      claim,
      sources: claim.sources,
      strongestTier: TIER_ORDER.find((tier) => claim.sources.some((s) => s.tier === tier && !s.retracted)) ?? null,
    }));
  }
}
