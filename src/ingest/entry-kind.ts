import type { EntryKind } from '../entries/records';

/** The article header's first field ("construct", "modality" ...) as an EntryKind; undefined when unknown. */
export function entryKindOf(headerKind: string): EntryKind | undefined {
  const kind = headerKind.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
  if (/^(psychological )?construct$|^concept$|^theory$/.test(kind)) return 'CONSTRUCT';
  if (/^(therapy )?modality$|^therapy$|^treatment$|^intervention$/.test(kind)) return 'MODALITY';
  if (/^problem( for work)?$|^presenting problem$/.test(kind)) return 'PROBLEM_FOR_WORK';
  if (/^population$/.test(kind)) return 'POPULATION';
  if (/^person$|^people$|^clinician$|^researcher$/.test(kind)) return 'PERSON';
  if (/^instrument$|^assessment$|^measure$/.test(kind)) return 'INSTRUMENT';
  return undefined;
}
