import DataLoader from 'dataloader';
import type { EntriesRepository } from '../entries/entries.repository';
import type { ArticleContent, ClaimRecord, EntryRecord, KeyTermRecord, SourceRecord } from '../entries/records';
import type { SourcesRepository } from '../evidence/sources.repository';
import type { NavigationRepository } from '../navigation/navigation.repository';
import type { LineageRecord } from '../navigation/records';
import type { RevisionRecord } from '../revisions/records';
import type { RevisionsRepository } from '../revisions/revisions.repository';
import type { SeeAlsoPage, SeeAlsoService } from '../see-also/see-also.service';
import { articleTag, entryTag, GRAPH_WIDE, linksTag, ownerOf, panelTag, sourceTag, usesTag, type ReadTags } from '../graph/cache-tags';

/**
 * Per-request batching: every field that needs data by key goes through one of
 * these, so a list of N entries costs one query per field, never N. Each load
 * also records, for the response cache, what it read (src/graph/cache-tags.ts):
 * the tags of its key (so an answer of "none" is dropped when one is made) and
 * of every record it returns. Fields below the root read only through these,
 * so what they record is all a response read; a field that reads otherwise
 * must record what it reads itself.
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

/**
 * Batches page loads: one query per distinct (offset, limit) in the batch, for
 * all its keys. Records `tagOf(key)` (what decides which claims are on the
 * page) and each claim shown.
 */
