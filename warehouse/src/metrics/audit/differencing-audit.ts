import type { Db } from '../../db/index.ts';
import { findRecoverableCells, type RecoveredCell } from '../../disclosure/index.ts';
import type { Dimension, MetricFilter, MetricQuery, TimeGrain } from '../filter.ts';
import { FILTER_DIMENSIONS } from '../query/mart-binding.ts';

interface AuditRow {
  readonly keys: Readonly<Record<string, string | null | undefined>>;
  readonly isTotal: boolean;
  readonly period?: string | null;
  readonly n: number | null;
  readonly suppressed: boolean;
}

/** A metric as the audit calls it: the answer's `rows` are read. */
export type AuditedMetric = (
  db: Db,
  query: MetricQuery,
  options?: { minN?: number },
) => Promise<{ readonly rows: readonly AuditRow[] }>;

export interface DifferencingAuditOptions {
  /**
   * The dimension filtered (a list filter) and the one grouped by; null: no groupBy, so each slice
   * is one number (a value's total) and "the two-way table" is the one-way table by filterBy.
   */
  readonly filterBy: Dimension;
  readonly groupBy: Dimension | null;
  /** The range every query asks for (whole years). */
  readonly range: MetricFilter;
  /**
   * Every query at this grain: each cell is a group's count in one period. Slices and pairs only
   * (the two-way and one-way recovery models one table, not periods tied to coarser ones).
   */
  readonly grain?: TimeGrain;
  readonly minN: number;
  /** Two-value answers per value with a hidden cell: against this many other values. */
  readonly maxPartners: number;
}

export interface DifferencingAudit {
  /** Answers asked for (the slices, the pairs and the two-way table). */
  readonly answers: number;
  /** Cells of the two-way table as published (a table hidden whole lists its zeros too), and those it hides. */
  readonly cells: number;
  readonly hidden: number;
  /**
   * Of those, the cells with data (the true answer lists them): the others are zeros a table hidden
   * whole lists too, which no slice lists as a row to recover.
   */
  readonly hiddenWithData: number;
  /** Hidden cells recovered, equal to the truth, by a slice or a pair minus a slice. */
  readonly recovered: readonly { readonly cell: string; readonly n: number; readonly how: string }[];
  /** Hidden entries of the two-way table recovered with both one-way tables (`findRecoverableCells`). */
  readonly twoWay: readonly RecoveredCell[];
}

const NULL_KEY = '\u0000null';

/**
 * The differencing attack on one metric and pair of dimensions, as a reader of the API could run it
 * (a red-team scan, re-runnable; `scripts/audit/differencing.ts` runs it on a snapshot). It asks,
 * as `published` answers them, the two-way table (filterBy × groupBy), every one-value slice
 * (filterBy = a, by groupBy), two-value sums (filterBy ∈ {a, b}) for each value with a hidden cell,
 * and both one-way tables; then it tries to recover each cell the two-way table hides: a slice's
 * shown cell, a pair's shown cell minus the other value's shown slice cell, and every linear or
 * bound consequence of the two-way table with the one-way tables' margins (`findRecoverableCells`,
 * margins hidden there unknown). The true counts (the two-way table with minN 1, nothing hidden)
 * tell which recoveries are right: only those count. Without a groupBy each slice is one number
 * per period (the value's total) against the one-way table by filterBy; with a grain, slices and
 * pairs are compared period by period.
 */
