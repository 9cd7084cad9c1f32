import {
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getDirectiveValues,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Whether the field being resolved selects `name` among its own subfields, directly or through
 * inline fragments and fragment spreads. A selection `@skip(if: true)` or `@include(if: false)` leaves
 * out (with the request's variables) is not selected, as GraphQL executes it; an info without field
 * nodes counts as selecting everything: when unsure, compute.
 */
export function selectsField(info: GraphQLResolveInfo | undefined, name: string): boolean {
  return selectsPath(info, [name]);
}

/**
 * Whether the field being resolved selects any of `names` under its subfield `parent` (e.g. a row
 * field under `rows`), by the same rules as `selectsField`.
 */
export function selectsSubfield(
  info: GraphQLResolveInfo | undefined,
  parent: string,
  names: readonly string[],
): boolean {
  return names.some((name) => selectsPath(info, [parent, name]));
}

/** Whether the selection reaches `path` (each name a subfield of the one before). */
function selectsPath(info: GraphQLResolveInfo | undefined, path: readonly string[]): boolean {
  if (!info?.fieldNodes?.length) return true;
  const visit = (set: SelectionSetNode | undefined, at: number, seen: ReadonlySet<string>): boolean => {
    if (!set) return false;
    const name = path[at];
    for (const s of set.selections) {
      if (!included(s, info.variableValues)) continue;
      if (s.kind === Kind.FIELD) {
        if (s.name.value !== name) continue;
        if (at === path.length - 1 || visit(s.selectionSet, at + 1, new Set())) return true;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (visit(s.selectionSet, at, seen)) return true;
      } else {
        const fragment = info.fragments?.[s.name.value];
        if (!fragment) return true;
        if (seen.has(s.name.value)) continue;
        if (visit(fragment.selectionSet, at, new Set([...seen, s.name.value]))) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => visit(node.selectionSet, 0, new Set()));
}

/**
 * Whether GraphQL executes a selection: not when `@skip(if: true)` or `@include(if: false)` (its
 * arguments read with the request's coerced variables). When the directives cannot be read, it is.
 */
function included(node: SelectionNode, variables: GraphQLResolveInfo['variableValues']): boolean {
  if (!node.directives?.length) return true;
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  } catch {
    return true;
  }
}
