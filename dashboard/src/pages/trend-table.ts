import { type ChartTable, type Column, fromMetricRow, type TableRow } from '../charts/chart-table.ts';
import { formatPeriod, type Grain } from '../format/format.ts';
import type { MetricRow } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import { periodRows } from './rows.ts';

export interface Measure<R> {
  readonly key: string;
  readonly label: string;
  readonly kind: Column['kind'];
  /** The cell's text, when not the kind's (a signed change); the CSV keeps the raw value. */
  readonly display?: Column['display'];
  readonly value: (row: R) => number | string | null;
}

/**
 * A rate (a share, a score) and the units it is over: `n` when those are not the metric's n (the SLA
 * share is over completed requests, the service-times n counts those submitted). A tile or a table
 * showing the rate shows `n(row)` as its n, so the two never disagree; without `n`, the row's n.
 */
export interface Rate<R> {
  readonly value: (row: R) => number | null;
  readonly n?: (row: R) => number | null;
}

/**
 * The row's n as the measures' denominator when that is not the metric's n (`nOf`: service days and
 * the SLA share are over completed requests, n counts those submitted); a hidden row keeps its n.
 */
function withN<R extends MetricRow>(row: TableRow, source: R, nOf?: (row: R) => number | null): TableRow {
  return nOf && !source.suppressed ? { ...row, n: nOf(source) } : row;
}

/**
 * A time series table: one row per period (the period totals), one column per measure. The period
 * cell holds the period's first day (ISO, as the API gives it), shown as the period in the reader's
 * language ("Apr 2024", "T2 2024"): a CSV or XLSX then carries the same dates in either language, a
 * column a spreadsheet reads as dates.
 */
export function trendTable<R extends MetricRow>(
  result: { rows: readonly R[]; minN: number } | undefined,
  periodLabel: string,
  measures: readonly Measure<R>[],
  grain: Grain,
  lang: Lang,
  nOf?: (row: R) => number | null,
): ChartTable | null {
  if (!result) return null;
  return {
    columns: [
      {
        key: 'period',
        label: periodLabel,
        kind: 'text',
        display: (v) => (typeof v === 'string' ? formatPeriod(v, grain, lang) : ''),
      },
      ...measures,
    ],
    rows: periodRows(result.rows).map((r) =>
      withN(
        fromMetricRow(r, {
          period: r.period,
          ...Object.fromEntries(measures.map((m) => [m.key, m.value(r)])),
        }),
        r,
        nOf,
      ),
    ),
    minN: result.minN,
  };
}

/** A grouped table: one row per group (total row left out), labelled by `label`. */
export function groupTable<R extends MetricRow>(
  result: { rows: readonly R[]; minN: number } | undefined,
  groupLabel: string,
  label: (row: R) => string,
  measures: readonly Measure<R>[],
  nOf?: (row: R) => number | null,
): ChartTable | null {
  if (!result) return null;
  return {
    columns: [{ key: 'group', label: groupLabel, kind: 'text' }, ...measures],
    rows: result.rows
      .filter((r) => !r.isTotal)
      .map((r) =>
        withN(
          fromMetricRow(r, {
            group: label(r),
            ...Object.fromEntries(measures.map((m) => [m.key, m.value(r)])),
          }),
          r,
          nOf,
        ),
      ),
    minN: result.minN,
  };
}
