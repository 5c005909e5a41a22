/**
 * Paces background work (the see-also refresher, and any derived-data task
 * after it) so that readers come first on a machine with few cores:
 *
 * - a bounded share of time: after a unit of work that took `t` ms, the task
 *   waits `t · (1 − share) / share` ms before the next, so it is busy at most
 *   `share` of the time however much work is queued;
 * - backoff while readers wait: when the event loop's lag since the last unit
 *   is over `lagLimitMs` (requests queue behind whatever holds the loop), the
 *   wait doubles, from `MIN_BACKOFF_MS` up to `maxDelayMs`, until the lag falls
 *   back under the limit.
 *
 * What it did is counted (`stats`), for /metrics.
 */
export interface PacingOptions {
  /** The largest share of time the task may be busy, (0, 1]; 1: no pacing. */
  share: number;
  /** Event-loop lag (the worst since the last unit of work, ms) over which the task backs off. */
  lagLimitMs: number;
  /** The longest wait the backoff grows to. */
  maxDelayMs: number;
}

export interface PacingStats {
  /** Units of work done. */
  units: number;
  /** Time spent working, seconds. */
  workSeconds: number;
  /** Time spent waiting between units, seconds (the waits asked for). */
  waitSeconds: number;
  /** Waits lengthened because the event loop lagged. */
  deferrals: number;
}

const MIN_BACKOFF_MS = 100;

export class BackgroundPacer {
  readonly stats: PacingStats = { units: 0, workSeconds: 0, waitSeconds: 0, deferrals: 0 };
  private backoffMs = 0;

  constructor(
    private readonly options: PacingOptions,
    /** The event loop's lag since the previous call, ms. */
    private readonly lagMs: () => number,
  ) {
    if (!(options.share > 0 && options.share <= 1)) throw new Error(`A pacing share must be in (0, 1]; got ${options.share}`);
  }

  /** How long to wait after a unit of work that took `workMs`; counts both. */
  delayAfter(workMs: number): number {
    const duty = (workMs * (1 - this.options.share)) / this.options.share;
    if (this.lagMs() > this.options.lagLimitMs) {
      this.backoffMs = Math.min(this.options.maxDelayMs, Math.max(MIN_BACKOFF_MS, this.backoffMs * 2));
      this.stats.deferrals++;
    } else {
      this.backoffMs = 0;
    }
    const delay = Math.max(duty, this.backoffMs);
    this.stats.units++;
    this.stats.workSeconds += workMs / 1000;
    this.stats.waitSeconds += delay / 1000;
    return delay;
  }
}

/**
 * The event loop's lag: each call returns the worst lateness of a ticking
 * timer since the previous call (ms), a loop held right now included, and
 * starts a new window. The worst, not a percentile: one request holding the
 * loop for 100 ms is what readers behind it wait for. A timer of its own,
 * so that reading it resets no one else's window (the metrics' histogram is
 * reset by scrapes).
 */
export function eventLoopLag(resolutionMs = 20): { lagMs: () => number; stop: () => void } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - resolutionMs);
    last = now;
  }, resolutionMs);
  timer.unref();
  return {
    lagMs: () => {
      const now = performance.now();
      const pending = now - last - resolutionMs;
      const lag = Math.max(0, worst, pending);
      worst = 0;
      // The late tick still to come would count the same hold again.
      if (pending > 0) last = now - resolutionMs;
      return lag;
    },
    stop: () => clearInterval(timer),
  };
}
