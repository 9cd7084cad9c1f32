import { chmod } from 'node:fs/promises';
import {
  appendQuarantineRecords,
  type Db,
  type QuarantineCount,
  quarantineTableFile,
  type TableRunCounts,
} from '@asn/warehouse';
import { createLanding, csvLandingSelect, landCsv, landStaged, typedCsvSelect } from '../load/landTable.ts';
import { pseudonymiseLanding } from '../load/pseudonymiseLanding.ts';
import type { KeyReconcile } from '../load/reconcileKeys.ts';
import { COLUMN_RULE_PARENTS } from '../load/sweepOrphans.ts';
import {
  collapseOntoStored,
  dropOntoStored,
  insertStgSql,
  restoreOntoStored,
  writeStg,
} from '../load/writeStg.ts';
import { type StagedInput, stagedBatches } from '../sources/staged.ts';
import {
  keyColumn,
  type LandingTableName,
  landingColumns,
  PSEUDONYM_COLUMNS,
  XAPI_TABLE,
} from '../validate/checkedColumns.ts';
import { checkSql, goodRowsSql } from '../validate/checkSql.ts';
import { quarantineSelfOrphans } from '../validate/selfReference.ts';
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

/** One CSV file of a PostgreSQL extract and the rows PostgreSQL reported for its COPY. */
export interface PgPart {
  readonly file: string;
  readonly rows: number;
}

export interface TableInput {
  readonly table: LandingTableName;
  /**
   * The table's PostgreSQL extract, in parts (a big table is copied in chunks), each a promise that
   * resolves when its COPY has finished: the loader lands a part while the next is still copied.
   * Null when PostgreSQL does not feed this table.
   */
  readonly pgParts: readonly Promise<PgPart>[] | null;
  /**
   * The key reconcile (incremental runs only; see `reconcileKeys`): deletes the stg rows from
   * PostgreSQL whose key is gone at the source, and returns how many (`deleted`: only keys gone at
   * the source, `removed`: every stg row it took out, swept children read again included) and the
   * extract of the rows the watermark missed. Called once the table's rows are written; the late
   * rows are then loaded the same way.
   */
  readonly reconcile: ((db: Db, quarantined: string | null) => Promise<KeyReconcile>) | null;
  /** File-drop / xAPI rows: whole tables, or CSV drops read and landed batch by batch. */
  readonly staged: readonly StagedInput[];
  /** These are the rows the key reconcile found missing (their quarantine goes to a file of its own). */
  readonly late?: boolean;
}

