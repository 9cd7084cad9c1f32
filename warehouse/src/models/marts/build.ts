import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { loadDimRegion } from '../region/loadDimRegion.ts';
import { STG_TABLES } from '../stg/contract.ts';
import { aggHandlerMonthFrom, HANDLER_UNITS_TABLE, handlerUnitsFrom } from './agg-handler-month.sql.ts';
import { buildParamsSql } from './build-params.sql.ts';
import { martDdl, martSpec } from './contract.ts';
import { factYearRangeSql } from './fct-headcount.sql.ts';
import { fctServiceRequestsFrom } from './fct-service-requests.sql.ts';
import { intEmployeeAssignmentSql } from './int-employee-assignment.sql.ts';
import { MART_MODELS } from './mart-models.ts';
import { MART_DELTA_DDL, MART_DELTA_TABLE } from './mart-tokens.ts';
import {
  CHILD_TABLES,
  childBlocks,
  DROP_PERSON_HELPERS,
  PERSON_DELTA_STG,
  PERSON_MARTS,
  preparePersonDelta,
  updatePersonMart,
} from './person-delta.ts';

export interface BuildMartsOptions {
  /**
   * Reference date (YYYY-MM-DD) for `is_current` and `current_name`. Default: none, meaning the latest
   * known state (open-ended versions are current). Never "today": the same stg must give the same marts.
   */
  readonly asOf?: string;
  /**
   * Reuse what the database already holds (an incremental ETL build starts from a copy of the live
   * snapshot): a mart whose model, DDL and inputs are unchanged since the build recorded in
   * `meta.mart_state` is kept; `fct_service_requests` (when only its own stg rows changed) and
   * `agg_handler_month` are updated by delete + insert of the changed keys; every other mart whose
   * inputs changed is rebuilt. The result equals a full build (same stg → same marts). Without a
   * recorded state this is a full build.
   */
  readonly incremental?: boolean;
  /**
   * The engine the signatures are made with (default: DuckDB's `version()`); a build on another
   * engine rebuilds every mart (see `steps`). For tests.
   */
  readonly engine?: string;
}

export interface BuildMartsResult {
  /** Marts recreated from their model. */
  readonly rebuilt: readonly string[];
  /** Marts updated in place (delete + insert of the changed keys). */
  readonly updated: readonly string[];
  /** Marts left as they were: nothing they read changed. */
  readonly kept: readonly string[];
  /** Lineage token per mart (see `martTokens`). */
  readonly tokens: ReadonlyMap<string, string>;
}

/** Where the build records what it was made from (models and stg fingerprints). */
const STATE_TABLE = 'meta.mart_state';
const INT_TABLE = 'int_employee_assignment';

interface Step {
  readonly name: string;
  readonly sql: string;
  /** Model SQL + DDL + build parameters: a different signature means the mart must be rebuilt. */
  readonly signature: string;
  readonly stg: readonly string[];
  readonly marts: readonly string[];
  readonly readsInt: boolean;
}

interface StgFingerprint {
  /** Row count and a content hash, or for `RUN_FINGERPRINTED` tables the set of run ids. */
  readonly signature: string;
  readonly runs: readonly string[];
}

interface BuildState {
  readonly models: ReadonlyMap<string, string>;
  readonly stg: ReadonlyMap<string, StgFingerprint>;
  readonly tokens: ReadonlyMap<string, string>;
  /** The facts' year range fct_headcount was built on (`lo-hi`). */
  readonly years: string | undefined;
  /** Child-table block summaries (`childBlocks`). */
  readonly blocks: ReadonlyMap<string, string>;
}

/** `check`: kept if the facts' year range is unchanged too (fct_headcount, see YEARS_MODEL). */
type Action = 'rebuild' | 'update' | 'keep' | 'check';

/** Reads the facts only for their year range (`factYearRangeSql`), recorded in meta.mart_state. */
const YEARS_MODEL = 'fct_headcount';

const refs = (sql: string, schema: string): string[] => [
  ...new Set(
    [...sql.matchAll(new RegExp(`\\b${schema}\\.([a-z_][a-z0-9_]*)`, 'g'))].map((m) => m[1] as string),
  ),
];

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * `engine` (DuckDB's version) is part of every signature: the models use hash() (person_id, see
 * `personIdSql`), whose values may change between versions, so a new DuckDB rebuilds the marts
 * once instead of updating them by key with ids of two hash functions.
 */
