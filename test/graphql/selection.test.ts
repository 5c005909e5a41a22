import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { selectsOnly, selectsOnlyUnder } from '../../src/graphql/selection';

/** What a resolver can tell of its selection before its children run (src/graphql/selection.ts). */
describe('selectsOnlyUnder', () => {
  const schema = buildSchema(`
    type Query { spans: [Span!]! hits: [Hit!]! }
    type Span { start: Int! target: Target! }
    type Hit { score: Float! claim: Claim! }
    type Claim { text: String! entry: Entry! }
    union Target = Entry | Term
    type Entry { slug: String! name: String! summary: String! }
    type Term { term: String! definition: String! }
  `);
  const NAMED = new Set(['__typename', 'slug', 'name', 'term']);

  async function answer(query: string, root = 'spans', path: string | string[] = 'target'): Promise<boolean> {
    let seen: boolean | null = null;
    const result = await graphql({
      schema,
      source: query,
      rootValue: {
        [root]: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
          seen = selectsOnlyUnder(info, path, NAMED);
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

  it('follows a path of nested fields, each through fragments and aliases', async () => {
    const underEntry = (query: string) => answer(query, 'hits', ['claim', 'entry']);
    expect(await underEntry('{ hits { score claim { text entry { slug name } } } }')).toBe(true);
    expect(await underEntry('{ hits { ...Hit } } fragment Hit on Hit { claim { ... on Claim { e: entry { __typename slug } } } }')).toBe(true);
    expect(await underEntry('{ hits { claim { text } } }')).toBe(true);
    expect(await underEntry('{ hits { claim { entry { slug summary } } } }')).toBe(false);
    expect(await underEntry('{ hits { claim { entry { slug } } c: claim { ...Entry } } } fragment Entry on Claim { entry { summary } }')).toBe(false);
  });
});

describe('selectsOnly', () => {
  const schema = buildSchema(`
    type Query { entry: Entry }
    type Entry { slug: String! name: String! summary: String! }
  `);
  const NAMED = new Set(['__typename', 'slug', 'name']);

  async function answer(query: string): Promise<boolean> {
    let seen: boolean | null = null;
    await graphql({
      schema,
      source: query,
      rootValue: {
        entry: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
          seen = selectsOnly(info, NAMED);
          return null;
        },
      },
    });
    return seen!;
  }

  it('is true when the field selects only the names directly, through fragments', async () => {
    expect(await answer('{ entry { slug n: name } }')).toBe(true);
    expect(await answer('{ entry { ...Names } } fragment Names on Entry { __typename ... on Entry { slug } }')).toBe(true);
    expect(await answer('{ entry { slug ...More } } fragment More on Entry { summary }')).toBe(false);
  });
});
