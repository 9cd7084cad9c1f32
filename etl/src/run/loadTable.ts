import { chmod } from 'node:fs/promises';
import {
  appendQuarantineRecords,
  type Db,
  type QuarantineCount,
  quarantineTableFile,
  type TableRunCounts,
} from '@asn/warehouse';
import { createLanding, landCsv, landStaged } from '../load/landTable.ts';
import { pseudonymiseLanding } from '../load/pseudonymiseLanding.ts';
import { deleteVanishedKeys } from '../load/reconcileKeys.ts';
import { writeStg } from '../load/writeStg.ts';
import type { SourceTableName } from '../source-schema/catalog.ts';
import type { StagedTable } from '../sources/staged.ts';
import { type LandingTableName, landingColumns, XAPI_TABLE } from '../validate/checkedColumns.ts';
import { checkSql } from '../validate/checkSql.ts';
import { ident, lit } from '../validate/sql.ts';

export interface LoadContext {
  readonly db: Db;
  readonly runId: string;
  readonly warehouseDir: string;
  readonly scratchDir: string;
  readonly secret: string;
  /** stg started empty (full build): no deletes needed. */
  readonly emptyStg: boolean;
  /** Stamped on file-drop rows without `updated_at` (the source of record stamps it; a sheet can't). */
  readonly receivedAt: string;
}

export interface TableInput {
  readonly table: LandingTableName;
  readonly pgFile: string | null;
  /** Rows PostgreSQL reported for the COPY. */
  readonly pgRows: number;
  readonly keysFile: string | null;
  readonly staged: readonly StagedTable[];
}

export interface TableOutcome {
  readonly counts: TableRunCounts;
  readonly quarantine: QuarantineCount[];
  /** max(updated_at) of the PostgreSQL rows read, or null when none were read. */
  readonly watermark: string | null;
  /** Some keys this table held before are gone (children may need the orphan sweep). */
  readonly lostKeys: boolean;
}

export class ReconciliationError extends Error {
  readonly code = 'RECONCILIATION_FAILED';
}

/**
 * One table through the pipeline: land (bulk) → key reconcile → pseudonyms → ONE validation pass →
 * quarantine (bulk COPY to NDJSON) → stg upsert, then the reconciliation
 * read = loaded + quarantined and inserted = loaded − collapsed. A mismatch throws: the run fails.
 */
