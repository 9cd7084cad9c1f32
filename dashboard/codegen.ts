import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from `schema.graphql` (the API's emitted, committed schema) and the documents
 * in `src/graphql/operations/*.graphql`: `npm run codegen -w dashboard` writes
 * `src/graphql/operations.generated.ts` (result and variable types plus one `TypedDocumentNode`
 * per operation, which Apollo Client sends as is) and `src/graphql/possible-types.generated.ts`
 * (interface implementations for the cache). `src/graphql/codegen.test.ts` fails when either is stale.
 */
const dashboard = fileURLToPath(new URL('.', import.meta.url));

const generatedFile = 'src/graphql/operations.generated.ts';
const possibleTypesFile = 'src/graphql/possible-types.generated.ts';

const config: CodegenConfig = {
  schema: `${dashboard}../schema.graphql`,
  documents: `${dashboard}src/graphql/operations/*.graphql`,
  generates: {
    [`${dashboard}${generatedFile}`]: {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars: {
          // `YYYY-MM-DD` and ISO-8601 timestamps travel as strings; SafeInt fits a JS number.
          DateTimeISO: 'string',
          LocalDate: 'string',
          SafeInt: 'number',
        },
        strictScalars: true,
        enumType: 'string-literal',
        useTypeImports: true,
      },
    },
    // Which concrete types implement each interface/union (e.g. `MetricRow`): without it Apollo's
    // cache cannot match the `MetricRowFields` fragment and drops its fields from every metric row.
    [`${dashboard}${possibleTypesFile}`]: {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, useExplicitTyping: true, deterministic: true },
    },
  },
};

export default config;