function steps(paramsSql: string, engine: string): Step[] {
  return MART_MODELS.map((m) => ({
    name: m.name,
    sql: m.sql,
    signature: sha(`${martDdl(martSpec(m.name))}\n${paramsSql}\n${engine}\n${m.sql}`),
    stg: refs(m.sql, 'stg'),
    marts: refs(m.sql, 'marts').filter((t) => t !== m.name),
    readsInt: new RegExp(`\\b${INT_TABLE}\\b`).test(m.sql),
  }));
}

/**
 * Recreates every mart from the `stg` tables, in one transaction: the contract's DDL (exact columns,
 * NOT NULL), then each SQL model inserted by column name in dependency order, `dim_region` from
 * idn-area-data. Either every mart is rebuilt or (on any error) none changes. Deterministic: the
 * same stg gives marts with identical content (`martsContentHash`); models order their rows by key,
 * except fct_service_requests, which keeps stg order (see its model).
 * With `incremental`, unchanged marts are kept and the service-request facts updated by key (see
 * `BuildMartsOptions.incremental`); same content as a full build, rows appended rather than sorted.
 */
export async function buildMarts(db: Db, options: BuildMartsOptions = {}): Promise<BuildMartsResult> {
  const paramsSql = buildParamsSql(options.asOf);
  const engine = options.engine ?? (await db.all<{ v: string }>('SELECT version() AS v'))[0]?.v ?? '';
  const plan = steps(paramsSql, engine);
  const intStg = refs(intEmployeeAssignmentSql, 'stg');
  const stgTables = [...new Set([...intStg, ...plan.flatMap((s) => s.stg)])].sort();
  await db.exec('BEGIN TRANSACTION');
  try {
    await db.exec('CREATE SCHEMA IF NOT EXISTS marts; CREATE SCHEMA IF NOT EXISTS meta');
    const fingerprints = await stgFingerprints(db, stgTables);
    const previous = options.incremental ? await readState(db) : null;
    const existing = new Set(
      (
        await db.all<{ name: string }>(
          `SELECT CASE WHEN table_schema = 'marts' THEN '' ELSE table_schema || '.' END || table_name AS name
           FROM information_schema.tables WHERE table_schema IN ('marts', 'meta')`,
        )
      ).map((r) => r.name),
    );
    const stgChanged = (t: string) =>
      !previous || previous.stg.get(t)?.signature !== fingerprints.get(t)?.signature;
    const intChanged = intStg.some(stgChanged);
    // The person marts take assignment changes by key only if employees and agencies are unchanged.
    const intByKey = intStg.filter(stgChanged).every((t) => t === 'employee_assignments');
    const blocksNow = await childBlocks(db);

    // Decide every mart first, so the intermediate table is only built when a rebuilt model reads it.
    const actions = new Map<string, Action>();
    for (const step of plan) {
      const changedStg = step.stg.filter(stgChanged);
      const changedMarts =
        step.name === YEARS_MODEL ? [] : step.marts.filter((m) => actions.get(m) !== 'keep');
      const same =
        previous?.models.get(step.name) === step.signature && existing.has(step.name) && previous !== null;
      let action: Action = 'rebuild';
      if (same && changedStg.length === 0 && changedMarts.length === 0 && !(step.readsInt && intChanged)) {
        action =
          step.name === YEARS_MODEL && step.marts.some((m) => actions.get(m) !== 'keep') ? 'check' : 'keep';
      } else if (
        same &&
        step.name === 'fct_service_requests' &&
        changedStg.every((t) => t === 'service_requests') &&
        changedMarts.length === 0
      ) {
        action = 'update';
      } else if (
        same &&
        PERSON_MARTS.includes(step.name) &&
        PERSON_MARTS.every((m) => existing.has(m)) &&
        step.name !== YEARS_MODEL &&
        changedStg.every((t) => PERSON_DELTA_STG.includes(t)) &&
        changedMarts.length === 0 &&
        (!step.readsInt ||
          !intChanged ||
          (intByKey && (step.name === 'dim_employee' || actions.get('dim_employee') === 'update'))) &&
        (changedStg.length > 0 || (step.readsInt && intChanged)) &&
        (step.name !== 'fct_enrollments' || CHILD_TABLES.every((t) => previous?.blocks.has(t)))
      ) {
        action = 'update';
      } else if (
        same &&
        step.name === YEARS_MODEL &&
        changedStg.length === 0 &&
        intChanged &&
        intByKey &&
        actions.get('dim_employee') === 'update'
      ) {
        // Updated for the changed employees if the facts' year range is unchanged, else rebuilt.
        action = 'update';
      } else if (
        same &&
        step.name === 'agg_handler_month' &&
        existing.has(HANDLER_UNITS_TABLE) &&
        changedStg.length === 0 &&
        changedMarts.every((m) => m === 'fct_service_requests' && actions.get(m) === 'update')
      ) {
        action = 'update';
      }
      actions.set(step.name, action);
    }

    await db.exec(paramsSql);
    let intBuilt = false;
    const ensureInt = async () => {
      if (!intBuilt) await db.exec(intEmployeeAssignmentSql);
      intBuilt = true;
    };
    await db.exec('DROP TABLE IF EXISTS marts.dim_region');
    await db.exec(martDdl(martSpec('dim_region')));
    await loadDimRegion(db);
    let years = '';
    const tokens = await lineageTokens(db, plan, fingerprints, intStg);
    await db.exec(MART_DELTA_DDL);
    const recordDelta = (name: string, newRows: string, oldRows: string) =>
      db.run(`INSERT INTO ${MART_DELTA_TABLE} VALUES (?, ?, ?, ?, ?)`, [
        name,
        previous?.tokens.get(name) ?? '',
        tokens.get(name) ?? '',
        newRows,
        oldRows,
      ]);
    if (PERSON_MARTS.some((m) => actions.get(m) === 'update') && previous) {
      await ensureInt();
      await preparePersonDelta(db, {
        newRows: (alias, table) => {
          const before = previous.stg.get(table)?.runs ?? [];
          const runs = (fingerprints.get(table)?.runs ?? []).filter((r) => !before.includes(r));
          return `(${runs.length > 0 ? `${alias}._run_id IN (${runs.map(quote).join(', ')})` : 'false'} OR ${alias}._run_id IS NULL)`;
        },
        intChanged,
        blocksBefore: previous.blocks,
        blocksNow,
      });
    }
    for (const step of plan) {
      let action = actions.get(step.name);
      try {
        if (step.name === YEARS_MODEL) {
          const [range] = await db.all<{ lo: number | null; hi: number | null }>(factYearRangeSql);
          years = `${range?.lo ?? ''}-${range?.hi ?? ''}`;
          tokens.set(step.name, sha(`${tokens.get(step.name)}\nyears=${years}`));
          if (action === 'check' || action === 'update') {
            action = previous?.years !== years ? 'rebuild' : action === 'check' ? 'keep' : 'update';
            actions.set(step.name, action);
          }
        }
        if (action === 'rebuild' && step.readsInt) await ensureInt();
        if (action === 'rebuild') {
          await db.exec(`DROP TABLE IF EXISTS marts.${step.name}`);
          await db.exec(martDdl(martSpec(step.name)));
          if (step.name === 'agg_handler_month') {
            // The same model, through the per-unit sums kept for the next incremental build.
            // Compressed materialisation packs agency_code for the ten-million-row aggregation and
            // unpacks it after: here a net cost (about 0.2 s of CPU), so it is off for this statement.
            await withListSetting(db, 'disabled_optimizers', 'compressed_materialization', () =>
              db.exec(
                `CREATE OR REPLACE TABLE ${HANDLER_UNITS_TABLE} AS ${handlerUnitsFrom('marts.fct_service_requests')}`,
              ),
            );
            await db.exec(
              `INSERT INTO marts.${step.name} BY NAME\n${aggHandlerMonthFrom(HANDLER_UNITS_TABLE)}`,
            );
          } else {
            await db.exec(`INSERT INTO marts.${step.name} BY NAME\n${step.sql}`);
          }
        } else if (action === 'update' && step.name === 'fct_service_requests') {
          await updateServiceRequests(
            db,
            previous?.stg.get('service_requests')?.runs ?? [],
            fingerprints.get('service_requests')?.runs ?? [],
          );
          await db.run(`INSERT INTO ${MART_DELTA_TABLE} VALUES (?, ?, ?, 'fsr_new', 'fsr_old')`, [
            step.name,
            previous?.tokens.get(step.name) ?? '',
            tokens.get(step.name) ?? '',
          ]);
        } else if (action === 'update' && PERSON_MARTS.includes(step.name)) {
          const delta = await updatePersonMart(db, step.name);
          await recordDelta(step.name, delta.newRows, delta.oldRows);
        } else if (action === 'update' && step.name === 'agg_handler_month') {
          await updateHandlerMonths(db);
          await db.run(`INSERT INTO ${MART_DELTA_TABLE} VALUES (?, ?, ?, 'ahm_new', 'ahm_old')`, [
            step.name,
            previous?.tokens.get(step.name) ?? '',
            tokens.get(step.name) ?? '',
          ]);
        }
      } catch (error) {
        throw new Error(`buildMarts: model ${step.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    await writeState(db, plan, fingerprints, tokens, years, blocksNow);
    await db.exec(
      `DROP TABLE IF EXISTS ${INT_TABLE}; DROP TABLE build_params; DROP TABLE IF EXISTS fsr_delta;
       DROP TABLE IF EXISTS fsr_touched; DROP TABLE IF EXISTS fsr_gone; ${DROP_PERSON_HELPERS}`,
    );
    await db.exec('COMMIT');
    const names = (a: Action) => plan.filter((s) => actions.get(s.name) === a).map((s) => s.name);
    // (no 'check' is left: fct_headcount resolved it to keep or rebuild)
    return {
      rebuilt: ['dim_region', ...names('rebuild')],
      updated: names('update'),
      kept: names('keep'),
      tokens,
    };
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const quote = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * Runs `work` with `item` added to the comma-separated list setting `name` (the previous value is
 * restored): `disabled_optimizers` for a statement an optimizer makes slower.
 */
async function withListSetting<T>(db: Db, name: string, item: string, work: () => Promise<T>): Promise<T> {
  const [row] = await db.all<{ v: string }>(`SELECT current_setting(${quote(name)}) AS v`);
  const before = row?.v ?? '';
  const items = [...new Set([...before.split(',').filter((m) => m.trim() !== ''), item])].join(',');
  await db.exec(`SET ${name} = ${quote(items)}`);
  try {
    return await work();
  } finally {
    await db.exec(`SET ${name} = ${quote(before)}`);
  }
}

/**
 * Per stg table: row count, the run ids its rows carry, and (except for the big table updated by
 * key) a hash of the content the models read, i.e. every column but `_run_id` and `updated_at`. A
 * row rewritten by a later run with the same content (only updated_at moved) leaves that
 * fingerprint, and so every mart reading only such tables, unchanged. `service_requests` (ten
 * million rows) is fingerprinted by its run ids alone: rows are only ever deleted or inserted
 * (stamped with the inserting run's id), so an unchanged set means unchanged rows, and its facts
 * are updated by key anyway, keeping only the rows whose content changed.
 */
/** stg tables fingerprinted by run ids rather than content (see `stgFingerprints`). */
const RUN_FINGERPRINTED: readonly string[] = ['service_requests'];

async function stgFingerprints(db: Db, tables: readonly string[]): Promise<Map<string, StgFingerprint>> {
  if (tables.length === 0) return new Map();
  const sql = tables
    .map((t) => {
      const spec = STG_TABLES.find((s) => s.name === t);
      if (!spec) throw new Error(`buildMarts: a model reads stg.${t}, which the stg contract does not have`);
      const cols = spec.columns.map((c) => c.name);
      const runs = cols.includes('_run_id')
        ? 'coalesce(list_sort(list(DISTINCT _run_id) FILTER (WHERE _run_id IS NOT NULL)), [])'
        : 'CAST([] AS VARCHAR[])';
      const read = cols.filter((c) => c !== '_run_id' && c !== 'updated_at');
      const content = RUN_FINGERPRINTED.includes(t) ? `''` : `CAST(sum(hash(${read.join(', ')})) AS VARCHAR)`;
      return `SELECT ${quote(t)} AS name, count(*) AS n, ${runs} AS runs, ${content} AS content FROM stg.${t}`;
    })
    .join('\nUNION ALL\n');
  const rows = await db.all<{ name: string; n: number; runs: string[]; content: string }>(sql);
  return new Map(
    rows.map((r) => [
      r.name,
      {
        signature: RUN_FINGERPRINTED.includes(r.name)
          ? `${r.n}|runs|${sha((r.runs ?? []).join('\n'))}`
          : `${r.n}|content|${r.content}`,
        runs: r.runs ?? [],
      },
    ]),
  );
}

async function readState(db: Db): Promise<BuildState | null> {
  const [found] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'meta' AND table_name = 'mart_state'`,
  );
  if (!found || Number(found.n) === 0) return null;
  const rows = await db.all<{ kind: string; name: string; signature: string; runs: string }>(
    `SELECT kind, name, signature, runs FROM ${STATE_TABLE}`,
  );
  const models = new Map<string, string>();
  const stg = new Map<string, StgFingerprint>();
  const tokens = new Map<string, string>();
  let years: string | undefined;
  const blocks = new Map<string, string>();
  for (const r of rows) {
    if (r.kind === 'model') models.set(r.name, r.signature);
    else if (r.kind === 'blocks') blocks.set(r.name, r.signature);
    else if (r.kind === 'token') tokens.set(r.name, r.signature);
    else if (r.kind === 'years') years = r.signature;
    else stg.set(r.name, { signature: r.signature, runs: JSON.parse(r.runs) as string[] });
  }
  return { models, stg, tokens, years, blocks };
}

/**
 * A lineage token per mart: a hash of its model signature, the fingerprints of the stg tables it
 * reads and the tokens of the marts (and intermediate table) it reads; for `dim_region`, of its
 * content. Builds are deterministic, so equal tokens mean equal content however the mart was made
 * (kept, updated by key or rebuilt): the metric pre-aggregates and the data tests use them to
 * know what changed since they last ran.
 */
async function lineageTokens(
  db: Db,
  plan: readonly Step[],
  fingerprints: ReadonlyMap<string, StgFingerprint>,
  intStg: readonly string[],
): Promise<Map<string, string>> {
  const [region] = await db.all<{ n: number; h: string }>(
    'SELECT count(*) AS n, CAST(coalesce(sum(hash(t)), 0) AS VARCHAR) AS h FROM marts.dim_region t',
  );
  const tokens = new Map<string, string>([['dim_region', sha(`dim_region\n${region?.n}\n${region?.h}`)]]);
  const fp = (t: string) => `${t}=${fingerprints.get(t)?.signature ?? ''}`;
  const intToken = sha([intEmployeeAssignmentSql, ...intStg.map(fp)].join('\n'));
  for (const step of plan) {
    tokens.set(
      step.name,
      sha(
        [
          step.signature,
          ...step.stg.map(fp),
          // fct_headcount reads the facts only for their year range, added by buildMarts.
          ...(step.name === YEARS_MODEL ? [] : step.marts.map((m) => `${m}=${tokens.get(m) ?? ''}`)),
          step.readsInt ? `int=${intToken}` : '',
        ].join('\n'),
      ),
    );
  }
  return tokens;
}

async function writeState(
  db: Db,
  plan: readonly Step[],
  fingerprints: ReadonlyMap<string, StgFingerprint>,
  tokens: ReadonlyMap<string, string>,
  years: string,
  blocks: ReadonlyMap<string, string>,
): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE ${STATE_TABLE} (
    kind VARCHAR NOT NULL, name VARCHAR NOT NULL, signature VARCHAR NOT NULL, runs VARCHAR NOT NULL)`);
  await db.appendRows(
    STATE_TABLE,
    ['kind', 'name', 'signature', 'runs'],
    [
      ...plan.map((s) => ['model', s.name, s.signature, '[]']),
      ...[...fingerprints].map(([name, f]) => ['stg', name, f.signature, JSON.stringify(f.runs)]),
      ...[...tokens].map(([name, token]) => ['token', name, token, '[]']),
      ['years', YEARS_MODEL, years, '[]'],
      ...[...blocks].map(([name, b]) => ['blocks', name, b, '[]']),
    ],
  );
}

/**
 * fct_service_requests by key: the model runs over the stg rows (re)written by a later run only;
 * the facts of requests gone from stg or whose row changed are deleted (kept in `fsr_old`) and the
 * new rows inserted (`fsr_new`). Their handler-months are kept in `fsr_touched` for
 * agg_handler_month.
 *
 * Requests gone from stg are found without a 10-million-key anti-join: ids are compared per block
 * of 4096 (count and hash sum) between the facts (= the previous stg) and stg, and only the few
 * blocks that differ are compared key by key. Rewritten ids are in both, so only deletions (and
 * new ids) make a block differ.
 */
async function updateServiceRequests(
  db: Db,
  previousRuns: readonly string[],
  currentRuns: readonly string[],
): Promise<void> {
  // The rows of runs the previous build did not see (and any without a run id). An IN list of
  // constants lets DuckDB skip the row groups whose min/max run id excludes them: older runs' rows.
  const newRuns = currentRuns.filter((r) => !previousRuns.includes(r));
  await db.exec(`CREATE OR REPLACE TEMP TABLE fsr_delta AS
    SELECT * FROM stg.service_requests
    WHERE ${newRuns.length > 0 ? `_run_id IN (${newRuns.map(quote).join(', ')})` : 'false'}
    UNION ALL SELECT * FROM stg.service_requests WHERE _run_id IS NULL`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE fsr_gone AS
    WITH f AS (
      SELECT request_id // 4096 AS b, count(*) AS n, sum(hash(request_id)) AS h
      FROM marts.fct_service_requests GROUP BY ALL
    ),
    s AS (SELECT id // 4096 AS b, count(*) AS n, sum(hash(id)) AS h FROM stg.service_requests GROUP BY ALL),
    blocks AS (
      SELECT coalesce(f.b, s.b) AS b FROM f FULL JOIN s ON f.b = s.b
      WHERE f.n IS DISTINCT FROM s.n OR f.h IS DISTINCT FROM s.h
    )
    SELECT request_id FROM marts.fct_service_requests
    WHERE request_id // 4096 IN (SELECT b FROM blocks)
    EXCEPT
    SELECT id FROM stg.service_requests WHERE id // 4096 IN (SELECT b FROM blocks)`);
  // Candidates: the facts of every rewritten or gone request, and the model over the rewritten
  // rows. Only the rows that differ are replaced (a rewrite with the same content, e.g. only
  // updated_at moved, changes nothing downstream): fsr_old = deleted rows, fsr_new = inserted rows.
  const names = martSpec('fct_service_requests').columns.map((c) => c.name);
  const columns = names.join(', ');
  await db.exec(`CREATE OR REPLACE TEMP TABLE fsr_old_candidates AS
    SELECT ${columns} FROM marts.fct_service_requests
    WHERE request_id IN (SELECT id FROM fsr_delta UNION ALL SELECT request_id FROM fsr_gone)`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE fsr_new_candidates AS
    SELECT ${columns} FROM (${fctServiceRequestsFrom('fsr_delta')})`);
  // Both sides hold one row per request id (a fact per stg row), so "rows without an identical row
  // on the other side" (EXCEPT ALL) is a join on the id comparing every column NULL-safely: one hash
  // join of the ids instead of hashing every column of both sides twice (≈ 0.3 s less CPU per
  // hundred thousand candidates).
  const same = names.map((c) => `o.${c} IS NOT DISTINCT FROM n.${c}`).join(' AND ');
  await db.exec(`CREATE OR REPLACE TEMP TABLE fsr_changed AS
    SELECT o.request_id AS old_id, n.request_id AS new_id
    FROM fsr_old_candidates o FULL JOIN fsr_new_candidates n ON o.request_id = n.request_id
    WHERE o.request_id IS NULL OR n.request_id IS NULL OR NOT (${same})`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE fsr_old AS
    SELECT * FROM fsr_old_candidates WHERE request_id IN (SELECT old_id FROM fsr_changed)`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE fsr_new AS
    SELECT * FROM fsr_new_candidates WHERE request_id IN (SELECT new_id FROM fsr_changed)`);
  await db.exec('DROP TABLE fsr_old_candidates; DROP TABLE fsr_new_candidates; DROP TABLE fsr_changed');
  await db.run('DELETE FROM marts.fct_service_requests WHERE request_id IN (SELECT request_id FROM fsr_old)');
  await db.exec('INSERT INTO marts.fct_service_requests BY NAME SELECT * FROM fsr_new');
  await db.exec(`CREATE OR REPLACE TEMP TABLE fsr_touched AS
    SELECT request_id, handled_by_key, month_start FROM fsr_old
    UNION ALL SELECT request_id, handled_by_key, month_start FROM fsr_new`);
}

/**
 * agg_handler_month for the handler-months whose requests changed (see updateServiceRequests): the
 * facts' signed delta (fsr_new − fsr_old) is added to the per-unit sums (HANDLER_UNITS_TABLE, exact
 * integers; units left without requests dropped) and the touched handler-months are derived again
 * from them. The rows it deletes are kept in `ahm_old`, the rows it inserts in `ahm_new`.
 */
async function updateHandlerMonths(db: Db): Promise<void> {
  const columns =
    'request_id, handled_by_key, month_start, agency_code, status, sla_met, days, submitted_at, completed_at';
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ahm_units_delta AS ${handlerUnitsFrom(
      `(SELECT ${columns}, 1 AS sign FROM fsr_new UNION ALL SELECT ${columns}, -1 AS sign FROM fsr_old)`,
      true,
    )}`,
  );
  const keys = ['handled_by_key', 'month_start', 'agency_code'];
  const on = keys.map((k) => `u.${k} IS NOT DISTINCT FROM d.${k}`).join(' AND ');
  const add = (m: string) => `coalesce(u.${m}, 0) + coalesce(d.${m}, 0) AS ${m}`;
  await db.exec(`CREATE OR REPLACE TEMP TABLE ahm_units_merge AS
    SELECT ${keys.map((k) => `d.${k}`).join(', ')}, ${['requests', 'completed', 'timed', 'sla_met'].map(add).join(', ')},
      CASE WHEN coalesce(u.timed, 0) + d.timed = 0 THEN NULL ELSE coalesce(u.sum_ms, 0) + coalesce(d.sum_ms, 0) END AS sum_ms,
      CASE WHEN coalesce(u.timed, 0) + d.timed = 0 THEN NULL ELSE coalesce(u.sum_sq_ms, 0) + coalesce(d.sum_sq_ms, 0) END AS sum_sq_ms
    FROM ahm_units_delta d LEFT JOIN ${HANDLER_UNITS_TABLE} u ON ${on}`);
  await db.run(`DELETE FROM ${HANDLER_UNITS_TABLE} u USING ahm_units_delta d WHERE ${on}`);
  await db.exec(
    `INSERT INTO ${HANDLER_UNITS_TABLE} BY NAME SELECT * FROM ahm_units_merge WHERE requests <> 0`,
  );
  await db.exec(`CREATE OR REPLACE TEMP TABLE ahm_groups AS
    SELECT DISTINCT handled_by_key, month_start FROM ahm_units_delta`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE ahm_old AS
    SELECT a.* FROM marts.agg_handler_month a
    SEMI JOIN ahm_groups g ON a.employee_key = g.handled_by_key AND a.month_start = g.month_start`);
  await db.run(`DELETE FROM marts.agg_handler_month a USING ahm_groups g
    WHERE a.employee_key = g.handled_by_key AND a.month_start = g.month_start`);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ahm_new AS\n${aggHandlerMonthFrom(HANDLER_UNITS_TABLE, 'ahm_groups')}`,
  );
  await db.exec('INSERT INTO marts.agg_handler_month BY NAME SELECT * FROM ahm_new');
  await db.exec('DROP TABLE ahm_groups; DROP TABLE ahm_units_delta; DROP TABLE ahm_units_merge');
}
