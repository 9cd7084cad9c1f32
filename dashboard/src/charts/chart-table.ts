import type { MetricRow, SuppressionReason } from '../graphql/types.ts';
import { type CsvCell, toCsv } from './csv.ts';
import { csvUnit, type ValueKind } from './value-kind.ts';

/**
 * One model behind every chart: the same rows feed the canvas, the accessible table view and the
 * CSV, so the three can never disagree. Each row keeps its own n and suppression state.
 */
export interface Column {
  readonly key: string;
  readonly label: string;
  readonly kind: ValueKind;
}

export interface TableRow {
  readonly values: Readonly<Record<string, string | number | null>>;
  readonly n: number | null;
  readonly suppressed: boolean;
  readonly suppressionReason: SuppressionReason | null;
  /** Single hidden cells of an otherwise visible row (pivoted tables), by column key. */
  readonly suppressedCells?: Readonly<Record<string, SuppressionReason>>;
}

export interface ChartTable {
  /** The first column labels the rows (period or group); the rest are measures. */
  readonly columns: readonly Column[];
  readonly rows: readonly TableRow[];
  readonly minN: number | null;
}

/** A table row from a metric row: measures from `pick`, n and suppression from the row itself. */
export function fromMetricRow(row: MetricRow, values: Record<string, string | number | null>): TableRow {
  return { values, n: row.n, suppressed: row.suppressed, suppressionReason: row.suppressionReason };
}

/** A row that is not a metric row (ROI cases, ETL counts): never suppressed. */
export function plainRow(values: Record<string, string | number | null>, n: number | null = null): TableRow {
  return { values, n, suppressed: false, suppressionReason: null };
}

/** Sum of n over non-total rows where known; what a tile shows as "n". */
export function totalN(table: ChartTable): number | null {
  let sum = 0;
  let any = false;
  for (const row of table.rows) {
    if (row.n !== null) {
      sum += row.n;
      any = true;
    }
  }
  return any ? sum : null;
}

export function suppressedCount(table: ChartTable): number {
  return table.rows.reduce(
    (sum, r) => sum + (r.suppressed ? 1 : Object.keys(r.suppressedCells ?? {}).length),
    0,
  );
}

/**
 * CSV of the table: raw numbers (units in the header), then n, suppressed and the reason, so a
 * researcher can tell "hidden" from "zero" and cite the snapshot the figures came from.
 */
export function tableToCsv(table: ChartTable, snapshotId: string | null): string {
  const header = [
    ...table.columns.map((c) => `${c.label}${csvUnit(c.kind)}`),
    'n',
    'suppressed',
    'suppression_reason',
    'snapshot',
  ];
  const rows: CsvCell[][] = table.rows.map((row) => [
    ...table.columns.map((c, i) =>
      (row.suppressed && i > 0) || row.suppressedCells?.[c.key] ? null : (row.values[c.key] ?? null),
    ),
    row.n,
    row.suppressed || Object.keys(row.suppressedCells ?? {}).length > 0,
    row.suppressionReason ??
      (Object.entries(row.suppressedCells ?? {})
        .map(([key, reason]) => `${table.columns.find((c) => c.key === key)?.label ?? key}: ${reason}`)
        .join('; ') ||
        null),
    snapshotId,
  ]);
  return toCsv(header, rows);
}

/**
 * The table's rows ordered by one measure, largest first (agencies by resistance, reasons by
 * share): a ranking reads at a glance. Ties keep the incoming order; rows without a value (hidden
 * or empty) go last, in their order. For nominal groups only: periods, bands and funnel steps keep
 * their own order.
 */
export function sortedBy(table: ChartTable | null, key: string): ChartTable | null {
  if (!table) return null;
  const measure = (r: TableRow) => {
    const v = r.values[key];
    return typeof v === 'number' && Number.isFinite(v) && !r.suppressed ? v : null;
  };
  const indexed = table.rows.map((row, i) => ({ row, i, v: measure(row) }));
  indexed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === null && b.v === null ? a.i - b.i : a.v === null ? 1 : -1;
    return b.v - a.v || a.i - b.i;
  });
  return { ...table, rows: indexed.map((x) => x.row) };
}
