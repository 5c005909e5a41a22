import { entryKinds, type EntryKindRegistry } from '../model/kinds';

/** The records behind the schema's interfaces and unions, told apart by their shape. */
export type TypedRecord =
  | { slug: string; kind: string }
  | { term: string }
  | { key: string }
  | { id: string; text: string }
  | { entrySlug: string; number: number; claimIds: string[] };

/** The concrete GraphQL type of a record behind an interface or union (Node, Entry, CrossLinkTarget, SearchResult). */
export function typeNameOf(record: TypedRecord, kinds: EntryKindRegistry = entryKinds): string {
  if ('slug' in record) return kinds.typeNameOf(record.kind);
  if ('term' in record) return 'KeyTerm';
  if ('key' in record) return 'Source';
  if ('claimIds' in record) return 'Revision';
  return 'Claim';
}
