import { z } from 'zod';

/**
 * The only place the warehouse package reads its environment. Library functions take these
 * values as parameters; this exists for the processes (API, ETL, bench) that want the
 * documented defaults.
 */
const schema = z.object({
  DATA_DIR: z.string().default('data'),
  WAREHOUSE_DIR: z.string().optional(),
  /** Minimum cell size: aggregates over fewer units are suppressed (DOMAIN §9). */
  SUPPRESSION_MIN_N: z.coerce.number().int().min(1).default(5),
  /** Minutes in one JP (jam pelajaran); no regulation fixes it (DOMAIN §2, confidence L). */
  JP_MINUTES: z.coerce.number().positive().default(45),
  /** Snapshots kept for rollback and reproducibility. */
  SNAPSHOTS_KEEP: z.coerce.number().int().min(1).default(5),
});

/** The variables this package reads (README "Configuration" and `.env.example` list each: `scripts/config-docs.test.ts`). */
export const WAREHOUSE_SETTINGS: readonly string[] = Object.keys(schema.shape);

export type WarehouseEnv = z.infer<typeof schema> & { WAREHOUSE_DIR: string };

export function readWarehouseEnv(source: NodeJS.ProcessEnv = process.env): WarehouseEnv {
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid warehouse environment: ${problems}`);
  }
  return { ...parsed.data, WAREHOUSE_DIR: parsed.data.WAREHOUSE_DIR ?? `${parsed.data.DATA_DIR}/warehouse` };
}
