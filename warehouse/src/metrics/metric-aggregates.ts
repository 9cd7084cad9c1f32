import { createHash } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { readMartDeltas, readMartTokens } from '../models/marts/mart-tokens.ts';

/**
 * A completed request's elapsed time in whole microseconds (BIGINT), recovered from its `days`
 * (null when not completed). fct_service_requests computes `days` as the elapsed µs divided once by
 * the µs in a day; multiplying back errs by at most about µs × 2^-52, under half a microsecond for
 * anything below 70 years, so rounding gives the µs exactly (the timestamps are not read: the facts'
 * `days` is the contract). Every sum and bucket of the service-day pre-aggregates is computed from it,
 * exactly, in integers.
 */
export const ELAPSED_US_SQL = 'CAST(round(days * 86400000000.0) AS BIGINT)';

/**
 * A bucket of `us` (elapsed µs, ≥ 0: the ETL rejects a completion before the submission) `width` µs
 * wide, half-up, as a DOUBLE in days (`perDay` buckets a day). In integers, so every exact tie rounds
 * up: DuckDB's round on the DOUBLE days rounded 4 of the 210 exact ties below 30 days down
 * (0.145 → 0.14, 0.285, 0.565, 0.575) and 0.155 up (numerical audit of 2026-12-06: twelve requests of
 * exactly 0.145 days had a mean of 0.145 and a median of 0.14). The bucket is the DOUBLE nearest
 * k / perDay, the value round() gave every other request.
 */
const halfUpBucket = (us: string, perDay: number) => {
  const width = 86_400_000_000 / perDay;
  return `(${us} + ${width / 2}) // ${width} / ${perDay}.0`;
};

/**
 * SQL of the days histogram bucket, over `us` (the request's elapsed µs, `ELAPSED_US_SQL`): to 0.01
 * day (≈ 14 min) below 1 day, 0.1 day below 10 days, 1 day above, ties rounded up. Medians and p90s
 * computed from it are type-7 quantiles of the bucketed days, so they are within half a bucket of the
 * exact value (≤ 7 min, ≤ 0.05 day, ≤ 0.5 day resp.).
 */
export const DAYS_BUCKET_SQL = `CASE WHEN us < 86400000000 THEN ${halfUpBucket('us', 100)}
  WHEN us < 864000000000 THEN ${halfUpBucket('us', 10)} ELSE ${halfUpBucket('us', 1)} END`;

/** Coarser buckets for the kelurahan histogram (30× more cells): 0.1 day below 10 days, then 1 day. */
export const KELURAHAN_DAYS_BUCKET_SQL = `CASE WHEN us < 864000000000 THEN ${halfUpBucket('us', 10)}
  ELSE ${halfUpBucket('us', 1)} END`;

/**
 * Σ days from `ms`, an exact sum of milliseconds with the microseconds as three decimals (a DECIMAL,
 * or the integer milliseconds of a snapshot from before 2026-12-06): the exact µs as a HUGEINT,
 * converted and divided once, as agg_handler_month's `sum_days` is (so the two agree to the bit, and
 * a group of one request has that request's `days`). Widened first: DECIMAL(18, 3) × 1000 stays a
 * DECIMAL(18, 3) and overflows above 10^12 ms, about 11,600 request-days.
 */
export const daysFromMsSql = (ms: string): string =>
  `CAST(CAST(CAST(${ms} AS DECIMAL(38, 3)) * 1000 AS HUGEINT) AS DOUBLE) / 86400000000.0`;

/**
 * Decimals a JP total per employee-year is rounded to before it is stored, compared with the
 * threshold or published. An e-learning completion earns seconds / 60 / JP_MINUTES JP, a binary
 * fraction (1 h = 1.3333333333333333 JP at 45 min), so a floating-point sum depends on the order of
 * its terms, which DuckDB does not fix: an audit of 2026-12-06 summed 1 h + 13 h + 1 h (900 min =
 * exactly 20 JP) to 19.999999999999996 in one order and 20 in another, one employee non-compliant
 * and the other compliant. Rounding each completion first does not help (1.333333 + 17.333333 +
 * 1.333333 < 20): the sum is rounded. 6 decimals lie far above the sum's error (about 1e-14 JP) and
 * below any real difference (one second at JP_MINUTES 1440 is 1.2e-5 JP; spreadsheet and program JP
 * have at most a few decimals), so 19.99 JP stays below 20.
 */
export const JP_TOTAL_DECIMALS = 6;

/** SQL of a JP total per employee-year: `expr` (a sum of JP) rounded to `JP_TOTAL_DECIMALS`. */
export const jpTotalSql = (expr: string): string => `round(${expr}, ${JP_TOTAL_DECIMALS})`;

