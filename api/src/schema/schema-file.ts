import { fileURLToPath } from 'node:url';

/** `schema.graphql` at the repo root: the contract the dashboard builds against. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
