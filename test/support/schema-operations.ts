import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Random operations built from the schema itself: every root field, every
 * argument of its declared type (literals or variables), selections down to
 * a random depth through objects, interfaces and unions. Values are mostly
 * valid and sometimes a little off (a bound crossed, an unknown slug, a wrong
 * enum value), so what comes out is valid or near-valid GraphQL.
 */

/** Values the fuzzer knows to exist in the seeded graph, and a few that do not. */
export interface KnownValues {
  slugs: string[];
  ids: string[];
  cursors: string[];
  words: string[];
}

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** One argument value: as a GraphQL literal and as JSON, for a variable. */
interface Value {
  literal: string;
  json: unknown;
}

/** A rendered piece of a document and the variables it declares, in order; `$@` marks where each is used. */
interface Piece {
  text: string;
  variables: Array<{ type: string; value: unknown }>;
}

const VARIABLE = '$@';

const stringValue = (text: string): Value => ({ literal: JSON.stringify(text), json: text });

/** Always a value when it is required, else one half of the time. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>, required: boolean): fc.Arbitrary<T | undefined> =>
  required ? arbitrary : fc.option(arbitrary, { nil: undefined, freq: 2 });

/** A string argument's values, by what the argument names. */
function strings(name: string, known: KnownValues): fc.Arbitrary<string> {
  const prose = fc.array(fc.constantFrom(...known.words), { minLength: 1, maxLength: 60 }).map((words) => words.join(' '));
  switch (name) {
    case 'slug':
    case 'from':
    case 'to':
      return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...known.slugs) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
    case 'after':
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known.cursors) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
    case 'text':
    case 'statement':
    case 'query':
      return fc.oneof({ weight: 5, arbitrary: prose }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) });
    default:
      return fc.oneof({ weight: 3, arbitrary: prose }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
  }
}

/** Values of an input type; `name` is the argument or input field's name. */
function valueOf(type: GraphQLInputType, name: string, known: KnownValues): fc.Arbitrary<Value> {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return fc.array(valueOf(nullable.ofType, name, known), { maxLength: 3 }).map((items) => ({
      literal: `[${items.map((item) => item.literal).join(', ')}]`,
      json: items.map((item) => item.json),
    }));
  }
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields());
    return fc
      .tuple(...fields.map((field) => maybe(valueOf(field.type, field.name, known), isNonNullType(field.type))))
      .map((values) => {
        const present = fields.flatMap((field, i) => (values[i] ? [[field.name, values[i]!] as const] : []));
        return { literal: `{${present.map(([key, value]) => `${key}: ${value.literal}`).join(', ')}}`, json: Object.fromEntries(present.map(([key, value]) => [key, value.json])) };
      });
  }
  if (isEnumType(nullable)) {
    const values = nullable.getValues().map((value) => value.name);
    return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constant('NOT_A_VALUE') }).map((value) => ({ literal: value, json: value }));
  }
  switch (nullable.name) {
    case 'Int':
      return fc
        .oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: name === 'maxHops' ? 6 : 12 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 7, 51, 101, 501, 2 ** 31 - 1) })
        .map((n) => ({ literal: String(n), json: n }));
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((n) => ({ literal: String(n), json: n }));
    case 'Boolean':
      return fc.boolean().map((b) => ({ literal: String(b), json: b }));
    case 'ID':
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known.ids) }, { weight: 1, arbitrary: fc.string({ maxLength: 16 }) }).map(stringValue);
    default:
      return strings(name, known).map(stringValue);
  }
}

/** The arguments of a field, each given (always when required) inline or as a variable. */
function argumentsOf(field: GraphQLField<unknown, unknown>, known: KnownValues): fc.Arbitrary<Piece> {
  const argument = (arg: GraphQLArgument) =>
    maybe(fc.tuple(valueOf(arg.type, arg.name, known), fc.boolean()), isNonNullType(arg.type)).map((given) => {
      if (!given) return { text: '', variables: [] };
      const [value, asVariable] = given;
      return asVariable
        ? { text: `${arg.name}: ${VARIABLE}`, variables: [{ type: String(arg.type), value: value.json }] }
        : { text: `${arg.name}: ${value.literal}`, variables: [] };
    });
  if (field.args.length === 0) return fc.constant({ text: '', variables: [] });
  return fc.tuple(...field.args.map(argument)).map((pieces) => {
    const given = pieces.filter((piece) => piece.text !== '');
    return given.length ? { text: `(${given.map((p) => p.text).join(', ')})`, variables: given.flatMap((p) => p.variables) } : { text: '', variables: [] };
  });
}

