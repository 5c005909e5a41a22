import type { ClaimRecord, SourceRecord } from '../entries/records';
import type { EvidenceTier } from '../ingest/article';

export interface EvidenceHitRecord {
  score: number;
  claim: ClaimRecord;
  sources: SourceRecord[];
  strongestTier: EvidenceTier | null;
}
