import { join } from 'node:path';
import {
  appendQuarantineRecords,
  beginBuild,
  createStgTables,
  type EtlRunRecord,
  listRunRecords,
  markInterruptedRuns,
  newSnapshotId,
  type QuarantineCount,
  readCurrent,
  readWatermarks,
  type SnapshotBuild,
  type TableRunCounts,
  writeQuarantineCounts,
  writeRunMeta,
  writeRunRecord,
} from '@asn/warehouse';
import { buildActorMap } from '../load/actorMap.ts';
import { carryForward, sweepCarried } from '../load/carryForward.ts';
import { evictDropKeys } from '../load/evictDropKeys.ts';
import {
  DEMO_PSEUDONYM_KEY,
  DemoPseudonymKeyError,
  demoKeyInUseError,
  keyFingerprint,
  PseudonymKeyChangedError,
  readKeyFingerprint,
  writeKeyFingerprint,
} from '../load/keyFingerprint.ts';
import { reconcileKeys } from '../load/reconcileKeys.ts';
import { openScratch, removeStaleScratch, type ScratchArea } from '../load/scratchArea.ts';
import {
  sweepOrphans,
  sweepSelf,
  sweepTable,
  sweptIdsTable,
  takeSweptDropRows,
} from '../load/sweepOrphans.ts';
import { rebuildXapiEnrollments, storedStatementRejects } from '../load/xapiEnrollments.ts';
import { applyVoidsToStaged, deleteVoidedStatements } from '../load/xapiVoids.ts';
import { connectSource, type SourceConnection } from '../source/connect.ts';
import { SOURCE_TABLES, type SourceTableName } from '../source-schema/catalog.ts';
import { type PostgresExtract, startExtract } from '../sources/postgres/extractPostgres.ts';
import { isStagedDrop, type StagedInput, type StagedTable } from '../sources/staged.ts';
import { type LandingTableName, XAPI_TABLE } from '../validate/checkedColumns.ts';
import { loadTable } from './loadTable.ts';
import { stageSources } from './stageSources.ts';
import type { EtlMode, EtlRunResult, EtlStage, RunEtlOptions } from './types.ts';
import { defaultWarehouseSteps } from './warehouseSteps.ts';

/** Error-level data tests failed: the build is thrown away and nothing is published. */
export class DataTestsFailedError extends Error {
  readonly code = 'DATA_TESTS_FAILED';
  constructor(readonly failed: readonly string[]) {
    super(`data tests failed (error level): ${failed.join(', ')}; nothing was published`);
  }
}

/**
 * Beside the per-table watermarks: the source snapshot's oldest running transaction at the last
 * extract (`PostgresExtract.snapshotXmin`).
 */
export const SOURCE_XMIN = '_source_xmin';

/** Tables in validation order: parents before children (the catalog lists them so), then xAPI. */
const LOAD_ORDER: readonly LandingTableName[] = [...SOURCE_TABLES, XAPI_TABLE];

/**
 * One ETL run: build lock → extract → land → validate → quarantine → stg → marts → data tests →
 * publish. Any exception aborts the build (the live snapshot is untouched), records the run as
 * failed, and is rethrown; when even that record cannot be written (a full disk), the rethrown
 * error's message says so, with the record's path. A second run while one holds the build lock is refused with
 * BuildInProgressError (code BUILD_IN_PROGRESS), also recorded. Once published, the run succeeds:
 * a final record that cannot be written is only logged (the next run records it).
 */
