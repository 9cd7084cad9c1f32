const NUM = String.raw`(\d+(?:[.,]\d+)?)`;
const DURATION = new RegExp(
  `^P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`,
);

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * An ISO 8601 duration (xAPI `result.duration`, e.g. `PT1H30M`, `PT45M`, `P1DT2H`, `PT0.5S`,
 * `P2W`) in seconds, or null when it is not one we can count.
 *
 * Years and months are refused (null) rather than guessed: they have no fixed length, and a
 * learning session measured in calendar months is a data error, not something to credit as JP.
 * A day is 24 hours. A decimal fraction (point or comma, as ISO 8601 allows) is accepted on the
 * last component only.
 */
export function isoDurationSeconds(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  const [, years, months, weeks, days, hours, minutes, seconds] = m;
  const hasTime = text.includes('T');
  if (hasTime && hours === undefined && minutes === undefined && seconds === undefined) return null;
  if ([weeks, days, hours, minutes, seconds, years, months].every((v) => v === undefined)) return null;
  if (years !== undefined || months !== undefined) return null;
  // ISO 8601 allows a decimal fraction on the lowest-order component only: `PT1.5H30M` is not a
  // duration, and summing its parts (2 h) would credit time from a malformed value.
  const given = [weeks, days, hours, minutes, seconds].filter((v) => v !== undefined);
  if (given.slice(0, -1).some((v) => /[.,]/.test(v))) return null;
  const n = (v: string | undefined) => (v === undefined ? 0 : Number(v.replace(',', '.')));
  return n(weeks) * 7 * DAY + n(days) * DAY + n(hours) * HOUR + n(minutes) * MINUTE + n(seconds);
}
