import { join } from 'node:path';
import { readApiEnv } from '@asn/api';
import { type Db, openDb, readCurrent, type TimeGrain } from '../../warehouse/src/index.ts';

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

/**
 * `--years 2021-2025` and `--grains month,quarter,year` of the margin audits, checked: the years
 * (first to last, inclusive) and the grains, in the order given.
 */
export function yearsAndGrains(args: { readonly years: string; readonly grains: string }): {
  readonly first: number;
  readonly last: number;
  readonly grains: readonly TimeGrain[];
} {
  const grains = args.grains.split(',').filter(Boolean) as TimeGrain[];
  for (const g of grains)
    if (!['month', 'quarter', 'year'].includes(g))
      throw new Error(`--grains: ${g} is none of month, quarter, year`);
  const [first, last = first] = args.years.split('-').map(Number) as [number, number?];
  return { first, last, grains };
}

/** The published snapshot the API serves (`auditEnv`), opened read-only, and the minimum cell size. */
export async function openAuditedSnapshot(): Promise<{ readonly db: Db; readonly minN: number }> {
  const { warehouseDir, minN } = auditEnv();
  const current = await readCurrent(warehouseDir);
  if (!current) throw new Error(`no published snapshot in ${warehouseDir} (set WAREHOUSE_DIR or DATA_DIR)`);
  return { db: await openDb(join(warehouseDir, current.file), { mode: 'read-only' }), minN };
}
