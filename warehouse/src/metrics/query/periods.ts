import type { TimeGrain } from '../filter.ts';
import { MetricInputError } from './metric-input-error.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS: Record<TimeGrain, number> = { month: 1, quarter: 3, year: 12 };

/**
 * The first and last day a query may name. Wide enough for any history or plan, and narrow enough
 * that the period arithmetic (a window's month after, the same period last year) stays within
 * four-digit years.
 */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2999-12-31';

/**
 * Validates an ISO date (YYYY-MM-DD, a real calendar day, INVALID_DATE) within MIN_DATE … MAX_DATE
 * (OUT_OF_RANGE); returns it unchanged.
 */
export function parseIsoDate(value: string, field: string): string {
  const match = ISO_DATE.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new MetricInputError(`${field} must be an ISO date YYYY-MM-DD, got "${value}"`, {
      reason: 'INVALID_DATE',
      field,
    });
  }
  if (value < MIN_DATE || value > MAX_DATE) {
    throw new MetricInputError(`${field} is ${value}; it must be ${MIN_DATE} … ${MAX_DATE}`, {
      reason: 'OUT_OF_RANGE',
      field,
      min: MIN_DATE,
      max: MAX_DATE,
    });
  }
  return value;
}

function parts(iso: string): { y: number; m: number } {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)) };
}

function fromMonthIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
}

/** First day of the period of `grain` that contains `iso` (as DuckDB `date_trunc` gives it). */
export function periodStart(grain: TimeGrain, iso: string): string {
  const { y, m } = parts(iso);
  const index = y * 12 + (m - 1);
  return fromMonthIndex(index - (index % MONTHS[grain]));
}

/** The period start `count` periods after (negative: before) the period starting at `start`. */
export function shiftPeriod(grain: TimeGrain, start: string, count: number): string {
  const { y, m } = parts(start);
  return fromMonthIndex(y * 12 + (m - 1) + count * MONTHS[grain]);
}

/** Last day of the period of `grain` that contains `iso`. */
export function periodEnd(grain: TimeGrain, iso: string): string {
  const next = shiftPeriod(grain, periodStart(grain, iso), 1);
  return new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Number of periods of `grain` in one year (the offset of "same period last year"). */
export function periodsPerYear(grain: TimeGrain): number {
  return 12 / MONTHS[grain];
}

/** Every period start from the period containing `from` to the one containing `to`, inclusive. */
export function periodSeries(grain: TimeGrain, from: string, to: string): string[] {
  const series: string[] = [];
  const last = periodStart(grain, to);
  for (let p = periodStart(grain, from); p <= last; p = shiftPeriod(grain, p, 1)) series.push(p);
  return series;
}

/** SQL for the period start of a DATE expression. */
export function periodSql(grain: TimeGrain, dateExpr: string): string {
  return `CAST(date_trunc('${grain}', ${dateExpr}) AS DATE)`;
}
