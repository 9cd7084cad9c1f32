export { type LoadOptions, type LoadResult, loadDemoWorld } from './demo/load.ts';
export { ETL_SETTINGS, type EtlEnv, readEnv } from './env.ts';
export * from './run/index.ts';
export { type ConnectOptions, connectSource, type SourceConnection } from './source/connect.ts';
export { migrateSource, rollbackSource } from './source/migrate.ts';
export {
  CATALOG,
  type ColumnSpec,
  SOURCE_TABLES,
  type SourceTableName,
  type TableSpec,
  tableSpec,
} from './source-schema/catalog.ts';
export {
  publishTemplates,
  TEMPLATES_DIR,
  type TemplateIndex,
} from './sources/files/publish-templates.ts';
export { extractSql } from './sources/postgres/extractSql.ts';
export * from './sources/staged.ts';
export * from './validate/reasons.ts';
