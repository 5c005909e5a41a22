import type { EntryKind } from '../entries/records';

/**
 * The article header's first field as an EntryKind; undefined when unknown.
 * Read as printed anywhere in the wiki: singular or plural, any case, words
 * joined by hyphens or spaces ("problems-for-work", as the section heading
 * spells it, "Problem for work", "MODALITIES").
 */
export function entryKindOf(headerKind: string): EntryKind | undefined {
  const words = headerKind
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map(singular);
  const kind = words.join(' ');
  if (/^(psychological )?construct$|^concept$|^theory$/.test(kind)) return 'CONSTRUCT';
  if (/^(therapy |therapeutic |treatment )?modality$|^therapy$|^treatment$|^intervention$/.test(kind)) return 'MODALITY';
  if (/^problem( for work)?$|^presenting problem$/.test(kind)) return 'PROBLEM_FOR_WORK';
  if (/^population$/.test(kind)) return 'POPULATION';
  if (/^person$|^people$|^clinician$|^researcher$/.test(kind)) return 'PERSON';
  if (/^instrument$|^assessment$|^measure$/.test(kind)) return 'INSTRUMENT';
  return undefined;
}

/** "problems" → "problem", "modalities" → "modality", "therapies" → "therapy"; "for", "work" stay. */
function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3 && word !== 'this') return word.slice(0, -1);
  return word;
}