export async function runEtl(options: RunEtlOptions): Promise<EtlRunResult> {
  const { env } = options;
  const dir = env.WAREHOUSE_DIR;
  const started = new Date();
  const runId = newSnapshotId(started);
  const emit = options.onProgress ?? (() => undefined);
  const log = (message: string) => emit({ kind: 'log', message });
  const stage = async (s: EtlStage) => {
    emit({ kind: 'stage', stage: s });
    await options.onStage?.(s);
  };
  const mode: EtlMode = options.mode ?? ((await readCurrent(dir)) ? 'incremental' : 'full');
  let record: EtlRunRecord = {
    runId,
    mode,
    sources: [...options.sources],
    status: 'running',
    startedAt: started.toISOString(),
    finishedAt: null,
    durationMs: null,
    watermarks: {},
    tables: [],
    dataTests: null,
    snapshotId: null,
    error: null,
    pid: process.pid,
  };

  let build: SnapshotBuild | undefined;
  let scratch: ScratchArea | undefined;
  let connection: SourceConnection | undefined;
  let extractRun: PostgresExtract | undefined;
  const tables: TableRunCounts[] = [];
  try {
    // The run's first write: on a full disk it fails like any later step (recorded if it can be).
    await writeRunRecord(dir, record);
    // A folder for a source the run does not read would be silently ignored (`read 0`).
    if (options.filesDir !== undefined && !options.sources.includes('files'))
      throw new Error('filesDir is read only with the files source');
    if ((options.xapiPaths?.length ?? 0) > 0 && !options.sources.includes('xapi'))
      throw new Error('xapiPaths is read only with the xapi source');
    // The demo key is public: with real data, every NIP behind a pseudonym could be brute-forced.
    // File drops and xAPI files are real-world input (the embedded demo is PostgreSQL only), even in
    // a run that also reads the embedded demo; the PostgreSQL source is checked once connected.
    const demoKey = env.PSEUDONYM_KEY === DEMO_PSEUDONYM_KEY && !env.ALLOW_DEMO_PSEUDONYM_KEY;
    if (demoKey) {
      const real = [
        ...(options.sources.includes('files') || (options.staged ?? []).some((s) => s.table !== XAPI_TABLE)
          ? ['file drops']
          : []),
        ...(options.sources.includes('xapi') || (options.staged ?? []).some((s) => s.table === XAPI_TABLE)
          ? ['xAPI files']
          : []),
      ];
      if (real.length > 0) throw new DemoPseudonymKeyError(`this run reads ${real.join(' and ')}`);
    }
    build = await beginBuild(dir, {
      mode,
      log,
      keep: options.keep ?? options.env.SNAPSHOTS_KEEP,
      ...(options.threads ? { threads: options.threads } : {}),
    });
    const db = build.db;
    const interrupted = await markInterruptedRuns(dir, runId, (id, snapshotId) =>
      log(`Run ${id} ended after publishing snapshot ${snapshotId}: recorded as succeeded`),
    );
    for (const id of interrupted) log(`Run ${id} had been interrupted`);
    await removeStaleScratch(dir, runId);
    await db.exec(`SET TimeZone = 'UTC'`);
    const emptyStg = build.basedOn === null;
    await createStgTables((sql) => db.exec(sql));
    const previous = emptyStg ? {} : await readWatermarks(db);
    // Pseudonyms made under another key cannot meet this run's: an incremental run would mix them.
    const fingerprint = keyFingerprint(env.PSEUDONYM_KEY);
    const keyBefore = emptyStg ? null : await readKeyFingerprint(db);
    const liveId = build.basedOn?.id ?? '(live)';
    if (keyBefore !== null && keyBefore !== fingerprint) {
      if (env.PSEUDONYM_KEY === DEMO_PSEUDONYM_KEY) throw demoKeyInUseError(liveId, keyBefore);
      throw new PseudonymKeyChangedError(
        `PSEUDONYM_KEY changed since snapshot ${liveId} (key fingerprint ${keyBefore}, now ${fingerprint}): ` +
          'an incremental run would mix employees keyed under both keys; run a full build (`npm run etl -- --full`), which re-keys every employee',
      );
    }
    scratch = await openScratch(db, dir, runId);
    // A full run keeps what only the warehouse holds: the rows of earlier file drops and xAPI files.
    let carried = new Map<LandingTableName, number>();
    const live = emptyStg && options.carryDrops !== false ? await readCurrent(dir) : null;
    if (live) {
      // The live file is read for nothing else in a full run: when it is damaged, say that only the
      // carried rows stand in the way (review of 2026-12-06, chaos).
      let rekeyedFrom: string | null = null;
      carried = await carryForward(db, join(dir, live.file), {
        fingerprint,
        onRekey: (before) => {
          rekeyedFrom = before;
        },
      }).catch((error: unknown) => {
        if (rekeyedFrom !== null && env.PSEUDONYM_KEY === DEMO_PSEUDONYM_KEY)
          throw demoKeyInUseError(live.id, rekeyedFrom);
        if (error instanceof PseudonymKeyChangedError || !(error instanceof Error)) throw error;
        if (!error.message.includes('--discard-drops'))
          error.message = `cannot read the file-drop and xAPI rows of the live snapshot ${live.id} to carry them forward (${error.message}); run with --discard-drops to build from the sources alone (give those files again with --files / --xapi)`;
        throw error;
      });
      // Allowed (rotating the key is a full run), never silent: a mistyped key after a move splits
      // every employee from the earlier snapshots and exports (a restore drill of 2026-12-06).
      if (rekeyedFrom !== null) {
        if (env.PSEUDONYM_KEY === DEMO_PSEUDONYM_KEY) throw demoKeyInUseError(live.id, rekeyedFrom);
        log(
          `PSEUDONYM_KEY differs from the one snapshot ${live.id} was built under (key fingerprint ${rekeyedFrom}, now ${fingerprint}): ` +
            'this full run re-keys every employee; its keys will not join with earlier snapshots or exports. ' +
            'If the key was not rotated on purpose, stop and set the warehouse key (the run publishes a new snapshot; roll back with npm run snapshots -- --rollback ' +
            `${live.id}).`,
        );
      }
      if (carried.size > 0) {
        log(
          `Carried forward from snapshot ${live.id} (file-drop and xAPI rows): ${[...carried]
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')}`,
        );
      }
    }
    await stage('started');

    // Extract
    // CSV drops are staged up to their header; their rows are read while their table is loaded.
    let staged: StagedInput[] = [...(options.staged ?? [])];
    if (options.sources.includes('files') || options.sources.includes('xapi')) {
      staged.push(
        ...(await stageSources({
          filesDir: options.sources.includes('files') ? options.filesDir : undefined,
          xapiPaths: options.sources.includes('xapi') ? options.xapiPaths : undefined,
          jpMinutes: env.JP_MINUTES,
          timeZone: env.SOURCE_TIME_ZONE,
          onWarning: log,
        })),
      );
    }
    // xAPI voiding: a voided statement does not count, whether it came in this run or an earlier one.
    // Voiding reads the xAPI tables whole; the CSV drops (no xAPI) are left as they are.
    const whole = staged.filter((s): s is StagedTable => !isStagedDrop(s));
    const voids = applyVoidsToStaged(whole);
    const voidedOf = new Map(whole.map((s, i) => [s, voids.staged[i] ?? s]));
    staged = staged.map((s) => (isStagedDrop(s) ? s : (voidedOf.get(s) ?? s)));
    let extract: PostgresExtract | undefined;
    if (options.sources.includes('postgres')) {
      connection =
        options.connection ??
        (await connectSource({ url: env.SOURCE_DATABASE_URL, embeddedDir: `${env.DATA_DIR}/source` }));
      if (!connection.embedded && demoKey) throw new DemoPseudonymKeyError();
      // Started, not awaited: tables (and chunks of the big one) land as their COPY finishes.
      extract = await startExtract({
        url: connection.url,
        embedded: connection.embedded,
        tables: SOURCE_TABLES,
        watermarks: emptyStg ? {} : capWatermarks(previous, started),
        sinceXmin: emptyStg ? null : (previous[SOURCE_XMIN] ?? null),
        withKeys: !emptyStg,
        dir: scratch.dir,
        ...(options.extractChunkRows ? { chunkRows: options.extractChunkRows } : {}),
        onProgress: (table, rows, estimate) => emit({ kind: 'extract', table, rows, estimate }),
      });
      extractRun = extract;
      for (const t of extract.tables.values()) {
        if (t.parts.length > 1) log(`${t.table}: copied in ${t.parts.length} chunks`);
      }
    }
    await stage('extracted');

    // Land, validate, quarantine, write stg — table by table, parents first, each as soon as its
    // extract has arrived (PostgreSQL keeps copying the next ones meanwhile).
    const watermarks: Record<string, string> = capWatermarks(previous, started);
    const quarantine: QuarantineCount[] = [];
    const lost = new Set<SourceTableName>();
    const ctx = {
      db,
      runId,
      warehouseDir: dir,
      scratchDir: scratch.dir,
      secret: env.PSEUDONYM_KEY,
      emptyStg,
      receivedAt: started.toISOString(),
    };
    for (const table of LOAD_ORDER) {
      const pg = table === XAPI_TABLE ? undefined : extract?.tables.get(table);
      const mine = staged.filter((s) => s.table === table);
      if (!pg && mine.length === 0) continue;
      if (table === XAPI_TABLE) await buildActorMap(db);
      const keyBuckets = pg?.keyBuckets;
      const source = extract;
      // A table with carried rows is not empty: its rows replace theirs by key.
      const outcome = await loadTable(carried.has(table) ? { ...ctx, emptyStg: false } : ctx, {
        table,
        pgParts: pg?.parts ?? null,
        reconcile:
          pg && keyBuckets && source
            ? async (d, quarantined) => {
                // Children of a parent this run removed leave stg first: the reconcile then reads
                // them again, and they are quarantined (or loaded) as in a full run. Only those the
                // source no longer holds either count as deleted (the run log's `deleted` is what
                // the source deleted; the others count as what the reconcile makes of them).
                const sweptIds = await sweptIdsTable(d, pg.table);
                try {
                  const swept = await sweepTable(d, pg.table, lost, sweptIds);
                  const src = {
                    buckets: await keyBuckets,
                    fetchKeys: (buckets: readonly number[]) => source.keysInBuckets(pg.table, buckets),
                  };
                  const first = await reconcileKeys(
                    d,
                    pg.table,
                    src,
                    quarantined,
                    swept > 0 ? sweptIds : null,
                  );
                  // Rows whose parent in the same table is now gone (agencies.parent_id) go too,
                  // and are read again with the rest.
                  await d.exec(`DELETE FROM ${sweptIds}`);
                  const selfSwept = await sweepSelf(d, pg.table, sweptIds);
                  const again =
                    selfSwept > 0 ? await reconcileKeys(d, pg.table, src, quarantined, sweptIds) : null;
                  const missing = [...new Set([...first.missing, ...(again?.missing ?? [])])];
                  const deleted = first.deleted + (again?.deleted ?? 0);
                  return {
                    deleted: deleted + first.sweptGone + (again?.sweptGone ?? 0),
                    removed: deleted + swept + selfSwept,
                    late: missing.length > 0 ? await source.rowsById(pg.table, missing) : null,
                  };
                } finally {
                  // Never masks the error that aborts the build (the temp table goes with it).
                  await d.exec(`DROP TABLE IF EXISTS ${sweptIds}`).catch(() => undefined);
                }
              }
            : null,
        staged: mine,
      });
      tables.push(outcome.counts);
      quarantine.push(...outcome.quarantine);
      if (outcome.late > 0) {
        log(
          `${table}: ${outcome.late} rows the extract did not select read by the key reconcile (still invalid at the source, or children of a removed parent)`,
        );
      }
      // Never backwards: rows the key reconcile read late may be older than the watermark.
      const before = watermarks[table];
      const reached = outcome.watermark && capWatermark(outcome.watermark, started);
      if (reached && (!before || laterWatermark(reached, before))) {
        watermarks[table] = reached;
      }
      if (outcome.lostKeys && table !== XAPI_TABLE) lost.add(table);
      emit({ kind: 'table', counts: outcome.counts });
      // Some stg tables written, others not yet: the point where a kill is most tempting to mishandle.
      if (tables.length === 1) await stage('mid-stg');
    }
    // Every COPY has been landed: end the source snapshot. The next incremental extract reads
    // what was written from its oldest running transaction on.
    if (extract) watermarks[SOURCE_XMIN] = extract.snapshotXmin;
    await extract?.finish();
    extractRun = undefined;
    // Stored rows this run removed without reading them count as deleted.
    const addDeleted = (table: string, n: number) => {
      const i = tables.findIndex((t) => t.table === table);
      const t = tables[i];
      if (t) tables[i] = { ...t, deleted: t.deleted + n };
      else
        tables.push({
          table,
          read: 0,
          loaded: 0,
          quarantined: 0,
          collapsed: 0,
          inserted: 0,
          deleted: n,
          seconds: 0,
        });
    };
    for (const [table, n] of await evictDropKeys(db)) {
      log(`${table}: removed ${n} stored file-drop rows whose natural key a PostgreSQL row now holds`);
      addDeleted(table, n);
      lost.add(table);
    }
    if (!emptyStg && lost.size > 0) {
      for (const [table, n] of await sweepOrphans(db, lost)) {
        log(`${table}: removed ${n} rows whose parent is gone`);
        addDeleted(table, n);
      }
    }
    if (carried.size > 0) {
      for (const [table, n] of await sweepCarried(db, carried)) {
        log(`${table}: removed ${n} carried rows whose parent the sources no longer hold`);
        addDeleted(table, n);
      }
    }
    // File-drop rows the sweeps removed (their parent gone): nothing reads them again, so they are
    // quarantined, with the row as stg held it, never dropped without a word.
    const swept = await takeSweptDropRows(db);
    if (swept.length > 0) {
      await appendQuarantineRecords(
        dir,
        runId,
        swept.map((r) => ({
          run_id: runId,
          source: r.source,
          table: r.table,
          row_number: null,
          raw: r.raw,
          reason: r.reason,
          detail: r.detail,
        })),
      );
      for (const r of swept)
        countOne(quarantine, { runId, source: r.source, table: r.table, reason: r.reason });
      log(
        `${swept.length} stored file-drop rows removed by this run were quarantined (${[...new Set(swept.map((r) => r.reason))].join(', ')})`,
      );
    }
    if (voids.ids.length > 0) {
      const deleted = await deleteVoidedStatements(db, voids.ids);
      log(
        `xapi_statements: ${voids.ids.length} voiding statements; ${voids.removed} voided statements of this run left out, ${deleted} stored ones removed`,
      );
      const i = tables.findIndex((t) => t.table === XAPI_TABLE);
      const t = tables[i];
      if (t) tables[i] = { ...t, deleted: t.deleted + deleted };
    }
    // Stored statements that do not count now (their LMS account deleted, a completion before the
    // offering starts): quarantined on this run, never dropped without a word.
    const stored = await storedStatementRejects(db);
    if (stored.length > 0) {
      await appendQuarantineRecords(
        dir,
        runId,
        stored.map((r) => ({ run_id: runId, table: XAPI_TABLE, row_number: null, ...r })),
      );
      for (const r of stored)
        countOne(quarantine, { runId, source: r.source, table: XAPI_TABLE, reason: r.reason });
      log(
        `xapi_statements: ${stored.length} stored statements do not count on this run (quarantined: ${[
          ...new Set(stored.map((r) => r.reason)),
        ].join(', ')})`,
      );
    }
    await rebuildXapiEnrollments(db, env.JP_MINUTES);
    await writeKeyFingerprint(db, fingerprint);
    // Raw rows (NIPs, birth dates) leave with the scratch file, before anything else reads the build.
    await scratch.dispose();
    await writeQuarantineCounts(dir, runId, quarantine);
    await stage('stg-written');

    const steps = { ...defaultWarehouseSteps(log), ...options.steps };
    await steps.buildMarts(db, { incremental: !emptyStg });
    await stage('marts-built');
    const results = await steps.runDataTests(db);
    const errors = results.filter((r) => r.severity === 'error' && r.status === 'fail').map((r) => r.name);
    const dataTests = {
      total: results.length,
      failed: results.filter((r) => r.status === 'fail').length,
      errors,
    };
    record = { ...record, dataTests, tables: [...tables], watermarks };
    if (errors.length > 0) throw new DataTestsFailedError(errors);
    await stage('tested');

    const finished = new Date();
    record = {
      ...record,
      status: 'succeeded',
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      snapshotId: build.id,
    };
    const history = (await listRunRecords(dir)).filter((r) => r.runId !== runId);
    await writeRunMeta(db, [record, ...history], watermarks, quarantine);
    await stage('before-publish');
    const published = await build.publish({ runId, mode, sources: options.sources, watermarks });
    // From here the snapshot is live (CURRENT names it, the API serves it): a record that cannot be
    // written now (a full disk) is said, never thrown, or the run would be reported failed with
    // "nothing was published" (review of 2026-12-06, diskfull). The record stays `running`; the
    // next run records it succeeded from the snapshot's own `meta.etl_runs` (markInterruptedRuns).
    await writeRunRecord(dir, record).catch((error: unknown) =>
      log(
        `Published snapshot ${published.id}, but the run record could not be written: ${(error as Error).message ?? String(error)}. The snapshot is live; the next run records run ${runId} as succeeded.`,
      ),
    );
    await stage('published');
    return { runId, snapshotId: build.id, mode, tables, record };
  } catch (error) {
    await extractRun?.abort();
    await scratch?.dispose().catch(() => undefined);
    await build?.abort().catch(() => undefined);
    const finished = new Date();
    record = {
      ...record,
      status: 'failed',
      tables: record.tables.length > 0 ? record.tables : [...tables],
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      snapshotId: null,
      error: (error as Error).message ?? String(error),
    };
    await writeRunRecord(dir, record).catch((recordError: unknown) => {
      // A full disk: the failure cannot be recorded either. The error says so (the CLI prints it), once.
      const note = (recordError as Error).message ?? String(recordError);
      if (error instanceof Error && error.message !== note) {
        error.message += `; the run could not be recorded as failed: ${note}`;
      }
    });
    throw error;
  } finally {
    if (connection && !options.connection) await connection.close();
  }
}

