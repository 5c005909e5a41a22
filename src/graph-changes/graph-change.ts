import type { Vocabulary } from '../cross-link/vocabulary';
import { bumpVocabularyVersion, readVocabulary } from '../cross-link/vocabulary.repository';
import { AppError, notFound } from '../errors';
import { articleTag, entryTag, linksTag, panelTag, sourceTag, suggestionTag, usesTag, VOCABULARY } from '../graph/cache-tags';
import type { Graph, Transaction } from '../graph/graph';
import { compressArticle } from '../revisions/article-text';
import { NO_SENTENCE_CHANGES, type RevisionAction, type SentenceChanges } from '../revisions/records';
import { createBareEntry, keepArticleText, lockEntry, lockWrites, recordRevision } from '../revisions/revisions.repository';
import { markPanelsStale, panelsAround, type MarkedPanels } from '../see-also/see-also.repository';
import { refreshDegrees, refreshTargetedBy } from './degrees.repository';
import { relinkTextsNaming, sameVocabulary, type NameChange, type Relinked } from './relink';
import { expansionStateOf } from './vocabulary-state.repository';

/**
 * The one path for a write's consequences. A write declares, as it goes, what
 * it changes; `GraphWrites.write` then runs every consequence in the same
 * transaction, and tells this process after the commit:
 *  - names changed: stored texts that contain a name whose target moved are
 *    linked again (relink.ts), and the names that moved are reported;
 *  - sources, key terms or targets changed: the degree counts see-also weighs by;
 *  - entries or their relations changed: the see-also panels around them are
 *    marked stale, around the old neighbourhood (before) and the new (after);
 *  - names changed (the vocabulary, or an entry's key-term definitions or
 *    whether it has an article): the vocabulary version is bumped, so every
 *    replica rebuilds its cross-link dictionary and evidence expander;
 *  - an entry's content changed (`revised`): a revision of it is recorded,
 *    by the write's author, with the entry as it now stands;
 *  - and the response caches are told what changed (`changedTags`, logged by
 *    Graph.write with the write): the entries revised, the panels marked and
 *    the relations of the entries at or next to what changed, the sources
 *    whose records or uses changed, the suggestions decided, and the
 *    cross-link vocabulary when a name links elsewhere now.
 * Nothing else marks panels, refreshes degrees, bumps the version or records
 * revisions. A write to an entry takes its lock first (`lockEntry`), which
 * serialises writes to one entry and refuses a stale `expectedRevision`.
 */
export class GraphChange {
  private namesBefore: Vocabulary | null = null;
  /** Of the entries locked once names may change, what else the dictionaries read (expansionStateOf), before the write. */
  private readonly expansionBefore = new Map<string, string | null>();
  private readonly entries = new Set<string>();
  private readonly linkedByTheWrite = new Set<string>();
  private readonly renamed = new Set<string>();
  private readonly relink = new Set<string>();
  private readonly sources = new Set<string>();
  private readonly terms = new Set<string>();
  private readonly problems = new Set<string>();
  private relations = false;
  /** The panels around what the write changes, as they stood before it: marked with the rest when it settles. */
  private readonly before: MarkedPanels = { panels: [], linked: [] };
  private readonly locked = new Map<string, number>();
  private readonly revisions = new Map<string, RevisionDetails>();
  /** What cached responses the write changes (src/graph/cache-tags.ts), as it declares and settles. */
  private readonly tags = new Set<string>();

  constructor(
    readonly tx: Transaction,
    /** Who the write is by: an editor's token subject, or `seed` / `import` for bulk paths. */
    readonly author: string,
  ) {}

  /**
   * Before a write reads or changes an entry: takes the entry's write lock for
   * the rest of the transaction, so writes to one entry never interleave and
   * every read after this sees the last committed write. With
   * `expectedRevision`, refuses with CONFLICT (nothing written) when the entry
   * has moved on from the revision the editor saw (0: it must not exist yet).
   * `create`: a missing entry is created bare (a slug, no name) and locked, so
   * writes creating one entry are serialised too; the write fills it in.
   * `mustExist`: a missing entry is NOT_FOUND.
   */
  async lockEntry(slug: string, expectedRevision?: number | null, options: { create?: boolean; mustExist?: boolean } = {}): Promise<EntryLock> {
    let current = await lockEntry(this.tx, slug);
    let created = false;
    if (current === null && options.create) {
      created = await createBareEntry(this.tx, slug);
      current = await lockEntry(this.tx, slug);
    }
    if (current === null && options.mustExist) throw notFound(`The entry "${slug}"`);
    const revision = current ?? 0;
    if (expectedRevision != null && revision !== expectedRevision) {
      throw new AppError(
        'CONFLICT',
        current === null || created
          ? `There is no entry "${slug}" yet, so it is not at revision ${expectedRevision}.`
          : `The entry "${slug}" is at revision ${revision}, not ${expectedRevision}: someone saved it since. Reload it and apply the change again.`,
        { slug, currentRevision: revision, expectedRevision },
      );
    }
    this.locked.set(slug, revision);
    if (this.namesBefore) await this.rememberExpansionState([slug]);
    return { revision, exists: current !== null, created };
  }