export async function auditDifferencing(
  db: Db,
  published: AuditedMetric,
  { filterBy: d, groupBy: g, range, grain, minN, maxPartners }: DifferencingAuditOptions,
): Promise<DifferencingAudit> {
  const field = Object.entries(FILTER_DIMENSIONS).find(([, dim]) => dim === d)?.[0];
  if (field === undefined) throw new Error(`${d} has no list filter`);
  // A cell: the filtered value, and within its slice the groupBy value and the period.
  const within = (r: AuditRow) => JSON.stringify([g ? (r.keys[g] ?? null) : null, r.period ?? null]);
  const cell = (a: string, sub: string) => `${a}|${sub}`;
  const by: Dimension[] = g ? [d, g] : [d];
  const at = grain ? { grain } : {};
  const truthRows = (await published(db, { filter: range, groupBy: by, ...at }, { minN: 1 })).rows;
  const counts = new Map(
    truthRows.filter((r) => !r.isTotal).map((r) => [cell(r.keys[d]!, within(r)), r.n ?? 0]),
  );
  const wide = (await published(db, { filter: range, groupBy: by, ...at }, { minN })).rows;
  const hidden = new Set(
    wide.filter((r) => !r.isTotal && r.suppressed).map((r) => cell(r.keys[d]!, within(r))),
  );
  const values = [...new Set(truthRows.filter((r) => !r.isTotal).map((r) => r.keys[d]!))].sort();
  // A slice's cells by groupBy value and period; without a groupBy, its totals (one per period).
  const shownBy = async (list: string[]) => {
    const filter = { ...range, [field]: list };
    const rows = (await published(db, { filter, ...(g ? { groupBy: [g] } : {}), ...at }, { minN })).rows;
    return new Map(rows.filter((r) => r.isTotal === !g).map((r) => [within(r), r.suppressed ? null : r.n]));
  };
  const slice = new Map<string, Map<string, number | null>>();
  for (const v of values) slice.set(v, await shownBy([v]));
  const recovered = new Map<string, { cell: string; n: number; how: string }>();
  const note = (key: string, n: number, how: string) => {
    if (hidden.has(key) && counts.get(key) === n && !recovered.has(key))
      recovered.set(key, { cell: key, n, how });
  };
  for (const [v, cells] of slice)
    for (const [sub, n] of cells) if (n !== null) note(cell(v, sub), n, `slice ${v}`);
  let answers = values.length + 1;
  const withHidden = values.filter((v) => [...hidden].some((h) => h.startsWith(`${v}|`)));
  for (const a of withHidden) {
    for (const b of values.filter((x) => x !== a).slice(0, maxPartners)) {
      const pair = await shownBy([a, b]);
      answers += 1;
      for (const [sub, n] of pair) {
        const other = slice.get(b)?.get(sub);
        if (n !== null && other !== null && other !== undefined)
          note(cell(a, sub), n - other, `{${a}, ${b}} − ${b}`);
      }
    }
  }
  const result = {
    answers,
    cells: wide.filter((r) => !r.isTotal).length,
    hidden: hidden.size,
    hiddenWithData: [...hidden].filter((key) => counts.has(key)).length,
    recovered: [...recovered.values()],
  };
  if (grain) return { ...result, twoWay: [] };
  const byD = (await published(db, { filter: range, groupBy: [d] }, { minN })).rows;
  const grand = [...counts.values()].reduce((s, v) => s + v, 0);
  const countOf = (r: AuditRow) => (r.isTotal ? grand : (counts.get(cell(r.keys[d]!, within(r))) ?? 0));
  if (!g) {
    // The one-way table by filterBy: its cells against its total, as published.
    const oneWay = findRecoverableCells(
      wide.map((r) => ({
        a: r.isTotal ? null : (r.keys[d] ?? NULL_KEY),
        n: countOf(r),
        suppressed: r.suppressed,
      })),
      { groupKeys: ['a'], minN, totals: true },
    );
    return { ...result, answers: answers + 1, twoWay: oneWay };
  }
  const byG = (await published(db, { filter: range, groupBy: [g] }, { minN })).rows;
  const hiddenIn = (rows: readonly AuditRow[], dim: Dimension) =>
    new Set(rows.filter((r) => !r.isTotal && r.suppressed).map((r) => r.keys[dim] ?? NULL_KEY));
  const hiddenMargins = [hiddenIn(byD, d), hiddenIn(byG, g)] as const;
  // The two-way rows as published (every combination it lists, hidden or not; one it does not list
  // is a published 0), its margins known from the one-way answers unless hidden there.
  const twoWay = findRecoverableCells(
    wide.map((r) => ({
      a: r.isTotal ? null : (r.keys[d] ?? NULL_KEY),
      b: r.isTotal ? null : (r.keys[g] ?? NULL_KEY),
      n: countOf(r),
      suppressed: r.suppressed,
    })),
    {
      groupKeys: ['a', 'b'],
      minN,
      totals: true,
      marginHiddenElsewhere: (_row, axis, value) => hiddenMargins[axis].has(value as string),
    },
  );
  return { ...result, answers: answers + 2, twoWay };
}
