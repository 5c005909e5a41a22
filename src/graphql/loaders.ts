import DataLoader from 'dataloader';
import type { EntriesRepository } from '../entries/entries.repository';
import type { ArticleContent, ClaimRecord, EntryRecord, KeyTermRecord, SourceRecord } from '../entries/records';
import type { SourcesRepository } from '../evidence/sources.repository';
import type { NavigationRepository } from '../navigation/navigation.repository';
import type { LineageRecord } from '../navigation/records';

/**
 * Per-request batching: every field that needs data by key goes through one of
 * these, so a list of N entries costs one query per field, never N.
 */
export interface Loaders {
  entryBySlug: DataLoader<string, EntryRecord | null>;
  articleContent: DataLoader<string, ArticleContent | null>;
  claimById: DataLoader<string, ClaimRecord | null>;
  keyTermById: DataLoader<string, KeyTermRecord | null>;
  sourceByKey: DataLoader<string, SourceRecord | null>;
  lineageBySlug: DataLoader<string, LineageRecord[]>;
  targetsBySlug: DataLoader<string, EntryRecord[]>;
  indicatedForBySlug: DataLoader<string, EntryRecord[]>;
  backlinksBySlug: DataLoader<string, EntryRecord[]>;
}

/** Orders a batch's results like its keys; missing keys become null. */
function byKey<K, V>(keys: readonly K[], values: Iterable<V>, keyOf: (value: V) => K): Array<V | null> {
  const found = new Map<K, V>();
  for (const value of values) found.set(keyOf(value), value);
  return keys.map((key) => found.get(key) ?? null);
}

const listsByKey = <V>(keys: readonly string[], found: Map<string, V[]>) => keys.map((key) => found.get(key) ?? []);

export function createLoaders(entries: EntriesRepository, sources: SourcesRepository, navigation: NavigationRepository): Loaders {
  return {
    entryBySlug: new DataLoader(async (slugs) => byKey(slugs, await entries.entriesBySlug(slugs), (e) => e.slug)),
    articleContent: new DataLoader(async (slugs) => {
      const content = await entries.articleContent(slugs);
      return slugs.map((slug) => content.get(slug) ?? null);
    }),
    claimById: new DataLoader(async (ids) => byKey(ids, await entries.claimsById(ids), (c) => c.id)),
    keyTermById: new DataLoader(async (ids) => byKey(ids, await entries.keyTermsById(ids), (k) => k.id)),
    sourceByKey: new DataLoader(async (keys) => byKey(keys, await sources.sourcesByKey(keys), (s) => s.key)),
    lineageBySlug: new DataLoader(async (slugs) => listsByKey(slugs, await navigation.lineage(slugs))),
    targetsBySlug: new DataLoader(async (slugs) => listsByKey(slugs, await navigation.related(slugs, 'TARGETS'))),
    indicatedForBySlug: new DataLoader(async (slugs) => listsByKey(slugs, await navigation.related(slugs, 'INDICATED_FOR'))),
    backlinksBySlug: new DataLoader(async (slugs) => listsByKey(slugs, await navigation.backlinks(slugs))),
  };
}
