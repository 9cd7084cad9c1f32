/** Minutes in one JP (jam pelajaran) unless the run says otherwise (env `JP_MINUTES`). */
export const DEFAULT_JP_MINUTES = 45;

/**
 * Seconds of learning → JP. Not rounded: rounding belongs to the report, and the SQL version of
 * the mapping is checked against this one with a tolerance, not digit by digit.
 */
export function jpFromSeconds(seconds: number, jpMinutes: number = DEFAULT_JP_MINUTES): number {
  if (!(jpMinutes > 0)) throw new RangeError(`jpMinutes must be positive, got ${jpMinutes}`);
  return seconds / 60 / jpMinutes;
}
