import {
  buildSuppressionTables,
  DEFAULT_MIN_N,
  type Entry,
  type SuppressionTable,
  type TableShapeOptions,
} from './suppression-table.ts';

export type SuppressionReason = 'primary' | 'complementary' | null;

/** A row after suppression: value fields and n become null when suppressed. */
export type SuppressedRow<T, V extends keyof T> = {
  [K in keyof T]: K extends V | 'n' ? T[K] | null : T[K];
} & {
  suppressed: boolean;
  /** Why; for audit. Do not show it to readers: knowing which hidden cell is the complement narrows it. */
  suppressionReason: SuppressionReason;
};

export interface SuppressionOptions<V extends PropertyKey> extends TableShapeOptions {
  /** Fields computed from the units behind the row (rates, means, sums); nulled when suppressed. */
  valueFields: readonly V[];
}

/** The entries a new complementary suppression may pick, cheapest first. */
function cheapest(table: SuppressionTable, candidates: readonly number[]): number | null {
  let best: number | null = null;
  for (const e of candidates) {
    const entry = table.entries[e]!;
    if (entry.hidden || !entry.hideable) continue;
    const current = best === null ? null : table.entries[best]!;
    // Smallest n loses the least information; prefer a cell to a margin at equal n.
    if (
      current === null ||
      entry.n < current.n ||
      (entry.n === current.n && current.isMargin && !entry.isMargin)
    ) {
      best = e;
    }
  }
  return best;
}

/**
 * Rules on single lines: a line with exactly one hidden entry gives it away by subtraction; a line
 * whose hidden entries all sit on the same side and all have n = 1 gives them away by bounds (a reader
 * knows hidden n ≥ 1 because zeros are always published, and their sum is known). Either way, hide the
 * cheapest other entry on the line.
 * @returns the entry to hide next, null when every line is safe, or 'all' when a line can't be fixed.
 */
function lineRuleViolation(table: SuppressionTable): number | 'all' | null {
  for (const line of table.lines) {
    const hidden = line.terms.filter((t) => table.entries[t.entry]!.hidden);
    if (hidden.length === 0) continue;
    const sameSide = hidden.every((t) => t.sign === hidden[0]!.sign);
    const pinnedByBounds =
      hidden.length >= 2 && sameSide && hidden.every((t) => table.entries[t.entry]!.n === 1);
    // A lone hidden unpublished margin matters only when it is itself small (then it would reveal a
    // small count); a lone hidden row always matters.
    const lone = hidden.length === 1 ? table.entries[hidden[0]!.entry]! : null;
    const single = lone !== null && (lone.rowIndex !== null || lone.confidential);
    if (!single && !pinnedByBounds) continue;
    const pick = cheapest(
      table,
      line.terms.map((t) => t.entry),
    );
    return pick ?? 'all';
  }
  return null;
}

/** Is hidden entry `e` on a cycle of hidden entries (2-D)? If not, the published sums determine it. */
function onHiddenCycle(table: SuppressionTable, e: number): boolean {
  const { rows } = table.vertices!;
  const [u, v] = table.entries[e]!.vertex!;
  const adjacency = new Map<number, number[]>();
  table.entries.forEach((entry, index) => {
    if (!entry.hidden || index === e) return;
    const a = entry.vertex![0];
    const b = rows + entry.vertex![1];
    adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
    adjacency.set(b, [...(adjacency.get(b) ?? []), a]);
  });
  const target = rows + v;
  const seen = new Set<number>([u]);
  const queue = [u];
  while (queue.length > 0) {
    const x = queue.shift()!;
    if (x === target) return true;
    for (const y of adjacency.get(x) ?? []) {
      if (!seen.has(y)) {
        seen.add(y);
        queue.push(y);
      }
    }
  }
  return false;
}

/**
 * 2-D only: a suppressed row entry that is a bridge of the hidden graph can be recovered by
 * combining several rows and columns even when every line holds two hidden entries. Fix it by
 * hiding the cheapest rectangle that closes a cycle through it.
 * @returns entries to hide, [] when none is exposed, or 'all' when no rectangle is available.
 */
function bridgeFix(table: SuppressionTable): number[] | 'all' {
  if (table.vertices === undefined) return [];
  const at = new Map<string, number>();
  table.entries.forEach((entry, index) => {
    at.set(entry.vertex!.join(','), index);
  });
  for (let e = 0; e < table.entries.length; e++) {
    const entry = table.entries[e]!;
    if (!entry.hidden || (entry.rowIndex === null && !entry.confidential) || onHiddenCycle(table, e))
      continue;
    const [u, v] = entry.vertex!;
    let best: { cost: number; hide: number[] } | null = null;
    for (let u2 = 0; u2 < table.vertices.rows; u2++) {
      for (let v2 = 0; v2 < table.vertices.columns; v2++) {
        if (u2 === u || v2 === v) continue;
        const corners = [at.get(`${u},${v2}`), at.get(`${u2},${v}`), at.get(`${u2},${v2}`)];
        if (corners.some((c) => c === undefined)) continue;
        const usable = corners.every((c) => table.entries[c!]!.hidden || table.entries[c!]!.hideable);
        if (!usable) continue;
        const hide = corners.filter((c) => !table.entries[c!]!.hidden) as number[];
        const cost = hide.reduce((s, c) => s + table.entries[c]!.n, 0);
        if (best === null || cost < best.cost) best = { cost, hide };
      }
    }
    return best?.hide ?? 'all';
  }
  return [];
}

