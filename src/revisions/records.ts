import type { EntryKind } from '../model/kinds';

/** What a write did to an entry, as its revision records it. */
export type RevisionAction = 'ARTICLE' | 'FIELDS' | 'LINKS' | 'SEE_ALSO' | 'RETRACTION' | 'REVERT' | 'IMPORT';

/** How many sentences a revision added, removed and changed (text or sources). */
export interface SentenceChanges {
  added: number;
  removed: number;
  changed: number;
}

export const NO_SENTENCE_CHANGES: SentenceChanges = { added: 0, removed: 0, changed: 0 };

/** An editor's link from the entry, as a revision keeps it (derived links follow from the article's text). */
export interface CuratedLink {
  relation: string;
  to: string;
  lineageRelation: string | null;
  claimId: string | null;
}

/** A revision of an entry: who changed what, and the entry as it stood after. */
export interface RevisionRecord {
  entrySlug: string;
  number: number;
  createdAt: string;
  author: string;
  note: string | null;
  action: RevisionAction;
  changes: SentenceChanges;
  /** The revision this one restored (REVERT). */
  revertedTo: number | null;
  name: string;
  kind: EntryKind;
  aliases: string[];
  summary: string | null;
  /** The hash of the article text as it stood; null for a stub. */
  articleHash: string | null;
  /** The ids of the article's sentences (claim versions), in article order. */
  claimIds: string[];
  links: CuratedLink[];
  /** The editor's see-also list; null when the article's own lines stood. */
  seeAlso: string[] | null;
}

/** One line of a diff between two revisions. */
export interface SentenceChangeRecord {
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  /** Claim version ids: before (REMOVED, CHANGED) and after (ADDED, CHANGED). */
  before: string | null;
  after: string | null;
}

/** A revision's id: the entry's slug and the revision's number. */
export const revisionId = (slug: string, number: number) => `${slug}@${number}`;
