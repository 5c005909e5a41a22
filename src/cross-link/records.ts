import type { EntryRecord, KeyTermRecord } from '../entries/records';

/** A matched span with its target loaded, ready for the CrossLinkTarget union. */
export interface ResolvedSpan {
  start: number;
  end: number;
  surface: string;
  target: EntryRecord | KeyTermRecord;
}
