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
 * How deep a selection set reaches, relative to where it is used (its own fields are at 1):
 * `plain` for its fields other than `__schema`/`__type` at its top level, `meta` for those
 * introspection fields (at the operation's root they count against the introspection limit; below
 * it, an introspection field is measured as any other field: `max(plain, meta)`).
 */
interface Reach {
  readonly plain: number;
  readonly meta: number;
}

const NOTHING: Reach = { plain: 0, meta: 0 };
const below = (r: Reach) => Math.max(r.plain, r.meta);

/**
 * Rejects operations nested deeper than `maxDepth` (a root field is depth 1; fragments are followed,
 * a fragment cycle is left to graphql's own NoFragmentCycles rule). Introspection (`__schema`,
 * `__type`) counts too, against max(`maxDepth`, INTROSPECTION_DEPTH): a standard introspection query
 * passes, a `__type { fields { type { ofType { ofType … } } } }` forty levels deep does not.
 * `__typename` is a leaf and adds no depth. Runs in validation, so an abusive query is refused
 * before any resolver or warehouse query runs.
 *
 * Linear in the document: how deep a fragment reaches does not depend on where it is spread (the
 * depth at a spread is the spread's depth plus the fragment's own), so each fragment is measured
 * once per document and every further spread reuses it. Walking each spread afresh made a 665-byte
 * "fragment bomb" (seven levels of fragments each spreading the next ten times) 10^7 walks, 17.7 s
 * of validation on the event loop (review of 2026-12; a test runs it and a ten-level one).
 */
export function depthLimitRule(maxDepth: number) {
  const introspectionLimit = Math.max(maxDepth, INTROSPECTION_DEPTH);
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    /**
     * Each fragment's reach, measured once for the document (across its operations too). A fragment
     * being measured maps to NOTHING: a spread inside its own cycle adds nothing (the cycle is a
     * validation error of its own), and the walk ends.
     */
    const measured = new Map<string, Reach>();
    const fragmentReach = (name: string): Reach => {
      const known = measured.get(name);
      if (known) return known;
      const frag = fragments.get(name);
      if (!frag) return NOTHING; // Unknown fragment: graphql's KnownFragmentNames reports it.
      measured.set(name, NOTHING);
      const reach = reachOf(frag.selectionSet);
      measured.set(name, reach);
      return reach;
    };
    const reachOf = (set: SelectionSetNode): Reach => {
      let plain = 0;
      let meta = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value === '__typename') continue;
          const depth = 1 + (sel.selectionSet ? below(reachOf(sel.selectionSet)) : 0);
          if (META_FIELDS.has(sel.name.value)) meta = Math.max(meta, depth);
          else plain = Math.max(plain, depth);
        } else {
          const inner =
            sel.kind === Kind.INLINE_FRAGMENT ? reachOf(sel.selectionSet) : fragmentReach(sel.name.value);
          plain = Math.max(plain, inner.plain);
          meta = Math.max(meta, inner.meta);
        }
      }
      return { plain, meta };
    };
    return {
      OperationDefinition(node) {
        // At the root, `__schema`/`__type` subtrees are measured against the introspection limit.
        const { plain: depth, meta: metaDepth } = reachOf(node.selectionSet);
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
