import DataLoader from 'dataloader';
import type { EntriesRepository } from '../entries/entries.repository';
import type { ArticleContent, ClaimRecord, EntryRecord, KeyTermRecord, SourceRecord } from '../entries/records';
import type { SourcesRepository } from '../evidence/sources.repository';
import type { NavigationRepository } from '../navigation/navigation.repository';
import type { LineageRecord } from '../navigation/records';
import type { RevisionRecord } from '../revisions/records';
import type { RevisionsRepository } from '../revisions/revisions.repository';
import type { SeeAlsoPage, SeeAlsoService } from '../see-also/see-also.service';

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
  entriesBySourceKey: DataLoader<string, EntryRecord[]>;
  mentionsBySourceKey: DataLoader<string, Array<{ kind: 'ENTRY' | 'KEY_TERM'; id: string }>>;
  /** One page of an entry's ranked see-also (key: the entry's slug). */
  seeAlsoPage: DataLoader<PageKey, SeeAlsoPage>;
  /** An entry read with one page of its see-also (one query), which it primes into seeAlsoPage. */
  entryWithSeeAlsoPage: DataLoader<PageKey, EntryRecord | null>;
  claimsCitingSource: DataLoader<PageKey, ClaimPage>;
  uncitedClaimsOfEntry: DataLoader<PageKey, ClaimPage>;
  /** Revisions by id ("slug@n"). */
  revisionById: DataLoader<string, RevisionRecord | null>;
  /** A page of an entry's revisions, newest first (key: the entry's slug). */
  revisionPage: DataLoader<PageKey, { total: number; revisions: RevisionRecord[] }>;
  /** For a claim version a later revision replaced: the version standing now (null when the claim was removed). */
  currentClaimOf: DataLoader<string, ClaimRecord | null>;
  articleTextByHash: DataLoader<string, string | null>;
}

/** A page of a per-key list: loads for the same page of different keys share one query. */
export interface PageKey {
  key: string;
  offset: number;
  limit: number;
}

export interface ClaimPage {
  total: number;
  claims: ClaimRecord[];
}

const EMPTY_PAGE: ClaimPage = { total: 0, claims: [] };

/** Batches page loads: one query per distinct (offset, limit) in the batch, for all its keys. */
function pagedLoader(read: (keys: string[], offset: number, limit: number) => Promise<Map<string, ClaimPage>>): DataLoader<PageKey, ClaimPage> {
  return new DataLoader(
    async (pages) => {
      const found = new Map<string, ClaimPage>();
      const groups = new Map<string, PageKey[]>();
      for (const page of pages) {
        const group = `${page.offset}:${page.limit}`;
        groups.set(group, [...(groups.get(group) ?? []), page]);
      }
      for (const group of groups.values()) {
        const { offset, limit } = group[0]!;
        const result = await read([...new Set(group.map((page) => page.key))], offset, limit);
        for (const [key, value] of result) found.set(pageKey({ key, offset, limit }), value);
      }
      return pages.map((page) => found.get(pageKey(page)) ?? EMPTY_PAGE);
    },
    { cacheKeyFn: pageKey },
  );
}

const pageKey = (page: PageKey) => `${page.key}:${page.offset}:${page.limit}`;

/** Orders a batch's results like its keys; missing keys become null. */
function byKey<K, V>(keys: readonly K[], values: Iterable<V>, keyOf: (value: V) => K): Array<V | null> {
  const found = new Map<K, V>();
  for (const value of values) found.set(keyOf(value), value);
  return keys.map((key) => found.get(key) ?? null);
}

const listsByKey = <V>(keys: readonly string[], found: Map<string, V[]>) => keys.map((key) => found.get(key) ?? []);

export function createLoaders(
  entries: EntriesRepository,
  sources: SourcesRepository,
  navigation: NavigationRepository,
  seeAlso: SeeAlsoService,
  revisions: RevisionsRepository,
): Loaders {
  const entryBySlug = new DataLoader<string, EntryRecord | null>(async (slugs) => byKey(slugs, await entries.entriesBySlug(slugs), (e) => e.slug));
  // A stored panel's query reads the entries the page shows: their `node` fields need no second query.
  const primeNodes = (page: SeeAlsoPage) => {
    for (const node of page.nodes) entryBySlug.prime(node.slug, node);
    return page;
  };
  // Per entry: a stored panel is one index lookup, and ranking live walks one entry's neighbourhood.
  const seeAlsoPage = new DataLoader<PageKey, SeeAlsoPage, string>(
    (pages) => Promise.all(pages.map(async ({ key, offset, limit }) => primeNodes(await seeAlso.page(key, offset, limit)))),
    { cacheKeyFn: pageKey },
  );
  return {
    entryBySlug,
    articleContent: new DataLoader(async (slugs) => {
      const articles = await entries.articleContent(slugs);
      // The content query read each article's entry too: an article page needs no second query.
      for (const { entry } of articles.values()) entryBySlug.prime(entry.slug, entry);
      return slugs.map((slug) => articles.get(slug)?.content ?? null);
    }),
    claimById: new DataLoader(async (ids) => byKey(ids, await entries.claimsById(ids), (c) => c.id)),
    keyTermById: new DataLoader(async (ids) => byKey(ids, await entries.keyTermsById(ids), (k) => k.id)),
    sourceByKey: new DataLoader(async (keys) => byKey(keys, await sources.sourcesByKey(keys), (s) => s.key)),
    lineageBySlug: new DataLoader(async (slugs) => listsByKey(slugs, await navigation.lineage(slugs))),
    targetsBySlug: new DataLoader(async (slugs) => listsByKey(slugs, await navigation.related(slugs, 'TARGETS'))),
    indicatedForBySlug: new DataLoader(async (slugs) => listsByKey(slugs, await navigation.related(slugs, 'INDICATED_FOR'))),
    backlinksBySlug: new DataLoader(async (slugs) => listsByKey(slugs, await navigation.backlinks(slugs))),
    entriesBySourceKey: new DataLoader(async (keys) => listsByKey(keys, await sources.entriesOf(keys))),
    mentionsBySourceKey: new DataLoader(async (keys) => listsByKey(keys, await sources.mentionsOf(keys))),
    seeAlsoPage,
    entryWithSeeAlsoPage: new DataLoader(
      (pages) =>
        Promise.all(
          pages.map(async (key) => {
            const found = await seeAlso.entryWithPage(key.key, key.offset, key.limit);
            if (!found) return null;
            entryBySlug.prime(found.entry.slug, found.entry);
            seeAlsoPage.prime(key, primeNodes(found.page));
            return found.entry;
          }),
        ),
      { cacheKeyFn: pageKey },
    ),
    claimsCitingSource: pagedLoader((keys, offset, limit) => sources.claimsCiting(keys, offset, limit)),
    uncitedClaimsOfEntry: pagedLoader((slugs, offset, limit) => entries.uncitedClaims(slugs, offset, limit)),
    revisionById: new DataLoader(async (ids) => {
      const found = await revisions.revisionsById(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    revisionPage: new DataLoader(
      async (pages) =>
        Promise.all(
          pages.map(async ({ key, offset, limit }) => (await revisions.revisionPages([key], offset, limit)).get(key) ?? { total: 0, revisions: [] }),
        ),
      { cacheKeyFn: pageKey },
    ),
    currentClaimOf: new DataLoader(async (ids) => {
      const found = await revisions.currentVersionsOf(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    articleTextByHash: new DataLoader(async (hashes) => {
      const found = await revisions.articleTexts(hashes);
      return hashes.map((hash) => found.get(hash) ?? null);
    }),
  };
}
