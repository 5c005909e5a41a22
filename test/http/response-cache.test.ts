import { ResponseCache, sharedMaxAge, sharedRequestKey, type CacheableRequest } from '../../src/http/response-cache';

const post = (body: unknown, headers: CacheableRequest['headers'] = {}): CacheableRequest => ({ method: 'POST', url: '/', headers, body });
const get = (url: string, headers: CacheableRequest['headers'] = {}): CacheableRequest => ({ method: 'GET', url, headers });
const operation = { query: 'query Page($slug: String!) { entry(slug: $slug) { name } }', variables: { slug: 'earned-security' } };
const shareable: Array<[string, string]> = [
  ['content-type', 'application/json; charset=utf-8'],
  ['cache-control', 'max-age=30, public'],
];

describe('sharedRequestKey', () => {
  it('keys anonymous JSON POSTs on the Accept header and the operation as sent', () => {
    const key = sharedRequestKey(post(operation));
    expect(key).not.toBeNull();
    expect(sharedRequestKey(post({ ...operation }))).toBe(key);
    expect(sharedRequestKey(post(operation, { accept: 'application/graphql-response+json' }))).not.toBe(key);
    expect(sharedRequestKey(post({ ...operation, variables: { slug: 'mentalization' } }))).not.toBe(key);
    expect(sharedRequestKey(post({ ...operation, operationName: 'Page' }))).not.toBe(key);
  });

  it('shares nothing that carries credentials', () => {
    expect(sharedRequestKey(post(operation, { authorization: 'Bearer x' }))).toBeNull();
    expect(sharedRequestKey(get('/?query=%7B__typename%7D', { authorization: '', 'apollo-require-preflight': 'true' }))).toBeNull();
  });

  it('leaves bodies the JSON parser did not make into one operation to Apollo', () => {
    for (const body of [undefined, null, 'query { x }', [operation, operation]]) expect(sharedRequestKey(post(body))).toBeNull();
  });

  it('shares a GET only when it passes the CSRF check, and keys it on its query string', () => {
    expect(sharedRequestKey(get('/?query=%7B__typename%7D'))).toBeNull();
    const preflighted = sharedRequestKey(get('/?query=%7B__typename%7D', { 'apollo-require-preflight': 'true' }));
    expect(preflighted).toContain('?query=%7B__typename%7D');
    expect(sharedRequestKey(get('/?query=%7B__typename%7D', { 'x-apollo-operation-name': 'T' }))).toBe(preflighted);
    expect(sharedRequestKey(get('/?query=%7Bx%7D', { 'apollo-require-preflight': 'true' }))).not.toBe(preflighted);
  });

  it('keeps methods apart and refuses the others', () => {
    expect(sharedRequestKey({ method: 'PUT', url: '/', headers: {}, body: operation })).toBeNull();
    expect(sharedRequestKey(get('/?x', { 'apollo-require-preflight': 'true' }))).not.toBe(sharedRequestKey(post({ x: 1 })));
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
    expect(responses.store(1, 'k', 200, shareable, '{"data":{}}')).toBe(true);
    clock += 12_500;
    expect(responses.lookup(1, 'k')).toEqual({ headers: shareable, body: '{"data":{}}', age: 12 });
  });

  it('serves a response only at the content version it was stored at', () => {
    const responses = cache();
    responses.store(7, 'k', 200, shareable, '{}');
    expect(responses.lookup(7, 'k')).toBeDefined();
    expect(responses.lookup(8, 'k')).toBeUndefined();
    expect(responses.lookup(7, 'other')).toBeUndefined();
  });

  it('keeps nothing that is not status 200 with a public max-age', () => {
    const responses = cache();
    expect(responses.store(1, 'a', 400, shareable, '{}')).toBe(false);
    expect(responses.store(1, 'b', 200, [['cache-control', 'no-store']], '{}')).toBe(false);
    expect(responses.store(1, 'c', 200, [['content-type', 'application/json']], '{}')).toBe(false);
    expect(['a', 'b', 'c'].map((key) => responses.lookup(1, key))).toEqual([undefined, undefined, undefined]);
  });

  it('forgets a response when its max-age has passed', () => {
    const responses = cache();
    responses.store(1, 'k', 200, shareable, '{}');
    clock += 29_999;
    expect(responses.lookup(1, 'k')).toBeDefined();
    clock += 2;
    expect(responses.lookup(1, 'k')).toBeUndefined();
  });

  it('stays within its size, dropping the least recently used first', () => {
    const responses = new ResponseCache(3 * 1300, () => clock);
    const body = 'x'.repeat(1000);
    for (const key of ['a', 'b', 'c']) responses.store(1, key, 200, shareable, body);
    responses.lookup(1, 'a');
    responses.store(1, 'd', 200, shareable, body);
    expect(['a', 'b', 'c', 'd'].map((key) => responses.lookup(1, key) !== undefined)).toEqual([true, false, true, true]);
    expect(responses.store(1, 'huge', 200, shareable, 'x'.repeat(10_000))).toBe(false);
    expect(responses.lookup(1, 'huge')).toBeUndefined();
    expect(responses.lookup(1, 'd')).toBeDefined();
  });
});