/** Whether watermark `a` is after `b` (both as the ETL stores them: UTC text with an offset). */
function laterWatermark(a: string, b: string): boolean {
  const ta = Date.parse(a.replace(' ', 'T').replace(/\+00$/, 'Z'));
  const tb = Date.parse(b.replace(' ', 'T').replace(/\+00$/, 'Z'));
  // Microseconds are beyond Date: equal milliseconds fall back to the text (same fixed format), with
  // the years padded, so that a year of five digits (10000, which PostgreSQL accepts) sorts after 2026.
  return Number.isNaN(ta) || Number.isNaN(tb) || ta === tb
    ? sortableWatermark(a) > sortableWatermark(b)
    : ta > tb;
}

function sortableWatermark(w: string): string {
  return w.replace(/^(\d+)-/, (_, year: string) => `${year.padStart(6, '0')}-`);
}

/** `at` as a watermark, in the text the ETL stores (`WATERMARK_OF` in loadTable.ts). */
function watermarkAt(at: Date): string {
  return `${at.toISOString().replace('T', ' ').replace(/Z$/, '')}000+00`;
}

/** A day: how far after the run's start a watermark may be (the event-time rules allow as much). */
const WATERMARK_LEAD_MS = 86_400_000;

/**
 * A watermark no later than a day after the run's start. A source row's `updated_at` far in the
 * future (a typo such as 10000-01-01, which PostgreSQL accepts, or a badly wrong clock) would
 * otherwise become the table's watermark: a year of five digits broke every later incremental run
 * (`invalid watermark`) until a full run, and any such stamp hid from the watermark every row
 * changed before it (date review of 2026-12-06). Capped, the next run reads again the rows stamped
 * after the cap, which the load takes as they are (the same row twice changes nothing), and the rows
 * written since the last extract come in by `xmin` whatever their stamps. A day of lead, not the
 * start itself: the rows stamped between the start and the extract's snapshot are read now, and
 * reading them again would count them again. Watermarks stored before the cap are capped when read.
 */
function capWatermark(watermark: string, started: Date): string {
  const cap = watermarkAt(new Date(started.getTime() + WATERMARK_LEAD_MS));
  return laterWatermark(watermark, cap) ? cap : watermark;
}

function capWatermarks(watermarks: Readonly<Record<string, string>>, started: Date): Record<string, string> {
  return Object.fromEntries(
    Object.entries(watermarks).map(([table, w]) => [
      table,
      table === SOURCE_XMIN ? w : capWatermark(w, started),
    ]),
  );
}

/** Adds one row to the quarantine counts of its run, source, table and reason. */
function countOne(counts: QuarantineCount[], row: Omit<QuarantineCount, 'rows'>): void {
  const i = counts.findIndex(
    (q) => q.source === row.source && q.table === row.table && q.reason === row.reason,
  );
  const q = counts[i];
  if (q) counts[i] = { ...q, rows: q.rows + 1 };
  else counts.push({ ...row, rows: 1 });
}
