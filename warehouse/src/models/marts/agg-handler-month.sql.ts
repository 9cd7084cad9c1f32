/**
 * Service volume and speed per handler and month, pre-aggregated from fct_service_requests so cohort
 * outcomes (treated vs control handlers) do not rescan a million requests. `completed` counts the
 * completed requests with a completion time (`days` not null): the requests `sum_days` and `sla_met`
 * are over, so `sum_days / completed` (mean days) and `sla_met / completed` (SLA rate) divide by the
 * requests their numerators saw (over completed requests only: serviceTimes' SLA rate is over the
 * requests due by the data end instead, so the cohort SLA differs slightly in the latest months); a
 * completed request without a completion time (the ETL quarantines those) has no days and cannot be
 * judged against its SLA. `sum_days` and `sum_sq_days` let a caller derive mean and variance of
 * handling time; they are null when nothing was completed. They are summed as exact integer
 * milliseconds and divided once, so the result does not depend on the order DuckDB's parallel
 * aggregation adds doubles in (same stg → same bits).
 * `agency_code` is the service unit the handler worked for most that month (ties: the smallest
 * code), so one row per handler-month stays true when a handler serves two units. One scan: counts
 * and sums per handler-month-unit (`handlerUnitsFrom`, kept in HANDLER_UNITS_TABLE by the build),
 * then summed per handler-month (exact: integers and HUGEINT ms).
 */
export const aggHandlerMonthSql = aggHandlerMonthFrom(`(${handlerUnitsFrom('marts.fct_service_requests')})`);

/**
 * Where the build keeps `handlerUnitsFrom` over the facts (one row per handler, month and unit with
 * exact integer sums; not part of the contract): the incremental build adds the facts' signed delta
 * to it and re-derives only the touched handler-months, without rescanning the facts.
 */
export const HANDLER_UNITS_TABLE = 'meta.agg_handler_month_units';

/** The requests of `source` (shaped like fct_service_requests, optional `sign`) per handler, month and unit. */
export function handlerUnitsFrom(source: string, signed = false): string {
  const n = signed ? 'sum(sign)' : 'count(*)';
  const f = (cond: string) =>
    signed ? `coalesce(sum(sign) FILTER (WHERE ${cond}), 0)` : `count(*) FILTER (WHERE ${cond})`;
  const w = (expr: string) => (signed ? `sum(sign * ${expr})` : `sum(${expr})`);
  return `SELECT
    handled_by_key,
    month_start,
    agency_code,
    ${n} AS requests,
    ${f(`status = 'completed' AND ms IS NOT NULL`)} AS completed,
    ${f('ms IS NOT NULL')} AS timed,
    ${w('ms')} AS sum_ms,
    ${w('ms * ms')} AS sum_sq_ms,
    ${f('sla_met')} AS sla_met
  FROM (
    SELECT
      handled_by_key,
      month_start,
      agency_code,
      status,
      sla_met,
      CASE WHEN days IS NOT NULL
        THEN CAST(epoch_ms(completed_at) - epoch_ms(submitted_at) AS HUGEINT) END AS ms${signed ? ',\n      sign' : ''}
    FROM ${source}
    WHERE handled_by_key IS NOT NULL
  )
  GROUP BY handled_by_key, month_start, agency_code`;
}

/**
 * The model from per-unit rows (`handlerUnitsFrom`), optionally for some handler-months only:
 * `groups` names a relation of (handled_by_key, month_start) pairs, and only those rows are produced
 * (each row depends on the requests of its own handler-month alone).
 */
export function aggHandlerMonthFrom(units: string, groups: string | null = null): string {
  return `-- grain: one row per handling employee per month of submission
WITH per_unit AS (
  SELECT * FROM ${units} u${groups === null ? '' : ` SEMI JOIN ${groups} USING (handled_by_key, month_start)`}
)
SELECT
  handled_by_key AS employee_key,
  month_start,
  arg_min(agency_code, (-requests, agency_code)) AS agency_code,
  sum(requests) AS requests,
  sum(completed) AS completed,
  CAST(sum(CASE WHEN timed > 0 THEN sum_ms END) AS DOUBLE) / 86400000.0 AS sum_days,
  CAST(sum(CASE WHEN timed > 0 THEN sum_sq_ms END) AS DOUBLE) / (86400000.0 * 86400000.0) AS sum_sq_days,
  sum(sla_met) AS sla_met
FROM per_unit
GROUP BY handled_by_key, month_start
ORDER BY employee_key, month_start`;
}
