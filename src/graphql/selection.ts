import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * True when the field being resolved selects any of `names` directly (through
 * inline fragments and fragment spreads too). Lets a resolver start a query its
 * children will need at once, instead of one round trip after another.
 */
export function selectsAnyField(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === 'Field') return names.has(selection.name.value);
      if (selection.kind === 'InlineFragment') return visit(selection.selectionSet, seen);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return visit(info.fragments[selection.name.value]?.selectionSet, seen);
    });
  return info.fieldNodes.some((node: FieldNode) => visit(node.selectionSet, new Set()));
}