  /**
   * The entry's content changed (its article, fields, links or see-also list):
   * a revision is recorded with the entry as it stands at the end of the write.
   * `article`: the text the write stored, kept with the revision. One write
   * records one revision per entry: details declared twice are merged.
   */
  revised(slug: string, details: RevisionDetails): void {
    this.revisions.set(slug, { ...this.revisions.get(slug), ...details });
    // The entry's record (its revision number at least) and history; its article too, whatever the action (a FIELDS revision leaves it as it was).
    this.tags.add(entryTag(slug)).add(articleTag(slug));
  }

  /**
   * Before a write changes names (entries, aliases, key terms, abbreviations):
   * the vocabulary as it stands, returned for the write's own use.
   * `linkedByTheWrite`: an article the write links itself; `renamed`: an entry
   * that may lose names, whose mentions are checked again; `relink`: an
   * article whose own links (sentences, See also lines) are to be read again.
   */
  async namesWillChange(options: { linkedByTheWrite?: string; renamed?: string; relink?: string } = {}): Promise<Vocabulary> {
    if (options.linkedByTheWrite) this.linkedByTheWrite.add(options.linkedByTheWrite);
    if (options.renamed) this.renamed.add(options.renamed);
    if (options.relink) this.relink.add(options.relink);
    if (!this.namesBefore) {
      this.namesBefore = await readVocabulary(this.tx);
      await this.rememberExpansionState([...this.locked.keys()]);
    }
    return this.namesBefore;
  }

  private async rememberExpansionState(slugs: string[]): Promise<void> {
    const unseen = slugs.filter((slug) => !this.expansionBefore.has(slug));
    const state = await expansionStateOf(this.tx, unseen);
    for (const slug of unseen) this.expansionBefore.set(slug, state.get(slug) ?? null);
  }

  /**
   * Whether what the cross-link dictionary and the evidence expander are built
   * from changed: any name of the vocabulary, or the key-term definitions or
   * the article of an entry the write locked (every write that changes an
   * entry's names or terms locks it first).
   */
  private async vocabularyChanged(namesChanged: boolean): Promise<boolean> {
    if (namesChanged) return true;
    const after = await expansionStateOf(this.tx, [...this.expansionBefore.keys()]);
    return [...this.expansionBefore].some(([slug, before]) => (after.get(slug) ?? null) !== before);
  }

  /**
   * Before a write changes entries or their relations: the panels around them
   * as they stand are read now and marked when the write settles, with those
   * around them afterwards (all in one statement, so the write locks panels
   * once, at its end, in one order).
   */
  async entriesWillChange(slugs: readonly string[]): Promise<void> {
    this.remember(await panelsAround(this.tx, slugs));
    for (const slug of slugs) this.entries.add(slug);
  }

  /** Relations between entries changed (links, see-also lists): readers' dictionaries and panels follow. */
  relationsChanged(): void {
    this.relations = true;
  }

  /** Sources an article lists, or listed: which entries list them and which claims cite them changed. */
  sourcesChanged(keys: readonly string[]): void {
    for (const key of keys) {
      this.sources.add(key);
      this.tags.add(usesTag(key));
    }
  }

  /** Sources whose own records changed: created, given a URL or DOI, retracted, an outside reading rewritten. */
  sourceRecordsChanged(keys: readonly string[]): void {
    for (const key of keys) this.tags.add(sourceTag(key));
  }

  /** An outside reading was written: its record and what it mentions (no degree or panel weighs readings). */
  readingChanged(key: string): void {
    this.tags.add(sourceTag(key)).add(usesTag(key));
  }

  /** A reader's revision suggestion changed (decided). */
  suggestionChanged(id: string): void {
    this.tags.add(suggestionTag(id));
  }

  /**
   * What cached responses the write changed, once it has settled: empty when
   * it declared nothing (Graph.write then drops every cached response).
   */
  get changedTags(): ReadonlySet<string> {
    return this.tags;
  }

  termsChanged(keys: readonly string[]): void {
    for (const key of keys) this.terms.add(key);
  }

  /** Problems-for-work whose TARGETS edges changed. */
  targetsChanged(slugs: readonly string[]): void {
    for (const slug of slugs) this.problems.add(slug);
  }

  /** True when the write declared any change. */
  get declared(): boolean {
    return (
      this.namesBefore !== null ||
      this.entries.size > 0 ||
      this.relations ||
      this.sources.size > 0 ||
      this.terms.size > 0 ||
      this.problems.size > 0 ||
      this.revisions.size > 0
    );
  }

