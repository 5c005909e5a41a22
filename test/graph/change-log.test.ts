import { CHANGE_LOG_SHARDS, CHANGE_POLL_MS, ChangeFeed } from '../../src/graph/change-log';
import { EVERYTHING } from '../../src/graph/cache-tags';

/**
 * How a process reads the change log (the reading itself against Neo4j is
 * tested through HTTP: test/http/cache-invalidation.test.ts and
 * test/ops/two-instances.test.ts). Here the log is a table the test writes.
 */
describe('ChangeFeed', () => {
  type Change = { version: number; tags: string[] };
  let shards: Map<string, { incarnation: string | null; version: number; changes: Change[] }>;
  let failing: boolean;
  let clock: number;
  let told: string[][];

  /** What READ_LOG answers: per shard its counter, and the changes after the version asked for. */
  const readLog = async <T>(_cypher: string, params: Record<string, unknown>): Promise<T[]> => {
    if (failing) throw new Error('Neo4j does not answer');
    const asked = params.shards as Array<{ id: string; after: number | null }>;
    return asked.map(({ id, after }) => {
      const shard = shards.get(id) ?? { incarnation: null, version: 0, changes: [] };
      return { shard: id, incarnation: shard.incarnation, version: shard.version, changes: after === null ? [] : shard.changes.filter((c) => c.version > after) };
    }) as T[];
  };

  const write = (shard: string, tags: string[]) => {
    const log = shards.get(shard) ?? { incarnation: 'first', version: 0, changes: [] };
    log.version++;
    log.changes.push({ version: log.version, tags });
    shards.set(shard, log);
    return { shard, version: log.version };
  };

  /** Reads the log now (past the poll interval). */
  const catchUp = async (feed: ChangeFeed) => {
    clock += CHANGE_POLL_MS + 1;
    return feed.catchUp();
  };

  beforeEach(() => {
    shards = new Map();
    failing = false;
    clock = 1_000_000;
    told = [];
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
  });
  afterEach(() => jest.restoreAllMocks());

  const feed = () => {
    const changes = new ChangeFeed(readLog);
    changes.onChange((tags) => told.push([...tags].sort()));
    return changes;
  };

  it('learns where the log stands first, then tells each change written elsewhere once', async () => {
    const [a, b] = CHANGE_LOG_SHARDS;
    write(a!, ['graph', 'entry:old']);
    const changes = feed();
    expect(await catchUp(changes)).toBe(true);
    expect(told).toEqual([]);
    write(a!, ['graph', 'entry:x']);
    write(b!, ['graph', 'panel:y']);
    await catchUp(changes);
    expect(told).toEqual([['entry:x', 'graph', 'panel:y']]);
    await catchUp(changes);
    expect(told).toHaveLength(1);
  });

  it('reads the log at most once per poll interval', async () => {
    const changes = feed();
    await catchUp(changes);
    write(CHANGE_LOG_SHARDS[0]!, ['graph', 'entry:x']);
    await changes.catchUp();
    expect(told).toEqual([]);
    await catchUp(changes);
    expect(told).toEqual([['entry:x', 'graph']]);
  });

  it("tells this process's own write at its commit and not again from the log", async () => {
    const changes = feed();
    await catchUp(changes);
    changes.committed(['graph', 'entry:mine'], write(CHANGE_LOG_SHARDS[3]!, ['graph', 'entry:mine']));
    write(CHANGE_LOG_SHARDS[3]!, ['graph', 'entry:theirs']);
    await catchUp(changes);
    expect(told).toEqual([
      ['entry:mine', 'graph'],
      ['entry:theirs', 'graph'],
    ]);
  });

  it('drops everything on a gap (changes dropped before they were read) or a log of another incarnation', async () => {
    const [a, b] = CHANGE_LOG_SHARDS;
    write(a!, ['graph']);
    write(b!, ['graph']);
    const changes = feed();
    await catchUp(changes);
    write(a!, ['graph', 'entry:lost']);
    write(a!, ['graph', 'entry:kept']);
    shards.get(a!)!.changes.splice(0, 2);
    await catchUp(changes);
    expect(told).toEqual([[EVERYTHING]]);

    // The database erased and written again: a counter of another incarnation, whatever its version.
    shards.set(b!, { incarnation: 'second', version: 5, changes: [] });
    for (let i = 0; i < 5; i++) shards.get(b!)!.changes.push({ version: i + 1, tags: ['graph'] });
    await catchUp(changes);
    expect(told).toEqual([[EVERYTHING], [EVERYTHING]]);
  });

  it('goes on with what it learnt while the log cannot be read, and says so when it never could', async () => {
    const changes = feed();
    failing = true;
    expect(await catchUp(changes)).toBe(false);
    failing = false;
    expect(await catchUp(changes)).toBe(true);
    failing = true;
    expect(await catchUp(changes)).toBe(true);
    expect(told).toEqual([]);
  });
});
