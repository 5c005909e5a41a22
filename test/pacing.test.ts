import { BackgroundPacer, eventLoopLag } from '../src/pacing';

describe('BackgroundPacer', () => {
  const quiet = () => 0;

  it('waits so that the work takes at most its share of the time', () => {
    const pacer = new BackgroundPacer({ share: 0.25, lagLimitMs: 20, maxDelayMs: 5_000 }, quiet);
    expect(pacer.delayAfter(30)).toBe(90);
    expect(pacer.delayAfter(10)).toBe(30);
    expect(pacer.stats).toEqual({ units: 2, workSeconds: 0.04, waitSeconds: 0.12, deferrals: 0 });
    expect(new BackgroundPacer({ share: 1, lagLimitMs: 20, maxDelayMs: 5_000 }, quiet).delayAfter(30)).toBe(0);
  });

  it('backs off, doubling up to its limit, while the event loop lags, and comes back when it no longer does', () => {
    let lag = 50;
    const pacer = new BackgroundPacer({ share: 0.5, lagLimitMs: 20, maxDelayMs: 1_000 }, () => lag);
    expect([1, 2, 3, 4, 5, 6].map(() => pacer.delayAfter(10))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(pacer.stats.deferrals).toBe(6);
    lag = 5;
    expect(pacer.delayAfter(10)).toBe(10);
    // A long unit of work still waits its share, lag or not.
    lag = 50;
    expect(pacer.delayAfter(400)).toBe(400);
  });

  it('refuses a share outside (0, 1]', () => {
    expect(() => new BackgroundPacer({ share: 0, lagLimitMs: 20, maxDelayMs: 5_000 }, quiet)).toThrow(/share/);
    expect(() => new BackgroundPacer({ share: 1.5, lagLimitMs: 20, maxDelayMs: 5_000 }, quiet)).toThrow(/share/);
  });
});

describe('eventLoopLag', () => {
  it('reports the worst lag since it was last read: a loop held for 300 ms shows, then a quiet one does not', async () => {
    const monitor = eventLoopLag();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      monitor.lagMs();
      const until = Date.now() + 300;
      while (Date.now() < until) {
        // Holds the event loop, as a long synchronous request would.
      }
      expect(monitor.lagMs()).toBeGreaterThan(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(monitor.lagMs()).toBeLessThan(200);
    } finally {
      monitor.stop();
    }
  });
});
