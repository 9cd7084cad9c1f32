import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  type ValidationContext,
} from 'graphql';

/**
 * The depth graphql-js's own introspection query needs (`getIntrospectionQuery()`, every option on:
 * `__schema { types { fields { type { …TypeRef } } } }`, TypeRef nesting `ofType` eight levels
 * deep), so GraphiQL-like tools and the explorer (depth 10) keep working under the default
 * MAX_DEPTH of 10 (a test runs both).
 */
export const INTROSPECTION_DEPTH = 15;

const META_FIELDS = new Set([SchemaMetaFieldDef.name, TypeMetaFieldDef.name]);

/**
 * Rejects operations nested deeper than `maxDepth` (a root field is depth 1; fragments are followed,
 * a fragment cycle is left to graphql's own NoFragmentCycles rule). Introspection (`__schema`,
 * `__type`) counts too, against max(`maxDepth`, INTROSPECTION_DEPTH): a standard introspection query
 * passes, a `__type { fields { type { ofType { ofType … } } } }` forty levels deep does not.
 * `__typename` is a leaf and adds no depth. Runs in validation, so an abusive query is refused
 * before any resolver or warehouse query runs.
 */
export function depthLimitRule(maxDepth: number) {
  const introspectionLimit = Math.max(maxDepth, INTROSPECTION_DEPTH);
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    /** The deepest selection under `set` (stops early once past `limit`). */
    const depthOf = (
      set: SelectionSetNode,
      depth: number,
      seen: Set<string>,
      limit: number,
      onMeta: (depth: number) => void,
    ): number => {
      let max = depth;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value === '__typename') continue;
          // An introspection subtree is measured against its own limit (reported by `onMeta`).
          if (depth === 0 && META_FIELDS.has(sel.name.value)) {
            onMeta(sel.selectionSet ? depthOf(sel.selectionSet, 1, seen, introspectionLimit, onMeta) : 1);
            continue;
          }
          max = Math.max(
            max,
            sel.selectionSet ? depthOf(sel.selectionSet, depth + 1, seen, limit, onMeta) : depth + 1,
          );
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          max = Math.max(max, depthOf(sel.selectionSet, depth, seen, limit, onMeta));
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          if (!frag || seen.has(name)) continue;
          max = Math.max(max, depthOf(frag.selectionSet, depth, new Set([...seen, name]), limit, onMeta));
        }
        if (max > limit) return max;
      }
      return max;
    };
    return {
      OperationDefinition(node) {
        let metaDepth = 0;
        const depth = depthOf(node.selectionSet, 0, new Set(), maxDepth, (d) => {
          metaDepth = Math.max(metaDepth, d);
        });
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query depth ${depth} exceeds the limit of ${maxDepth} (MAX_DEPTH).`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX', maxDepth },
            }),
          );
        } else if (metaDepth > introspectionLimit) {
          context.reportError(
            new GraphQLError(
              `Introspection depth ${metaDepth} exceeds the limit of ${introspectionLimit} (the larger of MAX_DEPTH and ${INTROSPECTION_DEPTH}, the depth of a standard introspection query).`,
              { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX', maxDepth: introspectionLimit } },
            ),
          );
        }
      },
    };
  };
}
