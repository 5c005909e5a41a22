import type { Vocabulary } from '../cross-link/vocabulary';
import { bumpVocabularyVersion, readVocabulary } from '../cross-link/vocabulary.repository';
import type { Graph, Transaction } from '../graph/graph';
import { markPanelsStale } from '../see-also/see-also.repository';
import { refreshDegrees, refreshTargetedBy } from './degrees.repository';
import { relinkTextsNaming, type NameChange } from './relink';

/**
 * The one path for a write's consequences. A write declares, as it goes, what
 * it changes; `GraphWrites.write` then runs every consequence in the same
 * transaction, and tells this process after the commit:
 *  - names changed: stored texts that contain a name whose target moved are
 *    linked again (relink.ts), and the names that moved are reported;
 *  - sources, key terms or targets changed: the degree counts see-also weighs by;
 *  - entries or their relations changed: the see-also panels around them are
 *    marked stale, around the old neighbourhood (before) and the new (after);
 *  - names or relations changed: the vocabulary version is bumped, so every
 *    replica rebuilds its cross-link dictionary.
 * Nothing else marks panels, refreshes degrees or bumps the version.
 */
export class GraphChange {
  private namesBefore: Vocabulary | null = null;
  private readonly entries = new Set<string>();
  private readonly linkedByTheWrite = new Set<string>();
  private readonly renamed = new Set<string>();
  private readonly sources = new Set<string>();
  private readonly terms = new Set<string>();
  private readonly problems = new Set<string>();
  private relations = false;

  constructor(readonly tx: Transaction) {}

  /**
   * Before a write changes names (entries, aliases, key terms, abbreviations):
   * the vocabulary as it stands, returned for the write's own use.
   * `linkedByTheWrite`: an article the write links itself; `renamed`: an entry
   * that may lose names, whose mentions are checked again.
   */
  async namesWillChange(options: { linkedByTheWrite?: string; renamed?: string } = {}): Promise<Vocabulary> {
    if (options.linkedByTheWrite) this.linkedByTheWrite.add(options.linkedByTheWrite);
    if (options.renamed) this.renamed.add(options.renamed);
    this.namesBefore ??= await readVocabulary(this.tx);
    return this.namesBefore;
  }

  /** Before a write changes entries or their relations: the panels around them as they stand are marked. */
  async entriesWillChange(slugs: readonly string[]): Promise<void> {
    await markPanelsStale(this.tx, slugs);
    for (const slug of slugs) this.entries.add(slug);
  }

  /** Relations between entries changed (links, see-also lists): readers' dictionaries and panels follow. */
  relationsChanged(): void {
    this.relations = true;
  }

  sourcesChanged(keys: readonly string[]): void {
    for (const key of keys) this.sources.add(key);
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
    return this.namesBefore !== null || this.entries.size > 0 || this.relations || this.sources.size > 0 || this.terms.size > 0 || this.problems.size > 0;
  }

  /** Runs the consequences, inside the write's transaction, after its own statements. */
  async settle(): Promise<Consequences> {
    let relinked: { slugs: string[]; nameChanges: NameChange[] } = { slugs: [], nameChanges: [] };
    if (this.namesBefore) {
      relinked = await relinkTextsNaming(this.tx, this.namesBefore, await readVocabulary(this.tx), {
        except: this.linkedByTheWrite,
        renamed: [...this.renamed],
      });
    }
    if (this.sources.size > 0 || this.terms.size > 0 || this.namesBefore) await refreshDegrees(this.tx, [...this.sources], [...this.terms]);
    if (this.problems.size > 0) await refreshTargetedBy(this.tx, [...this.problems]);
    await markPanelsStale(this.tx, [...this.entries, ...relinked.slugs]);
    if (this.namesBefore || this.relations || this.entries.size > 0) await bumpVocabularyVersion(this.tx);
    return { nameChanges: relinked.nameChanges };
  }
}

/** What the consequences of a write found. */
export interface Consequences {
  /** Names that linked to another entry and now link elsewhere. */
  nameChanges: NameChange[];
}

const NO_CONSEQUENCES: Consequences = { nameChanges: [] };

/** Writes through GraphChange: one transaction for the write and its consequences, this process told after commit. */
export class GraphWrites {
  constructor(
    private readonly graph: Graph,
    /** Called after a commit that changed names or relations (the cross-link dictionary, the panel refresher). */
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  async write<T>(work: (change: GraphChange) => Promise<T>): Promise<{ result: T; consequences: Consequences }> {
    const written = await this.graph.write(async (tx) => {
      const change = new GraphChange(tx);
      const result = await work(change);
      const consequences = change.declared ? await change.settle() : NO_CONSEQUENCES;
      return { result, consequences, declared: change.declared };
    });
    if (written.declared) this.afterCommit();
    return { result: written.result, consequences: written.consequences };
  }
}
