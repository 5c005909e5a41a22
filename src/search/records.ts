import type { EntryRecord, KeyTermRecord, SourceRecord } from '../entries/records';

export type SearchNode = { kind: 'ENTRY'; entry: EntryRecord } | { kind: 'KEY_TERM'; keyTerm: KeyTermRecord } | { kind: 'SOURCE'; source: SourceRecord };

export interface SearchEdgeRecord {
  cursor: string;
  score: number;
  node: EntryRecord | KeyTermRecord | SourceRecord;
}
