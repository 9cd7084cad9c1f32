export { type BuildMartsOptions, buildMarts } from './build.ts';
export * from './contract.ts';
export { MART_MODELS, type MartModel } from './mart-models.ts';
export { martsContentHash } from './marts-content-hash.ts';