/** Runs primary and complementary suppression on one table; returns the rows that end up hidden. */
function protect(table: SuppressionTable, minN: number): { primary: Set<number>; hidden: Set<number> } {
  const primary = new Set<number>();
  table.entries.forEach((entry, e) => {
    if (entry.hideable && entry.n < minN) {
      entry.hidden = true;
      primary.add(e);
    }
  });
  // Last resort, when no complement can protect a line: hide every row of the table, zeros included
  // (otherwise the published zeros and outside totals still pin the hidden cells).
  const hideAll = () => {
    for (const entry of table.entries) if (entry.rowIndex !== null) entry.hidden = true;
  };
  for (;;) {
    const lineFix = lineRuleViolation(table);
    if (lineFix === 'all') {
      hideAll();
      break;
    }
    if (lineFix !== null) {
      table.entries[lineFix]!.hidden = true;
      continue;
    }
    const cycleFix = bridgeFix(table);
    if (cycleFix === 'all') {
      hideAll();
      break;
    }
    if (cycleFix.length === 0) break;
    for (const e of cycleFix) table.entries[e]!.hidden = true;
  }
  const hidden = new Set<number>();
  table.entries.forEach((entry: Entry, e) => {
    if (entry.hidden && entry.rowIndex !== null) hidden.add(e);
  });
  return { primary, hidden };
}

/**
 * Small-cell suppression with complementary suppression, for any grouped metric result.
 *
 * Grain: one row per group (and per partition), with `n` = the units behind it. Rows whose group key
 * is null are margins (as SQL GROUPING SETS / ROLLUP return them): in 1-D the total, in 2-D row
 * margins (column key null), column margins (row key null) and the grand total (both null).
 * Counts are assumed additive (cells partition the units), which is what makes subtraction attacks
 * possible; for overlapping groups the protection is conservative.
 *
 * Rules:
 * 1. Primary: 0 < n < minN (default 5). n = 0 is not confidential (no one is behind it) and is
 *    published, never chosen as a complement (hiding a zero protects nothing a reader can't bound).
 * 2. Complementary, per line (a row, a column, or the 1-D group, each with its margin): a line with
 *    exactly one hidden entry would give it away by subtraction, so the smallest other entry with
 *    n > 0 is hidden too (a cell before a margin). Because zeros are always published, a reader knows
 *    hidden n ≥ 1; a line whose hidden entries on one side are all n = 1 would give them away by that
 *    bound, so it gets another complement as well. Iterated over all lines until stable.
 * 3. 2-D: lines with two hidden entries can still combine into an exact disclosure (a hidden entry
 *    that lies on no cycle of hidden entries). Each one gets a cycle by hiding the cheapest rectangle
 *    through it; then rule 2 runs again.
 * 4. Last resort: when a line has no entry left to hide (e.g. a small column whose other cells are
 *    zeros, under totals published elsewhere), every row of the table is hidden, zeros included.
 * Margins published elsewhere (`totals`) are taken as known unless they are small themselves (then
 * the other publisher suppresses them); small ones are protected like cells.
 * A margin hidden here must be hidden wherever else it is published.
 *
 * What this does not guarantee: interval attacks combining bounds over several lines (the full
 * linear-programming audit statistical offices run), and sums across partitions. `findRecoverableCells`
 * audits exact linear recovery and single-line bounds.
 *
 * @returns rows in input order, with `suppressed`, `suppressionReason`, and `n` and value fields null
 *   when suppressed (n itself is the confidential count).
 */
export function applySuppression<T extends { n: number }, V extends keyof T>(
  rows: readonly T[],
  options: SuppressionOptions<V>,
): SuppressedRow<T, V>[] {
  const minN = options.minN ?? DEFAULT_MIN_N;
  const reasons = new Array<SuppressionReason>(rows.length).fill(null);
  for (const table of buildSuppressionTables(rows as readonly Record<PropertyKey, unknown>[], options)) {
    const { primary, hidden } = protect(table, minN);
    for (const e of hidden) {
      reasons[table.entries[e]!.rowIndex!] = primary.has(e) ? 'primary' : 'complementary';
    }
  }
  return rows.map((row, index) => {
    const reason = reasons[index]!;
    const out: Record<PropertyKey, unknown> = {
      ...row,
      suppressed: reason !== null,
      suppressionReason: reason,
    };
    if (reason !== null) {
      out.n = null;
      for (const field of options.valueFields) out[field] = null;
    }
    return out as SuppressedRow<T, V>;
  });
}