/** Pre-aggregates added since 2026-12-01 (snapshots published before them lack them). */
export const NEWER_AGGREGATES: readonly string[] = [
  'agg_participation_cells',
  'agg_jp_cells',
  'agg_jp_agency',
  'agg_scorecard_money',
  'agg_service_days_year',
  'agg_service_days_type',
  // 2026-12-04
  'agg_service_handler_months',
  'agg_service_due',
];
const MISSING_TABLE = /Table with name (\w+) does not exist/;

/**
 * Pre-aggregates no longer built: `buildMetricAggregates` drops them, so an incremental build from a
 * snapshot that still holds one does not carry it on. `agg_invitations_day_agency` (invitation counts
 * per day and agency) was read by no metric: resistance needs the distinct employees of each row.
 */
const RETIRED_AGGREGATES: readonly string[] = ['agg_invitations_day_agency'];

/**
 * Runs `fast`; when it fails because a pre-aggregate newer than the snapshot is missing (a snapshot
 * published before that table existed: the API may serve one until the next ETL run), runs
 * `legacy`, the same answer from the older tables. Any other error propagates.
 */
export async function orLegacy<T>(fast: () => Promise<T>, legacy: () => Promise<T>): Promise<T> {
  try {
    return await fast();
  } catch (error) {
    const table = error instanceof Error ? MISSING_TABLE.exec(error.message)?.[1] : undefined;
    if (table !== undefined && NEWER_AGGREGATES.includes(table)) return legacy();
    throw error;
  }
}

/** Person dimensions of fct_headcount (every filter and groupBy participation and JP accept). */
const PERSON_CELL = 'year, agency_code, agency_kind, grade_group, tenure_band, employment_type';

/**
 * Participation slot columns of agg_participation_cells: m1..m12 (months), q1..q4 (quarters), y (year),
 * each the number of employees with a completion in that slot. `PARTICIPATION_SLOTS[grain][i]` is the
 * column of the i-th slot of the grain, `month` its first month and `mask` its months (bit m−1 = month m).
 */
export const PARTICIPATION_SLOTS = {
  month: Array.from({ length: 12 }, (_, m) => ({ column: `m${m + 1}`, month: m + 1, mask: 1 << m })),
  quarter: [0, 1, 2, 3].map((q) => ({ column: `q${q + 1}`, month: q * 3 + 1, mask: 0b111 << (q * 3) })),
  year: [{ column: 'y', month: 1, mask: 0xfff }],
} as const;

function participationCells(): string {
  const slots = Object.values(PARTICIPATION_SLOTS)
    .flat()
    .map((s) => `count(*) FILTER (WHERE completion_months & ${s.mask} <> 0) AS ${s.column}`)
    .join(', ');
  return `SELECT ${PERSON_CELL}, count(*) AS headcount, ${slots}
    FROM marts.agg_participation_employee_year GROUP BY ALL ORDER BY year, agency_code`;
}

