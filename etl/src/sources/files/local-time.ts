/**
 * Palangka Raya's zone (WIB, UTC+7): what a spreadsheet's zone-less timestamp means unless the run
 * says otherwise (`SOURCE_TIME_ZONE`).
 */
export const DEFAULT_SOURCE_TIME_ZONE = 'Asia/Jakarta';

/** True when `zone` is an IANA time zone this runtime knows (`Asia/Jakarta`, `UTC`, …). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `zone`'s offset from UTC at `utcMillis`, as ICU names it (`GMT+07:07:12`): a formatToParts, ~5 µs. */
function formattedOffset(zone: string, utcMillis: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const name = f.formatToParts(new Date(utcMillis)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?(?::?(\d{2}))?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
}

/**
 * The offset lookup is memoised by UTC hour: `probes` holds a zone's offset at the start of each
 * hour asked about; an hour whose two ends agree has that offset throughout, and one whose ends
 * differ holds one change, found to the millisecond by bisection and kept in `changes`. That needs
 * a zone never to change its offset twice within an hour: in tzdata 2025 the closest two changes
 * are 95 hours apart (Africa/Freetown, 1939). local-time.test.ts compares this with formatToParts
 * at every instant sampled, DST changes ±2 h included. Each cache is emptied when full (bounded):
 * withZone costs ~1.5 µs instead of ~10.5 µs, most of it now the parsing and the text.
 */
const HOUR = 3_600_000;
const MAX_PROBES = 1 << 17;
const MAX_CHANGES = 1 << 12;
/** A JS date's reach (±8.64e15 ms): an hour at its edge, or beyond, goes to formatToParts as it is. */
const REACH = 8.64e15 - 2 * HOUR;

interface ZoneCache {
  probes: Map<number, number>;
  changes: Map<number, { at: number; before: number; after: number }>;
}
const caches = new Map<string, ZoneCache>();
let lastZone = '';
let lastCache: ZoneCache = { probes: new Map(), changes: new Map() };

function probe(zone: string, cache: ZoneCache, hour: number): number {
  let o = cache.probes.get(hour);
  if (o === undefined) {
    if (cache.probes.size >= MAX_PROBES) cache.probes.clear();
    o = formattedOffset(zone, hour * HOUR);
    cache.probes.set(hour, o);
  }
  return o;
}

/**
 * `zone`'s offset from UTC, in seconds (a zone's old local mean time has some: +07:07:12), at
 * `utcMillis`: what `Intl.DateTimeFormat`'s `longOffset` says, memoised (exported for its test).
 */
export function offsetSeconds(zone: string, utcMillis: number): number {
  // Date truncates a fraction toward zero; outside its reach formatToParts throws, as it did.
  const t = Math.trunc(utcMillis);
  if (!(t > -REACH && t < REACH)) return formattedOffset(zone, utcMillis);
  let cache = lastCache;
  if (zone !== lastZone) {
    cache = caches.get(zone) ?? { probes: new Map(), changes: new Map() };
    if (caches.size >= 64) caches.clear();
    caches.set(zone, cache);
    lastZone = zone;
    lastCache = cache;
  }
  const hour = Math.floor(t / HOUR);
  const start = probe(zone, cache, hour);
  const end = probe(zone, cache, hour + 1);
  if (start === end) return start;
  let change = cache.changes.get(hour);
  if (!change) {
    // formatToParts says `start` at lo and something else at hi: bisect to the first such millisecond.
    let lo = hour * HOUR;
    let hi = lo + HOUR;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (formattedOffset(zone, mid) === start) lo = mid;
      else hi = mid;
    }
    if (cache.changes.size >= MAX_CHANGES) cache.changes.clear();
    change = { at: hi, before: start, after: formattedOffset(zone, hi) };
    cache.changes.set(hour, change);
  }
  return t < change.at ? change.before : change.after;
}

