import { applySuppression, suppressionReasons } from '../../disclosure/index.ts';
import { type DisclosureTask, runDisclosureTask } from '../../disclosure/offload.ts';
import type { Dimension, TimeGrain } from '../filter.ts';
import { canonicalDimensions } from './canonical-order.ts';
import type { GroupKeys, SuppressionReason } from './metric-row.ts';

/** A metric row as disclosure control sees it. */
export interface DisclosureCell {
  readonly n: number;
  /** Rows of one table (period + outer keys) add up to that table's total row. */
  readonly tableId: string;
  readonly isTotal: boolean;
  readonly keys: GroupKeys;
  suppressionReason: SuppressionReason | null;
}

// The disclosure library reads a null key as "margin"; a real group whose value is NULL (no decline
// reason, unknown kelurahan) must stay a cell, so it gets a sentinel.
const NULL_VALUE = '\u0000null';

/**
 * One table, one protection, whatever order its dimensions and rows were asked in. The library
 * treats a two-way table's axes in turn (rows, then columns) and breaks ties by the rows' order, so
 * the same table by [program, tenureBand] and by [tenureBand, program] chose different complements,
 * and the two answers together gave hidden cells back (privacy review of 2026-12-04: the funnel of
 * 2024, TEK-CO's 22 invitations less <5 (6, shown in one order), 10-19 (8) and 20+ (6, shown in the
 * other) pinned 5-9 at 2). So every table is protected in one canonical form: its dimensions in
 * canonical order (`canonicalDimensions`), its cells sorted by table and keys in that order. Returns those dimensions
 * and the cells' indices in canonical order; results are mapped back by index.
 */
function canonicalOrder(
  cells: readonly { readonly isTotal: boolean; readonly keys: GroupKeys }[],
  tableOf: (i: number) => string,
  innerDims: readonly Dimension[],
): { dims: Dimension[]; order: number[] } {
  const dims = canonicalDimensions(innerDims);
  const ids = cells.map(
    (c, i) =>
      `${tableOf(i)}\u0000${c.isTotal ? 1 : 0}\u0000${JSON.stringify(dims.map((d) => c.keys[d] ?? null))}`,
  );
  const order = cells
    .map((_, i) => i)
    .sort((x, y) => (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : x - y));
  return { dims, order };
}

/**
 * Applies `warehouse/src/disclosure` to metric rows: primary suppression (0 < n < minN) and
 * complementary suppression so no hidden n can be recovered from the total or, with two grouped
 * dimensions, from the row and column margins (assumed published elsewhere, the safe side).
 * One grouped dimension, or three and more, form a 1-D table (cells against their total).
 */
export async function suppressCells(
  cells: DisclosureCell[],
  innerDims: readonly Dimension[],
  minN: number,
  signal?: AbortSignal,
): Promise<void> {
  // Only a table with a small cell needs the solver (below): the common case costs nothing more.
  if (!cells.some((c) => c.n > 0 && c.n < minN)) return;
  const plain = cells.map(({ n, tableId, isTotal, keys, suppressionReason }) => ({
    n,
    tableId,
    isTotal,
    keys,
    suppressionReason,
  }));
  const key = JSON.stringify([plain, innerDims, minN]);
  let reasons = SOLVED.get(key);
  if (reasons === undefined) {
    reasons = await runDisclosureTask(TASKS.cellReasons, [plain, innerDims, minN], { signal });
    remember(key, reasons);
  }
  cells.forEach((c, i) => {
    c.suppressionReason = reasons[i] ?? null;
  });
}

/**
 * Tables already solved by `suppressCells`, by their cells, dimensions and minN (the solution
 * depends on nothing else), oldest first. Participation and JP compliance protect the same counts
 * of the same tables (headcount-partners.ts), and the guards across queries ask the same tables
 * again: each is solved once. Bounded: the oldest entry goes first.
 */
