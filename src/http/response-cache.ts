import { LRUCache } from 'lru-cache';
import { EVERYTHING } from '../graph/cache-tags';

interface CachedResponse {
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
  storedAt: number;
  /** ResponseCache.begin() when its execution began. */
  began: number;
  /** What it read (src/graph/cache-tags.ts). */
  tags: readonly string[];
  /** The tags' share of the cache's size bound. */
  tagBytes: number;
}

/** What a request looks like to the cache (a subset of Fastify's request). */
export interface CacheableRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

const SHARED_POLICY = /^max-age=(\d+), public$/;

/** Headers that make a GET safe from cross-site request forgery in Apollo's eyes (csrfPrevention). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * What identifies a request whose response could be shared, or null. Shared
 * are requests without credentials that are either a JSON POST (the body
 * parser turned it into an object) or a GET that passes Apollo's CSRF check;
 * anything else goes to Apollo uncached, to be answered or refused there.
 * It holds what can change the answer besides the data: the method, the
 * Accept header (it picks the response's media type) and the operation as
 * sent (query or persisted-query hash, operation name, variables).
 */
export function sharedRequestKey(request: CacheableRequest): string | null {
  if (request.headers.authorization !== undefined) return null;
  let operation: string;
  if (request.method === 'POST') {
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) return null;
    operation = JSON.stringify(request.body);
  } else if (request.method === 'GET') {
    if (!PREFLIGHT_HEADERS.some((name) => request.headers[name] !== undefined)) return null;
    const query = request.url.indexOf('?');
    operation = query === -1 ? '' : request.url.slice(query);
  } else {
    return null;
  }
  return `${request.method}\n${String(request.headers.accept ?? '')}\n${operation}`;
}

/** Seconds a response may be shared for, from its Cache-Control header; null when it must not be. */
export function sharedMaxAge(cacheControl: string | undefined): number | null {
  const match = cacheControl === undefined ? null : SHARED_POLICY.exec(cacheControl);
  const seconds = match ? Number(match[1]) : 0;
  return seconds > 0 ? seconds : null;
}

/** A stored response as a hit sends it: its headers, its body, and its age in whole seconds. */
export interface CacheHit {
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
  age: number;
}

/**
 * Whole GraphQL responses of anonymous reads, kept as the bytes that were sent.
 *
 * The cache sits in front of Apollo (graphql-endpoint.ts): a hit is answered
 * without parsing, validating or executing anything, and a miss stores the
 * body Apollo already serialised, so neither path serialises a page twice.
 * What may be stored is decided by the response itself: status 200 with
 * `Cache-Control: max-age=N, public`, which Apollo sends for queries answered
 * without errors (caching.ts), kept for N seconds.
 *
 * Each response carries the tags of what it read (src/graph/cache-tags.ts),
 * and a write's tags, told by `invalidate`, make the responses carrying any
 * of them unreachable; the others stay. A response is stored against the
 * moment its execution began (`begin`): one that read before a write it
 * carries a tag of was told is never served.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  /** Counts invalidations: `begin` reads it, `invalidate` moves it. */
  private clock = 0;
  /** For each tag a write changed, when (on `clock`) it last did. */
  private readonly changedAt = new Map<string, number>();
  /** When every response was last dropped (a write that named no tags, or too many tags remembered). */
  private droppedAllAt = 0;

  /**
   * `maxBytes` bounds the bodies, keys and tags kept (UTF-16 code units, near
   * enough to bytes for JSON); `now` is the clock in milliseconds (tests pass
   * their own); `maxChangedTags` bounds the memory of changed tags (reaching it
   * drops every response, and with them the need to remember).
   */
  constructor(
    maxBytes: number,
    private readonly now: () => number = Date.now,
    private readonly maxChangedTags = 100_000,
  ) {
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: maxBytes,
      sizeCalculation: (response, key) => response.body.length + key.length + response.tagBytes + 256,
      perf: { now },
      // Read the clock on every lookup: a cached reading could serve an entry a moment past its max-age.
      ttlResolution: 0,
    });
  }

  /** Marks the start of a response's execution: pass it to `store`. */
  begin(): number {
    return this.clock;
  }

  /** Writes changed what these tags name (EVERYTHING: anything): responses that read any of it go. */
  invalidate(tags: readonly string[]): void {
    this.clock++;
    if (tags.includes(EVERYTHING) || this.changedAt.size + tags.length > this.maxChangedTags) {
      this.droppedAllAt = this.clock;
      this.changedAt.clear();
      this.entries.clear();
      return;
    }
    for (const tag of tags) this.changedAt.set(tag, this.clock);
  }

  /** The response stored for this request key (sharedRequestKey), if any and nothing it read has changed since. */
  lookup(requestKey: string): CacheHit | undefined {
    const stored = this.entries.get(requestKey);
    if (!stored) return undefined;
    if (!this.unchangedSince(stored.began, stored.tags)) {
      this.entries.delete(requestKey);
      return undefined;
    }
    return { headers: stored.headers, body: stored.body, age: Math.max(0, Math.floor((this.now() - stored.storedAt) / 1000)) };
  }

  /**
   * Keeps a response if its status and Cache-Control allow sharing it, nothing
   * it read (`tags`) changed since its execution began (`began`) and it fits;
   * says whether it did.
   */
  store(
    began: number,
    requestKey: string,
    tags: Iterable<string>,
    status: number,
    headers: Iterable<readonly [string, string]>,
    body: string,
  ): boolean {
    const kept = [...headers];
    const read = [...tags];
    const maxAge = status === 200 ? sharedMaxAge(kept.find(([name]) => name === 'cache-control')?.[1]) : null;
    if (maxAge === null || !this.unchangedSince(began, read)) return false;
    const tagBytes = read.reduce((sum, tag) => sum + tag.length + 16, 0);
    this.entries.set(requestKey, { headers: kept, body, storedAt: this.now(), began, tags: read, tagBytes }, { ttl: maxAge * 1000 });
    // A body larger than the whole cache is not kept.
    return this.entries.has(requestKey);
  }

  private unchangedSince(began: number, tags: readonly string[]): boolean {
    if (began < this.droppedAllAt) return false;
    for (const tag of tags) if ((this.changedAt.get(tag) ?? 0) > began) return false;
    return true;
  }
}
