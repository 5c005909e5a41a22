import fs from 'node:fs';
import type { LocalNeo4j } from '../../src/graph/local-neo4j';

/** How long the test run may stay alive after its teardown before it counts as hung. */
const EXIT_GRACE_MS = 60_000;

export default async function globalTeardown(): Promise<void> {
  failIfHung();
  const started = (globalThis as { __testNeo4j__?: { neo4j: LocalNeo4j; dataDir: string } }).__testNeo4j__;
  if (!started) return;
  await started.neo4j.stop();
  fs.rmSync(started.dataDir, { recursive: true, force: true });
}

/**
 * A handle a test left open (a driver, a server, a timer) keeps Jest from
 * exiting after its results, and CI then waits until its own time limit
 * with nothing said (it did, once: a start that outlived its timed-out hook).
 * The timer is unref'd, so a clean run exits as soon as it is done; a run
 * that is still alive after EXIT_GRACE_MS fails with a message instead of
 * hanging. Jest's --detectOpenHandles shows which handle it was.
 */
function failIfHung(): void {
  setTimeout(() => {
    process.stderr.write(`\nThe test run did not exit ${EXIT_GRACE_MS / 1000} s after its teardown: a test left a handle open (run jest --detectOpenHandles). Failing instead of hanging.\n`);
    process.exit(1);
  }, EXIT_GRACE_MS).unref();
}
