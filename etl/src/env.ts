import { z } from 'zod';
import { DEMO_PSEUDONYM_KEY } from './load/keyFingerprint.ts';
import { DEFAULT_SOURCE_TIME_ZONE, isTimeZone } from './sources/files/local-time.ts';

/**
 * The only place the etl package reads its environment. Parsed once, validated, typed, so a
 * bad value fails at start-up with the variable's name rather than deep inside a driver.
 */
const schema = z.object({
  /** Operational source. Unset → embedded PGlite under `<DATA_DIR>/source`. */
  SOURCE_DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('data'),
  WAREHOUSE_DIR: z.string().optional(),
  /** HMAC key for employee pseudonyms. The default is for the demo only; production must set it. */
  PSEUDONYM_KEY: z.string().min(16).default(DEMO_PSEUDONYM_KEY),
  /**
   * The demo key is refused with a source other than the embedded demo (`runEtl`) unless this is
   * set: test data only (`true`, `1`, `yes`, `on`).
   */
  ALLOW_DEMO_PSEUDONYM_KEY: z
    .string()
    .optional()
    .transform((v) => v !== undefined && /^(true|1|yes|on)$/i.test(v.trim())),
  JP_MINUTES: z.coerce.number().positive().default(45),
  /** The zone of spreadsheet timestamps written without one (an Excel date cell has none): WIB. */
  SOURCE_TIME_ZONE: z
    .string()
    .refine(isTimeZone, { message: 'not an IANA time zone (e.g. Asia/Jakarta)' })
    .default(DEFAULT_SOURCE_TIME_ZONE),
  /** Published snapshots each run keeps for rollback (the live one is always kept as well). */
  SNAPSHOTS_KEEP: z.coerce.number().int().min(1).max(1000).default(5),
  /** Used by tests to also run against a real PostgreSQL server. */
  TEST_DATABASE_URL: z.url().optional(),
  /** Set by CI runners; turns quiet skips of real-server tests into failures. */
  CI: z.string().optional(),
});

/** The variables this package reads (README "Configuration" and `.env.example` list each: `scripts/config-docs.test.ts`). */
export const ETL_SETTINGS: readonly string[] = Object.keys(schema.shape);

export type EtlEnv = z.infer<typeof schema> & { WAREHOUSE_DIR: string };

export function readEnv(source: NodeJS.ProcessEnv = process.env): EtlEnv {
  const blankToUndefined = Object.fromEntries(
    Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v]),
  );
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid etl environment: ${problems}`);
  }
  return { ...parsed.data, WAREHOUSE_DIR: parsed.data.WAREHOUSE_DIR ?? `${parsed.data.DATA_DIR}/warehouse` };
}
