import { ResponseCache, sharedCacheKey, sharedMaxAge, type CacheableRequest } from '../../src/http/response-cache';

const post = (body: unknown, headers: CacheableRequest['headers'] = {}): CacheableRequest => ({ method: 'POST', url: '/', headers, body });
const get = (url: string, headers: CacheableRequest['headers'] = {}): CacheableRequest => ({ method: 'GET', url, headers });
const operation = { query: 'query Page($slug: String!) { entry(slug: $slug) { name } }', variables: { slug: 'earned-security' } };
const shareable: Array<[string, string]> = [
  ['content-type', 'application/json; charset=utf-8'],
  ['cache-control', 'max-age=30, public'],
];

describe('sharedCacheKey', () => {
  it('keys anonymous JSON POSTs on the content version, the Accept header and the operation as sent', () => {
    const key = sharedCacheKey(post(operation), 7);
    expect(key).not.toBeNull();
    expect(sharedCacheKey(post({ ...operation }), 7)).toBe(key);
    expect(sharedCacheKey(post(operation), 8)).not.toBe(key);
    expect(sharedCacheKey(post(operation, { accept: 'application/graphql-response+json' }), 7)).not.toBe(key);
    expect(sharedCacheKey(post({ ...operation, variables: { slug: 'mentalization' } }), 7)).not.toBe(key);
    expect(sharedCacheKey(post({ ...operation, operationName: 'Page' }), 7)).not.toBe(key);
  });

  it('shares nothing that carries credentials', () => {
    expect(sharedCacheKey(post(operation, { authorization: 'Bearer x' }), 1)).toBeNull();
    expect(sharedCacheKey(get('/?query=%7B__typename%7D', { authorization: '', 'apollo-require-preflight': 'true' }), 1)).toBeNull();
  });

  it('leaves bodies the JSON parser did not make into one operation to Apollo', () => {
    for (const body of [undefined, null, 'query { x }', [operation, operation]]) expect(sharedCacheKey(post(body), 1)).toBeNull();
  });

  it('shares a GET only when it passes the CSRF check, and keys it on its query string', () => {
    expect(sharedCacheKey(get('/?query=%7B__typename%7D'), 1)).toBeNull();
    const preflighted = sharedCacheKey(get('/?query=%7B__typename%7D', { 'apollo-require-preflight': 'true' }), 1);
    expect(preflighted).toContain('?query=%7B__typename%7D');
    expect(sharedCacheKey(get('/?query=%7B__typename%7D', { 'x-apollo-operation-name': 'T' }), 1)).toBe(preflighted);
    expect(sharedCacheKey(get('/?query=%7Bx%7D', { 'apollo-require-preflight': 'true' }), 1)).not.toBe(preflighted);
  });

  it('keeps methods apart and refuses the others', () => {
    expect(sharedCacheKey({ method: 'PUT', url: '/', headers: {}, body: operation }, 1)).toBeNull();
    expect(sharedCacheKey(get('/?x', { 'apollo-require-preflight': 'true' }), 1)).not.toBe(sharedCacheKey(post({ x: 1 }), 1));
  });
});

describe('sharedMaxAge', () => {
  it.each([
    ['max-age=30, public', 30],
    ['max-age=0, public', null],
    ['max-age=30, private', null],
    ['no-store', null],
    ['public, max-age=30', null],
    [undefined, null],
  ])('%s → %s', (header, seconds) => expect(sharedMaxAge(header)).toBe(seconds));
});

describe('ResponseCache', () => {
  let clock: number;
  const cache = () => new ResponseCache(1024 * 1024, () => clock);
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('keeps a shareable response with its headers and tells its age', () => {
    const responses = cache();
    expect(responses.store('k', 200, shareable, '{"data":{}}')).toBe(true);
    clock += 12_500;
    expect(responses.lookup('k')).toEqual({ headers: shareable, body: '{"data":{}}', age: 12 });
  });

  it('keeps nothing that is not status 200 with a public max-age', () => {
    const responses = cache();
    expect(responses.store('a', 400, shareable, '{}')).toBe(false);
    expect(responses.store('b', 200, [['cache-control', 'no-store']], '{}')).toBe(false);
    expect(responses.store('c', 200, [['content-type', 'application/json']], '{}')).toBe(false);
    expect(['a', 'b', 'c'].map((key) => responses.lookup(key))).toEqual([undefined, undefined, undefined]);
  });

  it('forgets a response when its max-age has passed', () => {
    const responses = cache();
    responses.store('k', 200, shareable, '{}');
    clock += 29_999;
    expect(responses.lookup('k')).toBeDefined();
    clock += 2;
    expect(responses.lookup('k')).toBeUndefined();
  });

  it('stays within its size, dropping the least recently used first', () => {
    const responses = new ResponseCache(3 * 1300, () => clock);
    const body = 'x'.repeat(1000);
    for (const key of ['a', 'b', 'c']) responses.store(key, 200, shareable, body);
    responses.lookup('a');
    responses.store('d', 200, shareable, body);
    expect(['a', 'b', 'c', 'd'].map((key) => responses.lookup(key) !== undefined)).toEqual([true, false, true, true]);
    expect(responses.store('huge', 200, shareable, 'x'.repeat(10_000))).toBe(false);
    expect(responses.lookup('huge')).toBeUndefined();
    expect(responses.lookup('d')).toBeDefined();
  });
});
