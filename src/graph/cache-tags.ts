/**
 * Names for parts of the graph, shared by what a response read and what a
 * write changed. A cached response carries the tags of everything it read; a
 * write logs the tags of everything it changed (change-log.ts), and the
 * response cache drops the responses carrying any of them
 * (src/http/response-cache.ts). docs/operations.md ("What a write
 * invalidates") lists which write changes which tags.
 */

/** Told by a write that named no tags: it may have changed anything, so every cached response goes. */
export const EVERYTHING = '*';

/**
 * Reads over the whole graph (search, evidence, paths, entry lists). Every
 * write that changes content changes it, whatever else it names.
 */
export const GRAPH_WIDE = 'graph';

/** Which entry or key term every name links to: the cross-link dictionary. */
export const VOCABULARY = 'vocabulary';

/** The entry's own record (fields, upvotes, current revision) and its history (revisions). */
export const entryTag = (slug: string) => `entry:${slug}`;

/** The entry's article: sections, sentences (claims and their versions), key terms, objectives, the sources it lists. */
export const articleTag = (slug: string) => `article:${slug}`;

/** The relations at the entry, either way: lineage, targets, indicated-for, backlinks. */
export const linksTag = (slug: string) => `links:${slug}`;

/** The entry's ranked see-also panel. */
export const panelTag = (slug: string) => `panel:${slug}`;

/** A source's own record: title, tier, URL, retraction. */
export const sourceTag = (key: string) => `source:${key}`;

/** What uses a source: the entries listing it, the claims citing it, what an outside reading mentions. */
export const usesTag = (key: string) => `uses:${key}`;

/** A reader's revision suggestion. */
export const suggestionTag = (id: string) => `suggestion:${id}`;

/**
 * The entry a claim, key term or revision id belongs to: ids begin with the
 * entry's slug ("slug/c/…", "slug/t/…", "slug@3", src/model/identity.ts), and
 * slugs hold neither "/" nor "@". Null for an id of no such shape.
 */
export function ownerOf(id: string): string | null {
  const end = id.search(/[/@]/);
  return end > 0 ? id.slice(0, end) : null;
}

/**
 * What one request read, as tags: its loaders and resolvers add them as they
 * read. And whether its answer depends on who asks (a reader's own
 * suggestion, lists for editors): such an answer is never shared.
 */
export class ReadTags {
  private readonly read = new Set<string>();
  private askersOwn = false;

  add(...tags: string[]): void {
    for (const tag of tags) this.read.add(tag);
  }

  /** The answer is the asker's own: no one else may be given it. */
  dependsOnViewer(): void {
    this.askersOwn = true;
  }

  get tags(): ReadonlySet<string> {
    return this.read;
  }

  get isViewerDependent(): boolean {
    return this.askersOwn;
  }
}
