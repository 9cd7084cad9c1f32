import { chmod } from 'node:fs/promises';
import {
  appendQuarantineRecords,
  type Db,
  type QuarantineCount,
  quarantineTableFile,
  type TableRunCounts,
} from '@asn/warehouse';
import { createLanding, csvLandingSelect, landCsv, landStaged } from '../load/landTable.ts';
import { pseudonymiseLanding } from '../load/pseudonymiseLanding.ts';
import { deleteVanishedKeys } from '../load/reconcileKeys.ts';
import { writeStg } from '../load/writeStg.ts';
import type { SourceTableName } from '../source-schema/catalog.ts';
import type { StagedTable } from '../sources/staged.ts';
import {
  type LandingTableName,
  landingColumns,
  PSEUDONYM_COLUMNS,
  XAPI_TABLE,
} from '../validate/checkedColumns.ts';
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
  // A table that only PostgreSQL feeds is validated straight from its CSV file: one pass from the
  // file to the typed, checked rows, no text copy. Tables with file-drop / xAPI rows (dedupe, row
  // numbers), pseudonyms (joined by rowid) or a self-reference (reads the landed keys) land first.
  const direct = input.pgFile !== null && input.staged.length === 0 && directCheckable(table);
  // Direct tables hold no personal data: their checked rows stay in memory (a temp table).
  const checked = direct ? `temp.main.${ident(`c_${table}`)}` : `land.${ident(`c_${table}`)}`;
  let read = 0;
  let parseRejected = 0;
  if (!direct) await createLanding(db, table);
  if (input.pgFile && !direct) {
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

  let deleted = 0;
  if (input.keysFile && table !== XAPI_TABLE) {
    deleted = await deleteVanishedKeys(db, table as SourceTableName, input.keysFile);
  }
  if (!direct) await pseudonymiseLanding(db, table, ctx.secret, ctx.scratchDir);
  // Direct: the text lands in an in-memory temp table (never in a file), is checked, and is dropped.
  // Reading the CSV inside the check itself is slower: DuckDB re-evaluates the trims per rule.
  const temp = `temp.main.${ident(`l_${table}`)}`;
  if (direct && input.pgFile) {
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE ${ident(`l_${table}`)} AS ${csvLandingSelect(table, input.pgFile, 'postgres')}`,
    );
  }
  await db.exec(
    checkSql(table, {
      dedupe: input.staged.length > 0,
      ...(direct ? { from: `SELECT * FROM ${temp}`, temp: true } : {}),
    }),
  );
  if (direct) await db.exec(`DROP TABLE IF EXISTS ${temp}`);

  // One scan of the checked rows for every count and the watermark.
  const [totals] = await db.all<{ total: number; loaded: number; collapsed: number; w: string | null }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE _reason IS NULL) AS loaded,
       count(*) FILTER (WHERE _collapsed) AS collapsed,
       ${table === XAPI_TABLE ? 'NULL' : `strftime(max(updated_at) FILTER (WHERE _source = 'postgres') AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f') || '+00'`} AS w
     FROM ${checked}`,
  );
  const total = Number(totals?.total ?? 0);
  if (direct && total !== input.pgRows) {
    throw new ReconciliationError(`${table}: PostgreSQL copied ${input.pgRows} rows but ${total} were read`);
  }
  if (direct) read += total;
  const watermark: string | null = input.pgFile && input.pgRows > 0 ? (totals?.w ?? null) : null;
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
  if (sqlQuarantined > 0) await copyQuarantine(ctx, table, checked);

  const { replaced, inserted } = await writeStg(db, table, ctx.runId, ctx.emptyStg, checked);
  if (direct) await db.exec(`DROP TABLE IF EXISTS ${checked}`);
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

/** Whether a PostgreSQL-only table can be validated straight from its CSV (see `loadTable`). */
function directCheckable(table: LandingTableName): boolean {
  if (table === XAPI_TABLE || (PSEUDONYM_COLUMNS[table]?.length ?? 0) > 0) return false;
  // Personal data lands only in the scratch file, never in the build's memory or temp spill.
  return !landingColumns(table).some((c) => c.references === table || c.personal);
}

/** Bulk-writes the quarantined rows of a table as NDJSON, raw row included, owner-readable only. */
async function copyQuarantine(ctx: LoadContext, table: LandingTableName, checked: string): Promise<void> {
  const file = await quarantineTableFile(ctx.warehouseDir, ctx.runId, table);
  const key = ident(table === XAPI_TABLE ? 'statement_id' : 'id');
  await ctx.db.exec(`COPY (
    SELECT ${lit(ctx.runId)} AS run_id, c._source AS source, ${lit(table)} AS "table", c._row_number AS row_number,
      c._raw AS raw, c._reason AS reason, c._detail AS detail
    FROM ${checked} AS c
    WHERE c._reason IS NOT NULL ORDER BY c._rid, c._row_number, c.${key}
  ) TO ${lit(file)} (FORMAT json)`);
  await chmod(file, 0o600);
}
