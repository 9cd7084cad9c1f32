/**
 * Writes `schema.graphql` at the repo root (the contract the dashboard builds against):
 *
 *   npx tsx api/src/schema/emit-schema.ts
 *
 * Works from any directory: tsx reads the tsconfig of the working directory (outside the repo, or
 * with another one there, maybe none that enables the legacy decorators type-graphql needs), so
 * the schema modules load through a tsx loader registered with api/tsconfig.json, which extends
 * tsconfig.base.json where they are enabled. This file itself has no decorators.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { SCHEMA_FILE } from './schema-file.ts';

const API_TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const api = register({ tsconfig: API_TSCONFIG, namespace: 'asn-api-schema' });
  const { printApiSchema } = (await api.import(
    './build-schema.ts',
    import.meta.url,
  )) as typeof import('./build-schema.ts');
  await writeFile(SCHEMA_FILE, await printApiSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
