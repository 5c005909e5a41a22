import type { Logger } from 'pino';
import { logContext } from '../logger';
import { BackgroundPacer, eventLoopLag, type PacingOptions, type PacingStats } from '../pacing';
import { setImmediate } from 'node:timers/promises';
import type { PanelWrite, SeeAlsoRepository } from './see-also.repository';
import { rankConnections } from './see-also.service';

/** How long stop() waits for the batch in flight. */
const STOP_WAIT_MS = 5_000;

export interface PanelRefresherOptions {
  /** Panels ranked per round (one read, one write). */
  batchSize: number;
  /** Pause between rounds when nothing is stale. */
  idleMs: number;
  /** Paces the background loop between batches (src/pacing.ts); absent: batches back to back. */
  pacing?: PacingOptions;
}

/**
 * Keeps the stored see-also panels current. Writes mark the panels they may
 * change stale (markPanelsStale, in their own transaction); this ranks stale
 * panels in the background, a batch at a time, and stores them. Until it
 * has, readers rank live, so freshness never depends on it.
 *
 * Several replicas may run one each: a panel is stored only if it was not
 * marked again since its generation was read, so racing refreshers can only
 * repeat each other's work, never store an outdated panel.
 *
 * The background loop yields to readers (`options.pacing`): after each batch
 * it waits in proportion to the batch's time, and longer while the event
 * loop lags. `refreshAll`, which an operator or a bulk load asks for, runs
 * unpaced.
 */
export class PanelRefresher {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private logger: Logger | undefined;
  private pacer: BackgroundPacer | null = null;
  private lagMonitor: ReturnType<typeof eventLoopLag> | null = null;

  constructor(
    private readonly repository: SeeAlsoRepository,
    private readonly options: PanelRefresherOptions,
    /** The event loop's lag since the last call (ms); by default perf_hooks' (tests give their own). */
    private readonly lagMs?: () => number,
  ) {}

  /** What pacing did in the background loop; null when it is not paced. */
  get pacing(): PacingStats | null {
    return this.pacer?.stats ?? null;
  }

  /** Ranks and stores one batch of stale panels; returns how many it stored. */
  async refreshBatch(): Promise<number> {
    const stale = await this.repository.stalePanels(this.options.batchSize);
    if (stale.length === 0) return 0;
    // None stored means every one was marked again meanwhile: the next round takes the new marks.
    return Math.max(await this.refresh(stale), 1);
  }

  /**
   * Gives entries without a panel one, then ranks every stale panel, with
   * `concurrency` batches in flight (a bulk load's worth of panels; the
   * background loop keeps to one). Returns how many panels were stored.
   */
  async refreshAll(onProgress?: (stored: number) => void, concurrency = 1): Promise<number> {
    await this.repository.markMissingPanels();
    let total = 0;
    for (let stale = await this.repository.stalePanels(); stale.length > 0; stale = await this.repository.stalePanels()) {
      const batches = chunks(stale, this.options.batchSize);
      const worker = async () => {
        for (let batch = batches.shift(); batch; batch = batches.shift()) {
          total += await this.refresh(batch);
          onProgress?.(total);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    }
    return total;
  }

  /**
   * Ranks the panels from their connections and stores each one whose
   * generation has not moved. The generations were read before the
   * connections: a write that lands in between bumps the generation, and the
   * ranking read before it is not stored.
   */
  private async refresh(stale: Array<{ slug: string; generation: number }>): Promise<number> {
    const found = await this.repository.connections(stale.map((panel) => panel.slug));
    const panels: PanelWrite[] = [];
    for (const { slug, generation } of stale) {
      const entry = found.get(slug);
      panels.push({ slug, generation, ranked: entry ? rankConnections(entry) : [] });
      // Ranking a batch is tens of milliseconds of the one thread requests share: they are answered between two panels.
      await setImmediate();
    }
    return this.repository.storePanels(panels);
  }

  /** Runs in the background until stop(): missing panels first, then whatever writes mark stale. */
  start(logger?: Logger): void {
    if (this.running) return;
    this.running = true;
    this.logger = logger;
    if (this.options.pacing && !this.pacer) {
      if (!this.lagMs) this.lagMonitor = eventLoopLag();
      this.pacer = new BackgroundPacer(this.options.pacing, this.lagMs ?? this.lagMonitor!.lagMs);
    }
    // Its log lines (slow queries included) say which background task wrote them.
    this.loop = logContext.run({ task: 'see-also-panels' }, () => this.run());
  }

  /** Cuts the pause short: a write just marked panels stale. */
  poke(): void {
    this.wake?.();
  }

  /**
   * Ends the loop after the batch in flight. Waits for that batch at most
   * `STOP_WAIT_MS`: neo4j-driver never settles a query whose driver was closed
   * under it, and an unfinished batch loses nothing (its panels stay stale).
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_WAIT_MS);
      timer.unref();
    });
    await Promise.race([this.loop, waited]);
    clearTimeout(timer);
    this.loop = null;
    this.lagMonitor?.stop();
    this.lagMonitor = null;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let missingMarked = false;
    while (this.running) {
      let busy = false;
      const started = performance.now();
      try {
        if (!missingMarked) {
          const marked = await this.repository.markMissingPanels();
          if (marked > 0) this.logger?.info({ panels: marked }, 'Ranking see-also panels in the background');
          missingMarked = true;
        }
        busy = (await this.refreshBatch()) > 0;
        failures = 0;
      } catch (error) {
        // Neo4j down or busy: readers rank live meanwhile; try again, backing off.
        failures++;
        if (failures === 1) this.logger?.warn({ err: error }, 'See-also panel refresh failed; retrying');
      }
      if (busy && this.pacer && this.running) await this.pause(this.pacer.delayAfter(performance.now() - started));
      if (!busy && this.running) await this.pause(failures ? Math.min(30_000, this.options.idleMs * 2 ** failures) : this.options.idleMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
