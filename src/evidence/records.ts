import type { EntryRecord } from '../entries/records';
import type { RankedClaim, StatementSourcesRecord } from './ranking';

/** A ranked sentence, as an EvidenceHit's parent. */
export type EvidenceHitRecord = RankedClaim;

/** A statement's sources, with the entries their sentences belong to (primed into the request's loader). */
export type StatementSourcesResult = StatementSourcesRecord & { entries: EntryRecord[] };
