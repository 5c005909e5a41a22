import { AppError } from '../../src/errors';
import { fromGlobalId, toGlobalId, type NodeType } from '../../src/graphql/global-id';

function appErrorFrom(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('global IDs', () => {
  it.each<[NodeType, string]>([
    ['Entry', 'earned-security'],
    ['Claim', 'earned-security/c/0123456789abcdef'],
    ['Source', 'doi:10.1111/1467-8624.00467'],
    ['KeyTerm', 'earned-security/t/coherence-of-mind'],
  ])('round-trips a %s id', (type, localId) => {
    expect(fromGlobalId(toGlobalId(type, localId))).toEqual({ type, localId });
  });

  it('round-trips unicode local ids', () => {
    for (const localId of ['padrón', 'привязанность', '愛着', 'emoji-🧠', 'a:b:c']) {
      expect(fromGlobalId(toGlobalId('Entry', localId))).toEqual({ type: 'Entry', localId });
    }
  });

  it('is URL-safe and hides the type', () => {
    const id = toGlobalId('Source', 'doi:10.1000/xyz?<>');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id).not.toContain('Source');
  });

  it('gives the same local id under different types different global ids', () => {
    expect(toGlobalId('Entry', 'x')).not.toBe(toGlobalId('KeyTerm', 'x'));
  });

  it('accepts an id with base64 padding', () => {
    const id = toGlobalId('Entry', 'ab'); // 8 bytes: 11 characters, 12 with padding
    expect(id).toHaveLength(11);
    expect(fromGlobalId(`${id}=`)).toEqual({ type: 'Entry', localId: 'ab' });
  });

  it.each([
    ['empty', ''],
    ['garbage', '!!!not base64!!!'],
    ['plain text', 'earned-security'],
    ['unknown type', encode('Person:mary-main')],
    ['lower-case type', encode('entry:earned-security')],
    ['missing type', encode(':earned-security')],
    ['missing separator', encode('Entryearned-security')],
    ['empty local id', encode('Entry:')],
    ['trailing junk', `${toGlobalId('Entry', 'earned-security')}!`],
  ])('rejects an id that is %s as bad user input', (_name, id) => {
    const error = appErrorFrom(() => fromGlobalId(id));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argument).toBe('id');
    expect(error.message).toMatch(/is not a valid ID\.$/);
  });
});