/**
 * The pre-aggregates the metric layer reads instead of scanning large facts (DESIGN "Scale": at
 * scale 10 a scan of 10 M service requests alone exceeds the 150 ms budget). Additive to the marts
 * contract; built from marts only, so the ETL calls this right after `buildMarts` (and metric tests
 * call it after seeding marts). By default every table is fully rebuilt (idempotent); with
 * `incremental`, only what changed (see `BuildMetricAggregatesOptions`), with the same result.
 * `meta.aggregate_state` records a lineage token per table (its SQL and its inputs' tokens).
 *
 * - `agg_service_days`: one row per month × service agency × service type × days bucket (NULL =
 *   not completed): requests, Σ days, SLA met, and `sum_ms`, Σ days as exact milliseconds with the
 *   microseconds as decimals (DECIMAL(18, 3), from `ELAPSED_US_SQL`; integer milliseconds rounded
 *   each request by up to half a millisecond, so a cell's Σ days disagreed with the facts and
 *   agg_handler_month). Σ days is derived from it (`daysFromMsSql`), so it does not depend on the
 *   order rows are added in and the table can be updated by delta; readers sum `sum_ms`, not
 *   `sum_days`. Feeds serviceTimes (counts and means exact; median and p90 from the histogram, see
 *   `DAYS_BUCKET_SQL`).
 * - `agg_service_days_kelurahan`: the same with kelurahan and KELURAHAN_DAYS_BUCKET_SQL buckets, used
 *   only when a query filters or groups by kelurahan.
 * - `agg_service_days_year`: agg_service_days summed per year (same buckets, so identical
 *   quantiles); serviceTimes reads it for year-grain or ungrouped-in-time queries over whole years.
 * - `agg_service_days_type`: agg_service_days summed over agencies (same buckets; about 30 % fewer
 *   rows); serviceTimes reads it when the query neither filters nor groups by agency.
 * - `agg_service_handler_cells`: one row per month × agency × service type × handler (NULL
 *   included): requests. Maintained by delta; the distinct handler counts are derived from it.
 * - `agg_service_handlers`: one row per month × agency × service type: distinct handling employees
 *   and the requests they handled. Feeds requests per handler-month (additive by construction: a
 *   distinct count over arbitrary groupings would need the 10 M facts again).
 * - `agg_service_handler_months`: one row per month × agency: distinct handling employees over every
 *   service type (an employee handling several types counts once) and the requests they handled.
 *   Feeds requests per handler-month on rows over service types (additive over months and agencies).
 * - `agg_service_due`: one row per month × service agency × service type × kelurahan with requests
 *   still open (status in_progress) or not yet due when the data ends (a request is due once its
 *   service type's target had elapsed: submitted_at + target_days ≤ `data_end`, its SLA outcome
 *   known): `open_requests`, `open_past_target` of them due (known SLA misses), and of the completed
 *   requests those not yet due (`not_due_completed`, `not_due_met` of them within target), which the
 *   SLA rate leaves out. `data_end` is the last time the source observed (the latest submission or
 *   completion of any request), the same on every row. Feeds serviceTimes' openRequests,
 *   openPastTarget, slaDue, incomplete and the SLA rate. Rebuilt whenever fct_service_requests
 *   changes (the data end moves with every load); its rows are the open requests and the last
 *   target's worth of days, a few thousand at scale 10.
 * - `agg_satisfaction_month`: one row per month × agency × service type: respondents and Σ u1..u9.
 *   Feeds satisfaction (IKM is computed from exactly these sums). Sums are stored as BIGINT: DuckDB
 *   scans HUGEINT columns several times slower.
 * - `agg_scorecard_money`: one row per agency × year: budgets allocated and realized (fct_budgets),
 *   and for the offerings the agency organised that year Σ costs (fct_costs), distinct employees who
 *   completed them and the JP they earned, rounded as a JP total (`jpTotalSql`: a sum of e-learning
 *   JP, binary fractions, otherwise depends in its last bits on the order DuckDB adds them in).
 *   Feeds agencyScorecard (the distinct count is per cell, which is the scorecard's grain, so it is
 *   exact).
 * - `agg_participation_employee_year`: fct_headcount + `completion_months`, a 12-bit mask (bit m−1 =
 *   month m) of the months in which the employee completed an enrollment that year. Feeds
 *   participation without a grain (distinct employees over a range of months and years).
 * - `agg_participation_cells`: the same summed per year × person cell (agency, agency kind, grade
 *   group, tenure band, employment type): headcount and, per month/quarter/year slot, the employees
 *   with a completion in it (`PARTICIPATION_SLOTS`). Feeds participation with a grain (exact: every
 *   slot count is additive over cells because an employee has one row per year).
 * - `agg_jp_employee_year`: fct_headcount (one row per employee per year) + `jp`, the JP earned in
 *   completed enrollments that year (0 when none), rounded to `JP_TOTAL_DECIMALS`.
 * - `agg_jp_cells`: its histogram per year × person cell: employee-years per exact JP value. Feeds
 *   jpCompliance when no program filter applies (counts, Σ JP and the type-7 median are exact).
 * - `agg_jp_agency`: the same histogram per year × agency only (about a third of the rows), read
 *   when the agency is the only person dimension in the query.
 */
