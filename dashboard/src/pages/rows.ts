import { abbreviatePrefix, middleLabel } from '../charts/axis-labels.ts';
import type { MetricRow } from '../graphql/types.ts';

/** Period rows of a time series: with no groupBy every row is the period's total. */
export function periodRows<R extends MetricRow>(rows: readonly R[]): R[] {
  return rows.filter((r) => r.period !== null && r.isTotal);
}

/**
 * The headline row of a tile: the latest period that has data. Trailing periods the API fills
 * with n = 0 (a year not yet started) are skipped; a suppressed latest period is still shown as
 * suppressed, not replaced by an older one.
 */
export function latestRow<R extends MetricRow>(rows: readonly R[]): R | null {
  const periods = periodRows(rows);
  for (let i = periods.length - 1; i >= 0; i--) {
    const row = periods[i]!;
    if (row.suppressed || (row.n ?? 0) > 0) return row;
  }
  return null;
}

/**
 * Shortens a long agency name for an axis tick (the table view keeps the full name): the common
 * prefix first ("Kelurahan " → "Kel. "), then cut in the middle, keeping the end that tells
 * offices apart ("Kelurahan Petuk Katimpun", "Kelurahan Petuk Barunai" are not both "Kelurahan Petuk…").
 */
export function shortLabel(text: string, max = 22): string {
  if ([...text].length <= max) return text;
  return middleLabel(abbreviatePrefix(text), max);
}

/**
 * The year the overview reports on: the latest year with invitations. Headcount-based metrics
 * have rows for a year that has barely started (headcount exists from 1 January, training does
 * not), which would show a misleading near-zero "latest" figure.
 */
export function referenceYear(rows: readonly MetricRow[] | undefined): string | null {
  const row = rows ? latestRow(rows) : null;
  return row?.period?.slice(0, 4) ?? null;
}

/** The period row of `year` (suppressed or not), else the latest with data. */
export function rowForYear<R extends MetricRow>(rows: readonly R[], year: string | null): R | null {
  if (year) {
    const row = periodRows(rows).find((r) => r.period?.startsWith(year));
    if (row) return row;
  }
  return latestRow(rows);
}

/** A result without the periods after `year`, for trend charts that end at the reference year. */
export function upToYear<T extends { rows: readonly MetricRow[] }>(
  result: T | undefined,
  year: string | null,
): T | undefined {
  if (!result || !year) return result;
  return { ...result, rows: result.rows.filter((r) => !r.period || r.period.slice(0, 4) <= year) };
}
