import { z } from 'zod';

export type BuildMode = 'full' | 'incremental';

/** What CURRENT and each manifest hold about one published snapshot. */
export interface SnapshotInfo {
  readonly id: string;
  /** Path of the DuckDB file relative to the warehouse dir, e.g. `snapshots/<id>.duckdb`. */
  readonly file: string;
  readonly publishedAt: string;
  readonly mode: BuildMode;
  /** The snapshot an incremental build copied, or null for a full build. */
  readonly basedOn: string | null;
  /** Whatever the builder passed to `publish` (ETL run id, row counts, …). */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** The ETL run that published a snapshot (`meta.runId`), or null when it was built another way. */
export function snapshotRunId(info: Pick<SnapshotInfo, 'meta'>): string | null {
  const runId = info.meta.runId;
  return typeof runId === 'string' ? runId : null;
}

const snapshotInfoSchema = z.object({
  id: z.string(),
  file: z.string(),
  publishedAt: z.string(),
  mode: z.enum(['full', 'incremental']).default('full'),
  basedOn: z.string().nullable().default(null),
  meta: z.record(z.string(), z.unknown()).default({}),
});

/** Parses CURRENT or a manifest; a corrupted file fails here with its path, not deep in DuckDB. */
export function parseSnapshotInfo(text: string, source: string): SnapshotInfo {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = snapshotInfoSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${source} is not a snapshot pointer: ${parsed.error.message}`);
  return parsed.data;
}

export function formatSnapshotInfo(info: SnapshotInfo): string {
  return `${JSON.stringify(info, null, 2)}\n`;
}