const SOLVED = new Map<string, readonly (SuppressionReason | null)[]>();
/** At most this many tables, and this many characters of their keys in all (about 2 bytes each). */
const SOLVED_MAX = 512;
const SOLVED_MAX_CHARS = 8_000_000;
let solvedChars = 0;

function remember(key: string, reasons: readonly (SuppressionReason | null)[]): void {
  if (key.length > SOLVED_MAX_CHARS / 8 || SOLVED.has(key)) return;
  SOLVED.set(key, reasons);
  solvedChars += key.length;
  while (SOLVED.size > SOLVED_MAX || solvedChars > SOLVED_MAX_CHARS) {
    const oldest = SOLVED.keys().next().value!;
    SOLVED.delete(oldest);
    solvedChars -= oldest.length;
  }
}

/** `suppressCells` on plain cells, synchronously: each cell's reason. */
function cellReasons(
  plain: readonly DisclosureCell[],
  innerDims: readonly Dimension[],
  minN: number,
): (SuppressionReason | null)[] {
  const { dims, order } = canonicalOrder(plain, (i) => plain[i]!.tableId, innerDims);
  const cells = order.map((i) => ({ ...plain[i]! }));
  suppressCellsNow(cells, dims, minN);
  const reasons: (SuppressionReason | null)[] = new Array(plain.length).fill(null);
  order.forEach((i, j) => {
    reasons[i] = cells[j]!.suppressionReason;
  });
  return reasons;
}

function suppressCellsNow(cells: DisclosureCell[], innerDims: readonly Dimension[], minN: number): void {
  if (innerDims.length === 0) {
    // Only totals: each is its own table with nothing to subtract from; primary rule only.
    for (const c of cells) if (c.n > 0 && c.n < minN) c.suppressionReason = 'primary';
    return;
  }
  // Only tables holding a small cell need the library (its search is not cheap): without a primary
  // suppression there is nothing to protect, and every margin is a sum of cells ≥ minN or of zeros.
  const small = new Set(cells.filter((c) => c.n > 0 && c.n < minN).map((c) => c.tableId));
  cells = cells.filter((c) => small.has(c.tableId));
  if (cells.length === 0) return;
  const twoD = innerDims.length === 2;
  const keyValue = (c: DisclosureCell, d: Dimension) => (c.isTotal ? null : (c.keys[d] ?? NULL_VALUE));
  const row = (c: DisclosureCell) => ({
    n: c.n,
    table: c.tableId,
    a: twoD
      ? keyValue(c, innerDims[0]!)
      : c.isTotal
        ? null
        : JSON.stringify(innerDims.map((d) => c.keys[d] ?? null)),
    b: twoD ? keyValue(c, innerDims[1]!) : null,
  });
  // Tables are independent partitions, and the outcome of one depends only on its rows (keys and n,
  // in order). Many tables repeat (e.g. participation: every month of a year has the year's
  // headcount), so each distinct table is solved once and its result copied to its twins.
  const tables = new Map<string, DisclosureCell[]>();
  for (const c of cells) {
    const list = tables.get(c.tableId);
    if (list) list.push(c);
    else tables.set(c.tableId, [c]);
  }
  const twins = new Map<string, DisclosureCell[][]>();
  for (const list of tables.values()) {
    const signature = JSON.stringify(
      list.map((c) => {
        const r = row(c);
        return [r.a, r.b, r.n];
      }),
    );
    const group = twins.get(signature);
    if (group) group.push(list);
    else twins.set(signature, [list]);
  }
  const solved = [...twins.values()];
  const representatives = solved.flatMap((group) => group[0]!);
  const hiddenMargins = twoD ? oneWayHidden(representatives, innerDims, minN) : null;
  const result = applySuppression(representatives.map(row), {
    groupKeys: twoD ? ['a', 'b'] : ['a'],
    partitionKeys: ['table'],
    minN,
    valueFields: [],
    ...(hiddenMargins
      ? {
          marginHiddenElsewhere: (r: Readonly<Record<PropertyKey, unknown>>, axis: 0 | 1, value: unknown) =>
            hiddenMargins.has(marginId(String(r.table), axis, value)),
        }
      : {}),
  });
  let i = 0;
  for (const group of solved) {
    const size = group[0]!.length;
    for (let j = 0; j < size; j += 1) {
      const reason = result[i + j]!.suppressionReason;
      for (const list of group) list[j]!.suppressionReason = reason;
    }
    i += size;
  }
}

