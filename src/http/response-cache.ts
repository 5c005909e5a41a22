import { LRUCache } from 'lru-cache';

interface CachedResponse {
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
  storedAt: number;
}

/** What a request looks like to the cache (a subset of Express's request). */
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
 * without errors (caching.ts), kept for N seconds. Keys carry the graph's
 * content version, which every write bumps (Graph.write), so a write makes
 * every stored response unreachable at once.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;

  /**
   * `maxBytes` bounds the bodies and keys kept (UTF-16 code units, near enough
   * to bytes for JSON); `now` is the clock in milliseconds (tests pass their own).
   */
  constructor(
    maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: maxBytes,
      sizeCalculation: (response, key) => response.body.length + key.length + 256,
      perf: { now },
      // Read the clock on every lookup: a cached reading could serve an entry a moment past its max-age.
      ttlResolution: 0,
    });
  }

  /** The response stored for this request key (sharedRequestKey) at this content version, if any. */
  lookup(contentVersion: number, requestKey: string): CacheHit | undefined {
    const stored = this.entries.get(`${contentVersion}\n${requestKey}`);
    if (!stored) return undefined;
    return { headers: stored.headers, body: stored.body, age: Math.max(0, Math.floor((this.now() - stored.storedAt) / 1000)) };
  }

  /** Keeps a response if its status and Cache-Control allow sharing it and it fits; says whether it did. */
  store(contentVersion: number, requestKey: string, status: number, headers: Iterable<readonly [string, string]>, body: string): boolean {
    const key = `${contentVersion}\n${requestKey}`;
    const kept = [...headers];
    const maxAge = status === 200 ? sharedMaxAge(kept.find(([name]) => name === 'cache-control')?.[1]) : null;
    if (maxAge === null) return false;
    this.entries.set(key, { headers: kept, body, storedAt: this.now() }, { ttl: maxAge * 1000 });
    // A body larger than the whole cache is not kept.
    return this.entries.has(key);
  }
}
