import { CircuitBreaker } from '../../src/graph/breaker';
import { queryName } from '../../src/graph/graph';
import { waitFor } from '../support/processes';

describe('the circuit breaker', () => {
  const make = (answers: () => boolean, threshold = 3) => {
    const changes: boolean[] = [];
    const breaker = new CircuitBreaker({ threshold, cooldownMs: 20, probe: async () => answers(), onChange: (open) => changes.push(open) });
    return { breaker, changes };
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('opens after `threshold` connection failures in a row, not before', () => {
    const { breaker, changes } = make(() => false);
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.isOpen).toBe(false);
    breaker.recordFailure();
    expect(breaker.isOpen).toBe(true);
    expect(changes).toEqual([true]);
    breaker.stop();
  });

  it('probes in the background while open and closes when Neo4j answers', async () => {
    let up = false;
    let probes = 0;
    const { breaker, changes } = make(() => {
      probes++;
      return up;
    }, 1);
    breaker.recordFailure();
    expect(breaker.isOpen).toBe(true);
    // Polled rather than slept: on a busy machine timers fire late.
    await waitFor('two probes', async () => probes >= 2, 5_000, 5);
    expect(breaker.isOpen).toBe(true);
    up = true;
    await waitFor('the breaker to close', async () => !breaker.isOpen, 5_000, 5);
    expect(changes).toEqual([true, false]);
    const probesWhenClosed = probes;
    await sleep(60);
    expect(probes).toBe(probesWhenClosed);
  });

  it('opens at once when tripped (Neo4j did not answer), probes, and closes when it answers', async () => {
    let up = false;
    const { breaker, changes } = make(() => up, 5);
    breaker.trip();
    expect(breaker.isOpen).toBe(true);
    up = true;
    await waitFor('the breaker to close', async () => !breaker.isOpen, 5_000, 5);
    expect(changes).toEqual([true, false]);
    const off = make(() => false, 0).breaker;
    off.trip();
    expect(off.isOpen).toBe(false);
  });

  it('closes on any success, and stays off with threshold 0', () => {
    const { breaker } = make(() => false, 1);
    breaker.recordFailure();
    breaker.recordSuccess();
    expect(breaker.isOpen).toBe(false);
    breaker.stop();
    const off = make(() => false, 0).breaker;
    for (let i = 0; i < 100; i++) off.recordFailure();
    expect(off.isOpen).toBe(false);
  });

  it('stops probing when stopped', async () => {
    let probes = 0;
    const { breaker } = make(() => (probes++, false), 1);
    breaker.recordFailure();
    breaker.stop();
    await sleep(60);
    expect(probes).toBe(0);
  });
});

describe('slow-query names', () => {
  it('are the first line of the statement, shortened, never its parameters', () => {
    expect(queryName('\n  // what it does\n  MATCH (e:Entry {slug: $slug})\n RETURN e')).toBe('MATCH (e:Entry {slug: $slug})');
    expect(queryName(`MATCH ${'x'.repeat(300)}`)).toHaveLength(120);
  });
});