export async function loadTable(ctx: LoadContext, input: TableInput): Promise<TableOutcome> {
  const started = performance.now();
  const { db } = ctx;
  const { table } = input;
  const landed = `land.${ident(`l_${table}`)}`;
  const checked = `land.${ident(`c_${table}`)}`;
  await createLanding(db, table);
  let read = 0;
  let parseRejected = 0;
  if (input.pgFile) {
    const n = await landCsv(db, table, input.pgFile, 'postgres');
    if (n !== input.pgRows) {
      throw new ReconciliationError(`${table}: PostgreSQL copied ${input.pgRows} rows but ${n} landed`);
    }
    read += n;
  }
  for (const [i, staged] of input.staged.entries()) {
    const n = await landStaged(db, staged, ctx.scratchDir, ctx.secret, i);
    if (n !== staged.rows.length) {
      throw new ReconciliationError(`${staged.source}: ${staged.rows.length} rows parsed but ${n} landed`);
    }
    read += n + staged.rejected.length;
    parseRejected += staged.rejected.length;
    await appendQuarantineRecords(
      ctx.warehouseDir,
      ctx.runId,
      staged.rejected.map((r) => ({
        run_id: ctx.runId,
        source: r.source,
        table: r.table,
        row_number: r.rowNumber,
        raw: r.raw,
        reason: r.reason,
        detail: r.detail,
      })),
    );
  }
  if (table !== XAPI_TABLE && input.staged.length > 0) {
    await db.run(
      `UPDATE ${landed} SET updated_at = ${lit(ctx.receivedAt)} WHERE updated_at IS NULL AND _source <> 'postgres'`,
    );
  }

  let watermark: string | null = null;
  if (input.pgFile && input.pgRows > 0) {
    const [row] = await db.all<{ w: string | null }>(
      `SELECT strftime(max(TRY_CAST(updated_at AS TIMESTAMPTZ)) AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f') || '+00' AS w
       FROM ${landed} WHERE _source = 'postgres'`,
    );
    watermark = row?.w ?? null;
  }

  let deleted = 0;
  if (input.keysFile && table !== XAPI_TABLE) {
    deleted = await deleteVanishedKeys(db, table as SourceTableName, input.keysFile);
  }
  await pseudonymiseLanding(db, table, ctx.secret, ctx.scratchDir);
  await db.exec(checkSql(table, { dedupe: input.staged.length > 0 }));

  const [totals] = await db.all<{ total: number; loaded: number; collapsed: number }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE _reason IS NULL) AS loaded,
       count(*) FILTER (WHERE _collapsed) AS collapsed FROM ${checked}`,
  );
  const total = Number(totals?.total ?? 0);
  const loaded = Number(totals?.loaded ?? 0);
  const collapsed = Number(totals?.collapsed ?? 0);
  const byReason = await db.all<{ source: string; reason: string; n: number }>(
    `SELECT _source AS source, _reason AS reason, count(*) AS n FROM ${checked}
     WHERE _reason IS NOT NULL GROUP BY ALL ORDER BY ALL`,
  );
  const quarantine: QuarantineCount[] = byReason.map((r) => ({
    runId: ctx.runId,
    source: r.source,
    table,
    reason: r.reason,
    rows: Number(r.n),
  }));
  for (const staged of input.staged) {
    for (const r of staged.rejected) {
      const hit = quarantine.find((q) => q.source === r.source && q.reason === r.reason);
      if (hit) Object.assign(hit, { rows: hit.rows + 1 });
      else quarantine.push({ runId: ctx.runId, source: r.source, table, reason: r.reason, rows: 1 });
    }
  }
  const sqlQuarantined = total - loaded;
  if (sqlQuarantined > 0) await copyQuarantine(ctx, table);

  const { replaced, inserted } = await writeStg(db, table, ctx.runId, ctx.emptyStg);
  const quarantined = sqlQuarantined + parseRejected;
  if (read !== loaded + quarantined || inserted !== loaded - collapsed) {
    throw new ReconciliationError(
      `${table} does not reconcile: read ${read} ≠ loaded ${loaded} + quarantined ${quarantined}, or inserted ${inserted} ≠ loaded − collapsed ${loaded - collapsed}`,
    );
  }
  return {
    counts: {
      table,
      read,
      loaded,
      quarantined,
      collapsed,
      inserted,
      deleted,
      seconds: (performance.now() - started) / 1000,
    },
    quarantine,
    watermark,
    lostKeys: deleted > 0 || (replaced > 0 && quarantined > 0),
  };
}

/** Bulk-writes the quarantined rows of a table as NDJSON, raw row included, owner-readable only. */
async function copyQuarantine(ctx: LoadContext, table: LandingTableName): Promise<void> {
  const file = await quarantineTableFile(ctx.warehouseDir, ctx.runId, table);
  const struct = landingColumns(table)
    .map((c) => `${ident(c.name)} := l.${ident(c.name)}`)
    .join(', ');
  await ctx.db.exec(`COPY (
    SELECT ${lit(ctx.runId)} AS run_id, c._source AS source, ${lit(table)} AS "table", c._row_number AS row_number,
      coalesce(l._raw, CAST(to_json(struct_pack(${struct})) AS VARCHAR)) AS raw, c._reason AS reason, c._detail AS detail
    FROM land.${ident(`c_${table}`)} AS c JOIN land.${ident(`l_${table}`)} AS l ON l.rowid = c._rid
    WHERE c._reason IS NOT NULL ORDER BY c._rid
  ) TO ${lit(file)} (FORMAT json)`);
  await chmod(file, 0o600);
}
