/**
 * A request's elapsed time in milliseconds with the microseconds as three decimals (DECIMAL(38,3)):
 * the precision the facts' `days` come from (integer milliseconds from epoch_ms dropped the µs).
 * Sums of it and of its square (six decimals) are exact, so they do not depend on the order rows
 * are added in, and the build's delta merge adds them exactly.
 */
const ELAPSED_MS = 'CAST(epoch_us(completed_at) - epoch_us(submitted_at) AS DECIMAL(38, 0)) * 0.001';

/**
 * A sum of `ELAPSED_MS` (power 1) or of its squares (power 2) in days (days²): the exact µs (µs²) as
 * a HUGEINT, converted and divided once (µs per day squared is exact in DOUBLE, not in DECIMAL(18)).
 */
const inDays = (sum: string, power: 1 | 2) =>
  power === 1
    ? `CAST(CAST(${sum} * 1000 AS HUGEINT) AS DOUBLE) / 86400000000.0`
    : `CAST(CAST(${sum} * 1000000 AS HUGEINT) AS DOUBLE) / (86400000000.0::DOUBLE * 86400000000.0::DOUBLE)`;

/**
 * Service volume and speed per handler and month, pre-aggregated from fct_service_requests so cohort
 * outcomes (treated vs control handlers) do not rescan a million requests. `completed` counts the
 * completed requests with a completion time (`days` not null): the requests `sum_days` and `sla_met`
 * are over, so `sum_days / completed` (mean days) and `sla_met / completed` (SLA rate) divide by the
 * requests their numerators saw (over completed requests only: serviceTimes' SLA rate is over the
 * requests due by the data end instead, so the cohort SLA differs slightly in the latest months); a
 * completed request without a completion time (the ETL quarantines those) has no days and cannot be
 * judged against its SLA. `sum_days` and `sum_sq_days` let a caller derive mean and variance of
 * handling time; they are null when nothing was completed. They are summed as exact milliseconds
 * with the microseconds as decimals (`sum_ms`, DECIMAL: the precision of the facts' `days`, which
 * come from the elapsed µs) and divided once, so the result does not depend on the order DuckDB's
 * parallel aggregation adds doubles in (same stg → same bits), and a handler-month of one request
 * has that request's `days` to the bit.
 * `agency_code` is the service unit the handler worked for most that month (ties: the smallest
 * code), so one row per handler-month stays true when a handler serves two units. One scan: counts
 * and sums per handler-month-unit (`handlerUnitsFrom`, kept in HANDLER_UNITS_TABLE by the build),
 * then summed per handler-month (exact: integers and DECIMAL ms).
 */
export const aggHandlerMonthSql = aggHandlerMonthFrom(`(${handlerUnitsFrom('marts.fct_service_requests')})`);

/**
 * Where the build keeps `handlerUnitsFrom` over the facts (one row per handler, month and unit with
 * exact sums: integers and DECIMAL ms; not part of the contract): the incremental build adds the
 * facts' signed delta to it and re-derives only the touched handler-months, without rescanning the
 * facts.
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
      CASE WHEN days IS NOT NULL THEN ${ELAPSED_MS} END AS ms${signed ? ',\n      sign' : ''}
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
  ${inDays('sum(CASE WHEN timed > 0 THEN sum_ms END)', 1)} AS sum_days,
  ${inDays('sum(CASE WHEN timed > 0 THEN sum_sq_ms END)', 2)} AS sum_sq_days,
  sum(sla_met) AS sla_met
FROM per_unit
GROUP BY handled_by_key, month_start
ORDER BY employee_key, month_start`;
}