function pagedLoader(
  read: (keys: string[], offset: number, limit: number) => Promise<Map<string, ClaimPage>>,
  reads: ReadTags,
  tagOf: (key: string) => string,
): DataLoader<PageKey, ClaimPage> {
  return new RecordingLoader<PageKey, ClaimPage, string>(
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
    ({ key }, page) => {
      reads.add(tagOf(key));
      for (const claim of page.claims) recordArticlePart(claim, reads);
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

/**
 * A DataLoader that records what every load read, primed values included (a
 * record another query read and primed is shown through a load like any other).
 */
class RecordingLoader<K, V, C = K> extends DataLoader<K, V, C> {
  constructor(
    batch: DataLoader.BatchLoadFn<K, V>,
    /** Adds the tags of what loading `key` gave to the request's ReadTags. */
    private readonly record: (key: K, value: V) => void,
    options?: DataLoader.Options<K, V, C>,
  ) {
    super(batch, options);
  }

  override async load(key: K): Promise<V> {
    const value = await super.load(key);
    this.record(key, value);
    return value;
  }
}

/** An entry record shows the entry's own fields. */
const recordEntries = (entries: Iterable<EntryRecord>, reads: ReadTags) => {
  for (const entry of entries) reads.add(entryTag(entry.slug));
};

/** A claim or key term shows its article's text and the records of the sources it cites. */
const recordArticlePart = (part: { entrySlug: string; sources: SourceRecord[] }, reads: ReadTags) => {
  reads.add(articleTag(part.entrySlug));
  for (const source of part.sources) reads.add(sourceTag(source.key));
};

/**
 * The article a claim or key term id belongs to: a write to it is what makes
 * an id found, or not found, or the version standing now another.
 */
const recordArticleOfId = (id: string, reads: ReadTags) => {
  const owner = ownerOf(id);
  reads.add(owner === null ? GRAPH_WIDE : articleTag(owner));
};

export function createLoaders(
  entries: EntriesRepository,
  sources: SourcesRepository,
  navigation: NavigationRepository,
  seeAlso: SeeAlsoService,
  revisions: RevisionsRepository,
  reads: ReadTags,
): Loaders {
  const entryBySlug = new RecordingLoader<string, EntryRecord | null>(
    async (slugs) => byKey(slugs, await entries.entriesBySlug(slugs), (e) => e.slug),
    (slug) => reads.add(entryTag(slug)),
  );
  // A stored panel's query reads the entries the page shows: their `node` fields need no second query.
  const primeNodes = (page: SeeAlsoPage) => {
    for (const node of page.nodes) entryBySlug.prime(node.slug, node);
    return page;
  };
  // Per entry: a stored panel is one index lookup, and ranking live walks one entry's neighbourhood.
  const seeAlsoPage = new RecordingLoader<PageKey, SeeAlsoPage, string>(
    (pages) => Promise.all(pages.map(async ({ key, offset, limit }) => primeNodes(await seeAlso.page(key, offset, limit)))),
    // Its entries are recorded as the page's nodes are loaded (SeeAlsoEdge.node).
    ({ key }) => reads.add(panelTag(key)),
    { cacheKeyFn: pageKey },
  );
  /** Entries related to `slug`: which ones is the relations at it; each shows its own record. */
  const relatedEntries = (read: (slugs: string[]) => Promise<Map<string, EntryRecord[]>>) =>
    new RecordingLoader<string, EntryRecord[]>(async (slugs) => listsByKey(slugs, await read([...slugs])), (slug, list) => {
      reads.add(linksTag(slug));
      recordEntries(list, reads);
    });
  return {
    entryBySlug,
    articleContent: new RecordingLoader<string, ArticleContent | null>(
      async (slugs) => {
        const articles = await entries.articleContent(slugs);
        // The content query read each article's entry too: an article page needs no second query.
        for (const { entry } of articles.values()) entryBySlug.prime(entry.slug, entry);
        return slugs.map((slug) => articles.get(slug)?.content ?? null);
      },
      // Claims, key terms and objectives cite only the article's own sources: its list names every source record shown.
      (slug, content) => {
        reads.add(articleTag(slug));
        for (const source of content?.sources ?? []) reads.add(sourceTag(source.key));
      },
    ),
    claimById: new RecordingLoader<string, ClaimRecord | null>(
      async (ids) => byKey(ids, await entries.claimsById(ids), (c) => c.id),
      (id, claim) => (claim ? recordArticlePart(claim, reads) : recordArticleOfId(id, reads)),
    ),
    keyTermById: new RecordingLoader<string, KeyTermRecord | null>(
      async (ids) => byKey(ids, await entries.keyTermsById(ids), (k) => k.id),
      (id, term) => (term ? recordArticlePart(term, reads) : recordArticleOfId(id, reads)),
    ),
    sourceByKey: new RecordingLoader<string, SourceRecord | null>(
      async (keys) => byKey(keys, await sources.sourcesByKey(keys), (s) => s.key),
      (key) => reads.add(sourceTag(key)),
    ),
    lineageBySlug: new RecordingLoader<string, LineageRecord[]>(async (slugs) => listsByKey(slugs, await navigation.lineage(slugs)), (slug, links) => {
      reads.add(linksTag(slug));
      recordEntries(links.map((link) => link.node), reads);
    }),
    targetsBySlug: relatedEntries((slugs) => navigation.related(slugs, 'TARGETS')),
    indicatedForBySlug: relatedEntries((slugs) => navigation.related(slugs, 'INDICATED_FOR')),
    backlinksBySlug: relatedEntries((slugs) => navigation.backlinks(slugs)),
    entriesBySourceKey: new RecordingLoader<string, EntryRecord[]>(async (keys) => listsByKey(keys, await sources.entriesOf(keys)), (key, list) => {
      reads.add(usesTag(key));
      recordEntries(list, reads);
    }),
    // The entries and key terms named are recorded as they are loaded (Source.mentions).
    mentionsBySourceKey: new RecordingLoader<string, Array<{ kind: 'ENTRY' | 'KEY_TERM'; id: string }>>(
      async (keys) => listsByKey(keys, await sources.mentionsOf(keys)),
      (key) => reads.add(usesTag(key)),
    ),
    seeAlsoPage,
    entryWithSeeAlsoPage: new RecordingLoader<PageKey, EntryRecord | null, string>(
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
      ({ key }) => reads.add(entryTag(key), panelTag(key)),
      { cacheKeyFn: pageKey },
    ),
    claimsCitingSource: pagedLoader((keys, offset, limit) => sources.claimsCiting(keys, offset, limit), reads, usesTag),
    uncitedClaimsOfEntry: pagedLoader((slugs, offset, limit) => entries.uncitedClaims(slugs, offset, limit), reads, articleTag),
    revisionById: new RecordingLoader<string, RevisionRecord | null>(
      async (ids) => {
        const found = await revisions.revisionsById(ids);
        return ids.map((id) => found.get(id) ?? null);
      },
      (id) => {
        const owner = ownerOf(id);
        reads.add(owner === null ? GRAPH_WIDE : entryTag(owner));
      },
    ),
    revisionPage: new RecordingLoader<PageKey, { total: number; revisions: RevisionRecord[] }, string>(
      async (pages) =>
        Promise.all(
          pages.map(async ({ key, offset, limit }) => (await revisions.revisionPages([key], offset, limit)).get(key) ?? { total: 0, revisions: [] }),
        ),
      ({ key }) => reads.add(entryTag(key)),
      { cacheKeyFn: pageKey },
    ),
    currentClaimOf: new RecordingLoader<string, ClaimRecord | null>(
      async (ids) => {
        const found = await revisions.currentVersionsOf(ids);
        return ids.map((id) => found.get(id) ?? null);
      },
      (id, claim) => {
        recordArticleOfId(id, reads);
        if (claim) recordArticlePart(claim, reads);
      },
    ),
    // Content-addressed: the text stored under a hash is that text, for good. Nothing to record.
    articleTextByHash: new DataLoader(async (hashes) => {
      const found = await revisions.articleTexts(hashes);
      return hashes.map((hash) => found.get(hash) ?? null);
    }),
  };
}