  /** Runs the consequences, inside the write's transaction, after its own statements. */
  async settle(): Promise<Consequences> {
    let relinked: Pick<Relinked, 'slugs' | 'nameChanges'> = { slugs: [], nameChanges: [] };
    let vocabularyChanged = false;
    if (this.namesBefore) {
      const namesAfter = await readVocabulary(this.tx);
      // Compared once (the whole vocabulary): whether to rebuild the dictionaries, and whether anything needs re-linking.
      const namesChanged = !sameVocabulary(this.namesBefore, namesAfter);
      vocabularyChanged = await this.vocabularyChanged(namesChanged);
      const found = await relinkTextsNaming(this.tx, this.namesBefore, namesAfter, {
        namesChanged,
        except: this.linkedByTheWrite,
        renamed: [...this.renamed],
        relink: [...this.relink],
      });
      this.remember(found.before);
      for (const key of found.readings) this.tags.add(usesTag(key));
      if (found.namesMoved) this.tags.add(VOCABULARY);
      relinked = found;
    }
    if (this.sources.size > 0 || this.terms.size > 0 || this.namesBefore) await refreshDegrees(this.tx, [...this.sources], [...this.terms]);
    if (this.problems.size > 0) await refreshTargetedBy(this.tx, [...this.problems]);
    this.marked(await markPanelsStale(this.tx, [...this.entries, ...relinked.slugs], this.before));
    if (vocabularyChanged) await bumpVocabularyVersion(this.tx);
    const revisions = new Map<string, number>();
    for (const [slug, details] of this.revisions) revisions.set(slug, await this.recordRevision(slug, details));
    return { nameChanges: relinked.nameChanges, revisions, vocabularyChanged };
  }

  private remember({ panels, linked }: MarkedPanels): void {
    this.before.panels.push(...panels);
    this.before.linked.push(...linked);
  }

  /**
   * Panels marked stale change; so may the relations listed at the entries
   * that were, or now are, one relation from what changed (their lineage,
   * targets and backlinks hold it, by name).
   */
  private marked({ panels, linked }: MarkedPanels): void {
    for (const slug of panels) this.tags.add(panelTag(slug));
    for (const slug of linked) this.tags.add(linksTag(slug));
  }

  private async recordRevision(slug: string, details: RevisionDetails): Promise<number> {
    if (!this.locked.has(slug)) throw new Error(`A revision of "${slug}" was declared without taking its lock (GraphChange.lockEntry)`);
    if (details.article) await keepArticleText(this.tx, details.article.hash, compressArticle(details.article.text));
    return recordRevision(this.tx, {
      slug,
      author: this.author,
      note: details.note ?? null,
      action: details.action,
      changes: details.changes ?? NO_SENTENCE_CHANGES,
      revertedTo: details.revertedTo ?? null,
    });
  }
}

/** An entry a write has locked: its revision (0 before the first), whether it existed, whether the write created it. */
export interface EntryLock {
  revision: number;
  exists: boolean;
  created: boolean;
}

/** What a write tells of a revision it causes. */
export interface RevisionDetails {
  action: RevisionAction;
  note?: string | null;
  changes?: SentenceChanges;
  revertedTo?: number | null;
  /** The article text the write stored, and its content hash. */
  article?: { hash: string; text: string };
}

/** What the consequences of a write found. */
export interface Consequences {
  /** Names that linked to another entry and now link elsewhere. */
  nameChanges: NameChange[];
  /** The revision recorded for each entry the write revised. */
  revisions: Map<string, number>;
  /** Whether what the cross-link dictionary and the evidence expander are built from changed (the vocabulary version was bumped). */
  vocabularyChanged: boolean;
}

const NO_CONSEQUENCES: Consequences = { nameChanges: [], revisions: new Map(), vocabularyChanged: false };

/** Writes through GraphChange: one transaction for the write and its consequences, this process told after commit. */
export class GraphWrites {
  constructor(
    private readonly graph: Graph,
    /** Called after a commit that declared changes (the panel refresher; the cross-link dictionary and the evidence expander when the vocabulary changed). */
    private readonly afterCommit: (consequences: Consequences) => void = () => undefined,
  ) {}

  /** `author`: who the revisions the write records are by (an editor's token subject, `seed`, `import`). */
  async write<T>(work: (change: GraphChange) => Promise<T>, author = 'system'): Promise<{ result: T; consequences: Consequences }> {
    const written = await this.graph.write(async (tx, changes) => {
      // Before anything else: writes through here take turns (lockWrites), so they never deadlock.
      await lockWrites(tx);
      const change = new GraphChange(tx, author);
      const result = await work(change);
      const consequences = change.declared ? await change.settle() : NO_CONSEQUENCES;
      changes.tag(...change.changedTags);
      return { result, consequences, declared: change.declared };
    });
    if (written.declared) this.afterCommit(written.consequences);
    return { result: written.result, consequences: written.consequences };
  }
}
