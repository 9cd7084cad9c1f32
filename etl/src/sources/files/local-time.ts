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

/** `zone`'s offset from UTC, in minutes, at the instant `utcMillis`. */
function offsetMinutes(zone: string, utcMillis: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const name = f.formatToParts(new Date(utcMillis)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const ZONELESS = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;

/**
 * A spreadsheet timestamp without a zone (`2024-12-31 23:30`, an Excel date cell's
 * `2024-12-31T23:30:00`, a bare date) as the wall-clock time it is in `zone`, with that zone's
 * offset written out (`2024-12-31T23:30:00+07:00`), so the cast to TIMESTAMPTZ reads the instant
 * the clerk meant, not that time in UTC (which made a completion at 23:30 WIB on 31 December count
 * in the next year). A value with a zone, or that is no timestamp, is returned as is (the
 * validation judges it).
 */
export function withZone(value: string, zone: string): string {
  const m = ZONELESS.exec(value);
  if (!m) return value;
  const [, date, h = '0', min = '00', s = '00', frac = ''] = m;
  const hh = h.padStart(2, '0');
  const wall = Date.parse(`${date}T${hh}:${min}:${s}Z`);
  if (Number.isNaN(wall)) return value;
  // The offset at the instant meant: for a zone with DST, the wall time less the offset there.
  let offset = offsetMinutes(zone, wall);
  offset = offsetMinutes(zone, wall - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const text = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${date}T${hh}:${min}:${s}${frac}${sign}${text}`;
}
