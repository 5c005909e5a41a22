import { badInput } from '../errors';

/**
 * Offset cursors: every list here is ordered by a deterministic key, so an
 * offset names the same position until the data changes. Opaque to clients.
 */

export interface Page {
  offset: number;
  limit: number;
}

const CURSOR_PREFIX = 'o:';

/**
 * The largest offset a cursor may name. Neo4j fails a list slice past 32-bit
 * indices (the see-also page is one), so offset + page size must stay below
 * 2^31; no list here comes near a billion items.
 */
export const MAX_CURSOR_OFFSET = 1_000_000_000;

export const encodeCursor = (offset: number) => Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');

export function decodeCursor(cursor: string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = decoded.slice(CURSOR_PREFIX.length);
  const offset = Number(digits);
  if (!decoded.startsWith(CURSOR_PREFIX) || !/^\d+$/.test(digits) || offset > MAX_CURSOR_OFFSET) {
    throw badInput(`"${cursor.slice(0, 100)}" is not a valid cursor.`, { argument: 'after' });
  }
  return offset;
}

/** Validates `first` (1..max) and `after`; the page starts right after the cursor. */
export function pageOf(first: number | null | undefined, after: string | null | undefined, max: number, fallback = 20): Page {
  const limit = first ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw badInput(`"first" must be between 1 and ${max}.`, { argument: 'first' });
  }
  return { offset: after ? decodeCursor(after) + 1 : 0, limit };
}

/** A connection over one page of items; `total` may be null when the count is not known. */
export function connectionOf<T, E extends { cursor: string; node: T }>(
  items: T[],
  page: Page,
  total: number,
  edge: (node: T, cursor: string) => E = (node, cursor) => ({ node, cursor }) as E,
) {
  const edges = items.map((item, index) => edge(item, encodeCursor(page.offset + index)));
  return {
    totalCount: total,
    edges,
    pageInfo: { hasNextPage: page.offset + items.length < total, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** The most items a plain (unpaginated) list field returns; repositories never read more per key. */
export const MAX_LIST = 500;

/** Validates `first` of a plain list field (1..MAX_LIST). */
export function listLimit(first: number | null | undefined, fallback = 50): number {
  return pageOf(first, null, MAX_LIST, fallback).limit;
}

/** The first `first` items of a batched list, `first` validated before anything is read. */
export async function firstOf<T>(first: number | null | undefined, load: () => Promise<T[]>): Promise<T[]> {
  const limit = listLimit(first);
  return (await load()).slice(0, limit);
}
