import type { Db } from '../../db/index.ts';

/**
 * The snapshot shapes a published warehouse may still have (the API serves the last one published
 * until the next ETL run):
 * - `before-f97ff90`: built before f97ff90 (2026-12-01 15:43). Its service-day histograms have no
 *   `sum_ms` (Σ days only as a DOUBLE `sum_days`) and their days buckets are DuckDB's round() of the
 *   DOUBLE days (before e5c4b66's half-up microsecond buckets); there is no
 *   `agg_service_handler_cells`, `agg_service_handler_months` or `agg_service_due`, nor
 *   `meta.aggregate_state`; the facts have no `person_id` (added 2026-12-04).
 * - `before-2026-12-01`: the same, built before the 2026-12-01 pre-aggregates too (b2eec97 and after:
 *   the tables 0821efc listed as newer, `agg_service_days_year` and `_type` among them).
 * - `before-2026-12-04`: built after f97ff90 but before cb6190f (2026-12-04 07:59): its day tables
 *   have `sum_ms` and `agg_service_handler_cells` is there, but not `agg_service_handler_months`
 *   (cb6190f) nor `agg_service_due` (b49c073); the facts have no `person_id`. Its day tables are
 *   the current ones here (the buckets of that time, before e5c4b66, are not rebuilt).
 */
export type OldSnapshotShape = 'before-f97ff90' | 'before-2026-12-01' | 'before-2026-12-04';

/** The service pre-aggregates added on 2026-12-04 (cb6190f, b49c073). */
const ADDED_2026_12_04 = ['agg_service_handler_months', 'agg_service_due'];

/** The metric pre-aggregates the current `buildMetricAggregates` builds (and a retired one). */
const CURRENT_AGGREGATES = [
  'agg_service_days',
  'agg_service_days_kelurahan',
  'agg_service_days_year',
  'agg_service_days_type',
  'agg_service_due',
  'agg_service_handler_cells',
  'agg_service_handlers',
  'agg_service_handler_months',
  'agg_satisfaction_month',
  'agg_participation_employee_year',
  'agg_participation_cells',
  'agg_jp_employee_year',
  'agg_scorecard_money',
  'agg_jp_cells',
  'agg_jp_agency',
  'agg_invitations_day_agency',
];

/** The pre-aggregates 0821efc named as added on 2026-12-01 (a snapshot built before lacks them). */
const ADDED_2026_12_01 = [
  'agg_participation_cells',
  'agg_jp_cells',
  'agg_jp_agency',
  'agg_scorecard_money',
  'agg_service_days_year',
  'agg_service_days_type',
  'agg_invitations_day_agency',
];

const OLD_DAYS_BUCKET_SQL =
  'CASE WHEN days < 1 THEN round(days, 2) WHEN days < 10 THEN round(days, 1) ELSE round(days, 0) END';
const OLD_KELURAHAN_DAYS_BUCKET_SQL = 'CASE WHEN days < 10 THEN round(days, 1) ELSE round(days, 0) END';
const OLD_PERSON_CELL = 'year, agency_code, agency_kind, grade_group, tenure_band, employment_type';
const OLD_PARTICIPATION_SLOTS = [
  ...Array.from({ length: 12 }, (_, m) => ({ column: `m${m + 1}`, mask: 1 << m })),
  ...[0, 1, 2, 3].map((q) => ({ column: `q${q + 1}`, mask: 0b111 << (q * 3) })),
  { column: 'y', mask: 0xfff },
];

function oldServiceDays(withKelurahan: boolean): string {
  const table = withKelurahan ? 'agg_service_days_kelurahan' : 'agg_service_days';
  const kel = withKelurahan ? 'kelurahan_code, ' : '';
  const bucket = withKelurahan ? OLD_KELURAHAN_DAYS_BUCKET_SQL : OLD_DAYS_BUCKET_SQL;
  return `CREATE OR REPLACE TABLE marts.${table} AS
    SELECT month_start, year, agency_code, service_type, ${kel}
      CASE WHEN days IS NULL THEN NULL ELSE ${bucket} END AS days_bucket,
      count(*) AS requests, sum(days) AS sum_days, count(*) FILTER (WHERE sla_met) AS sla_met
    FROM marts.fct_service_requests GROUP BY ALL ORDER BY ALL`;
}