/**
 * Every zone-less shape DuckDB's cast to TIMESTAMPTZ accepts (v1.5, checked value by value
 * against the cast in local-time.test.ts), not only ISO's: a year of any length, maybe negative;
 * `-`, `/`, `\` or a space between year, month and day (the same twice), month and day of one or
 * two digits; maybe ` (BC)`; then maybe a time after `T`, ASCII white space or both: hour and minute of one
 * or two digits (`23:` is 23:00), seconds, any fraction. A shape the cast refuses need not match
 * (it stays as typed and is BAD_TYPE), but one it accepts must: it would be read in the session's
 * zone, UTC, 7 hours off (`2024/12/31 23:30`, `2024-1-5 23:30` were, until a review of 2026-12-06).
 */
const ZONELESS =
  /^[\t-\r ]*(-?)(\d+)([-/\\ ])(\d{1,2})\3(\d{1,2})( \(BC\))?(?:(?:T[\t-\r ]*|[\t-\r ]+)(\d+):(?:(\d{1,2})(?::(?:(\d{1,2})(?:\.(\d*))?[\t-\r ]*)?)?)?)?$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Days in `month` (1–12) of the proleptic Gregorian `year` (astronomical: 0 is 1 BC), as DuckDB counts. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A spreadsheet timestamp without a zone (`2024-12-31 23:30`, `2024/12/31 23:30`, `2024-1-5`, an
 * Excel date cell's `2024-12-31T23:30:00`, a bare date) as the wall-clock time it is in `zone`,
 * written as ISO with that zone's offset (`2024-12-31T23:30:00+07:00`), so the cast to TIMESTAMPTZ
 * reads the instant the clerk meant, not that time in UTC (which made a completion at 23:30 WIB on
 * 31 December count in the next year). A value with a zone (`Z`, `+08:00`, ` UTC`), or that is no
 * date and time (`kemarin`, `2024-02-30`, `25:00`), is returned as is: the validation judges it.
 *
 * Writing the offset out also shields the value from a DuckDB 1.5 bug: in one cast of many
 * values, a value after one with a zone name (`… America/New_York`) is read in that zone when it
 * has no zone of its own.
 */
export function withZone(value: string, zone: string): string {
  const m = ZONELESS.exec(value);
  if (!m) return value;
  const [, minus, digits, , mo, d, bc, h, min = '0', s = '0', frac = ''] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(min);
  const second = Number(s);
  // The year as DuckDB reads it: `-2024` is year -2024, `2024 (BC)` year -2023 (there is no year 0 BC).
  const year = minus ? -Number(digits) : bc ? 1 - Number(digits) : Number(digits);
  const midnight = hour === 24 && minute === 0 && second === 0 && /^0*$/.test(frac);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return value;
  if ((hour > 23 && !midnight) || minute > 59 || second > 59) return value;
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second);
  // Beyond the years a JS date holds (DuckDB's reach further): the offset at its last instant.
  const at = Number.isNaN(wall.getTime()) ? Math.sign(year) * 8.64e15 : wall.getTime();
  // The offset at the instant meant: for a zone with DST, the wall time less the offset there.
  let offset = offsetSeconds(zone, at);
  // Kept within a JS date's reach: at its edge the offset moved the instant out of it, and the
  // lookup threw on a cell such as `-300000-01-01` (a RangeError that failed the whole read).
  offset = offsetSeconds(zone, Math.min(8.64e15, Math.max(-8.64e15, at - offset * 1000)));
  const abs = Math.abs(offset);
  const hm = `${pad2(Math.floor(abs / 3600))}:${pad2(Math.floor(abs / 60) % 60)}`;
  const text = `${offset < 0 ? '-' : '+'}${abs % 60 ? `${hm}:${pad2(abs % 60)}` : hm}`;
  // The year and ` (BC)` as typed (DuckDB reads them so); the rest in ISO's two digits.
  const date = `${minus}${digits}-${pad2(month)}-${pad2(day)}${bc ?? ''}`;
  const time = `${pad2(hour)}:${pad2(minute)}:${pad2(second)}${frac ? `.${frac}` : ''}`;
  return `${date}${bc ? ' ' : 'T'}${time}${text}`;
}
