// Public entry point of @asn/api.
import 'reflect-metadata';

export { tokenEntry } from './auth/hash-token.ts';
export { ROLES, type Role } from './auth/roles.ts';
export { type TokenEntry, TokenStore } from './auth/token-store.ts';
export { type ApiBenchOptions, type ApiBenchResult, runApiBench } from './bench/api-bench.ts';
export { cannotServe, readApiEnvOrExit, runServer } from './cli/run-server.ts';
export { API_SETTINGS, type ApiEnv, readApiEnv } from './env.ts';
export type { MetricPort } from './metrics/metric-port.ts';
export { warehouseMetrics } from './metrics/warehouse-metrics.ts';
export { printApiSchema } from './schema/build-schema.ts';
export { type Api, type ApiOptions, createApi } from './server/create-api.ts';
export { ListenError, type RunningServer, startServer } from './server/start-server.ts';
