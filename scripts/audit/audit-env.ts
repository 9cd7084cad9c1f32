import { readApiEnv } from '@asn/api';

/**
 * Where the audit reads and which threshold it assumes: the API's own settings (api/src/env.ts), so
 * it audits the snapshot the API serves (WAREHOUSE_DIR, else $DATA_DIR/warehouse) at the minimum
 * cell size the API suppresses below (an empty SUPPRESSION_MIN_N is the default, 5, as for the API).
 */
export function auditEnv(source: NodeJS.ProcessEnv = process.env): {
  readonly warehouseDir: string;
  readonly minN: number;
} {
  const env = readApiEnv(source);
  return { warehouseDir: env.WAREHOUSE_DIR, minN: env.SUPPRESSION_MIN_N };
}
