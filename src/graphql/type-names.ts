import type { EntryKind, EntryRecord, KeyTermRecord, SourceRecord } from '../entries/records';

const ENTRY_TYPE_BY_KIND = {
  CONSTRUCT: 'Construct',
  MODALITY: 'Modality',
  PROBLEM_FOR_WORK: 'ProblemForWork',
  POPULATION: 'Population',
  PERSON: 'Person',
  INSTRUMENT: 'Instrument',
} as const satisfies Record<EntryKind, string>;

export type EntryTypeName = (typeof ENTRY_TYPE_BY_KIND)[EntryKind];

export const entryTypeName = (entry: Pick<EntryRecord, 'kind'>): EntryTypeName => ENTRY_TYPE_BY_KIND[entry.kind];

/** The concrete GraphQL type of a record behind an interface or union (Node, CrossLinkTarget, SearchResult). */
export function typeNameOf(record: EntryRecord | KeyTermRecord | SourceRecord | { id: string; text: string }) {
  if ('slug' in record) return entryTypeName(record);
  if ('term' in record) return 'KeyTerm' as const;
  if ('key' in record) return 'Source' as const;
  return 'Claim' as const;
}