const marginId = (table: string, axis: 0 | 1, value: unknown): string => JSON.stringify([table, axis, value]);

/**
 * The margins of two-way tables that the one-way queries hide: per table and axis, the margins (the
 * sums of the cells by that dimension, with the table's total) suppressed exactly as the query
 * grouped by that dimension alone suppresses its rows (`suppressCells` with one dimension: the same
 * cells, keys, order and rule). The two-way table then knows the complements the one-way queries
 * chose, instead of only their small margins, and protects them: a small margin's complement is
 * another margin, which the two-way table cannot hide itself. Returned as `marginId`s, with the key
 * value as the two-way table's rows carry it (NULL_VALUE for a NULL group).
 */
function oneWayHidden(
  cells: readonly DisclosureCell[],
  innerDims: readonly Dimension[],
  minN: number,
): Set<string> {
  const hidden = new Set<string>();
  ([0, 1] as const).forEach((axis) => {
    const dim = innerDims[axis]!;
    const margins = new Map<string, DisclosureCell>();
    for (const c of cells) {
      const value = c.isTotal ? null : (c.keys[dim] ?? null);
      const id = JSON.stringify([c.tableId, c.isTotal, value]);
      const m = margins.get(id);
      if (m) margins.set(id, { ...m, n: m.n + c.n });
      else
        margins.set(id, {
          n: c.n,
          tableId: c.tableId,
          isTotal: c.isTotal,
          keys: c.isTotal ? {} : { [dim]: value },
          suppressionReason: null,
        });
    }
    const oneWay = [...margins.values()];
    suppressCellsNow(oneWay, [dim], minN);
    for (const m of oneWay)
      if (!m.isTotal && m.suppressionReason !== null)
        hidden.add(marginId(m.tableId, axis, m.keys[dim] ?? NULL_VALUE));
  });
  return hidden;
}

/** A metric row of a time series, as disclosure control over periods sees it. */
export interface PeriodCell extends DisclosureCell {
  /** First day of its period. */
  readonly period: string;
  /** Its table without the period: the outer keys. */
  readonly outerId: string;
  /** Further counts protected like n (`MeasureSpec.protect`). */
  readonly counts: readonly number[];
}

/**
 * Disclosure control of a time series whose counts add up over time: the same tables as
 * `suppressCells`, plus, per calendar year, the lines that tie each group's (and the total's)
 * periods to its quarter and year, which the same query at a coarser grain publishes
 * (`applySuppression` with `periods`). Every year is decided on all of its periods, and its
 * coarser levels exactly as the coarser queries decide them, so a month query, a quarter query and
 * a year query together give no hidden count away, whatever range each covers.
 */
export async function suppressOverTime(
  cells: PeriodCell[],
  innerDims: readonly Dimension[],
  minN: number,
  grain: TimeGrain,
  /** Distinct persons at coarser periods (`CoarseCounts`); absent: every count adds up. */
  coarse?: CoarseCounts,
  signal?: AbortSignal,
): Promise<void> {
  const plain = cells.map(({ n, period, outerId, isTotal, keys, counts }) => ({
    n,
    period,
    outerId,
    isTotal,
    keys,
    counts,
  }));
  const reasons = await runDisclosureTask(TASKS.periodReasons, [plain, innerDims, minN, grain, coarse], {
    signal,
  });
  cells.forEach((c, i) => {
    c.suppressionReason = reasons[i] ?? null;
  });
}

