/**
 * Calendar arithmetic on whole days. A "day" is a local (WIB) calendar date counted as days
 * since 1970-01-01; a timestamp is epoch seconds. Integers are cheap to compare, hash and ship
 * to the database in bulk, and they never pick up the machine's time zone by accident.
 */
export const WIB_OFFSET_SECONDS = 7 * 3600;
const MS_PER_DAY = 86_400_000;

export function day(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

export function isoDate(d: number): string {
  return new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(d: number): number {
  return new Date(d * MS_PER_DAY).getUTCFullYear();
}

export function monthOf(d: number): number {
  return new Date(d * MS_PER_DAY).getUTCMonth() + 1;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: number): number {
  return (((d + 4) % 7) + 7) % 7;
}

export function firstOfNextMonth(d: number): number {
  const t = new Date(d * MS_PER_DAY);
  return day(t.getUTCFullYear(), t.getUTCMonth() + 2, 1);
}

export function addYears(d: number, years: number): number {
  const t = new Date(d * MS_PER_DAY);
  return day(t.getUTCFullYear() + years, t.getUTCMonth() + 1, t.getUTCDate());
}

/** Epoch seconds of `hours` (fractional) after local midnight of day `d` in WIB. */
export function wibTimestamp(d: number, hours: number): number {
  return Math.round(d * 86_400 + hours * 3600 - WIB_OFFSET_SECONDS);
}

/** The local (WIB) day a timestamp falls on. */
export function dayOfTimestamp(seconds: number): number {
  return Math.floor((seconds + WIB_OFFSET_SECONDS) / 86_400);
}

/** Whole years between two days (completed years of service, age). */
export function wholeYears(from: number, to: number): number {
  const a = new Date(from * MS_PER_DAY);
  const b = new Date(to * MS_PER_DAY);
  let years = b.getUTCFullYear() - a.getUTCFullYear();
  if (
    b.getUTCMonth() < a.getUTCMonth() ||
    (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate())
  )
    years--;
  return years;
}

/** The demo world's span and "as of" moment: everything happens 2021-01-01 … 2025-12-31 (WIB). */
export const WORLD_START = day(2021, 1, 1);
export const WORLD_END = day(2025, 12, 31);
export const WORLD_YEARS = [2021, 2022, 2023, 2024, 2025] as const;
export const AS_OF = wibTimestamp(WORLD_END + 1, 0);
