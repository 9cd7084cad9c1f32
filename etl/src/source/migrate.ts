import type { Knex } from 'knex';
import * as sourceSchemaV1 from '../source-schema/migrations/20261129000001_source_schema.ts';

/**
 * Migrations are listed here explicitly rather than discovered on disk: knex's directory
 * loader uses a bare dynamic import, which cannot load TypeScript under every runner
 * (tsx, vitest) we use. Append new migrations to the end; never reorder or rename.
 */
export const MIGRATIONS: ReadonlyArray<readonly [string, Knex.Migration]> = [
  ['20261129000001_source_schema', sourceSchemaV1],
];

const migrationSource: Knex.MigrationSource<readonly [string, Knex.Migration]> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

/** Brings the source schema to the latest version. Safe to call on every start. */
export async function migrateSource(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

export async function rollbackSource(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource }, true);
}
