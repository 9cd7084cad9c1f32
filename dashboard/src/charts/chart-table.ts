import type { MetricRow } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import { abbreviatePrefix } from './axis-labels.ts';
import { type CsvCell, type CsvTable, toCsv } from './csv.ts';
import { csvUnit, formatValue, type ValueKind } from './value-kind.ts';

/**
 * One model behind every chart: the same rows feed the canvas, the accessible table view and the
 * CSV, so the three can never disagree. Each row keeps its own n and suppression state.
 */
export interface Column {
  readonly key: string;
  readonly label: string;
  readonly kind: ValueKind;
  /**
   * The text the table view and the chart's axis show for a value the CSV keeps raw (a status code's
   * label, an ISO timestamp in WIB); without it, the value is formatted by `kind`.
   */
  readonly display?: (value: string | number | null) => string;
}

/** A cell as the table view shows it: through the column's `display`, else formatted by its kind. */
export function cellText(column: Column, value: string | number | null | undefined, lang: Lang): string {
  return column.display ? column.display(value ?? null) : formatValue(column.kind, value, lang);
}

/**
 * Why the dashboard hid a cell itself, or why an analysis hid its result: `primary` (fewer people
 * than the minimum cell size: a funnel step, a cohort comparison) or `complementary` (hidden beside
 * a small one so it cannot be recovered by subtraction: a kind of resistance). The API names no
 * reason per hidden metric or ROI row (it would bound the hidden count), so those rows carry none.
 */
export type SuppressionReason = 'primary' | 'complementary';

/** Why a single cell is hidden: a reason the dashboard or an analysis knows, or `unspecified` for a metric cell. */
export type CellHiddenReason = SuppressionReason | 'unspecified';

export interface TableRow {
  readonly values: Readonly<Record<string, string | number | null>>;
  readonly n: number | null;
  readonly suppressed: boolean;
  /** Why the hidden row is hidden, when it is known (a cohort comparison); none for a metric or ROI row. */
  readonly suppressionReason?: SuppressionReason;
  /** Single hidden cells of an otherwise visible row (pivoted tables), by column key. */
  readonly suppressedCells?: Readonly<Record<string, CellHiddenReason>>;
  /**
   * The code of the agency the row is about (a row of a grouping by agency). The CSV carries it as
   * `agency_code`, so the rows can be joined to other data; the card labels the row with the
   * agency's full name (see `withAgencyNames`).
   */
  readonly agency?: string | null;
}

export interface ChartTable {
  /** The first column labels the rows (period or group); the rest are measures. */
  readonly columns: readonly Column[];
  readonly rows: readonly TableRow[];
  readonly minN: number | null;
  /**
   * How the CSV writes a row's single hidden cells (`suppressedCells`). `named` (the default, the
   * scorecard's): the row is `suppressed` and `suppression_reason` names the hidden columns, so a
   * hidden figure is told from a missing one. `blank`: a hidden cell is just blank; the row is
   * `suppressed` only when all its measures are hidden, and `suppression_reason` holds a reason
   * (`primary`, `complementary`) or nothing, as for every other row (a pivot of metric cells, which
   * carry no reason: the reasons-by-tenure card).
   */
  readonly hiddenCellsInCsv?: 'named' | 'blank';
}

/**
 * A table row from a metric row: measures from `values`, n and suppression from the row itself, and
 * the agency code when the row is one agency's (grouped by agency; the API sets group keys only).
 */
export function fromMetricRow(row: MetricRow, values: Record<string, string | number | null>): TableRow {
  const agency = row.isTotal ? null : (row.keys?.agency ?? null);
  return { values, n: row.n, suppressed: row.suppressed, ...(agency ? { agency } : {}) };
}

/** A row that is not a metric row (ROI cases, ETL counts): never suppressed. */
export function plainRow(values: Record<string, string | number | null>, n: number | null = null): TableRow {
  return { values, n, suppressed: false };
}

/**
 * A row of an analysis whose figures the API hid (an ROI's cases when its participants are hidden):
 * only its label, shown as hidden, for the reason given when there is one (the API gives none for
 * an ROI's participant side).
 */
