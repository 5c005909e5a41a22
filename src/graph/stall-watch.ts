/**
 * Notices a Neo4j that stopped answering without dropping its connections (a
 * paused or wedged process, a network that silently loses packets). The
 * driver then has nothing to report: a transaction just waits, since its
 * timeout is enforced by the server that no longer runs. The breaker never
 * hears of a failure and every request waits as long as the hang lasts.
 *
 * A transaction that has waited `stallMs` may simply be slow, so the watch
 * asks Neo4j a trivial question on a connection of its own (`answers`). Only
 * when that gets no answer in time, and nothing else was heard from Neo4j
 * meanwhile (`heardAt`: a busy Neo4j answers other statements even when one
 * question is slow), is Neo4j taken to be hung: every waiting transaction is
 * failed at once with `error()`, and `onUnanswered` is told (the graph opens
 * its breaker). While transactions keep waiting and Neo4j keeps answering, it
 * asks again every `stallMs`. `stallMs` 0 turns it off.
 */
export interface StallWatchOptions {
  stallMs: number;
  /** True when Neo4j answers a trivial query within a short time; must not throw. */
  answers: () => Promise<boolean>;
  /** When Neo4j last answered anything (ms since the epoch). */
  heardAt: () => number;
  /** Neo4j did not answer: the transactions waiting were failed. */
  onUnanswered: (failed: number) => void;
  /** What a failed transaction rejects with. */
  error: () => Error;
}

interface Waiting {
  since: number;
  reject: (error: Error) => void;
}

export class StallWatch {
  private readonly waiting = new Set<Waiting>();
  private timer: NodeJS.Timeout | null = null;
  private asking = false;
  /** When Neo4j last answered the watch: transactions already waiting then are not asked about again for `stallMs`. */
  private answeredAt = 0;

  constructor(private readonly options: StallWatchOptions) {}

  /** `work`'s outcome, unless Neo4j is found not to answer first (then `error()`; `work` goes on unobserved). */
  guard<T>(work: Promise<T>): Promise<T> {
    if (this.options.stallMs <= 0) return work;
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = { since: Date.now(), reject };
      this.waiting.add(entry);
      this.schedule();
      work.then(
        (value) => {
          this.waiting.delete(entry);
          resolve(value);
        },
        (error: unknown) => {
          this.waiting.delete(entry);
          reject(error);
        },
      );
    });
  }

  /** Stops watching; transactions still waiting are left to finish (or not) on their own. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.clear();
  }

  private schedule(): void {
    if (this.timer || this.asking || this.waiting.size === 0) return;
    let oldest = Infinity;
    for (const entry of this.waiting) oldest = Math.min(oldest, entry.since);
    const due = Math.max(oldest, this.answeredAt) + this.options.stallMs;
    this.timer = setTimeout(() => void this.check(), Math.max(0, due - Date.now()));
    this.timer.unref();
  }

  private async check(): Promise<void> {
    this.timer = null;
    const now = Date.now();
    const stalled = [...this.waiting].some((entry) => now - Math.max(entry.since, this.answeredAt) >= this.options.stallMs);
    // The transactions this check was set for have finished meanwhile.
    if (!stalled) return this.schedule();
    this.asking = true;
    const askedAt = Date.now();
    const answered = (await this.options.answers().catch(() => false)) || this.options.heardAt() >= askedAt;
    this.asking = false;
    if (answered) {
      this.answeredAt = Date.now();
    } else if (this.waiting.size > 0) {
      // Whatever is waiting now waits on a Neo4j that does not answer, however recently it started.
      const failed = [...this.waiting];
      this.waiting.clear();
      for (const entry of failed) entry.reject(this.options.error());
      this.options.onUnanswered(failed.length);
    }
    this.schedule();
  }
}
