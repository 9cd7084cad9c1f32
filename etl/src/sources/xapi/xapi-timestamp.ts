const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
/** ISO 8601's basic format (`20230510T030000Z`): ISO 8601, but not the extended form xAPI requires. */
const BASIC = /^\d{8}T\d{4}(?:\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?:\d{2})?)?$/;

/**
 * The offset in minutes east of UTC: ISO 8601 also allows `±hh` and `±hhmm`, which neither
 * `Date.parse` nor DuckDB's TIMESTAMPTZ cast reads. Null when it is out of range (beyond ±14:00,
 * or minutes past 59).
 */
function offsetMinutes(offset: string): number | null {
  if (offset === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return null;
  return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export type XapiTimestamp =
  | { readonly ok: true; readonly ms: number; readonly text: string }
  | { readonly ok: false; readonly detail: string };

/**
 * An xAPI timestamp (ISO 8601 date-time in extended format, as xAPI 1.0.3 §4.5 asks) read, or why it
 * cannot be.
 *
 * `text` is the instant in one canonical form: UTC, with six fraction digits
 * (`2023-05-10T10:00+07:00` → `2023-05-10T03:00:00.000000Z`). Two copies of a statement are compared
 * as landed text within a run and by value against a stored copy (etl/src/validate), and xAPI 1.0.3
 * §2.3.1 says a timestamp in another zone is not a change: one text per instant makes the two
 * comparisons agree. Digits past the microsecond are cut, as DuckDB's TIMESTAMPTZ cast cuts them.
 *
 * A timestamp without an offset is read as UTC — the spec asks for an offset, and reading it in the
 * machine's zone would make the result depend on where the ETL runs. Seconds may be left out.
 * `24:00:00` (ISO 8601's end of day) is the next day's midnight. Second 60 is a leap second: taken as
 * `23:59:59.999999` UTC when it falls at 23:59:60 UTC (the order of events kept; neither JavaScript
 * nor DuckDB holds a 60th second), refused elsewhere. An impossible calendar date (2023-02-30, which
 * `Date.parse` rolls over into March and the warehouse refuses) is refused.
 */
export function xapiTimestamp(given: string): XapiTimestamp {
  const trimmed = given.trim();
  const refuse = (why: string): XapiTimestamp => ({ ok: false, detail: `timestamp ${trimmed} ${why}` });
  const m = TIMESTAMP.exec(trimmed);
  if (!m) {
    return refuse(
      BASIC.test(trimmed)
        ? 'is in ISO 8601 basic format; xAPI takes the extended format (2023-05-10T03:00:00Z)'
        : 'is not an ISO 8601 date and time in extended format (2023-05-10T03:00:00Z, offset optional)',
    );
  }
  const [, y, mo, d, hh, mm, ss, fraction, offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return refuse('is no calendar date');
  if (day > (month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)))
    return refuse('is no calendar date');
  const hour = Number(hh);
  const minute = Number(mm);
  let second = ss === undefined ? 0 : Number(ss);
  // Digits past the microsecond are cut, as DuckDB cuts them.
  let micros = fraction === undefined ? 0 : Number(fraction.slice(0, 6).padEnd(6, '0'));
  const endOfDay = hour === 24 && minute === 0 && second === 0 && micros === 0;
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 60) return refuse('is no time of day');
  const east = offset === undefined ? 0 : offsetMinutes(offset);
  if (east === null) return refuse('has an offset beyond ±14:00 (or minutes past 59)');
  if (second === 60) {
    if ((((hour * 60 + minute - east) % 1440) + 1440) % 1440 !== 23 * 60 + 59)
      return refuse('has second 60, a leap second, but not at 23:59:60 UTC where leap seconds fall');
    second = 59;
    micros = 999_999;
  }
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute - east, second, Math.floor(micros / 1000));
  const ms = at.getTime();
  const utcYear = at.getUTCFullYear();
  // A year DuckDB would need a sign or a fifth digit for (0000-01-01T00:00+07:00 is 1 BC in UTC): the
  // local time and its offset, which DuckDB reads to the same instant. Such a year is refused as
  // OUT_OF_RANGE (before 1900, or after the run) whatever it is written as.
  const text =
    utcYear < 0 || utcYear > 9999
      ? `${y}-${mo}-${d}T${hh}:${mm}:${pad(second)}.${pad(micros, 6)}${offset === undefined ? 'Z' : `${offset[0]}${pad(Math.floor(Math.abs(east) / 60))}:${pad(Math.abs(east) % 60)}`}`
      : `${pad(utcYear, 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(micros, 6)}Z`;
  return { ok: true, ms, text };
}

/** An xAPI timestamp as epoch milliseconds, or null when it is not one (see {@link xapiTimestamp}). */
export function xapiTimestampMillis(text: string): number | null {
  const t = xapiTimestamp(text);
  return t.ok ? t.ms : null;
}

/**
 * The timestamp as the parser stages it: the instant in UTC with six fraction digits
 * (`2023-05-10T10:00+07:00` → `2023-05-10T03:00:00.000000Z`), which the warehouse's TIMESTAMPTZ
 * cast reads to the same instant (so none reaches BAD_TYPE). Null when it is not one.
 */
export function xapiTimestampText(text: string): string | null {
  const t = xapiTimestamp(text);
  return t.ok ? t.text : null;
}
