import { createHash } from 'node:crypto';
import type { Db, PlainRow } from '../db/index.ts';
import { readMartDeltas, readMartTokens } from '../models/marts/mart-tokens.ts';
import { type DataTest, type DataTestResult, SAMPLE_SIZE, type ValueCheck } from './dataTest.ts';
import { DATA_TESTS } from './dataTests.ts';

const RESULTS_DDL = `CREATE SCHEMA IF NOT EXISTS meta;
CREATE OR REPLACE TABLE meta.data_tests (
  test_name VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  failing_rows BIGINT NOT NULL,
  sample VARCHAR NOT NULL,
  checked_at TIMESTAMPTZ NOT NULL
)`;
/**
 * Per evaluated unit (a test, or one part of a test split by mart), the lineage token of what it
 * was computed on (see `unitToken`), its failing rows and sample: what an incremental run reuses.
 */
const STATE_TABLE = 'meta.data_test_state';
const STATE_DDL = `CREATE OR REPLACE TABLE ${STATE_TABLE} (
  unit VARCHAR NOT NULL, token VARCHAR NOT NULL, failing_rows BIGINT NOT NULL, sample VARCHAR NOT NULL)`;

export interface RunDataTestsOptions {
  /**
   * Reuse the results stored by the build this one started from (`meta.data_test_state`): a test
   * (or part) whose definition and marts are unchanged (same lineage tokens, `meta.mart_state`)
   * keeps its result; a passing one whose marts were updated by key runs over the inserted rows
   * only (`DataTest.delta`); everything else runs. The stored results equal those of a full run.
   */
  readonly incremental?: boolean;
  /** Called with the tests (or parts, `test#mart`) that ran in full, over a delta, or were reused. */
  readonly onPlan?: (plan: {
    readonly full: readonly string[];
    readonly delta: readonly string[];
    readonly reused: readonly string[];
  }) => void;
}

interface Stored {
  readonly token: string;
  readonly failingRows: number;
  readonly sample: readonly PlainRow[];
}

/** What is evaluated: a whole test, or one part of a test with `parts`. */
interface Unit {
  readonly key: string;
  /** The mart whose rows the unit's value checks (and a part's delta) read. */
  readonly mart: string;
  readonly sql: string;
  readonly delta?: DataTest['delta'];
  readonly valueChecks?: readonly ValueCheck[];
  readonly failsSql?: string;
}

