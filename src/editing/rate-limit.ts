import { RateLimiterRes, type RateLimiterStoreAbstract as StoreAbstract } from 'rate-limiter-flexible';
import { clientKey } from '../auth/viewer';
import { AppError } from '../errors';
import type { Graph } from '../graph/graph';
import * as repository from './rate-limit.repository';

/**
 * rate-limiter-flexible's stores (Redis, Postgres, Mongo …) share this base
 * class: it implements consume, blocking and in-memory blocking over three
 * store operations. The package declares it in its types but does not export
 * it from its index, so it is loaded from its file (the version is pinned).
 */
const RateLimiterStoreAbstract: typeof StoreAbstract = require('rate-limiter-flexible/lib/RateLimiterStoreAbstract');

/** How often a limiter deletes windows that have ended, and how many at a time. */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 500;

/**
 * A rate-limiter-flexible store kept in Neo4j, so that every API replica
 * counts against the same windows (the package has stores for Redis, SQL
 * databases and others, none for Neo4j, and Neo4j is what the replicas share).
 * Counting changes no answer, so its writes log no change (Graph.writeDerived):
 * the response caches stay.
 */
class RateLimiterNeo4j extends RateLimiterStoreAbstract {
  private lastSweep = 0;

  constructor(
    private readonly graph: Graph,
    options: { keyPrefix: string; points: number; duration: number; inMemoryBlockOnConsumed: number },
  ) {
    super({ ...options, storeClient: graph });
  }

  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<repository.RateLimitWindow> {
    this.sweep(msDuration);
    return this.graph.writeDerived((tx) => repository.consume(tx, key, points, msDuration, forceExpire));
  }

  _get(key: string): Promise<repository.RateLimitWindow | null> {
    return repository.read(this.graph, key);
  }

  _delete(key: string): Promise<boolean> {
    return this.graph.writeDerived((tx) => repository.remove(tx, key));
  }

  _getRateLimiterRes(_key: string, changedPoints: number, window: repository.RateLimitWindow): RateLimiterRes {
    return new RateLimiterRes(Math.max(this.points - window.points, 0), window.msBeforeNext, window.points, window.points === changedPoints);
  }

  /** At most once a window, in the background: deletes windows that ended a window ago. */
  private sweep(msDuration: number): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    // A failed sweep is retried next time; the write it runs beside reports Neo4j's troubles itself.
    this.graph.writeDerived((tx) => repository.deleteEnded(tx, msDuration, SWEEP_BATCH)).catch(() => undefined);
  }
}

/**
 * Limits public writes (upvotes, revision suggestions) per client: at most
 * `perMinute` in a fixed 60-second window, counted together, across every API
 * replica (the windows are in Neo4j). A client over the limit is also refused
 * from this process's memory until its window ends, without asking Neo4j again.
 */
export class PublicWriteLimiter {
  private readonly limiter: RateLimiterNeo4j;

  constructor(
    graph: Graph,
    readonly perMinute: number,
  ) {
    this.limiter = new RateLimiterNeo4j(graph, { keyPrefix: 'public-write', points: perMinute, duration: 60, inMemoryBlockOnConsumed: perMinute });
  }

  /** Counts one write for the client; throws RATE_LIMITED when it is over the limit. */
  async consume(clientId: string): Promise<void> {
    try {
      // Stored under the same one-way key as upvotes: no address or subject in clear.
      await this.limiter.consume(clientKey(clientId), 1);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', `Too many changes from this client: at most ${this.perMinute} a minute. Try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      });
    }
  }
}