export interface TableOutcome {
  readonly counts: TableRunCounts;
  readonly quarantine: QuarantineCount[];
  /** max(updated_at) of the PostgreSQL rows read, or null when none were read. */
  readonly watermark: string | null;
  /** Some keys this table held before are gone (children may need the orphan sweep). */
  readonly lostKeys: boolean;
  /** Rows the key reconcile found that the watermark had missed (included in the counts). */
  readonly late: number;
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
  // A table that only PostgreSQL feeds is validated straight from its CSV files (see loadDirect).
  // Tables with file-drop / xAPI rows (dedupe, row numbers), pseudonyms (joined by rowid) or a
  // self-reference (reads the landed keys) land first.
  if (input.pgParts && input.staged.length === 0 && directCheckable(input.table)) {
    return loadDirect(ctx, input, input.pgParts);
  }
  const started = performance.now();
  const { db } = ctx;
  const { table } = input;
  const landed = `land.${ident(`l_${table}`)}`;
  const checked = `land.${ident(`c_${table}`)}`;
  let read = 0;
  let parseRejected = 0;
  let pgRows = 0;
  await createLanding(db, table);
  for (const pending of input.pgParts ?? []) {
    const part = await pending;
    const n = await landCsv(db, table, part.file, 'postgres');
    if (n !== part.rows) {
      throw new ReconciliationError(`${table}: PostgreSQL copied ${part.rows} rows but ${n} landed`);
    }
    read += n;
    pgRows += n;
  }
  // Rows the parser (or landStaged) rejected, per source and reason, in the order first met.
  const parseCounts = new Map<string, QuarantineCount>();
  for (const [i, entry] of input.staged.entries()) {
    // A drop's batches are landed one at a time (each overwrites the same scratch file), so only
    // one batch of it is ever held.
    for await (const staged of stagedBatches(entry)) {
      const n = await landStaged(db, staged, ctx.scratchDir, ctx.secret, i);
      if (n !== staged.rows.length) {
        throw new ReconciliationError(`${staged.source}: ${staged.rows.length} rows parsed but ${n} landed`);
      }
      read += n + staged.rejected.length;
      parseRejected += staged.rejected.length;
      for (const r of staged.rejected) {
        const key = `${r.source}\u0000${r.reason}`;
        const hit = parseCounts.get(key);
        if (hit) parseCounts.set(key, { ...hit, rows: hit.rows + 1 });
        else parseCounts.set(key, { runId: ctx.runId, source: r.source, table, reason: r.reason, rows: 1 });
      }
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
  }
  if (table !== XAPI_TABLE && input.staged.length > 0) {
    await db.run(
      `UPDATE ${landed} SET updated_at = ${lit(ctx.receivedAt)} WHERE updated_at IS NULL AND _source <> 'postgres'`,
    );
  }

  await pseudonymiseLanding(db, table, ctx.secret, ctx.scratchDir);
  await db.exec(checkSql(table, { dedupe: input.staged.length > 0 }));
  await quarantineSelfOrphans(db, table, checked, landed);
  // Drop copies of PostgreSQL rows already in stg are collapsed onto them, as a full run, which
  // reads the PostgreSQL row again, collapses them (counted below).
  const ontoStored = !ctx.emptyStg && table !== XAPI_TABLE && input.staged.length > 0;
  if (ontoStored) await collapseOntoStored(db, table, checked);

  // One scan of the checked rows for every count and the watermark.
  const [totals] = await db.all<{ total: number; loaded: number; collapsed: number; w: string | null }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE _reason IS NULL) AS loaded,
       count(*) FILTER (WHERE _collapsed) AS collapsed,
       ${table === XAPI_TABLE ? 'NULL' : WATERMARK_OF('updated_at', ` FILTER (WHERE _source = 'postgres')`)} AS w
     FROM ${checked}`,
  );
  const total = Number(totals?.total ?? 0);
  const watermark: string | null = pgRows > 0 ? (totals?.w ?? null) : null;
  const loaded = Number(totals?.loaded ?? 0);
  const collapsed = Number(totals?.collapsed ?? 0);
  const quarantine = await quarantineCounts(ctx, table, checked);
  for (const parsed of parseCounts.values()) {
    const hit = quarantine.find((q) => q.source === parsed.source && q.reason === parsed.reason);
    if (hit) Object.assign(hit, { rows: hit.rows + parsed.rows });
    else quarantine.push(parsed);
  }
  const sqlQuarantined = total - loaded;
  if (sqlQuarantined > 0) await copyQuarantine(ctx, table, checked, input.late);

  const { replaced, inserted } = await writeStg(db, table, ctx.runId, ctx.emptyStg, checked);
  if (ontoStored && !input.reconcile) await dropOntoStored(db, table);
  const quarantined = sqlQuarantined + parseRejected;
  const own = outcome(
    table,
    started,
    { read, loaded, quarantined, collapsed, inserted, deleted: 0, replaced },
    quarantine,
    watermark,
  );
  return table === XAPI_TABLE
    ? own
    : withReconcile(
        ctx,
        input,
        own,
        sqlQuarantined > 0
          ? `(SELECT id, updated_at FROM ${checked} WHERE _reason IS NOT NULL AND _source = 'postgres')`
          : null,
        ontoStored ? checked : null,
      );
}

/**
 * Runs the table's key reconcile (if any) once its rows are in stg: counts the deletions, and
 * loads the rows the watermark missed through the same pipeline, adding them to the outcome.
 * `ontoStored` (the checked rows, when `collapseOntoStored` ran): drop copies of PostgreSQL rows
 * the reconcile deleted, gone at the source, are inserted then (`restoreOntoStored`), collapsed no
 * longer, before the late rows overwrite the checked rows.
 */
async function withReconcile(
  ctx: LoadContext,
  input: TableInput,
  own: TableOutcome,
  quarantined: string | null,
  ontoStored: string | null = null,
): Promise<TableOutcome> {
  if (!input.reconcile) return own;
  const { deleted, removed, late } = await input.reconcile(ctx.db, quarantined);
  const restored = ontoStored
    ? await restoreOntoStored(
        ctx.db,
        input.table,
        ctx.runId,
        ontoStored,
        late
          ? `(SELECT TRY_CAST(id AS BIGINT) AS id FROM (${csvLandingSelect(input.table, late.file, 'postgres')}))`
          : null,
      )
    : 0;
  const counts = {
    ...own.counts,
    collapsed: own.counts.collapsed - restored,
    inserted: own.counts.inserted + restored,
    deleted: own.counts.deleted + deleted,
  };
  // Rows swept and read again (quarantined now, say) are not deleted, but their children may be
  // orphans: every removal counts for the sweep.
  let result: TableOutcome = { ...own, counts, lostKeys: own.lostKeys || removed > 0 };
  if (!late) return result;
  const caught = await loadTable(ctx, {
    table: input.table,
    pgParts: [Promise.resolve(late)],
    reconcile: null,
    staged: [],
    late: true,
  });
  const c = caught.counts;
  const quarantine = [...result.quarantine];
  for (const q of caught.quarantine) {
    const hit = quarantine.findIndex((x) => x.source === q.source && x.reason === q.reason);
    const prev = quarantine[hit];
    if (prev) quarantine[hit] = { ...prev, rows: prev.rows + q.rows };
    else quarantine.push(q);
  }
  result = {
    counts: {
      ...result.counts,
      read: result.counts.read + c.read,
      loaded: result.counts.loaded + c.loaded,
      quarantined: result.counts.quarantined + c.quarantined,
      collapsed: result.counts.collapsed + c.collapsed,
      inserted: result.counts.inserted + c.inserted,
      seconds: result.counts.seconds + c.seconds,
    },
    quarantine,
    watermark: maxWatermark(result.watermark, caught.watermark),
    lostKeys: result.lostKeys || caught.lostKeys,
    late: c.read,
  };
  return result;
}

/** The later of two watermarks (same fixed-width UTC text, so text order is time order). */
function maxWatermark(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** `max(<col>)` as the watermark text the ETL stores (UTC, microseconds, `+00`). */
const WATERMARK_OF = (column: string, filter = '') =>
  `strftime(max(${ident(column)})${filter} AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f') || '+00'`;

/**
 * A PostgreSQL-only table without personal data, part by part (parts land while later ones are
 * still copied). Full build, the fast path: ONE statement per part reads the CSV with DuckDB's
 * parallel typed reader, applies every rule, and inserts the rows that pass into stg — no text
 * copy, no checked copy. Only when a part has rows that fail (fewer inserted than PostgreSQL
 * copied), or a value does not even parse, is the part checked again the text way (`checkSql`, as
 * for every other table) to quarantine exactly those rows. Incremental runs (small parts, and
 * replaced keys to delete) always check the text way.
 */
async function loadDirect(
  ctx: LoadContext,
  input: TableInput,
  parts: readonly Promise<PgPart>[],
): Promise<TableOutcome> {
  const started = performance.now();
  const { db } = ctx;
  const { table } = input;
  // The failing rows of every part, in the checked shape (no personal data: a temp table).
  const bad = `temp.main.${ident(`q_${table}`)}`;
  const checked = `temp.main.${ident(`c_${table}`)}`;
  await db.exec(`DROP TABLE IF EXISTS ${bad}`);
  // Row order within stg carries no meaning, and keeping the CSV's order serialises the parallel
  // reader and insert: off for this table's statements (restored below).
  const [setting] = await db.all<{ v: boolean }>(`SELECT current_setting('preserve_insertion_order') AS v`);
  await db.exec('SET preserve_insertion_order = false');
  try {
    return await loadDirectParts(ctx, input, parts, started, bad, checked);
  } finally {
    await db.exec(`SET preserve_insertion_order = ${setting?.v === false ? 'false' : 'true'}`);
  }
}

async function loadDirectParts(
  ctx: LoadContext,
  input: TableInput,
  parts: readonly Promise<PgPart>[],
  started: number,
  bad: string,
  checked: string,
): Promise<TableOutcome> {
  const { db, runId } = ctx;
  const { table } = input;
  const stg = `stg.${ident(table)}`;
  const key = ident(keyColumn(table));
  let read = 0;
  let loaded = 0;
  let quarantined = 0;
  let replaced = 0;
  let badRows = false;
  for (const pending of parts) {
    const part = await pending;
    read += part.rows;
    let fast: number | null = null;
    if (ctx.emptyStg) {
      fast = await db
        .run(
          insertStgSql(
            table,
            runId,
            `(${goodRowsSql(table, { from: typedCsvSelect(table, part.file, 'postgres'), typed: true, notNullInStg: true })})`,
          ),
        )
        .catch((error: unknown) => {
          // A value the typed reader cannot parse (BAD_TYPE), or an empty required value that stg's
          // NOT NULL refused (goodRowsSql's notNullInStg): the text path below finds and
          // quarantines it. The failed statement inserted nothing (statements are atomic).
          if (/conver|cast|CSV|NOT NULL constraint/i.test(String(error))) return null;
          throw error;
        });
      if (fast === part.rows) {
        loaded += fast;
        continue;
      }
    }
    await db.exec(
      checkSql(table, {
        dedupe: false,
        from: csvLandingSelect(table, part.file, 'postgres'),
        temp: true,
      }),
    );
    const [c] = await db.all<{ total: number; good: number }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE _reason IS NULL) AS good FROM ${checked}`,
    );
    const total = Number(c?.total ?? 0);
    const good = Number(c?.good ?? 0);
    if (total !== part.rows) {
      throw new ReconciliationError(`${table}: PostgreSQL copied ${part.rows} rows but ${total} were read`);
    }
    if (fast !== null && fast !== good) {
      throw new ReconciliationError(
        `${table}: the typed pass loaded ${fast} rows but the text pass finds ${good} good ones`,
      );
    }
    if (!ctx.emptyStg) {
      replaced += await db.run(`DELETE FROM ${stg} WHERE ${key} IN (SELECT ${key} FROM ${checked})`);
    }
    if (fast === null) {
      fast = await db.run(insertStgSql(table, runId, `(SELECT * FROM ${checked} WHERE _reason IS NULL)`));
    }
    loaded += fast;
    if (total > good) {
      await db.exec(
        badRows
          ? `INSERT INTO ${bad} SELECT * FROM ${checked} WHERE _reason IS NOT NULL`
          : `CREATE TEMP TABLE ${ident(`q_${table}`)} AS SELECT * FROM ${checked} WHERE _reason IS NOT NULL`,
      );
      badRows = true;
      quarantined += total - good;
    }
    await db.exec(`DROP TABLE IF EXISTS ${checked}`);
  }
  const quarantine = badRows ? await quarantineCounts(ctx, table, bad) : [];
  if (badRows) await copyQuarantine(ctx, table, bad, input.late);
  // The watermark: the latest updated_at read, i.e. over this run's stg rows and the failing ones.
  const [w] = await db.all<{ w: string | null }>(
    `SELECT ${WATERMARK_OF('updated_at')} AS w FROM (
       SELECT updated_at FROM ${stg} WHERE _run_id = ${lit(runId)} AND _source = 'postgres'
       ${badRows ? `UNION ALL SELECT updated_at FROM ${bad}` : ''})`,
  );
  const own = outcome(
    table,
    started,
    { read, loaded, quarantined, collapsed: 0, inserted: loaded, deleted: 0, replaced },
    quarantine,
    read > 0 ? (w?.w ?? null) : null,
  );
  try {
    return await withReconcile(ctx, input, own, badRows ? `(SELECT id, updated_at FROM ${bad})` : null);
  } finally {
    if (badRows) await db.exec(`DROP TABLE IF EXISTS ${bad}`);
  }
}

/** Rows quarantined by the SQL rules, per source and reason. */
async function quarantineCounts(
  ctx: LoadContext,
  table: LandingTableName,
  checked: string,
): Promise<QuarantineCount[]> {
  const byReason = await ctx.db.all<{ source: string; reason: string; n: number }>(
    `SELECT _source AS source, _reason AS reason, count(*) AS n FROM ${checked}
     WHERE _reason IS NOT NULL GROUP BY ALL ORDER BY ALL`,
  );
  return byReason.map((r) => ({
    runId: ctx.runId,
    source: r.source,
    table,
    reason: r.reason,
    rows: Number(r.n),
  }));
}

/** Reconciles read = loaded + quarantined and inserted = loaded − collapsed, or throws. */
function outcome(
  table: LandingTableName,
  started: number,
  n: {
    read: number;
    loaded: number;
    quarantined: number;
    collapsed: number;
    inserted: number;
    deleted: number;
    replaced: number;
  },
  quarantine: QuarantineCount[],
  watermark: string | null,
): TableOutcome {
  const { read, loaded, quarantined, collapsed, inserted, deleted, replaced } = n;
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
    // Replaced rows lose no id, but a rule may read the replaced columns (a service level's
    // service_type, an offering's starts_on): their children are swept then too.
    lostKeys: deleted > 0 || (replaced > 0 && (quarantined > 0 || COLUMN_RULE_PARENTS.has(table))),
    late: 0,
  };
}

/** Whether a PostgreSQL-only table can be validated straight from its CSV (see `loadTable`). */
function directCheckable(table: LandingTableName): boolean {
  if (table === XAPI_TABLE || (PSEUDONYM_COLUMNS[table]?.length ?? 0) > 0) return false;
  // Personal data lands only in the scratch file, never in the build's memory or temp spill.
  return !landingColumns(table).some((c) => c.references === table || c.personal);
}

/** Bulk-writes the quarantined rows of a table as NDJSON, raw row included, owner-readable only. */
async function copyQuarantine(
  ctx: LoadContext,
  table: LandingTableName,
  checked: string,
  late = false,
): Promise<void> {
  const file = await quarantineTableFile(ctx.warehouseDir, ctx.runId, late ? `${table}.late` : table);
  const key = ident(table === XAPI_TABLE ? 'statement_id' : 'id');
  await ctx.db.exec(`COPY (
    SELECT ${lit(ctx.runId)} AS run_id, c._source AS source, ${lit(table)} AS "table", c._row_number AS row_number,
      c._raw AS raw, c._reason AS reason, c._detail AS detail
    FROM ${checked} AS c
    WHERE c._reason IS NOT NULL ORDER BY c._rid, c._row_number, c.${key}
  ) TO ${lit(file)} (FORMAT json)`);
  await chmod(file, 0o600);
}