/**
 * `buildMetricAggregates` as it was at f97ff90^ (`git show f97ff90^:warehouse/src/metrics/metric-aggregates.ts`),
 * its SQL copied as it was.
 */
const OLD_BUILD_METRIC_AGGREGATES = `
    ${oldServiceDays(false)};
    ${oldServiceDays(true)};
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
    CREATE OR REPLACE TABLE marts.agg_participation_cells AS
      SELECT ${OLD_PERSON_CELL}, count(*) AS headcount,
        ${OLD_PARTICIPATION_SLOTS.map((s) => `count(*) FILTER (WHERE completion_months & ${s.mask} <> 0) AS ${s.column}`).join(', ')}
      FROM marts.agg_participation_employee_year GROUP BY ALL ORDER BY year, agency_code;
    CREATE OR REPLACE TABLE marts.agg_jp_employee_year AS
      SELECT h.*, coalesce(j.jp, 0) AS jp FROM marts.fct_headcount h LEFT JOIN (
        SELECT employee_key, CAST(year(completed_on) AS INTEGER) AS year, sum(jp_earned) AS jp
        FROM marts.fct_enrollments WHERE status = 'completed' AND completed_on IS NOT NULL GROUP BY ALL
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
      SELECT ${OLD_PERSON_CELL}, jp, count(*) AS employees
      FROM marts.agg_jp_employee_year GROUP BY ALL ORDER BY year, agency_code, jp;
    CREATE OR REPLACE TABLE marts.agg_jp_agency AS
      SELECT year, agency_code, jp, CAST(sum(employees) AS BIGINT) AS employees
      FROM marts.agg_jp_cells GROUP BY ALL ORDER BY year, agency_code, jp;
  `;

/**
 * Turns a warehouse built by the current code into one shaped like a snapshot built before `shape`
 * (see `OldSnapshotShape`) from the same facts: the current pre-aggregates dropped, the old ones
 * built by the old SQL, the facts' `person_id` dropped. The marts are otherwise as they were then
 * (their columns have not changed since but for person_id); the facts' values are not rewritten
 * (the old `days` came from milliseconds, the same value for timestamps in whole milliseconds).
 */
export async function makeOldSnapshot(db: Db, shape: OldSnapshotShape): Promise<void> {
  if (shape === 'before-2026-12-04') {
    for (const table of ADDED_2026_12_04) await db.exec(`DROP TABLE marts.${table}`);
    await db.exec(
      `DELETE FROM meta.aggregate_state WHERE name IN (${ADDED_2026_12_04.map((t) => `'${t}'`).join(', ')})`,
    );
    await db.exec('ALTER TABLE marts.fct_invitations DROP COLUMN IF EXISTS person_id');
    await db.exec('ALTER TABLE marts.fct_enrollments DROP COLUMN IF EXISTS person_id');
    return;
  }
  for (const table of CURRENT_AGGREGATES) await db.exec(`DROP TABLE IF EXISTS marts.${table}`);
  await db.exec('DROP TABLE IF EXISTS meta.aggregate_state');
  await db.exec('ALTER TABLE marts.fct_invitations DROP COLUMN IF EXISTS person_id');
  await db.exec('ALTER TABLE marts.fct_enrollments DROP COLUMN IF EXISTS person_id');
  await db.exec(OLD_BUILD_METRIC_AGGREGATES);
  if (shape === 'before-2026-12-01') {
    for (const table of ADDED_2026_12_01) await db.exec(`DROP TABLE marts.${table}`);
  }
}
