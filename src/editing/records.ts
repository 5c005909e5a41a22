import type { EditableRelation } from '../model/relations';
import type { ClaimRecord, EntryRecord, SourceRecord } from '../entries/records';
import type { EntryKind } from '../model/kinds';

/** What editing returns to its resolvers: plain data, read inside the write's transaction where it changed. */

export type WriteStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED';
export type CreditPreference = 'ANONYMOUS' | 'NAME' | 'INITIALS';
export type RevisionStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';

export type SuggestionDecision = 'ACCEPT' | 'REJECT';

export interface RevisionSuggestionRecord {
  id: string;
  entrySlug: string;
  text: string;
  sources: string[];
  creditPreference: CreditPreference;
  creditName: string | null;
  status: RevisionStatus;
  createdAt: string;
  /** The latest decision's reason. */
  reason: string | null;
  /** For ACCEPTED: the revision of the entry that took it up. */
  acceptedIn: number | null;
  /** Every decision, oldest first. */
  history: SuggestionStatusChangeRecord[];
}

export interface SuggestionStatusChangeRecord {
  status: RevisionStatus;
  at: string;
  editor: string;
  reason: string | null;
  revision: number | null;
  /** The suggestion's entry, to resolve `revision`. */
  entrySlug: string;
}

export interface UpsertEntryFields {
  slug: string;
  name: string;
  /** entryNameKey(name): unique across entries by constraint. */
  nameKey: string;
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

export interface RevertChange {
  changed: boolean;
  entry: EntryRecord;
  /** The revision the revert recorded, or the current one when nothing changed. */
  revision: number;
}

export interface SuggestionChange {
  changed: boolean;
  suggestion: RevisionSuggestionRecord;
}
