import type { SuppressionReason } from './metric-row.ts';

/** A cell as disclosure control sees it: its unit count and, once decided, why it is hidden. */
export interface DisclosureCell {
  readonly n: number;
  suppressionReason: SuppressionReason | null;
}

/** One published table: cells that add up to a published total (the margin). */
export interface DisclosureTable<C extends DisclosureCell> {
  cells: C[];
  total: C | undefined;
}

/**
 * Marks cells to hide in each table: primary (0 < n < minN; an empty cell discloses nobody) and
 * complementary (so no hidden cell can be recovered as total − visible cells).
 *
 * WIRING: delegates to `warehouse/src/disclosure` (`applySuppression`) once it lands; until then
 * this is the minimal rule set it must satisfy, kept here so the metric tests exercise it.
 */
export function suppressTables<C extends DisclosureCell>(
  tables: readonly DisclosureTable<C>[],
  minN: number,
): void {
  for (const table of tables) {
    const all = table.total ? [...table.cells, table.total] : table.cells;
    for (const cell of all) if (cell.n > 0 && cell.n < minN) cell.suppressionReason = 'primary';
    if (!table.total || table.total.suppressionReason !== null) continue;
    const hidden = table.cells.filter((c) => c.suppressionReason !== null);
    if (hidden.length !== 1) continue;
    // Exactly one hidden cell under a visible total: hide the next smallest non-empty cell, or the
    // total when there is none (then the total itself would give the hidden cell away).
    const candidate = table.cells
      .filter((c) => c.suppressionReason === null && c.n > 0)
      .sort((a, b) => a.n - b.n)[0];
    (candidate ?? table.total).suppressionReason = 'complementary';
  }
}
