// Public entry point of @asn/warehouse: the only package that talks to DuckDB.
// Append exports here; keep one line per sub-module barrel.
export * from './catalog/index.ts';
export * from './db/index.ts';
export * from './disclosure/index.ts';
export { readWarehouseEnv, WAREHOUSE_SETTINGS, type WarehouseEnv } from './env.ts';
export * from './ikm/index.ts';
export * from './metrics/filter.ts';
export * from './metrics/index.ts';
export * from './models/marts/contract.ts';
export * from './models/marts/index.ts';
export * from './models/region/index.ts';
export * from './models/stg/contract.ts';
export * from './quarantine/index.ts';
export * from './roi/index.ts';
export * from './runlog/index.ts';
export * from './snapshot/index.ts';
export * from './stats/index.ts';
export * from './tests/index.ts';
