import { EVERYTHING } from '../../src/graph/cache-tags';
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
    expect(responses.store(responses.begin(), 'k', ['entry:a'], 200, shareable, '{"data":{}}')).toBe(true);
    clock += 12_500;
    expect(responses.lookup('k')).toEqual({ headers: shareable, body: '{"data":{}}', age: 12 });
  });

  it('drops the responses that read what a write changed, and only those', () => {
    const responses = cache();
    responses.store(responses.begin(), 'a', ['entry:a', 'article:a'], 200, shareable, '{"a":1}');
    responses.store(responses.begin(), 'b', ['entry:b', 'article:b'], 200, shareable, '{"b":1}');
    responses.store(responses.begin(), 'search', ['graph'], 200, shareable, '{}');
    responses.invalidate(['graph', 'article:a']);
    expect(responses.lookup('a')).toBeUndefined();
    expect(responses.lookup('b')?.body).toBe('{"b":1}');
    expect(responses.lookup('search')).toBeUndefined();
    expect(responses.lookup('other')).toBeUndefined();
  });

  it('drops every response on a write that may have changed anything', () => {
    const responses = cache();
    responses.store(responses.begin(), 'a', ['entry:a'], 200, shareable, '{}');
    responses.store(responses.begin(), 'none', [], 200, shareable, '{}');
    responses.invalidate([EVERYTHING]);
    expect([responses.lookup('a'), responses.lookup('none')]).toEqual([undefined, undefined]);
  });

  it('never stores a response that read, before a write was told, what the write changed', () => {
    const responses = cache();
    const began = responses.begin();
    responses.invalidate(['graph', 'entry:a']);
    expect(responses.store(began, 'a', ['entry:a'], 200, shareable, '{"stale":true}')).toBe(false);
    expect(responses.lookup('a')).toBeUndefined();
    // What the write did not touch is as good as it was.
    expect(responses.store(began, 'b', ['entry:b'], 200, shareable, '{}')).toBe(true);
    const dropped = responses.begin();
    responses.invalidate([EVERYTHING]);
    expect(responses.store(dropped, 'b', ['entry:b'], 200, shareable, '{}')).toBe(false);
    expect(responses.store(responses.begin(), 'a', ['entry:a'], 200, shareable, '{"stale":false}')).toBe(true);
    expect(responses.lookup('a')?.body).toBe('{"stale":false}');
  });

  it('drops everything rather than remember more changed tags than it may', () => {
    const responses = new ResponseCache(1024 * 1024, () => clock, 3);
    responses.store(responses.begin(), 'a', ['entry:a'], 200, shareable, '{}');
    responses.invalidate(['entry:x', 'entry:y']);
    expect(responses.lookup('a')).toBeDefined();
    responses.invalidate(['entry:z', 'entry:w']);
    expect(responses.lookup('a')).toBeUndefined();
    expect(responses.store(responses.begin(), 'a', ['entry:x'], 200, shareable, '{}')).toBe(true);
    expect(responses.lookup('a')).toBeDefined();
  });

  it('keeps nothing that is not status 200 with a public max-age', () => {
    const responses = cache();
    expect(responses.store(responses.begin(), 'a', [], 400, shareable, '{}')).toBe(false);
    expect(responses.store(responses.begin(), 'b', [], 200, [['cache-control', 'no-store']], '{}')).toBe(false);
    expect(responses.store(responses.begin(), 'c', [], 200, [['content-type', 'application/json']], '{}')).toBe(false);
    expect(['a', 'b', 'c'].map((key) => responses.lookup(key))).toEqual([undefined, undefined, undefined]);
  });

  it('forgets a response when its max-age has passed', () => {
    const responses = cache();
    responses.store(responses.begin(), 'k', [], 200, shareable, '{}');
    clock += 29_999;
    expect(responses.lookup('k')).toBeDefined();
    clock += 2;
    expect(responses.lookup('k')).toBeUndefined();
  });

  it('stays within its size, dropping the least recently used first', () => {
    const responses = new ResponseCache(3 * 1300, () => clock);
    const body = 'x'.repeat(1000);
    for (const key of ['a', 'b', 'c']) responses.store(responses.begin(), key, [], 200, shareable, body);
    responses.lookup('a');
    responses.store(responses.begin(), 'd', [], 200, shareable, body);
    expect(['a', 'b', 'c', 'd'].map((key) => responses.lookup(key) !== undefined)).toEqual([true, false, true, true]);
    expect(responses.store(responses.begin(), 'huge', [], 200, shareable, 'x'.repeat(10_000))).toBe(false);
    expect(responses.lookup('huge')).toBeUndefined();
    expect(responses.lookup('d')).toBeDefined();
  });
});
