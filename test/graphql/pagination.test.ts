import { AppError } from '../../src/errors';
import { connectionOf, decodeCursor, encodeCursor, MAX_CURSOR_OFFSET, pageOf } from '../../src/graphql/pagination';

/** The AppError `run` throws (fails the test if it throws anything else or nothing). */
function appErrorFrom(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

describe('cursors', () => {
  it.each([0, 1, 19, 12_345, MAX_CURSOR_OFFSET])('round-trips offset %d', (offset) => {
    expect(decodeCursor(encodeCursor(offset))).toBe(offset);
  });

  it('is opaque: URL-safe base64 without the offset in plain sight', () => {
    const cursor = encodeCursor(42);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('42');
  });

  it('gives different offsets different cursors', () => {
    expect(encodeCursor(1)).not.toBe(encodeCursor(2));
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['empty', ''],
    ['no prefix', cursorOf('5')],
    ['another prefix', cursorOf('x:5')],
    ['negative offset', cursorOf('o:-1')],
    ['fractional offset', cursorOf('o:1.5')],
    ['non-numeric offset', cursorOf('o:ten')],
    ['unsafe integer', cursorOf(`o:${2 ** 60}`)],
    ['offset past 32 bits', cursorOf(`o:${2 ** 31}`)],
    ['offset whose next page passes 32 bits', cursorOf(`o:${2 ** 31 - 1}`)],
    ['offset past the largest', cursorOf(`o:${MAX_CURSOR_OFFSET + 1}`)],
    ['largest safe integer', cursorOf(`o:${Number.MAX_SAFE_INTEGER}`)],
  ])('rejects a %s cursor as bad user input', (_name, cursor) => {
    const error = appErrorFrom(() => decodeCursor(cursor));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argument).toBe('after');
    expect(error.message).toMatch(/is not a valid cursor/);
  });

  it('quotes at most 100 characters of a bad cursor', () => {
    const error = appErrorFrom(() => decodeCursor('!'.repeat(1000)));
    expect(error.message).toBe(`"${'!'.repeat(100)}" is not a valid cursor.`);
  });
});

describe('pageOf', () => {
  it('starts at the beginning with the fallback size when neither first nor after is given', () => {
    expect(pageOf(undefined, undefined, 100)).toEqual({ offset: 0, limit: 20 });
    expect(pageOf(null, null, 100, 10)).toEqual({ offset: 0, limit: 10 });
  });

  it('starts right after the cursor', () => {
    expect(pageOf(5, encodeCursor(9), 100)).toEqual({ offset: 10, limit: 5 });
    expect(pageOf(5, encodeCursor(0), 100)).toEqual({ offset: 1, limit: 5 });
  });

  it('treats an empty after as no cursor', () => {
    expect(pageOf(5, '', 100)).toEqual({ offset: 0, limit: 5 });
  });

  it('accepts first from 1 up to the maximum', () => {
    expect(pageOf(1, null, 50).limit).toBe(1);
    expect(pageOf(50, null, 50).limit).toBe(50);
  });

  it.each([0, -1, 51, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects first = %d when the maximum is 50', (first) => {
    const error = appErrorFrom(() => pageOf(first, null, 50));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argument).toBe('first');
    expect(error.message).toBe('"first" must be between 1 and 50.');
  });

  it('rejects a bad after cursor', () => {
    expect(appErrorFrom(() => pageOf(5, 'bogus', 50)).extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('connectionOf', () => {
  it('gives each item the cursor of its absolute position', () => {
    const connection = connectionOf(['c', 'd'], { offset: 2, limit: 2 }, 10);
    expect(connection.edges).toEqual([
      { node: 'c', cursor: encodeCursor(2) },
      { node: 'd', cursor: encodeCursor(3) },
    ]);
    expect(connection.totalCount).toBe(10);
  });

  it('has a next page while items remain after this page', () => {
    const connection = connectionOf(['c', 'd'], { offset: 2, limit: 2 }, 10);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(3) });
  });

  it('has no next page on the last page', () => {
    expect(connectionOf(['i', 'j'], { offset: 8, limit: 2 }, 10).pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor(9) });
    expect(connectionOf(['i'], { offset: 9, limit: 5 }, 10).pageInfo.hasNextPage).toBe(false);
  });

  it('has no end cursor when the page is empty', () => {
    expect(connectionOf([], { offset: 0, limit: 5 }, 0).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('continues where the previous page ended', () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    const first = pageOf(2, null, 10);
    const page1 = connectionOf(all.slice(first.offset, first.offset + first.limit), first, all.length);
    const second = pageOf(2, page1.pageInfo.endCursor, 10);
    const page2 = connectionOf(all.slice(second.offset, second.offset + second.limit), second, all.length);
    expect(page1.edges.map((edge) => edge.node)).toEqual(['a', 'b']);
    expect(page2.edges.map((edge) => edge.node)).toEqual(['c', 'd']);
    expect(page2.pageInfo.hasNextPage).toBe(true);
  });

  it('builds edges with a custom edge function', () => {
    const connection = connectionOf([{ slug: 'x' }], { offset: 0, limit: 1 }, 1, (node, cursor) => ({ node, cursor, score: 1 }));
    expect(connection.edges).toEqual([{ node: { slug: 'x' }, cursor: encodeCursor(0), score: 1 }]);
  });
});
