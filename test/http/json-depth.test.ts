import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../src/http/json-depth';

describe('nestedDeeperThan', () => {
  const arrays = (depth: number): unknown => (depth === 0 ? 'leaf' : [arrays(depth - 1)]);

  it('counts arrays and objects, not scalars', () => {
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan(null, 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({ query: '{ a }', variables: { input: { sources: ['x'] } } }, 4)).toBe(false);
    expect(nestedDeeperThan({ query: '{ a }', variables: { input: { sources: ['x'] } } }, 3)).toBe(true);
  });

  it(`allows ${MAX_JSON_DEPTH} levels and refuses one more`, () => {
    expect(nestedDeeperThan(arrays(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(arrays(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('walks a value nested far deeper than the stack allows without overflowing', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(nestedDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
  });
});
