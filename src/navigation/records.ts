import type { EntryRecord } from '../entries/records';

export interface LineageRecord {
  relation: string;
  direction: 'OUTGOING' | 'INCOMING';
  node: EntryRecord;
  claimId: string | null;
}

export interface PathStepRecord {
  relation: string;
  direction: 'OUTGOING' | 'INCOMING';
  node: EntryRecord;
}

export interface PathRecord {
  length: number;
  from: EntryRecord;
  steps: PathStepRecord[];
}