export function hiddenRow(
  values: Record<string, string | number | null>,
  reason?: SuppressionReason,
): TableRow {
  return { values, n: null, suppressed: true, ...(reason ? { suppressionReason: reason } : {}) };
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

/**
 * True when every row of a table is hidden by disclosure control (a filter down to a small office,
 * an ROI with a few participants): a chart of it would be empty axes, so the card shows the table,
 * whose cells say why each row is hidden.
 */
export function allSuppressed(table: ChartTable): boolean {
  return table.rows.length > 0 && table.rows.every((r) => r.suppressed);
}

/**
 * True when a metric table (one with the API's `minN`) has rows but none has any unit behind it
 * (every n is 0: a year outside the data, a filter nobody matches): a chart of it would be empty
 * axes, so the card shows "no data". Tables of other rows (ROI cases, costs: `minN` null) are data
 * whatever their n (money spent on a program nobody completed is worth showing).
 */
export function hasNoUnits(table: ChartTable): boolean {
  return table.minN !== null && table.rows.length > 0 && table.rows.every((r) => r.n === 0);
}

export function suppressedCount(table: ChartTable): number {
  return table.rows.reduce(
    (sum, r) => sum + (r.suppressed ? 1 : Object.keys(r.suppressedCells ?? {}).length),
    0,
  );
}

/** Header of the agency-code column a CSV gets when its rows are agencies (same in both languages). */
export const AGENCY_CODE_HEADER = 'agency_code';

/** True when some row of the table is one agency's (it carries the agency's code). */
export function hasAgencyRows(table: ChartTable | null): boolean {
  return table?.rows.some((r) => Boolean(r.agency)) ?? false;
}

/**
 * True when `label` is `name` shortened for an axis ("Dinas Penanaman Modal…", "Kel. Pe…timpun"):
 * what comes before the ellipsis starts the name (its prefix perhaps shortened), what follows ends it.
 */
export function isShortFormOf(label: string, name: string): boolean {
  if (!label.includes('…') || label === name) return false;
  // Cut at the end, or in the middle keeping the end ("Kel. Pe…timpun"), its prefix shortened or not.
  const [head = '', tail = ''] = label.split('…', 2).map((part) => part.trim());
  return (
    head.length > 0 &&
    [name, abbreviatePrefix(name)].some((whole) => whole.startsWith(head) && whole.endsWith(tail))
  );
}

/**
 * The table with each agency row labelled by the agency's full name (`nameOf` its code, from the
 * catalog), where the row's label is that name or a shortened form of it. Short labels belong on a
 * chart's axis only, and the axis shortens them itself (axis-labels.ts): the table view and the CSV
 * carry the full name. A label that is something else, or a code the catalog lacks, is kept.
 */
export function withAgencyNames(
  table: ChartTable | null,
  nameOf: (code: string) => string | null | undefined,
): ChartTable | null {
  const first = table?.columns[0];
  if (!table || !first || !hasAgencyRows(table)) return table;
  let changed = false;
  const rows = table.rows.map((row) => {
    const label = row.values[first.key];
    const name = row.agency ? nameOf(row.agency) : null;
    if (!name || typeof label !== 'string' || !isShortFormOf(label, name)) return row;
    changed = true;
    return { ...row, values: { ...row.values, [first.key]: name } };
  });
  return changed ? { ...table, rows } : table;
}

/**
 * CSV of the table: raw numbers (units in the header), then n, suppressed and the reason, so a
 * researcher can tell "hidden" from "zero" and cite the snapshot the figures came from. When the
 * rows are agencies, their code follows the first column (`agency_code`). Money is written in whole
 * rupiah and numbers without float noise (csv.ts).
 */
export function tableToCsv(table: ChartTable, snapshotId: string | null): string {
  const { header, rows } = tableToRows(table, snapshotId);
  return toCsv(header, rows);
}

/** The header and rows `tableToCsv` writes, for a CSV or a workbook alike. */
export function tableToRows(table: ChartTable, snapshotId: string | null): CsvTable {
  const codes = hasAgencyRows(table);
  // The code goes right after the row's label, before the measures.
  const withCode = <T>(cells: readonly T[], code: T): T[] =>
    codes ? [...cells.slice(0, 1), code, ...cells.slice(1)] : [...cells];
  const header = [
    ...withCode(
      table.columns.map((c) => `${c.label}${csvUnit(c.kind)}`),
      AGENCY_CODE_HEADER,
    ),
    'n',
    'suppressed',
    'suppression_reason',
    'snapshot',
  ];
  const rows: CsvCell[][] = table.rows.map((row) => [
    ...withCode<CsvCell>(
      table.columns.map((c, i) =>
        (row.suppressed && i > 0) || row.suppressedCells?.[c.key] ? null : (row.values[c.key] ?? null),
      ),
      row.agency ?? null,
    ),
    row.n,
    ...(table.hiddenCellsInCsv === 'blank' ? blankHiddenCells(table, row) : namedHiddenCells(table, row)),
    snapshotId,
  ]);
  return { header, rows };
}

/** `suppressed` and `suppression_reason` of a row whose hidden cells the CSV names (the default). */
function namedHiddenCells(table: ChartTable, row: TableRow): [boolean, string | null] {
  return [
    row.suppressed || Object.keys(row.suppressedCells ?? {}).length > 0,
    row.suppressionReason ??
      (Object.entries(row.suppressedCells ?? {})
        .map(([key, reason]) => {
          const label = table.columns.find((c) => c.key === key)?.label ?? key;
          return reason === 'unspecified' ? label : `${label}: ${reason}`;
        })
        .join('; ') ||
        null),
  ];
}

/**
 * `suppressed` and `suppression_reason` of a row whose hidden cells are only blank: hidden when the
 * row is, or every measure of it; the reason its cells share when it is a known one, else none.
 */
function blankHiddenCells(table: ChartTable, row: TableRow): [boolean, SuppressionReason | null] {
  const cells = row.suppressedCells ?? {};
  const reasons = table.columns.slice(1).map((c) => cells[c.key]);
  const whole = row.suppressed || (reasons.length > 0 && reasons.every((r) => r !== undefined));
  if (!whole) return [false, null];
  if (row.suppressionReason) return [true, row.suppressionReason];
  const [first] = reasons;
  const shared = !row.suppressed && first !== 'unspecified' && reasons.every((r) => r === first);
  return [true, shared ? (first as SuppressionReason) : null];
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
