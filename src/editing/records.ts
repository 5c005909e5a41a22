import type { EditableRelation } from '../model/relations';
import type { ClaimRecord, EntryRecord, SourceRecord } from '../entries/records';
import type { EntryKind } from '../model/kinds';

/** What editing returns to its resolvers: plain data, read inside the write's transaction where it changed. */

export type WriteStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED';
export type CreditPreference = 'ANONYMOUS' | 'NAME' | 'INITIALS';
export type RevisionStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';

export interface RevisionSuggestionRecord {
  id: string;
  entrySlug: string;
  text: string;
  sources: string[];
  creditPreference: CreditPreference;
  creditName: string | null;
  status: RevisionStatus;
  createdAt: string;
}

export interface UpsertEntryFields {
  slug: string;
  name: string;
  kind: EntryKind;
  aliases: string[];
  summary: string | null;
}

export interface EntryChange {
  status: WriteStatus;
  changed: boolean;
  entry: EntryRecord;
}

export interface LinkChange {
  changed: boolean;
  from: EntryRecord;
  to: EntryRecord;
  relation: EditableRelation;
  lineageRelation: string | null;
  claim: ClaimRecord;
}

export interface UnlinkChange {
  changed: boolean;
  removed: number;
  from: EntryRecord;
  to: EntryRecord;
}

export interface SourceChange {
  changed: boolean;
  source: SourceRecord;
}

export interface SuggestionChange {
  changed: boolean;
  suggestion: RevisionSuggestionRecord;
}
