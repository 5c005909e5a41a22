import type { Transaction } from './transaction';
import { EVERYTHING } from './cache-tags';

/**
 * What every write changed, as cache tags (cache-tags.ts), kept in Neo4j so
 * that every API process sharing it learns of every write, whichever process
 * made it.
 *
 * A write appends, in its own transaction, one `(:Meta:CacheChange {shard,
 * version, tags})` to one of CHANGE_LOG_SHARDS logs, chosen at random: one
 * log would make every write in the system queue on its counter's lock. Each
 * shard's counter is a `(:Meta {id: 'content-N'})` node; its versions commit
 * in order (the counter is locked until the write commits), so a process that
 * has read a shard up to version v finds the next change at v + 1. Each shard
 * keeps its last CHANGES_KEPT_PER_SHARD changes; a process that finds a gap
 * (it was idle longer than that), a counter gone back or a counter of another
 * incarnation (the database was erased or replaced) drops everything. A
 * process tells its own writes at their commit, and not again when it meets
 * them in the log.
 */

/** How stale this process's view of other processes' writes may be: it reads the log at most this often. */
export const CHANGE_POLL_MS = 500;

export const CHANGE_LOG_SHARDS = Array.from({ length: 16 }, (_, i) => `content-${i}`);

/** Changes kept per shard: some thousand writes in all, far more than the writes of one poll interval. */
export const CHANGES_KEPT_PER_SHARD = 64;

/** Where a change went in the log: its shard and its version there. */
export interface LogPosition {
  shard: string;
  version: number;
}

/** Appends a write's tags to the log, in the write's transaction; drops that shard's oldest change. Returns where it went. */
export async function appendChange(tx: Transaction, tags: readonly string[]): Promise<LogPosition> {
  const shard = CHANGE_LOG_SHARDS[Math.floor(Math.random() * CHANGE_LOG_SHARDS.length)]!;
  const result = await tx.run(
    `MERGE (m:Meta {id: $shard})
     SET m.version = coalesce(m.version, 0) + 1, m.incarnation = coalesce(m.incarnation, randomUUID())
     CREATE (:Meta:CacheChange {shard: $shard, version: m.version, tags: $tags})
     WITH m
     CALL (m) {
       MATCH (old:CacheChange {shard: m.id}) WHERE old.version <= m.version - $kept
       DELETE old
     }
     RETURN m.version AS version`,
    { shard, tags: [...tags], kept: CHANGES_KEPT_PER_SHARD },
  );
  return { shard, version: Number(result.records[0]!.get('version')) };
}

/**
 * Each shard's counter and the changes after the version this process has
 * read (`after`; none when it is null: the first read only learns where the
 * log stands).
 */
const READ_LOG = `UNWIND $shards AS shard
  OPTIONAL MATCH (m:Meta {id: shard.id})
  RETURN shard.id AS shard, m.incarnation AS incarnation, coalesce(m.version, 0) AS version,
         COLLECT {
           MATCH (c:CacheChange {shard: shard.id}) WHERE shard.after IS NOT NULL AND c.version > shard.after
           WITH c ORDER BY c.version
           RETURN c {.version, .tags}
         } AS changes`;

interface ShardRow {
  shard: string;
  incarnation: string | null;
  version: number;
  changes: Array<{ version: number; tags: string[] }>;
}

interface ShardSeen {
  incarnation: string | null;
  version: number;
}

/** Told the tags of every change once: this process's writes at their commit, other processes' when the log is read. */
export type ChangeListener = (tags: readonly string[]) => void;

/** Positions told at commit and not yet met in the log that this process remembers at most (beyond that, a change may be told twice). */
const TOLD_AT_COMMIT_LIMIT = 10_000;

type ReadQuery = <T>(cypher: string, params: Record<string, unknown>) => Promise<T[]>;

/** This process's reader of the change log, and the one place its listeners hear of changes from. */
export class ChangeFeed {
  private readonly listeners: ChangeListener[] = [];
  /** Per shard, the version read up to; null until the log was first read. */
  private seen: Map<string, ShardSeen> | null = null;
  private reading: { done: Promise<void>; startedAt: number; settled: boolean } | null = null;
  /**
   * This process's changes told at their commit ("shard@version"): the log is
   * not to tell them again (a response stored after the write would be dropped
   * for nothing). A write whose commit this process did not hear of (the
   * connection dropped after it) is not here, and is told from the log.
   */
  private readonly toldAtCommit = new Set<string>();

  constructor(private readonly query: ReadQuery) {}

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** A write of this process committed: its listeners hear of it at once, before the write's caller does. */
  committed(tags: readonly string[], position: LogPosition): void {
    if (this.toldAtCommit.size >= TOLD_AT_COMMIT_LIMIT) this.toldAtCommit.clear();
    this.toldAtCommit.add(`${position.shard}@${position.version}`);
    this.tell(tags);
  }

  /**
   * Catches up with other processes' writes: reads the log unless it was
   * read less than CHANGE_POLL_MS ago (callers meanwhile share that read).
   * True once the log has been read at all: when it cannot be read now
   * (Neo4j unreachable or not answering), what was learnt before stands.
   * False when it never could be read.
   */
  async catchUp(): Promise<boolean> {
    const now = Date.now();
    // One read at a time: two reads from the same version would tell changes twice (harmless) and race to record where they got.
    if (!this.reading || (this.reading.settled && now - this.reading.startedAt > CHANGE_POLL_MS)) {
      const reading = { startedAt: now, settled: false, done: this.readLog() };
      this.reading = reading;
      reading.done.then(
        () => (reading.settled = true),
        () => {
          // Failed: the next caller asks again.
          if (this.reading === reading) this.reading = null;
        },
      );
    }
    await this.reading.done.catch(() => undefined);
    return this.seen !== null;
  }

  private async readLog(): Promise<void> {
    const shards = CHANGE_LOG_SHARDS.map((id) => ({ id, after: this.seen?.get(id)?.version ?? null }));
    const rows = await this.query<ShardRow>(READ_LOG, { shards });
    const first = this.seen === null;
    const seen = new Map(this.seen ?? []);
    const tags = new Set<string>();
    for (const row of rows) {
      const known = seen.get(row.shard);
      const now = { incarnation: row.incarnation, version: row.version };
      if (first || !known) {
        seen.set(row.shard, now);
        continue;
      }
      // A counter of another incarnation, or one gone back: the database was erased or replaced.
      const replaced = (known.incarnation !== null && known.incarnation !== row.incarnation) || row.version < known.version;
      if (replaced) {
        tags.add(EVERYTHING);
        this.toldAtCommit.clear();
        seen.set(row.shard, now);
        continue;
      }
      let version = known.version;
      for (const change of row.changes) {
        // A change dropped before this process read it: what it changed is unknown.
        if (change.version !== version + 1) tags.add(EVERYTHING);
        if (!this.toldAtCommit.delete(`${row.shard}@${change.version}`)) for (const tag of change.tags) tags.add(tag);
        version = change.version;
      }
      // Changes counted but not read yet (committed between the two reads of this query) are read next time.
      seen.set(row.shard, { incarnation: row.incarnation, version });
    }
    this.seen = seen;
    if (tags.size > 0) this.tell(tags.has(EVERYTHING) ? [EVERYTHING] : [...tags]);
  }

  private tell(tags: readonly string[]): void {
    for (const listener of this.listeners) listener(tags);
  }
}
