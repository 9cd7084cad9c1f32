const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parse(text: string): { readonly ms: number; readonly text: string } | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, hoursMinutes, seconds, offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  // Date.parse rolls 2023-02-30 over into March; the warehouse (DuckDB) refuses it. Refuse it here.
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > (month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0))) return null;
  // ISO 8601 may leave the seconds out; DuckDB's TIMESTAMPTZ cast needs them.
  const staged = `${y}-${mo}-${d}T${hoursMinutes}${seconds ?? ':00'}${offset ?? ''}`;
  const ms = Date.parse(offset ? staged : `${staged}Z`);
  return Number.isNaN(ms) ? null : { ms, text: staged };
}

/**
 * An xAPI timestamp (ISO 8601 date-time) as epoch milliseconds, or null when it is not one
 * (including an impossible calendar date such as 2023-02-30).
 * A timestamp without an offset is read as UTC — the spec asks for an offset, and reading it in
 * the machine's zone would make the result depend on where the ETL runs (the ETL's DuckDB session
 * is in UTC too).
 */
export function xapiTimestampMillis(text: string): number | null {
  return parse(text)?.ms ?? null;
}

/**
 * The timestamp as the parser stages it: trimmed, with `:00` seconds when the statement left them
 * out (`2023-05-10T03:00Z`), so that every timestamp the parser accepts is one the warehouse's
 * TIMESTAMPTZ cast reads to the same instant, and none reaches BAD_TYPE. Null when it is not one.
 */
export function xapiTimestampText(text: string): string | null {
  return parse(text)?.text ?? null;
}
