import { entryKinds, type EntryKind } from '../model/kinds';

/**
 * The article header's first field as an EntryKind; undefined when unknown.
 * Read as the registry of kinds spells them, singular or plural, any case,
 * words joined by hyphens or spaces ("problems-for-work", "MODALITIES").
 */
export const entryKindOf = (headerKind: string): EntryKind | undefined => entryKinds.kindOfHeader(headerKind) as EntryKind | undefined;