/**
 * Counts that do not add up over time (distinct persons), at the coarser periods a series is tied
 * to, as plain data a disclosure worker can take: count k's value for cell i's group in a coarser
 * period is values["level|period|groupIds[i]"][k − offset] (0 when absent) at the
 * `levels` read; at other levels, and for counts below `offset`, the sum of the periods (see
 * `applySuppression`'s `periods.coarse`).
 */
export interface CoarseCounts {
  readonly offset: number;
  readonly levels: readonly TimeGrain[];
  readonly values: Readonly<Record<string, readonly number[]>>;
  /** Per cell, in the cells' order: its group's id. */
  readonly groupIds: readonly string[];
}

/** `suppressOverTime` on plain cells, synchronously: each cell's reason. */
function periodReasons(
  given: readonly Pick<PeriodCell, 'n' | 'period' | 'outerId' | 'isTotal' | 'keys' | 'counts'>[],
  givenDims: readonly Dimension[],
  minN: number,
  grain: TimeGrain,
  coarse?: CoarseCounts,
): (SuppressionReason | null)[] {
  // In canonical form (`canonicalOrder`), mapped back at the end.
  const canonical = canonicalOrder(given, (i) => `${given[i]!.period}\u0000${given[i]!.outerId}`, givenDims);
  const innerDims = canonical.dims;
  const cells = canonical.order.map((i) => given[i]!);
  const groupIds = coarse ? canonical.order.map((i) => coarse.groupIds[i]!) : [];
  const twoD = innerDims.length === 2;
  const width = cells.reduce((w, c) => Math.max(w, c.counts.length), 0);
  const fields = Array.from({ length: width }, (_, k) => `c${k}`);
  const keyValue = (c: Pick<DisclosureCell, 'isTotal' | 'keys'>, d: Dimension) =>
    c.isTotal ? null : (c.keys[d] ?? NULL_VALUE);
  const CELL = Symbol('cell');
  const rows = cells.map((c, i) => {
    const row: Record<PropertyKey, unknown> = { n: c.n, period: c.period, outer: c.outerId, [CELL]: i };
    fields.forEach((f, k) => {
      row[f] = c.counts[k] ?? 0;
    });
    if (twoD) {
      row.a = keyValue(c, innerDims[0]!);
      row.b = keyValue(c, innerDims[1]!);
    } else if (innerDims.length > 0) {
      row.a = c.isTotal ? null : JSON.stringify(innerDims.map((d) => c.keys[d] ?? null));
    }
    return row;
  });
  const reasons = suppressionReasons(rows, {
    groupKeys: twoD ? ['a', 'b'] : innerDims.length > 0 ? ['a'] : [],
    partitionKeys: ['outer'],
    minN,
    counts: fields,
    periods: {
      key: 'period',
      grain,
      ...(coarse
        ? {
            coarse: (
              field: PropertyKey,
              level: TimeGrain,
              period: string,
              row: Readonly<Record<PropertyKey, unknown>>,
            ) => {
              const p = fields.indexOf(field as string) - coarse.offset;
              if (p < 0 || !coarse.levels.includes(level)) return undefined;
              return coarse.values[`${level}|${period}|${groupIds[row[CELL] as number]}`]?.[p] ?? 0;
            },
          }
        : {}),
    },
  });
  const out: (SuppressionReason | null)[] = new Array(given.length).fill(null);
  canonical.order.forEach((i, j) => {
    out[i] = reasons[j] ?? null;
  });
  return out;
}

const task = <A extends unknown[], R>(name: string, run: (...args: A) => R): DisclosureTask<A, R> => ({
  module: import.meta.url,
  name,
  run,
});

const TASKS = {
  cellReasons: task('cellReasons', cellReasons),
  periodReasons: task('periodReasons', periodReasons),
};

/** The tasks a disclosure worker runs (`warehouse/src/disclosure/offload-worker.mjs`), by name. */
export const DISCLOSURE_TASKS: Readonly<Record<string, (...args: never[]) => unknown>> = Object.fromEntries(
  Object.entries(TASKS).map(([name, t]) => [name, t.run]),
);
