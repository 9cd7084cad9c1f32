const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * The offset as `±hh:mm` (or `Z`): ISO 8601 also allows `±hh` and `±hhmm`, which neither
 * `Date.parse` nor DuckDB's TIMESTAMPTZ cast reads. Null when it is out of range (beyond ±14:00,
 * or minutes past 59).
 */
function canonicalOffset(offset: string): string | null {
  if (offset === 'Z') return offset;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return null;
  return `${offset[0]}${digits.slice(0, 2)}:${String(minutes).padStart(2, '0')}`;
}

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
  const zone = offset === undefined ? '' : canonicalOffset(offset);
  if (zone === null) return null;
  // ISO 8601 may leave the seconds out; DuckDB's TIMESTAMPTZ cast needs them.
  const staged = `${y}-${mo}-${d}T${hoursMinutes}${seconds ?? ':00'}${zone}`;
  const ms = Date.parse(zone ? staged : `${staged}Z`);
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
 * TIMESTAMPTZ cast reads to the same instant, and none reaches BAD_TYPE; an offset is written
 * `±hh:mm` (`+07` and `+0700` become `+07:00`). Null when it is not one.
 */
export function xapiTimestampText(text: string): string | null {
  return parse(text)?.text ?? null;
}