const join = (pieces: Piece[], separator = ' '): Piece => ({ text: pieces.map((p) => p.text).join(separator), variables: pieces.flatMap((p) => p.variables) });

/** Selections on a type, `depth` levels of objects deep at most. */
export class SelectionArbitraries {
  private readonly memo = new Map<string, fc.Arbitrary<Piece>>();

  constructor(
    readonly schema: GraphQLSchema,
    private readonly known: KnownValues,
  ) {}

  on(type: GraphQLCompositeType, depth: number): fc.Arbitrary<Piece> {
    const key = `${type.name}:${depth}`;
    let found = this.memo.get(key);
    if (!found) {
      found = isAbstractType(type) ? this.onAbstract(type, depth) : this.onFields(type, depth);
      this.memo.set(key, found);
    }
    return found;
  }

  /** One field with its alias, arguments, directive and selection. */
  field(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<Piece> {
    const named = getNamedType(field.type);
    const selection: fc.Arbitrary<Piece> = isLeafType(named)
      ? fc.constant({ text: '', variables: [] })
      : depth > 0
        ? this.on(named as GraphQLCompositeType, depth - 1).map((inner) => ({ text: ` { ${inner.text} }`, variables: inner.variables }))
        : fc.constant({ text: ' { __typename }', variables: [] });
    return fc
      .tuple(
        fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined, freq: 4 }),
        argumentsOf(field, this.known),
        fc.option(fc.constantFrom('@include(if: true)', '@skip(if: false)', '@skip(if: true)'), { nil: undefined, freq: 6 }),
        selection,
      )
      .map(([alias, args, directive, sub]) => ({
        text: `${alias ? `${alias}${field.name}: ` : ''}${field.name}${args.text}${directive ? ` ${directive}` : ''}${sub.text}`,
        variables: [...args.variables, ...sub.variables],
      }));
  }

  private onFields(type: GraphQLCompositeType & { getFields(): Record<string, GraphQLField<unknown, unknown>> }, depth: number): fc.Arbitrary<Piece> {
    const fields = Object.values(type.getFields());
    return fc
      .uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: Math.min(4, fields.length), selector: (f) => f.name })
      .chain((chosen) => fc.tuple(...chosen.map((f) => this.field(f, depth))))
      .map((pieces) => join(pieces));
  }

  private onAbstract(type: GraphQLCompositeType, depth: number): fc.Arbitrary<Piece> {
    const possible = this.schema.getPossibleTypes(type as never);
    const shared = isInterfaceType(type) ? [this.onFields(type, depth)] : [];
    const inline = fc
      .uniqueArray(fc.constantFrom(...possible), { minLength: 1, maxLength: 2, selector: (t) => t.name })
      .chain((types) => fc.tuple(...types.map((t) => this.on(t, depth).map((inner) => ({ text: `... on ${t.name} { ${inner.text} }`, variables: inner.variables })))))
      .map((pieces) => join(pieces));
    return fc.tuple(fc.oneof(inline, ...shared), fc.oneof(...[inline, ...shared])).map(([first, second]) => join([{ text: '__typename', variables: [] }, first, second]));
  }
}

/** A whole operation on the query or mutation type, its variables declared and given. */
export function operationOf(selections: SelectionArbitraries, options: { mutations: boolean; depth: number }): fc.Arbitrary<Operation> {
  const { schema } = selections;
  const roots = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
    ...(options.mutations ? Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })) : []),
  ];
  return fc
    .constantFrom(...roots)
    .chain(({ kind, field }) =>
      fc
        .array(selections.field(field, options.depth), { minLength: 1, maxLength: kind === 'mutation' ? 1 : 3 })
        .map((pieces) => ({ kind, piece: join(pieces) })),
    )
    .map(({ kind, piece }) => {
      let n = 0;
      const text = piece.text.replaceAll(VARIABLE, () => `$v${n++}`);
      const definitions = piece.variables.map((variable, i) => `$v${i}: ${variable.type}`);
      return {
        query: `${kind}${definitions.length ? `(${definitions.join(', ')})` : ''} { ${text} }`,
        variables: Object.fromEntries(piece.variables.map((variable, i) => [`v${i}`, variable.value])),
      };
    });
}
