import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { AppError } from '../../src/errors';
import { jitExecutor, MAX_COMPILED_FIELDS } from '../../src/graphql/executor';

/** graphql-jit behind Apollo answers as graphql-js would: defaults, variable errors, located resolver errors. */
describe('the graphql-jit executor', () => {
  const schema = makeExecutableSchema({
    typeDefs: `
      enum Credit { NAMED ANONYMOUS }
      input Note { text: String!, credit: Credit! = ANONYMOUS }
      type Query { echo(note: Note!): String!, refuse: String, items: [Item!]! }
      type Item { name: String! }
    `,
    resolvers: {
      Query: {
        echo: (_root: unknown, { note }: { note: { text: string; credit: string } }) => `${note.text}/${note.credit}`,
        refuse: () => {
          throw new AppError('NOT_FOUND', 'No such thing.');
        },
        items: () => [{ name: 'a' }, { name: null }],
      },
    },
  });
  const server = new ApolloServer({ gateway: jitExecutor(schema) });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  const run = async (query: string, variables?: Record<string, unknown>) => {
    const { body } = await server.executeOperation({ query, variables });
    if (body.kind !== 'single') throw new Error('expected a single result');
    return body.singleResult;
  };

  it('applies an input field’s default to an omitted non-null field', async () => {
    expect((await run('query ($n: Note!) { echo(note: $n) }', { n: { text: 'hi' } })).data).toEqual({ echo: 'hi/ANONYMOUS' });
  });

  it('reports variables that cannot be coerced as graphql-js does, with BAD_USER_INPUT', async () => {
    const result = await run('query ($n: Note!) { echo(note: $n) }', { n: { credit: 'NAMED' } });
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Variable "$n" got invalid value { credit: "NAMED" }; Field "text" of required type "String!" was not provided.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });

  it('keeps a resolver’s error code, path and location in the document', async () => {
    const result = await run('{\n  refuse\n}');
    expect(result.data).toEqual({ refuse: null });
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'No such thing.', path: ['refuse'], locations: [{ line: 2, column: 3 }], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
  });

  it('nulls the nearest nullable parent when a non-null field is null', async () => {
    const result = await run('{ items { name } }');
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ path: ['items', 1, 'name'], locations: [{ line: 1, column: 11 }] });
  });

  it(`answers an operation of more than ${MAX_COMPILED_FIELDS} fields, executed by graphql-js instead, the same way`, async () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}: name`).join(' ');
    const large = await run(`{ refuse items { ${names(MAX_COMPILED_FIELDS)} } }`);
    expect(large.data).toBeNull();
    expect(large.errors).toEqual([
      expect.objectContaining({ message: 'No such thing.', path: ['refuse'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      expect.objectContaining({ path: ['items', 1, 'n0'], locations: [{ line: 1, column: 18 }] }),
    ]);
    const small = await run(`{ items { ${names(3)} } }`);
    expect(small.errors?.[0]).toMatchObject({ path: ['items', 1, 'n0'] });
    expect((await run('query ($n: Note!) { echo(note: $n) }', { n: { text: 'hi' } })).data).toEqual({ echo: 'hi/ANONYMOUS' });
  });
});
