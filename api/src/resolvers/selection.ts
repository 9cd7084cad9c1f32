import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects `name` among its own subfields, directly or through
 * inline fragments and fragment spreads. Directives are not evaluated (`@include(if: false)` still
 * counts), and an info without field nodes counts as selecting everything: when unsure, compute.
 */
export function selectsField(info: GraphQLResolveInfo | undefined, name: string): boolean {
  if (!info?.fieldNodes?.length) return true;
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return false;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === name) return true;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (visit(s.selectionSet)) return true;
      } else {
        const fragment = info.fragments?.[s.name.value];
        if (!fragment) return true;
        if (seen.has(s.name.value)) continue;
        seen.add(s.name.value);
        if (visit(fragment.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
