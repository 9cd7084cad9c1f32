import type { Db } from '../db/index.ts';

/**
 * SQL of the days histogram bucket: exact to 0.01 day (≈ 14 min) below 1 day, 0.1 day below 10
 * days, 1 day above. Medians and p90s computed from it are type-7 quantiles of the bucketed days, so
 * they are within half a bucket of the exact value (≤ 7 min, ≤ 0.05 day, ≤ 0.5 day resp.).
 */
export const DAYS_BUCKET_SQL =
  'CASE WHEN days < 1 THEN round(days, 2) WHEN days < 10 THEN round(days, 1) ELSE round(days, 0) END';

/** JP earned per employee and completion year (completed enrollments); extra predicates optional. */
export const JP_BY_EMPLOYEE_YEAR_SQL = `SELECT employee_key, CAST(year(completed_on) AS INTEGER) AS year, sum(jp_earned) AS jp
  FROM marts.fct_enrollments WHERE status = 'completed' AND completed_on IS NOT NULL GROUP BY ALL`;

/** Coarser buckets for the kelurahan histogram (30× more cells): 0.1 day below 10 days, then 1 day. */
export const KELURAHAN_DAYS_BUCKET_SQL = 'CASE WHEN days < 10 THEN round(days, 1) ELSE round(days, 0) END';

/** Pre-aggregates added on 2026-12-01 (snapshots published before lack them). */
export const NEWER_AGGREGATES: readonly string[] = [
  'agg_participation_cells',
  'agg_jp_cells',
  'agg_jp_agency',
  'agg_scorecard_money',
  'agg_service_days_year',
  'agg_service_days_type',
  'agg_invitations_day_agency',
];
const MISSING_TABLE = /Table with name (\w+) does not exist/;

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
  return `CREATE OR REPLACE TABLE marts.agg_participation_cells AS
    SELECT ${PERSON_CELL}, count(*) AS headcount, ${slots}
    FROM marts.agg_participation_employee_year GROUP BY ALL ORDER BY year, agency_code`;
}

function serviceDays(withKelurahan: boolean): string {
  const table = withKelurahan ? 'agg_service_days_kelurahan' : 'agg_service_days';
  const kel = withKelurahan ? 'kelurahan_code, ' : '';
  const bucket = withKelurahan ? KELURAHAN_DAYS_BUCKET_SQL : DAYS_BUCKET_SQL;
  return `CREATE OR REPLACE TABLE marts.${table} AS
    SELECT month_start, year, agency_code, service_type, ${kel}
      CASE WHEN days IS NULL THEN NULL ELSE ${bucket} END AS days_bucket,
      count(*) AS requests, sum(days) AS sum_days, count(*) FILTER (WHERE sla_met) AS sla_met
    FROM marts.fct_service_requests GROUP BY ALL ORDER BY ALL`;
}

/**
 * The pre-aggregates the metric layer reads instead of scanning large facts (DESIGN "Scale": at
 * scale 10 a scan of 10 M service requests alone exceeds the 150 ms budget). Additive to the marts
 * contract; built from marts only, so the ETL calls this right after `buildMarts` (and metric tests
 * call it after seeding marts). Every table is fully rebuilt (idempotent).
 *
 * - `agg_service_days`: one row per month × service agency × service type × days bucket (NULL =
 *   not completed): requests, Σ days, SLA met. Feeds serviceTimes (counts and means exact; median
 *   and p90 from the histogram, see `DAYS_BUCKET_SQL`).
 * - `agg_service_days_kelurahan`: the same with kelurahan and KELURAHAN_DAYS_BUCKET_SQL buckets, used
 *   only when a query filters or groups by kelurahan.
 * - `agg_service_days_year`: agg_service_days summed per year (same buckets, so identical
 *   quantiles); serviceTimes reads it for year-grain or ungrouped-in-time queries over whole years.
 * - `agg_service_days_type`: agg_service_days summed over agencies (same buckets; about 30 % fewer
 *   rows); serviceTimes reads it when the query neither filters nor groups by agency.
 * - `agg_invitations_day_agency`: one row per invitation day × agency: invited, declined, no response,
 *   no-show. Feeds resistance when only the agency is filtered or grouped (exact for any day range).
 * - `agg_service_handlers`: one row per month × agency × service type: distinct handling employees
 *   and the requests they handled. Feeds requests per handler-month (additive by construction: a
 *   distinct count over arbitrary groupings would need the 10 M facts again).
 * - `agg_satisfaction_month`: one row per month × agency × service type: respondents and Σ u1..u9.
 *   Feeds satisfaction (IKM is computed from exactly these sums). Sums are stored as BIGINT: DuckDB
 *   scans HUGEINT columns several times slower.
 * - `agg_scorecard_money`: one row per agency × year: budgets allocated and realized (fct_budgets),
 *   and for the offerings the agency organised that year Σ costs (fct_costs), distinct employees who
 *   completed them and the JP they earned. Feeds agencyScorecard (the distinct count is per cell,
 *   which is the scorecard's grain, so it is exact).
 * - `agg_participation_employee_year`: fct_headcount + `completion_months`, a 12-bit mask (bit m−1 =
 *   month m) of the months in which the employee completed an enrollment that year. Feeds
 *   participation without a grain (distinct employees over a range of months and years).
 * - `agg_participation_cells`: the same summed per year × person cell (agency, agency kind, grade
 *   group, tenure band, employment type): headcount and, per month/quarter/year slot, the employees
 *   with a completion in it (`PARTICIPATION_SLOTS`). Feeds participation with a grain (exact: every
 *   slot count is additive over cells because an employee has one row per year).
 * - `agg_jp_employee_year`: fct_headcount (one row per employee per year) + `jp`, the JP earned in
 *   completed enrollments that year (0 when none).
 * - `agg_jp_cells`: its histogram per year × person cell: employee-years per exact JP value. Feeds
 *   jpCompliance when no program filter applies (counts, Σ JP and the type-7 median are exact).
 * - `agg_jp_agency`: the same histogram per year × agency only (about a third of the rows), read
 *   when the agency is the only person dimension in the query.
 */
