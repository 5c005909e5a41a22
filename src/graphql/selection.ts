import {
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/** Every field node selected directly under the field being resolved (through inline fragments and fragment spreads too). */
function selectedFields(info: GraphQLResolveInfo): FieldNode[] {
  return fieldsUnder(info, info.fieldNodes);
}

/** Every field node selected directly under `nodes` (through inline fragments and fragment spreads too). */
function fieldsUnder(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): FieldNode[] {
  const found: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') found.push(selection);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return found;
}

/**
 * True when every field selected under the child field `path` (a name, or the
 * names of nested fields: ['claim', 'entry']; whatever type condition each is
 * under) is one of `names`: the resolver can then answer from what it holds
 * without reading whole records. True as well when the child is not selected.
 */
export function selectsOnlyUnder(info: GraphQLResolveInfo, path: string | readonly string[], names: ReadonlySet<string>): boolean {
  let children: readonly FieldNode[] = info.fieldNodes;
  for (const name of typeof path === 'string' ? [path] : path) children = fieldsUnder(info, children).filter((field) => field.name.value === name);
  return fieldsUnder(info, children).every((field) => names.has(field.name.value));
}

/** True when every field selected directly under the field being resolved is one of `names`. */
export function selectsOnly(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  return selectedFields(info).every((field) => names.has(field.name.value));
}

/**
 * True when the field being resolved selects any of `names` directly. Lets a
 * resolver start a query its children will need at once, instead of one round
 * trip after another.
 */
export function selectsAnyField(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  return selectedFields(info).some((field) => names.has(field.name.value));
}

/**
 * The arguments (variables resolved, defaults applied) of the first selection
 * of the child field `name`, or null when it is not selected: what a resolver
 * needs to start its child's query early.
 */
export function selectedFieldArguments(info: GraphQLResolveInfo, name: string): Record<string, unknown> | null {
  const node = selectedFields(info).find((field) => field.name.value === name);
  const type = getNamedType(info.returnType);
  const definition = node && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
  if (!node || !definition) return null;
  try {
    return getArgumentValues(definition, node, info.variableValues);
  } catch {
    // Invalid arguments: the child's own resolver reports them.
    return null;
  }
}
