import { StallWatch } from '../../src/graph/stall-watch';
import { sleep, waitFor } from '../support/processes';

/** The watch over transactions waiting on Neo4j (the hung-process case runs for real in neo4j-outage.test.ts). */
describe('the stall watch', () => {
  const never = <T>() => new Promise<T>(() => undefined);
  const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

  function make(answers: () => Promise<boolean>, stallMs = 40, heardAt = () => 0) {
    const unanswered: number[] = [];
    const askedAt: number[] = [];
    const watch = new StallWatch({
      stallMs,
      heardAt,
      answers: () => {
        askedAt.push(Date.now());
        return answers();
      },
      onUnanswered: (failed) => unanswered.push(failed),
      error: () => new Error('unavailable'),
    });
    return { watch, unanswered, askedAt, asked: () => askedAt.length };
  }

  it('fails every waiting transaction at once when Neo4j does not answer, and says how many', async () => {
    const { watch, unanswered } = make(async () => false);
    const started = Date.now();
    const outcomes = await Promise.allSettled([watch.guard(never()), watch.guard(never()), watch.guard(never())]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason.message).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(500);
    expect(unanswered).toEqual([3]);
  });

  it('lets slow transactions finish while Neo4j answers, asking again every stallMs', async () => {
    const { watch, unanswered, askedAt, asked } = make(async () => true);
    let finish!: (value: string) => void;
    const guarded = watch.guard(new Promise<string>((resolve) => (finish = resolve)));
    await waitFor('three questions', async () => asked() >= 3, 5_000, 5);
    finish('slow result');
    await expect(guarded).resolves.toBe('slow result');
    expect(unanswered).toEqual([]);
    // Not in a loop: a question at most every stallMs (timers may fire a millisecond early).
    for (let i = 1; i < askedAt.length; i++) expect(askedAt[i]! - askedAt[i - 1]!).toBeGreaterThanOrEqual(38);
  });

  it('takes any statement Neo4j answered while the question was open as a sign of life (busy, not hung)', async () => {
    let heard = 0;
    const { watch, unanswered, asked } = make(
      async () => {
        heard = Date.now(); // another transaction completes while the question goes unanswered
        return false;
      },
      40,
      () => heard,
    );
    let finish!: (value: string) => void;
    const guarded = watch.guard(new Promise<string>((resolve) => (finish = resolve)));
    await waitFor('two questions', async () => asked() >= 2, 5_000, 5);
    finish('busy result');
    await expect(guarded).resolves.toBe('busy result');
    expect(unanswered).toEqual([]);
  });

  it('asks nothing about quick transactions', async () => {
    const { watch, asked } = make(async () => true);
    for (let i = 0; i < 20; i++) await watch.guard(after(1, i));
    await sleep(100);
    expect(asked()).toBe(0);
  });

  it('passes failures through as they are', async () => {
    const { watch } = make(async () => true);
    const failure = new Error('constraint');
    await expect(watch.guard(Promise.reject(failure))).rejects.toBe(failure);
  });

  it('counts a question that throws as no answer', async () => {
    const { watch, unanswered } = make(async () => {
      throw new Error('probe broke');
    });
    await expect(watch.guard(never())).rejects.toThrow('unavailable');
    expect(unanswered).toEqual([1]);
  });

  it('watches nothing with stallMs 0', async () => {
    const { watch, asked } = make(async () => false, 0);
    await expect(watch.guard(after(80, 'done'))).resolves.toBe('done');
    expect(asked()).toBe(0);
  });
});
