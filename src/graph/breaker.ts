/**
 * A small circuit breaker for the connection to Neo4j.
 *
 * Closed: every transaction goes to the driver. After `threshold` connection
 * failures in a row (no success in between) it opens: transactions fail at
 * once, without waiting for the driver's connect timeouts and retries, and a
 * background probe asks Neo4j every `cooldownMs` whether it answers again. The
 * first successful probe (or any other success, such as a readiness check)
 * closes it. It also opens at once when Neo4j does not answer at all (`trip`,
 * from the graph's stall watch). `threshold` 0 disables it.
 */
export interface BreakerOptions {
  threshold: number;
  cooldownMs: number;
  /** True when Neo4j answers; must not throw. */
  probe: () => Promise<boolean>;
  onChange?: (open: boolean) => void;
}

export class CircuitBreaker {
  private failures = 0;
  private opened = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: BreakerOptions) {}

  get isOpen(): boolean {
    return this.opened;
  }

  recordSuccess(): void {
    this.failures = 0;
    if (this.opened) this.setOpen(false);
  }

  /** One connection failure (Neo4j unreachable or the connection lost); not a slow or bad query. */
  recordFailure(): void {
    this.failures++;
    if (!this.opened && !this.stopped && this.options.threshold > 0 && this.failures >= this.options.threshold) this.setOpen(true);
  }

  /** Neo4j did not answer at all (a hang, not a refusal): open now, whatever the count. */
  trip(): void {
    if (!this.opened && !this.stopped && this.options.threshold > 0) this.setOpen(true);
  }

  /** Stops probing (on close); the breaker stays as it is. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private setOpen(open: boolean): void {
    this.opened = open;
    if (open) this.scheduleProbe();
    else if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.options.onChange?.(open);
  }

  private scheduleProbe(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(async () => {
      const answered = await this.options.probe().catch(() => false);
      this.timer = null;
      if (!this.opened || this.stopped) return;
      if (answered) this.recordSuccess();
      else this.scheduleProbe();
    }, this.options.cooldownMs);
    this.timer.unref();
  }
}
