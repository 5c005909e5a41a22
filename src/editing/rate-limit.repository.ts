import type { Graph, Transaction } from '../graph/graph';

/**
 * The Cypher behind the shared public-write rate limit: one
 * `(:RateLimit {key, points, expiresAt})` per client and window, so every API
 * replica counts against the same numbers. Times are Neo4j's clock
 * (`timestamp()`, ms), never a replica's, so replicas whose clocks differ
 * still agree on when a window ends.
 */

/** Points consumed in the key's current window, and ms until it ends (-1: never). */
export interface RateLimitWindow {
  points: number;
  msBeforeNext: number;
}

/**
 * Adds `points` to the key's window and returns it. A new window of
 * `durationMs` (0: one that never ends) starts when there is none, the last
 * has ended, or `forceExpire` asks for it (then `points` replaces the count).
 */
export async function consume(
  tx: Transaction,
  key: string,
  points: number,
  durationMs: number,
  forceExpire: boolean,
): Promise<RateLimitWindow> {
  const result = await tx.run(
    // Setting touchedAt first takes the node's write lock before its counters are read, so concurrent
    // consumers of one key queue here and none of their points is lost.
    `MERGE (r:RateLimit {key: $key})
     SET r.touchedAt = timestamp()
     WITH r, timestamp() AS now
     WITH r, now, ($forceExpire OR r.points IS NULL OR (r.expiresAt IS NOT NULL AND r.expiresAt <= now)) AS fresh
     SET r.points = CASE WHEN fresh THEN $points ELSE r.points + $points END,
         r.expiresAt = CASE WHEN NOT fresh THEN r.expiresAt WHEN $durationMs > 0 THEN now + $durationMs ELSE null END
     RETURN r.points AS points, coalesce(r.expiresAt - now, -1) AS msBeforeNext`,
    { key, points, durationMs, forceExpire },
  );
  const record = result.records[0]!;
  return { points: record.get('points') as number, msBeforeNext: record.get('msBeforeNext') as number };
}

/** The key's current window, or null when it has none (or it has ended). */
export async function read(graph: Graph, key: string): Promise<RateLimitWindow | null> {
  const [row] = await graph.query<RateLimitWindow>(
    `MATCH (r:RateLimit {key: $key}) WHERE r.expiresAt IS NULL OR r.expiresAt > timestamp()
     RETURN r.points AS points, coalesce(r.expiresAt - timestamp(), -1) AS msBeforeNext`,
    { key },
  );
  return row ?? null;
}

/** Forgets the key; true when it had a window. */
export async function remove(tx: Transaction, key: string): Promise<boolean> {
  const result = await tx.run(`MATCH (r:RateLimit {key: $key}) DELETE r`, { key });
  return result.summary.counters.updates().nodesDeleted > 0;
}

/**
 * Deletes up to `limit` windows that ended more than `graceMs` ago: the keys
 * are pseudonymous client ids, kept no longer than the limit needs them.
 */
export async function deleteEnded(tx: Transaction, graceMs: number, limit: number): Promise<number> {
  const result = await tx.run(
    `MATCH (r:RateLimit) WHERE r.expiresAt < timestamp() - $graceMs
     WITH r LIMIT $limit
     DELETE r`,
    { graceMs, limit },
  );
  return result.summary.counters.updates().nodesDeleted;
}
