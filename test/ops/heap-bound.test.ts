import { execFileSync } from 'node:child_process';
import { startScriptNodeFlags } from '../../bench/servers/lifecycle';

/**
 * `npm start` bounds the API's heap (docs/operations.md, "Memory"). Without a
 * bound V8 sizes its heap by the machine's memory and grows it to four times
 * what is live: in the soak RSS climbed 56 MB after the first 10 s (300 →
 * 390 MB) with the same live objects throughout; with the bound it stayed
 * within 7 MB (~250 MB). The bench and the soak start their servers with the
 * same flags, read from package.json.
 */
describe("npm start's Node flags", () => {
  it('cap the old space at 512 MB and give the young generation 32 MB semi-spaces', () => {
    expect(startScriptNodeFlags()).toEqual(['--max-old-space-size=512', '--max-semi-space-size=32']);
  });

  it('are flags this Node accepts, and bound the heap V8 may grow to below 1 GiB', () => {
    const limit = Number(
      execFileSync(process.execPath, [...startScriptNodeFlags(), '-e', 'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit))'], {
        encoding: 'utf8',
      }),
    );
    expect(limit / 2 ** 20).toBeGreaterThan(512);
    expect(limit / 2 ** 20).toBeLessThan(1024);
  });
});