export async function buildMetricAggregates(
  db: Db,
  options: BuildMetricAggregatesOptions = {},
): Promise<BuildMetricAggregatesResult> {
  const martTokens = await readMartTokens(db);
  const previous = options.incremental ? await readAggregateState(db) : new Map<string, string>();
  const existing = new Set(
    (
      await db.all<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'marts'`,
      )
    ).map((r) => r.name),
  );
  /** Inputs with a delta from the state an aggregate was built on: name → token before the delta. */
  const deltaFrom = new Map<string, string>();
  if (options.incremental) {
    const deltas = [...(await readMartDeltas(db)).values()].filter(
      (d) => martTokens.get(d.mart) === d.toToken && d.fromToken !== '',
    );
    for (const d of deltas) {
      if (d.mart === 'fct_service_requests') {
        deltaFrom.set(d.mart, d.fromToken);
        await db.exec(serviceRequestContributions(d.newRows, d.oldRows));
      }
    }
    // The employee-years whose headcount row or completed enrollments changed (either delta may be
    // missing: that mart did not change).
    const byMart = new Map(deltas.map((d) => [d.mart, d]));
    const headcount = byMart.get('fct_headcount');
    const enrollments = byMart.get('fct_enrollments');
    if (headcount || enrollments) {
      if (headcount) deltaFrom.set(headcount.mart, headcount.fromToken);
      if (enrollments) deltaFrom.set(enrollments.mart, enrollments.fromToken);
      await db.exec(employeeYearKeys(headcount, enrollments));
    }
  }
  const tokens = new Map<string, string>(martTokens);
  const result = { rebuilt: [] as string[], updated: [] as string[], kept: [] as string[] };
  for (const agg of AGGREGATES) {
    const token = tokenOf(agg, tokens);
    tokens.set(agg.name, token);
    const before = previous.get(agg.name);
    const changed = agg.inputs.filter((i) => deltaFrom.has(i));
    if (token !== '' && before === token && existing.has(agg.name)) {
      result.kept.push(agg.name);
      continue;
    }
    const fromTokens = new Map(tokens);
    for (const i of changed) fromTokens.set(i, deltaFrom.get(i) as string);
    if (
      agg.delta &&
      changed.length > 0 &&
      before !== undefined &&
      existing.has(agg.name) &&
      tokenOf(agg, fromTokens) === before
    ) {
      for (const sql of agg.delta) await db.exec(sql);
      deltaFrom.set(agg.name, before);
      result.updated.push(agg.name);
    } else {
      await db.exec(`CREATE OR REPLACE TABLE marts.${agg.name} AS\n${agg.select}`);
      result.rebuilt.push(agg.name);
    }
  }
  for (const name of RETIRED_AGGREGATES) await db.exec(`DROP TABLE IF EXISTS marts.${name}`);
  await writeAggregateState(
    db,
    AGGREGATES.map((a) => [a.name, tokens.get(a.name) ?? '']),
  );
  await db.exec(
    `DROP TABLE IF EXISTS agg_delta_fct_service_requests; DROP TABLE IF EXISTS agg_delta_agg_service_days;
     DROP TABLE IF EXISTS agg_delta_employee_years; DROP TABLE IF EXISTS agg_delta_merge`,
  );
  return result;
}

export interface BuildMetricAggregatesOptions {
  /**
   * Reuse what the database holds (an incremental ETL build, right after `buildMarts`): an
   * aggregate whose definition and input marts are unchanged since `meta.aggregate_state` recorded
   * it is kept; the service-request histograms and handler cells are updated by the delta
   * `buildMarts` recorded when it updated `fct_service_requests` by key (exact integer and decimal
   * sums, so the result equals a full build); the rest are rebuilt. Default: rebuild everything.
   */
  readonly incremental?: boolean;
}

export interface BuildMetricAggregatesResult {
  readonly rebuilt: readonly string[];
  readonly updated: readonly string[];
  readonly kept: readonly string[];
}

interface Aggregate {
  readonly name: string;
  /** Marts and earlier aggregates it reads. */
  readonly inputs: readonly string[];
  /** The SELECT that builds it from scratch. */
  readonly select: string;
  /**
   * Statements that update it from `agg_delta_<input>` (the signed changes of its one changed
   * input); they leave its own changes in `agg_delta_<name>` for the aggregates read from it.
   */
  readonly delta?: readonly string[];
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Lineage token of an aggregate: its SQL and the tokens of its inputs ('' when one is unknown). */
function tokenOf(agg: Aggregate, tokens: ReadonlyMap<string, string>): string {
  const inputs = agg.inputs.map((i) => tokens.get(i) ?? '');
  if (inputs.some((t) => t === '')) return '';
  return sha([agg.select, ...(agg.delta ?? []), ...inputs].join('\n'));
}

async function readAggregateState(db: Db): Promise<Map<string, string>> {
  const [found] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'meta' AND table_name = 'aggregate_state'`,
  );
  if (!found || Number(found.n) === 0) return new Map();
  const rows = await db.all<{ name: string; token: string }>('SELECT name, token FROM meta.aggregate_state');
  return new Map(rows.map((r) => [r.name, r.token]));
}

async function writeAggregateState(db: Db, rows: readonly (readonly [string, string])[]): Promise<void> {
  await db.exec(`CREATE SCHEMA IF NOT EXISTS meta;
    CREATE OR REPLACE TABLE meta.aggregate_state (name VARCHAR NOT NULL, token VARCHAR NOT NULL)`);
  await db.appendRows(
    'meta.aggregate_state',
    ['name', 'token'],
    rows.map((r) => [...r]),
  );
}

/**
 * Σ `us` (elapsed µs) as stored in `sum_ms`: milliseconds with the microseconds as three decimals,
 * the unit agg_handler_month sums in. DECIMAL(18, 3) is 64 bits, scanned as fast as the BIGINT it
 * replaces (HUGEINT and DECIMAL(38) columns scan several times slower), and holds up to 10^15 ms,
 * about 11.5 million request-days in one row (beyond, the build fails on the cast, it does not wrap).
 */
const sumMsSql = (us: string) => `CAST(CAST(${us} AS DECIMAL(38, 0)) * 0.001 AS DECIMAL(18, 3))`;
/**
 * `sum_days` from the Σ `us` of a GROUP BY: the HUGEINT that `daysFromMsSql(sum_ms)` converts, so the
 * same bits (the delta merge derives it from `sum_ms`); taken from the sum directly, as the nested
 * DECIMAL casts cost about 0.1 s per million requests and table in a full build.
 */
const sumDaysSql = (us: string) => `CAST(sum(${us}) AS DOUBLE) / 86400000000.0`;

/** The signed changes of fct_service_requests: +1 per inserted row, −1 per deleted row. */
function serviceRequestContributions(newRows: string, oldRows: string): string {
  const cols = `month_start, year, agency_code, service_type, kelurahan_code, handled_by_key, days, sla_met, ${ELAPSED_US_SQL} AS us`;
  return `CREATE OR REPLACE TEMP TABLE agg_delta_fct_service_requests AS
    SELECT ${cols}, 1 AS sign FROM ${newRows} UNION ALL SELECT ${cols}, -1 AS sign FROM ${oldRows}`;
}

/** fct_headcount rows (all, or with `onlyChanged` those of `agg_delta_employee_years`). */
const headcountRows = (onlyChanged: boolean) =>
  onlyChanged
    ? '(SELECT * FROM marts.fct_headcount SEMI JOIN agg_delta_employee_years USING (employee_key, year))'
    : 'marts.fct_headcount';
/** A predicate on fct_enrollments limiting it to the employees of `agg_delta_employee_years`. */
const enrollmentsOf = (onlyChanged: boolean) =>
  onlyChanged ? ' AND employee_key IN (SELECT employee_key FROM agg_delta_employee_years)' : '';

/** agg_participation_employee_year (see `buildMetricAggregates`), or only its changed employee-years. */
function participationEmployeeYear(onlyChanged: boolean): string {
  return `SELECT h.*, coalesce(c.mask, 0) AS completion_months FROM ${headcountRows(onlyChanged)} h LEFT JOIN (
        SELECT employee_key, CAST(year(completed_on) AS INTEGER) AS year,
          bit_or(CAST(1 << (month(completed_on) - 1) AS INTEGER)) AS mask
        FROM marts.fct_enrollments WHERE status = 'completed' AND completed_on IS NOT NULL${enrollmentsOf(onlyChanged)}
        GROUP BY ALL
      ) c USING (employee_key, year)${onlyChanged ? '' : '\n      ORDER BY year, agency_code'}`;
}

/**
 * agg_jp_employee_year (see `buildMetricAggregates`), or only its changed employee-years. The JP is
 * rounded (`jpTotalSql`) so the total, the threshold test and the histogram of agg_jp_cells do not
 * depend on the order DuckDB sums the completions in.
 */
function jpEmployeeYear(onlyChanged: boolean): string {
  return `SELECT h.*, coalesce(j.jp, 0) AS jp FROM ${headcountRows(onlyChanged)} h LEFT JOIN (
        SELECT employee_key, CAST(year(completed_on) AS INTEGER) AS year, ${jpTotalSql('sum(jp_earned)')} AS jp
        FROM marts.fct_enrollments WHERE status = 'completed' AND completed_on IS NOT NULL${enrollmentsOf(onlyChanged)}
        GROUP BY ALL
      ) j USING (employee_key, year)${onlyChanged ? '' : '\n      ORDER BY year, agency_code'}`;
}

/**
 * `agg_delta_employee_years`: the (employee_key, year) pairs whose fct_headcount row was inserted
 * or deleted, or that gained or lost a completed enrollment (inserted or deleted rows of
 * fct_enrollments), from the deltas buildMarts recorded (a mart without one did not change).
 */
function employeeYearKeys(
  headcount: { newRows: string; oldRows: string } | undefined,
  enrollments: { newRows: string; oldRows: string } | undefined,
): string {
  const parts = [
    ...(headcount
      ? [headcount.newRows, headcount.oldRows].map((t) => `SELECT employee_key, year FROM ${t}`)
      : []),
    ...(enrollments
      ? [enrollments.newRows, enrollments.oldRows].map(
          (t) => `SELECT employee_key, CAST(year(completed_on) AS INTEGER) AS year FROM ${t}
            WHERE status = 'completed' AND completed_on IS NOT NULL`,
        )
      : []),
  ];
  return `CREATE OR REPLACE TEMP TABLE agg_delta_employee_years AS
    SELECT DISTINCT employee_key, year FROM (${parts.join(' UNION ALL ')})`;
}

/**
 * Replaces the rows of the per-employee-year aggregate `name` whose (employee_key, year) is in
 * `agg_delta_employee_years` with `select` restricted to them (`select` reads the keys itself).
 */
function employeeYearDelta(name: string, select: string): string[] {
  return [
    `DELETE FROM marts.${name} a USING agg_delta_employee_years k
      WHERE a.employee_key = k.employee_key AND a.year = k.year`,
    `INSERT INTO marts.${name} BY NAME ${select}`,
  ];
}

/**
 * Adds the signed changes in `agg_delta_<name>` (grouped by `keys`: requests, sum_ms, sla_met) to
 * the histogram `marts.<name>`: changed groups are replaced by old + delta, groups left with no
 * request are dropped. Keys may be NULL (no days bucket), hence IS NOT DISTINCT FROM.
 */
function mergeHistogram(name: string, keys: readonly string[], measures: readonly string[]): string[] {
  const on = keys.map((k) => `a.${k} IS NOT DISTINCT FROM d.${k}`).join(' AND ');
  const merged = measures.map((m) =>
    m === 'sum_ms'
      ? 'CASE WHEN d.days_bucket IS NULL THEN NULL ELSE coalesce(a.sum_ms, 0) + coalesce(d.sum_ms, 0) END AS sum_ms'
      : `coalesce(a.${m}, 0) + d.${m} AS ${m}`,
  );
  return [
    `CREATE OR REPLACE TEMP TABLE agg_delta_merge AS
      SELECT ${keys.map((k) => `d.${k}`).join(', ')}, ${merged.join(', ')}
      FROM agg_delta_${name} d LEFT JOIN marts.${name} a ON ${on}`,
    `DELETE FROM marts.${name} a USING agg_delta_${name} d WHERE ${on}`,
    `INSERT INTO marts.${name} BY NAME
      SELECT *${measures.includes('sum_ms') ? `, ${daysFromMsSql('sum_ms')} AS sum_days` : ''}
      FROM agg_delta_merge WHERE requests <> 0`,
  ];
}

/** The status of a request not yet completed, rejected or cancelled (still open at the data end). */
export const OPEN_STATUS = 'in_progress';

/**
 * agg_service_due (see `buildMetricAggregates`): per month × agency × service type × kelurahan, the
 * requests still open at the data end and the completed ones not yet due then. A request is due when
 * its service type's target had elapsed by the data end (submitted_at + target_days ≤ data_end):
 * its SLA outcome is known. Compared in microseconds, as fct_service_requests' `sla_met` is: in
 * milliseconds (epoch_ms truncates each timestamp) a request open 0.8 ms short of its target counted
 * past it. serviceTimes reads it as a subquery from a snapshot published before the table existed.
 */
export const SERVICE_DUE_SQL = `WITH e AS (
        SELECT max(greatest(submitted_at, coalesce(completed_at, submitted_at))) AS data_end
        FROM marts.fct_service_requests
      ),
      r AS (
        SELECT r.month_start, r.year, r.agency_code, r.service_type, r.kelurahan_code, r.days, r.sla_met,
          r.status = '${OPEN_STATUS}' AS open,
          epoch_us(e.data_end) - epoch_us(r.submitted_at) >= r.target_days * 86400000000.0 AS due, e.data_end
        FROM marts.fct_service_requests r, e
      )
      SELECT month_start, year, agency_code, service_type, kelurahan_code,
        count(*) FILTER (WHERE open) AS open_requests,
        count(*) FILTER (WHERE open AND due) AS open_past_target,
        count(*) FILTER (WHERE days IS NOT NULL AND NOT due) AS not_due_completed,
        count(*) FILTER (WHERE sla_met AND NOT due) AS not_due_met,
        any_value(data_end) AS data_end
      FROM r WHERE open OR NOT due
      GROUP BY month_start, year, agency_code, service_type, kelurahan_code
      ORDER BY month_start, agency_code, service_type, kelurahan_code`;

const SERVICE_KEYS = ['month_start', 'year', 'agency_code', 'service_type'];
const HISTOGRAM_MEASURES = ['requests', 'sum_ms', 'sla_met'];

/**
 * A days histogram of fct_service_requests (optionally per kelurahan, with coarser buckets). Sorted
 * by its group keys only: they are unique per row (GROUP BY ALL, which puts -0.0 with 0.0 and NULL
 * with NULL, as ORDER BY does), so this is the order ORDER BY ALL gives, without the measures in the
 * sort key (about a fifth of a second less per million rows; the same for the handler cells).
 */
function serviceDays(withKelurahan: boolean): Aggregate {
  const name = withKelurahan ? 'agg_service_days_kelurahan' : 'agg_service_days';
  const kel = withKelurahan ? 'kelurahan_code, ' : '';
  const bucket = `CASE WHEN us IS NULL THEN NULL ELSE ${withKelurahan ? KELURAHAN_DAYS_BUCKET_SQL : DAYS_BUCKET_SQL} END`;
  const keys = [...SERVICE_KEYS, ...(withKelurahan ? ['kelurahan_code'] : []), 'days_bucket'];
  return {
    name,
    inputs: ['fct_service_requests'],
    select: `SELECT month_start, year, agency_code, service_type, ${kel}${bucket} AS days_bucket,
        count(*) AS requests, ${sumDaysSql('us')} AS sum_days,
        count(*) FILTER (WHERE sla_met) AS sla_met, ${sumMsSql('sum(us)')} AS sum_ms
      FROM (SELECT *, ${ELAPSED_US_SQL} AS us FROM marts.fct_service_requests)
      GROUP BY ALL ORDER BY ${keys.join(', ')}`,
    delta: [
      `CREATE OR REPLACE TEMP TABLE agg_delta_${name} AS
        SELECT * FROM (
          SELECT month_start, year, agency_code, service_type, ${kel}${bucket} AS days_bucket,
            sum(sign) AS requests, CAST(sum(sign * us) AS DECIMAL(38, 0)) * 0.001 AS sum_ms, coalesce(sum(sign) FILTER (WHERE sla_met), 0) AS sla_met
          FROM agg_delta_fct_service_requests GROUP BY ALL
        ) WHERE requests <> 0 OR sum_ms <> 0 OR sla_met <> 0`,
      ...mergeHistogram(name, keys, HISTOGRAM_MEASURES),
    ],
  };
}

/** The days histogram summed over some of its keys (same buckets, so the same quantiles). */
function serviceDaysRollup(name: string, keys: readonly string[], order: string): Aggregate {
  const k = keys.join(', ');
  return {
    name,
    inputs: ['agg_service_days'],
    select: `SELECT ${k}, CAST(sum(requests) AS BIGINT) AS requests, ${daysFromMsSql('sum(sum_ms)')} AS sum_days,
        CAST(sum(sla_met) AS BIGINT) AS sla_met, CAST(sum(sum_ms) AS DECIMAL(18, 3)) AS sum_ms
      FROM marts.agg_service_days GROUP BY ALL ORDER BY ${order}`,
    delta: [
      `CREATE OR REPLACE TEMP TABLE agg_delta_${name} AS
        SELECT ${k}, sum(requests) AS requests, sum(sum_ms) AS sum_ms, sum(sla_met) AS sla_met
        FROM agg_delta_agg_service_days GROUP BY ALL`,
      ...mergeHistogram(name, keys, HISTOGRAM_MEASURES),
    ],
  };
}

/**
 * Every pre-aggregate in build order (an aggregate may read the ones before it). See
 * `buildMetricAggregates` for what each holds.
 */
const AGGREGATES: readonly Aggregate[] = [
  serviceDays(false),
  serviceDays(true),
  serviceDaysRollup(
    'agg_service_days_year',
    ['year', 'agency_code', 'service_type', 'days_bucket'],
    'year, agency_code, service_type, days_bucket',
  ),
  serviceDaysRollup(
    'agg_service_days_type',
    ['month_start', 'year', 'service_type', 'days_bucket'],
    'month_start, service_type, days_bucket',
  ),
  {
    name: 'agg_service_due',
    inputs: ['fct_service_requests'],
    select: SERVICE_DUE_SQL,
  },
  {
    name: 'agg_service_handler_cells',
    inputs: ['fct_service_requests'],
    select: `SELECT month_start, year, agency_code, service_type, handled_by_key, count(*) AS requests
      FROM marts.fct_service_requests GROUP BY ALL ORDER BY ${[...SERVICE_KEYS, 'handled_by_key'].join(', ')}`,
    delta: [
      `CREATE OR REPLACE TEMP TABLE agg_delta_agg_service_handler_cells AS
        SELECT * FROM (
          SELECT month_start, year, agency_code, service_type, handled_by_key, sum(sign) AS requests
          FROM agg_delta_fct_service_requests GROUP BY ALL
        ) WHERE requests <> 0`,
      ...mergeHistogram('agg_service_handler_cells', [...SERVICE_KEYS, 'handled_by_key'], ['requests']),
    ],
  },
  {
    name: 'agg_service_handlers',
    inputs: ['agg_service_handler_cells'],
    select: `SELECT month_start, year, agency_code, service_type, count(handled_by_key) AS handlers,
        CAST(coalesce(sum(requests) FILTER (WHERE handled_by_key IS NOT NULL), 0) AS BIGINT) AS handled
      FROM marts.agg_service_handler_cells GROUP BY ALL ORDER BY ALL`,
  },
  {
    name: 'agg_service_handler_months',
    inputs: ['agg_service_handler_cells'],
    select: `SELECT month_start, year, agency_code, count(DISTINCT handled_by_key) AS handlers,
        CAST(coalesce(sum(requests) FILTER (WHERE handled_by_key IS NOT NULL), 0) AS BIGINT) AS handled
      FROM marts.agg_service_handler_cells GROUP BY ALL ORDER BY ALL`,
  },
  {
    name: 'agg_satisfaction_month',
    inputs: ['fct_satisfaction'],
    select: `SELECT CAST(date_trunc('month', surveyed_on) AS DATE) AS month_start, year, agency_code, service_type,
        count(*) AS respondents,
        ${Array.from({ length: 9 }, (_, i) => `CAST(sum(u${i + 1}) AS BIGINT) AS u${i + 1}`).join(', ')}
      FROM marts.fct_satisfaction GROUP BY ALL ORDER BY ALL`,
  },
  {
    name: 'agg_participation_employee_year',
    inputs: ['fct_headcount', 'fct_enrollments'],
    select: participationEmployeeYear(false),
    delta: employeeYearDelta('agg_participation_employee_year', participationEmployeeYear(true)),
  },
  {
    name: 'agg_participation_cells',
    inputs: ['agg_participation_employee_year'],
    select: participationCells(),
  },
  {
    name: 'agg_jp_employee_year',
    inputs: ['fct_headcount', 'fct_enrollments'],
    select: jpEmployeeYear(false),
    delta: employeeYearDelta('agg_jp_employee_year', jpEmployeeYear(true)),
  },
  {
    name: 'agg_scorecard_money',
    inputs: ['fct_budgets', 'fct_costs', 'fct_enrollments', 'dim_offering'],
    select: `WITH b AS (
        SELECT agency_code, fiscal_year AS year, sum(allocated_idr) AS allocated, sum(realized_idr) AS realized
        FROM marts.fct_budgets GROUP BY ALL
      ),
      c AS (SELECT organizer_agency_code AS agency_code, year, sum(amount_idr) AS cost FROM marts.fct_costs GROUP BY ALL),
      e AS (
        SELECT o.organizer_agency_code AS agency_code, o.year,
          count(DISTINCT e.employee_key) AS participants, ${jpTotalSql('sum(e.jp_earned)')} AS jp
        FROM marts.fct_enrollments e JOIN marts.dim_offering o USING (offering_id)
        WHERE e.status = 'completed' GROUP BY ALL
      ),
      k AS (SELECT agency_code, year FROM b UNION SELECT agency_code, year FROM c UNION SELECT agency_code, year FROM e)
      SELECT k.agency_code, k.year, b.allocated, b.realized, c.cost, e.participants, e.jp
      FROM k LEFT JOIN b USING (agency_code, year) LEFT JOIN c USING (agency_code, year)
        LEFT JOIN e USING (agency_code, year)
      ORDER BY year, agency_code`,
  },
  {
    name: 'agg_jp_cells',
    inputs: ['agg_jp_employee_year'],
    select: `SELECT ${PERSON_CELL}, jp, count(*) AS employees
      FROM marts.agg_jp_employee_year GROUP BY ALL ORDER BY year, agency_code, jp`,
  },
  {
    name: 'agg_jp_agency',
    inputs: ['agg_jp_cells'],
    select: `SELECT year, agency_code, jp, CAST(sum(employees) AS BIGINT) AS employees
      FROM marts.agg_jp_cells GROUP BY ALL ORDER BY year, agency_code, jp`,
  },
];
