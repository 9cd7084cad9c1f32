import { applySuppression } from '../../disclosure/index.ts';
import type { Dimension } from '../filter.ts';
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
 * Applies `warehouse/src/disclosure` to metric rows: primary suppression (0 < n < minN) and
 * complementary suppression so no hidden n can be recovered from the total or, with two grouped
 * dimensions, from the row and column margins (assumed published elsewhere, the safe side).
 * One grouped dimension, or three and more, form a 1-D table (cells against their total).
 */
export function suppressCells(cells: DisclosureCell[], innerDims: readonly Dimension[], minN: number): void {
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
  const result = applySuppression(representatives.map(row), {
    groupKeys: twoD ? ['a', 'b'] : ['a'],
    partitionKeys: ['table'],
    minN,
    valueFields: [],
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
