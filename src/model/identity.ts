import { createHash } from 'node:crypto';
import type { ParsedSource } from './article';

/**
 * Stable identities for what ingestion writes, derived from content alone,
 * so that ingesting the same text twice yields the same nodes.
 */

/** "Earned Security" → "earned-security"; accents folded, punctuation dropped. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Lower-case, accents folded, whitespace collapsed, punctuation removed: for comparing names. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const shortHash = (...parts: Array<string | number>) =>
  createHash('sha256').update(parts.join('\u241f')).digest('hex').slice(0, 16);

/** Family names only: "Roisman, G. I." → "roisman". Initials differ between citing styles. */
function familyName(author: string): string {
  return normaliseText(author.split(',')[0] ?? author);
}

/**
 * One node per work across the wiki: the DOI when printed, otherwise the
 * normalised family names, year and title — so two articles listing the same
 * paper in slightly different punctuation share it.
 */
export function sourceKey(source: Pick<ParsedSource, 'doi' | 'authors' | 'year' | 'title'>): string {
  if (source.doi) return `doi:${source.doi.toLowerCase()}`;
  const authors = source.authors.map(familyName).join(' ');
  return `ref:${shortHash(authors, source.year ?? '', normaliseText(source.title))}`;
}

export const outsideReadingKey = (title: string) => `reading:${slugify(title)}`;

/**
 * A claim version: its entry, its position and its text, so the same article
 * loaded anywhere, in any order, gives the same ids. A sentence kept unchanged
 * keeps the id it was given. A later revision that writes a sentence whose id
 * an earlier version holds (the same text back at the same position) salts it
 * with its own number: a version never takes another's id.
 */
export const claimId = (entrySlug: string, position: number, text: string, revision?: number) =>
  `${entrySlug}/c/${revision === undefined ? shortHash(position, text) : shortHash(position, text, `r${revision}`)}`;

/**
 * The key two entry names may not share: compatibility forms folded (NFKC),
 * invisible format characters (zero-width spaces and joiners, soft hyphens)
 * dropped, case folded (upper then lower, so "ß" and "SS" meet), whitespace
 * collapsed.
 */
export function entryNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\p{Cf}\u00ad]/gu, '')
    .toUpperCase()
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

export const keyTermId = (entrySlug: string, term: string) => `${entrySlug}/t/${slugify(term)}`;

export const smartObjectiveId = (entrySlug: string, position: number, goal: string) => `${entrySlug}/o/${shortHash(position, goal)}`;

export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex');
