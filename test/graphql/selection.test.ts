import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { selectsOnlyUnder } from '../../src/graphql/selection';

/** What a resolver can tell of its selection before its children run (src/graphql/selection.ts). */
describe('selectsOnlyUnder', () => {
  const schema = buildSchema(`
    type Query { spans: [Span!]! }
    type Span { start: Int! target: Target! }
    union Target = Entry | Term
    type Entry { slug: String! name: String! summary: String! }
    type Term { term: String! definition: String! }
  `);
  const NAMED = new Set(['__typename', 'slug', 'name', 'term']);

  async function answer(query: string): Promise<boolean> {
    let seen: boolean | null = null;
    const result = await graphql({
      schema,
      source: query,
      rootValue: {
        spans: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
          seen = selectsOnlyUnder(info, 'target', NAMED);
          return [];
        },
      },
    });
    expect(result.errors).toBeUndefined();
    return seen!;
  }

  it('is true when every field under the child is one of the names, through inline fragments, named fragments and aliases', async () => {
    expect(await answer('{ spans { start target { __typename ... on Entry { slug s: name } ... on Term { term } } } }')).toBe(true);
    expect(await answer('{ spans { target { ...Names } } } fragment Names on Target { ... on Entry { slug } ...TermName } fragment TermName on Term { term }')).toBe(true);
    expect(await answer('{ spans { ... on Span { target { __typename } } } }')).toBe(true);
  });

  it('is false when any field under the child is not, however deep in fragments it is selected', async () => {
    expect(await answer('{ spans { target { ... on Entry { slug summary } } } }')).toBe(false);
    expect(await answer('{ spans { target { ...Names } } } fragment Names on Target { ... on Entry { slug } ...TermText } fragment TermText on Term { definition }')).toBe(false);
    expect(await answer('{ spans { target { __typename } other: target { ... on Term { definition } } } }')).toBe(false);
  });

  it('is true when the child is not selected at all', async () => {
    expect(await answer('{ spans { start } }')).toBe(true);
  });
});
