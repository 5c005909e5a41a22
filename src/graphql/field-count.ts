import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * How many fields an operation expands to, which is what compiling and
 * executing it costs before a single resolver runs:
 *
 * - fragments are expanded, each spread again (a fragment spread twice is
 *   walked twice: F(i) spreading F(i-1) twice doubles per level);
 * - a selection on an interface or union counts once per object type it can
 *   be, because graphql-jit compiles it once for each: with six entry types,
 *   `entry { targets { targets { name } } }` is 1 + 6 × (1 + 6 × (1 + 6 × 1)).
 *
 * Each selection set is counted once per object type and remembered, so the
 * count costs time linear in the document times the types, however large the
 * number it arrives at (1 KB of fragments 26 levels deep: some 800 million).
 * Unknown fields and fragments count as one field or nothing: validation
 * reports them.
 */
export function fieldCount(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const counted = new Map<SelectionSetNode, Map<GraphQLObjectType, number>>();
  // Selection sets being counted: a fragment cycle (which validation refuses) counts nothing more.
  const open = new Set<SelectionSetNode>();

  const appliesTo = (typeCondition: string | undefined, type: GraphQLObjectType) => {
    if (typeCondition === undefined || typeCondition === type.name) return true;
    const condition = schema.getType(typeCondition);
    return condition !== undefined && isAbstractType(condition) && schema.isSubType(condition, type);
  };

  const onType = (selectionSet: SelectionSetNode, type: GraphQLCompositeType): number =>
    isAbstractType(type) ? schema.getPossibleTypes(type).reduce((sum, possible) => sum + onObject(selectionSet, possible), 0) : onObject(selectionSet, type);

  const onObject = (selectionSet: SelectionSetNode, type: GraphQLObjectType): number => {
    const known = counted.get(selectionSet)?.get(type);
    if (known !== undefined) return known;
    if (open.has(selectionSet)) return 0;
    open.add(selectionSet);
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        count += 1;
        const field = fieldOf(schema, type, selection.name.value);
        const named = field && getNamedType(field.type);
        if (selection.selectionSet && named && isCompositeType(named)) count += onType(selection.selectionSet, named);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition?.name.value, type)) count += onObject(selection.selectionSet, type);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && appliesTo(fragment.typeCondition.name.value, type)) count += onObject(fragment.selectionSet, type);
      }
    }
    open.delete(selectionSet);
    const byType = counted.get(selectionSet) ?? new Map<GraphQLObjectType, number>();
    counted.set(selectionSet, byType.set(type, count));
    return count;
  };

  return onObject(operation.selectionSet, root);
}

/** A field of an object type, introspection's `__schema` and `__type` on the query type included (`__typename` is a leaf). */
function fieldOf(schema: GraphQLSchema, type: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (type === schema.getQueryType() && name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (type === schema.getQueryType() && name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  return type.getFields()[name];
}
