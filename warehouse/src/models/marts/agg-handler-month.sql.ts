/**
 * Service volume and speed per handler and month, pre-aggregated from fct_service_requests so cohort
 * outcomes (treated vs control handlers) do not rescan a million requests. `sum_days` and
 * `sum_sq_days` let a caller derive mean and variance of handling time; they are null when nothing
 * was completed. They are summed as exact integer milliseconds and divided once, so the result does
 * not depend on the order DuckDB's parallel aggregation adds doubles in (same stg → same bits).
 * `agency_code` is the service unit the handler worked for most that month (ties: the smallest
 * code), so one row per handler-month stays true when a handler serves two units. One scan: counts
 * and sums per handler-month-unit, then summed per handler-month (exact: integers and HUGEINT ms).
 */
export const aggHandlerMonthSql = aggHandlerMonthFor(null);

/**
 * The model, optionally for some handler-months only: `groups` names a relation of
 * (handled_by_key, month_start) pairs, and only those rows are produced (each row depends on the
 * requests of its own handler-month alone, so the incremental build recomputes just the touched ones).
 */
export function aggHandlerMonthFor(groups: string | null): string {
  return `-- grain: one row per handling employee per month of submission
WITH requests AS (
  SELECT
    handled_by_key,
    month_start,
    agency_code,
    status,
    sla_met,
    CASE WHEN days IS NOT NULL
      THEN CAST(epoch_ms(completed_at) - epoch_ms(submitted_at) AS HUGEINT) END AS ms
  FROM marts.fct_service_requests${groups === null ? '' : ` SEMI JOIN ${groups} USING (handled_by_key, month_start)`}
  WHERE handled_by_key IS NOT NULL
),
per_unit AS (
  SELECT
    handled_by_key,
    month_start,
    agency_code,
    count(*) AS requests,
    count(*) FILTER (WHERE status = 'completed') AS completed,
    sum(ms) AS sum_ms,
    sum(ms * ms) AS sum_sq_ms,
    count(*) FILTER (WHERE sla_met) AS sla_met
  FROM requests
  GROUP BY handled_by_key, month_start, agency_code
)
SELECT
  handled_by_key AS employee_key,
  month_start,
  arg_min(agency_code, (-requests, agency_code)) AS agency_code,
  sum(requests) AS requests,
  sum(completed) AS completed,
  CAST(sum(sum_ms) AS DOUBLE) / 86400000.0 AS sum_days,
  CAST(sum(sum_sq_ms) AS DOUBLE) / (86400000.0 * 86400000.0) AS sum_sq_days,
  sum(sla_met) AS sla_met
FROM per_unit
GROUP BY handled_by_key, month_start
ORDER BY employee_key, month_start`;
}
