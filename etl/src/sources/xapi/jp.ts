/** Minutes in one JP (jam pelajaran) unless the run says otherwise (env `JP_MINUTES`). */
export const DEFAULT_JP_MINUTES = 45;

/**
 * Seconds of learning → JP. Not rounded: rounding belongs to the report (a JP total per
 * employee-year is rounded to 6 decimals before it meets the threshold, `jpTotalSql` in
 * @asn/warehouse: rounding each completion would not make 1 h + 13 h + 1 h at 45 min 20 JP), and the
 * SQL version of the mapping is checked against this one with a tolerance, not digit by digit.
 * `rederiveStatementJp` (etl/src/load/xapiEnrollments.ts) does the same division in SQL on every run.
 */
export function jpFromSeconds(seconds: number, jpMinutes: number = DEFAULT_JP_MINUTES): number {
  if (!(jpMinutes > 0)) throw new RangeError(`jpMinutes must be positive, got ${jpMinutes}`);
  return seconds / 60 / jpMinutes;
}