export async function buildMetricAggregates(db: Db): Promise<void> {
  await db.exec(`
    ${serviceDays(false)};
    ${serviceDays(true)};
    CREATE OR REPLACE TABLE marts.agg_service_days_year AS
      SELECT year, agency_code, service_type, days_bucket, CAST(sum(requests) AS BIGINT) AS requests,
        sum(sum_days) AS sum_days, CAST(sum(sla_met) AS BIGINT) AS sla_met
      FROM marts.agg_service_days GROUP BY ALL ORDER BY year, agency_code, service_type, days_bucket;
    CREATE OR REPLACE TABLE marts.agg_service_days_type AS
      SELECT month_start, year, service_type, days_bucket, CAST(sum(requests) AS BIGINT) AS requests,
        sum(sum_days) AS sum_days, CAST(sum(sla_met) AS BIGINT) AS sla_met
      FROM marts.agg_service_days GROUP BY ALL ORDER BY month_start, service_type, days_bucket;
    CREATE OR REPLACE TABLE marts.agg_invitations_day_agency AS
      SELECT invited_on, agency_code, count(*) AS invited,
        count(*) FILTER (WHERE response = 'declined') AS declined,
        count(*) FILTER (WHERE response = 'no_response') AS no_response,
        count(*) FILTER (WHERE enrollment_status = 'no_show') AS no_show
      FROM marts.fct_invitations GROUP BY ALL ORDER BY invited_on, agency_code;
    CREATE OR REPLACE TABLE marts.agg_service_handlers AS
      SELECT month_start, year, agency_code, service_type,
        count(DISTINCT handled_by_key) AS handlers, count(handled_by_key) AS handled
      FROM marts.fct_service_requests GROUP BY ALL ORDER BY ALL;
    CREATE OR REPLACE TABLE marts.agg_satisfaction_month AS
      SELECT CAST(date_trunc('month', surveyed_on) AS DATE) AS month_start, year, agency_code, service_type,
        count(*) AS respondents,
        ${Array.from({ length: 9 }, (_, i) => `CAST(sum(u${i + 1}) AS BIGINT) AS u${i + 1}`).join(', ')}
      FROM marts.fct_satisfaction GROUP BY ALL ORDER BY ALL;
    CREATE OR REPLACE TABLE marts.agg_participation_employee_year AS
      SELECT h.*, coalesce(c.mask, 0) AS completion_months FROM marts.fct_headcount h LEFT JOIN (
        SELECT employee_key, CAST(year(completed_on) AS INTEGER) AS year,
          bit_or(CAST(1 << (month(completed_on) - 1) AS INTEGER)) AS mask
        FROM marts.fct_enrollments WHERE status = 'completed' AND completed_on IS NOT NULL GROUP BY ALL
      ) c USING (employee_key, year)
      ORDER BY year, agency_code;
    ${participationCells()};
    CREATE OR REPLACE TABLE marts.agg_jp_employee_year AS
      SELECT h.*, coalesce(j.jp, 0) AS jp FROM marts.fct_headcount h LEFT JOIN (
        ${JP_BY_EMPLOYEE_YEAR_SQL}
      ) j USING (employee_key, year)
      ORDER BY year, agency_code;
    CREATE OR REPLACE TABLE marts.agg_scorecard_money AS
      WITH b AS (
        SELECT agency_code, fiscal_year AS year, sum(allocated_idr) AS allocated, sum(realized_idr) AS realized
        FROM marts.fct_budgets GROUP BY ALL
      ),
      c AS (SELECT organizer_agency_code AS agency_code, year, sum(amount_idr) AS cost FROM marts.fct_costs GROUP BY ALL),
      e AS (
        SELECT o.organizer_agency_code AS agency_code, o.year,
          count(DISTINCT e.employee_key) AS participants, sum(e.jp_earned) AS jp
        FROM marts.fct_enrollments e JOIN marts.dim_offering o USING (offering_id)
        WHERE e.status = 'completed' GROUP BY ALL
      ),
      k AS (SELECT agency_code, year FROM b UNION SELECT agency_code, year FROM c UNION SELECT agency_code, year FROM e)
      SELECT k.agency_code, k.year, b.allocated, b.realized, c.cost, e.participants, e.jp
      FROM k LEFT JOIN b USING (agency_code, year) LEFT JOIN c USING (agency_code, year)
        LEFT JOIN e USING (agency_code, year)
      ORDER BY year, agency_code;
    CREATE OR REPLACE TABLE marts.agg_jp_cells AS
      SELECT ${PERSON_CELL}, jp, count(*) AS employees
      FROM marts.agg_jp_employee_year GROUP BY ALL ORDER BY year, agency_code, jp;
    CREATE OR REPLACE TABLE marts.agg_jp_agency AS
      SELECT year, agency_code, jp, CAST(sum(employees) AS BIGINT) AS employees
      FROM marts.agg_jp_cells GROUP BY ALL ORDER BY year, agency_code, jp;
  `);
}
