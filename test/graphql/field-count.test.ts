import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { fieldCount } from '../../src/graphql/field-count';
import { buildSchema } from '../../src/api/schema';

describe('fieldCount', () => {
  const schema = buildSchema();
  const count = (text: string) => {
    const document = parse(text);
    return fieldCount(schema, document, document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!);
  };
  const entryTypes = schema.getPossibleTypes(schema.getType('Entry') as never).length;

  it('counts fields on object types once each', () => {
    expect(count('{ entries { totalCount edges { cursor } } }')).toBe(4);
    expect(count('mutation { upvoteEntry(slug: "x") { changed } }')).toBe(2);
  });

  it('counts a selection on an interface or union once per type it can be', () => {
    expect(entryTypes).toBe(6);
    expect(count('{ entry(slug: "x") { name } }')).toBe(1 + 6);
    expect(count('{ entry(slug: "x") { targets { targets { name } } } }')).toBe(1 + 6 * (1 + 6 * (1 + 6 * 1)));
  });

  it('counts type-conditioned fragments only for the types they apply to', () => {
    expect(count('{ entry(slug: "x") { ... on Construct { name } } }')).toBe(1 + 1);
    expect(count('{ entry(slug: "x") { ...C } } fragment C on Construct { name slug }')).toBe(1 + 2);
    expect(count('{ node(id: "x") { ... on Entry { name } } }')).toBe(1 + 6);
  });

  it('expands every spread of a fragment, remembering each fragment’s count so counting stays fast', () => {
    const fragments = ['fragment F0 on Entry { name slug }'];
    for (let i = 1; i <= 40; i++) fragments.push(`fragment F${i} on Entry { ...F${i - 1} ...F${i - 1} }`);
    const started = performance.now();
    expect(count(`{ entry(slug: "x") { ...F40 } }\n${fragments.join('\n')}`)).toBe(1 + 6 * 2 * 2 ** 40);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('counts introspection like any other selection', () => {
    expect(count('{ __typename __schema { types { name fields { name } } } }')).toBe(1 + 1 + 1 + 1 + 1 + 1);
  });

  it('ends on fragment cycles and unknown fields, which validation reports', () => {
    expect(count('{ entry(slug: "x") { ...A } } fragment A on Entry { name ...B } fragment B on Entry { ...A }')).toBe(1 + 6);
    expect(count('{ nope { deeper } entry(slug: "x") { ...Missing } }')).toBe(2);
  });
});