/** A unit to evaluate: its query, and its value checks over the relation the query reads. */
export interface Pending {
  readonly test: DataTest;
  readonly sql: string;
  /** The unit's query over the whole marts (`sql` is either this or a delta query). */
  readonly full?: string;
  /** A faster query deciding whether `full` returns rows (`DataTest.failsSql`). */
  readonly failsSql?: string;
  readonly checks: { readonly relation: string; readonly checks: readonly ValueCheck[] } | null;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function units(test: DataTest): Unit[] {
  if (!test.parts) {
    return [
      {
        key: test.name,
        mart: test.model,
        sql: test.sql,
        ...(test.delta ? { delta: test.delta } : {}),
        ...(test.valueChecks ? { valueChecks: test.valueChecks } : {}),
        ...(test.failsSql ? { failsSql: test.failsSql } : {}),
      },
    ];
  }
  return test.parts.map((part) => ({
    key: `${test.name}#${part.mart}`,
    mart: part.mart,
    sql: part.sql(`marts.${part.mart}`),
    ...(part.valueChecks ? { valueChecks: part.valueChecks } : {}),
    delta: (source) => {
      const rows = source(part.mart);
      return rows === null ? null : part.sql(rows);
    },
  }));
}

/** The marts a unit reads; null when it reads anything else (stg, the catalog): always rerun. */
function martsRead(sql: string): string[] | null {
  if (/\b(stg|information_schema|meta)\./.test(sql)) return null;
  return [...new Set([...sql.matchAll(/\bmarts\.([a-z_][a-z0-9_]*)/g)].map((m) => m[1] as string))].sort();
}

/** Token of a unit's definition and its marts' tokens; '' when any is unknown (never reused). */
function unitToken(
  test: DataTest,
  unit: Unit,
  marts: readonly string[] | null,
  tokens: ReadonlyMap<string, string>,
): string {
  if (marts === null) return '';
  const inputs = marts.map((m) => tokens.get(m) ?? '');
  if (inputs.some((t) => t === '')) return '';
  return sha([unit.key, test.model, test.severity, unit.sql, ...inputs].join('\n'));
}

async function readStored(db: Db): Promise<Map<string, Stored>> {
  const [found] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.columns
     WHERE table_schema = 'meta' AND table_name = 'data_test_state' AND column_name = 'unit'`,
  );
  if (Number(found?.n ?? 0) === 0) return new Map();
  const rows = await db.all<{ unit: string; token: string; failing_rows: number; sample: string }>(
    `SELECT unit, token, failing_rows, sample FROM ${STATE_TABLE}`,
  );
  return new Map(
    rows.map((r) => [
      r.unit,
      { token: r.token, failingRows: Number(r.failing_rows), sample: JSON.parse(r.sample) as PlainRow[] },
    ]),
  );
}

/**
 * Runs the data tests against the marts of `db` (the snapshot being built), stores the results in
 * `meta.data_tests` (replacing the previous run's, so the snapshot holds the results of its own
 * build) and returns them. It never throws for a failing test: the caller decides, normally with
 * `hasBlockingFailure`. A test whose SQL cannot run is an infrastructure error and does throw.
 *
 * Which tests fail is decided in one statement (`findFailing`; one for the tests over whole marts,
 * one for those over changed rows); then one query per failing test (per failing part of a test
 * split by mart, results concatenated in part order) gives, with `count(*) OVER ()`, the number of
 * failing rows alongside a small sample: the result of each test is exactly that of running it
 * alone. With `incremental`, unchanged tests keep their stored result and tests of marts updated by
 * key run over the inserted (and deleted) rows (see `RunDataTestsOptions`).
 */
export async function runDataTests(
  db: Db,
  tests: readonly DataTest[] = DATA_TESTS,
  now: Date = new Date(),
  options: RunDataTestsOptions = {},
): Promise<DataTestResult[]> {
  const checkedAt = now.toISOString();
  const tokens = await readMartTokens(db);
  const stored = options.incremental ? await readStored(db) : new Map<string, Stored>();
  /** Tokens as they were before the marts updated by key (whose inserted rows are known). */
  const fromTokens = new Map(tokens);
  const inserted = new Map<string, string>();
  const deleted = new Map<string, string>();
  if (options.incremental) {
    for (const d of (await readMartDeltas(db)).values()) {
      if (tokens.get(d.mart) === d.toToken && d.fromToken !== '') {
        fromTokens.set(d.mart, d.fromToken);
        inserted.set(d.mart, d.newRows);
        deleted.set(d.mart, d.oldRows);
      }
    }
  }
  const changed = (m: string) => tokens.get(m) !== fromTokens.get(m);
  const source = (m: string) => (changed(m) ? (inserted.get(m) ?? null) : null);
  const removed = (m: string) => (changed(m) ? (deleted.get(m) ?? null) : null);
  const plan = { full: [] as string[], delta: [] as string[], reused: [] as string[] };
  /** Per test, its units in order: a reused outcome, or the index of a unit to evaluate. */
  const slots: { test: DataTest; units: { key: string; token: string; outcome: Stored | number }[] }[] = [];
  const pending: Pending[] = [];
  for (const test of tests) {
    const slot: (typeof slots)[number] = { test, units: [] };
    for (const unit of units(test)) {
      const marts = martsRead(unit.sql);
      const token = unitToken(test, unit, marts, tokens);
      const before = stored.get(unit.key);
      if (token !== '' && before?.token === token) {
        slot.units.push({ key: unit.key, token, outcome: before });
        plan.reused.push(unit.key);
        continue;
      }
      let sql = unit.sql;
      let relation: string | null = `marts.${unit.mart}`;
      // Passed on marts that since changed only by inserted rows (and deletions): the delta form.
      if (
        unit.delta &&
        marts?.some((m) => inserted.has(m)) &&
        before?.failingRows === 0 &&
        unitToken(test, unit, marts, fromTokens) === before.token
      ) {
        const deltaSql = unit.delta(source, removed);
        if (deltaSql !== null) {
          sql = deltaSql;
          // The value checks hold over the inserted rows when the delta is the test over them.
          const rows = source(unit.mart);
          relation =
            rows !== null && deltaSql === unit.sql.replaceAll(`marts.${unit.mart}`, rows) ? rows : null;
        }
      }
      (sql === unit.sql ? plan.full : plan.delta).push(unit.key);
      slot.units.push({ key: unit.key, token, outcome: pending.length });
      pending.push({
        test,
        sql,
        full: unit.sql,
        ...(unit.failsSql ? { failsSql: unit.failsSql } : {}),
        checks: unit.valueChecks && relation !== null ? { relation, checks: unit.valueChecks } : null,
      });
    }
    slots.push(slot);
  }
  const outcomes: { failingRows: number; sample: readonly PlainRow[] }[] = pending.map(() => ({
    failingRows: 0,
    sample: [],
  }));
  // Units over whole marts first, with integer keys grouped in perfect hash tables; then the delta
  // queries, without: they group few rows, and a table sized for the mart's key range costs more.
  const isFull = pending.map((unit) => unit.sql === unit.full);
  for (const full of [true, false]) {
    const indexes = [...pending.keys()].filter((i) => isFull[i] === full);
    if (indexes.length === 0) continue;
    const threshold = full ? await raisePerfectHashThreshold(db) : null;
    try {
      const failing = await findFailing(
        db,
        indexes.map((i) => pending[i] as Pending),
      );
      for (const [k, i] of indexes.entries()) {
        const unit = pending[i] as Pending;
        // Only a failing test is run for its rows: count and sample exactly as a test run alone.
        if (failing[k]) outcomes[i] = await evaluate(db, unit.test, unit.sql);
      }
    } finally {
      if (threshold !== null) await db.exec(`SET perfect_ht_threshold = ${threshold}`);
    }
  }
  const results: DataTestResult[] = [];
  const state: (string | number)[][] = [];
  for (const { test, units: evaluated } of slots) {
    let failingRows = 0;
    const sample: PlainRow[] = [];
    for (const { key, token, outcome: slot } of evaluated) {
      const outcome = typeof slot === 'number' ? (outcomes[slot] as Stored) : slot;
      state.push([key, token, outcome.failingRows, toJson(outcome.sample)]);
      failingRows += outcome.failingRows;
      sample.push(...outcome.sample.slice(0, SAMPLE_SIZE - sample.length));
    }
    results.push({
      name: test.name,
      model: test.model,
      severity: test.severity,
      status: failingRows === 0 ? 'pass' : 'fail',
      failingRows,
      sample,
      checkedAt,
    });
  }
  options.onPlan?.(plan);
  await db.exec(RESULTS_DDL);
  await db.appendRows(
    'meta.data_tests',
    ['test_name', 'model', 'severity', 'status', 'failing_rows', 'sample', 'checked_at'],
    results.map((r) => [r.name, r.model, r.severity, r.status, r.failingRows, toJson(r.sample), checkedAt]),
  );
  await db.exec(STATE_DDL);
  await db.appendRows(STATE_TABLE, ['unit', 'token', 'failing_rows', 'sample'], state);
  return results;
}

/**
 * Lets DuckDB group integer keys spanning up to 2^24 values (ten million request ids) in a perfect
 * hash table (an array indexed by key) instead of a hash table: the unique test on the
 * service-request facts takes a fifth of the CPU. Returns the previous threshold.
 */
async function raisePerfectHashThreshold(db: Db): Promise<number> {
  const [row] = await db.all<{ v: string }>(`SELECT current_setting('perfect_ht_threshold') AS v`);
  const before = Number(row?.v ?? 12);
  if (before < 24) await db.exec('SET perfect_ht_threshold = 24');
  return before;
}

/**
 * Which of `pending` return at least one row, decided in one statement: `EXISTS (sql)` per unit, its
 * `failsSql` when it runs in full, or for a unit with value checks, whether a value of its relation
 * fails one; each relation's checked columns are grouped in one pass (GROUPING SETS), shared by all
 * its units. If the statement fails, it runs again without the `failsSql` forms (`fast` false), then
 * the units one by one (a unit whose SQL cannot run throws, naming its test).
 */
export async function findFailing(db: Db, pending: readonly Pending[], fast = true): Promise<boolean[]> {
  if (pending.length === 0) return [];
  const relations = new Map<string, { name: string; columns: string[] }>();
  for (const { checks } of pending) {
    if (checks === null) continue;
    let values = relations.get(checks.relation);
    if (!values) {
      values = { name: `__values_${relations.size}`, columns: [] };
      relations.set(checks.relation, values);
    }
    for (const { column } of checks.checks) if (!values.columns.includes(column)) values.columns.push(column);
  }
  const ctes = [...relations].map(
    ([relation, { name, columns }]) =>
      `${name} AS MATERIALIZED (SELECT ${columns.join(', ')}, ${columns.map((c, i) => `GROUPING(${c}) AS __g${i}`).join(', ')}
      FROM ${relation} GROUP BY GROUPING SETS (${columns.map((c) => `(${c})`).join(', ')}))`,
  );
  const keySets = new Map<string, string>();
  const keys = (relation: string, column: string): string => {
    const id = `${relation}.${column}`;
    let name = keySets.get(id);
    if (name === undefined) {
      name = `__keys_${keySets.size}`;
      keySets.set(id, name);
      ctes.push(
        `${name} AS MATERIALIZED (SELECT DISTINCT ${column} AS k FROM ${relation} WHERE ${column} IS NOT NULL)`,
      );
    }
    return name;
  };
  // One row per unit (UNION ALL: each branch is planned on its own, unlike one wide SELECT).
  const branches = pending.map(({ sql, full, failsSql, checks }, i) => {
    if (failsSql !== undefined && sql === full && fast)
      return `SELECT ${i} AS unit, (${failsSql}) AS failing`;
    if (checks === null) return `SELECT ${i} AS unit, EXISTS (${sql}) AS failing`;
    const { name, columns } = relations.get(checks.relation)!;
    const fails = checks.checks.map(
      ({ column, fails }) =>
        `(${name}.__g${columns.indexOf(column)} = 0 AND (${fails(`${name}.${column}`, keys)}))`,
    );
    return `SELECT ${i} AS unit, EXISTS (SELECT 1 FROM ${name} WHERE ${fails.join(' OR ')}) AS failing`;
  });
  let rows: { unit: number; failing: boolean }[];
  try {
    rows = await db.all<{ unit: number; failing: boolean }>(
      `${ctes.length > 0 ? `WITH ${ctes.join(',\n')}\n` : ''}${branches.join('\nUNION ALL\n')}`,
    );
  } catch {
    rows = [];
  }
  if (rows.length !== pending.length && fast && pending.some((unit) => unit.failsSql !== undefined)) {
    return findFailing(db, pending, false);
  }
  if (rows.length !== pending.length) {
    const failing: boolean[] = [];
    for (const unit of pending) failing.push((await evaluate(db, unit.test, unit.sql)).failingRows > 0);
    return failing;
  }
  const failing = pending.map(() => false);
  for (const { unit, failing: f } of rows) failing[Number(unit)] = f === true;
  return failing;
}

async function evaluate(
  db: Db,
  test: DataTest,
  sql: string,
): Promise<{ failingRows: number; sample: PlainRow[] }> {
  let rows: PlainRow[];
  try {
    rows = await db.all(`SELECT count(*) OVER () AS __failing_rows, * FROM (${sql}) LIMIT ${SAMPLE_SIZE}`);
  } catch (error) {
    throw new Error(`data test ${test.name} could not run: ${(error as Error).message}`, { cause: error });
  }
  return {
    failingRows: Number(rows[0]?.__failing_rows ?? 0),
    sample: rows.map(({ __failing_rows: _, ...row }) => row),
  };
}

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}
