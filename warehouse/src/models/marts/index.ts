export { type BuildMartsOptions, type BuildMartsResult, buildMarts } from './build.ts';
export * from './contract.ts';
export { MART_MODELS, type MartModel } from './mart-models.ts';
export { MART_DELTA_TABLE, type MartDelta, readMartDeltas, readMartTokens } from './mart-tokens.ts';
export { martsContentHash } from './marts-content-hash.ts';
export { personIdSql } from './sql-fragments.ts';
