import type { SuppressionTable } from './suppression-table.ts';
import { UNMETERED, type WorkMeter } from './work-meter.ts';

const EPS = 1e-9;

/** For each entry, the lines it lies on. */
export function incidence(table: SuppressionTable): number[][] {
  const on = table.entries.map((): number[] => []);
  table.lines.forEach((line, l) => {
    for (const t of line.terms) on[t.entry]!.push(l);
  });
  return on;
}

/**
 * The hidden entries tied to `start` (itself hidden) by lines: every hidden entry reachable through
 * lines holding hidden entries. Unknowns of different groups share no line, so each group of the
 * published sums is solved on its own.
 */
export function hiddenComponent(
  table: SuppressionTable,
  on: readonly number[][],
  start: number,
  meter: WorkMeter = UNMETERED,
): number[] {
  const seen = new Set<number>([start]);
  const seenLines = new Set<number>();
  const queue = [start];
  while (queue.length > 0) {
    const e = queue.pop()!;
    for (const l of on[e]!) {
      if (seenLines.has(l)) continue;
      seenLines.add(l);
      meter.spend(table.lines[l]!.terms.length);
      for (const t of table.lines[l]!.terms) {
        if (table.entries[t.entry]!.hidden && !seen.has(t.entry)) {
          seen.add(t.entry);
          queue.push(t.entry);
        }
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * The published sums over one group of hidden entries (unknowns): one sparse row per line that
 * holds any of them (column k = `unknowns[k]`, coefficient ±1), the published entries moved to the
 * right-hand side (a reader knows n only for entries that are published).
 */
export function componentSystem(
  table: SuppressionTable,
  on: readonly number[][],
  unknowns: readonly number[],
  meter: WorkMeter = UNMETERED,
): { rows: Map<number, number>[]; rhs: number[] } {
  const column = new Map(unknowns.map((e, k) => [e, k]));
  const lineIds = new Set<number>();
  for (const e of unknowns) for (const l of on[e]!) lineIds.add(l);
  const rows: Map<number, number>[] = [];
  const rhs: number[] = [];
  for (const l of [...lineIds].sort((a, b) => a - b)) {
    const row = new Map<number, number>();
    let right = 0;
    meter.spend(table.lines[l]!.terms.length);
    for (const { entry, sign } of table.lines[l]!.terms) {
      const k = column.get(entry);
      if (k === undefined) right -= sign * table.entries[entry]!.n;
      else row.set(k, (row.get(k) ?? 0) + sign);
    }
    for (const [k, v] of row) if (v === 0) row.delete(k);
    rows.push(row);
    rhs.push(right);
  }
  return { rows, rhs };
}

/**
 * Gauss–Jordan elimination of a sparse system to reduced row echelon form. An unknown is
 * determined iff its reduced row has a pivot in its column and no other non-zero coefficient: then
 * every solution gives it the same value. The rows are sparse (a line holds a handful of entries,
 * a system of month tables a thousand unknowns), so the pivot is chosen for little fill-in (the
 * shortest row left, then its column in the fewest rows, among coefficients not much smaller than
 * the row's largest) and only the rows holding the pivot's column are touched: far less work than
 * dense elimination, which a month × agency system takes seconds for.
 * @returns the determined unknowns (column indexes) and their values
 */
export function solveSparse(
  rowsIn: readonly ReadonlyMap<number, number>[],
  rhsIn: readonly number[],
  meter: WorkMeter = UNMETERED,
): Map<number, number> {
  const rows = rowsIn.map((r) => new Map(r));
  const rhs = [...rhsIn];
  const inColumn = new Map<number, Set<number>>();
  rows.forEach((row, r) => {
    for (const k of row.keys()) {
      const set = inColumn.get(k);
      if (set) set.add(r);
      else inColumn.set(k, new Set([r]));
    }
  });
  const pivotOf = new Map<number, number>(); // row → its pivot column
  const open = new Set<number>();
  rows.forEach((row, r) => {
    if (row.size > 0) open.add(r);
  });
  while (open.size > 0) {
    let p = -1;
    meter.spend(open.size);
    for (const r of open) if (p === -1 || rows[r]!.size < rows[p]!.size) p = r;
    const row = rows[p]!;
    open.delete(p);
    if (row.size === 0) continue;
    let largest = 0;
    for (const v of row.values()) largest = Math.max(largest, Math.abs(v));
    let k = -1;
    for (const [c, v] of row) {
      if (Math.abs(v) < 0.1 * largest) continue;
      if (k === -1 || inColumn.get(c)!.size < inColumn.get(k)!.size) k = c;
    }
    const scale = row.get(k)!;
    for (const [c, v] of row) row.set(c, v / scale);
    rhs[p] = rhs[p]! / scale;
    pivotOf.set(p, k);
    for (const r of [...inColumn.get(k)!]) {
      if (r === p) continue;
      const target = rows[r]!;
      const factor = target.get(k)!;
      meter.spend(row.size);
      for (const [c, v] of row) {
        const next = (target.get(c) ?? 0) - factor * v;
        const set = inColumn.get(c)!;
        if (Math.abs(next) < EPS) {
          target.delete(c);
          set.delete(r);
        } else {
          if (!target.has(c)) set.add(r);
          target.set(c, next);
        }
      }
      rhs[r] = rhs[r]! - factor * rhs[p]!;
      if (target.size === 0) open.delete(r);
    }
  }
  const determined = new Map<number, number>();
  for (const [r, k] of pivotOf) {
    if (rows[r]!.size === 1) determined.set(k, Math.round(rhs[r]!) || 0);
  }
  return determined;
}

/** The hidden entries of one group that its published sums determine, with their values. */
function solveComponent(
  table: SuppressionTable,
  on: readonly number[][],
  unknowns: readonly number[],
  meter: WorkMeter,
): Map<number, number> {
  const { rows, rhs } = componentSystem(table, on, unknowns, meter);
  const determined = new Map<number, number>();
  for (const [k, value] of solveSparse(rows, rhs, meter)) determined.set(unknowns[k]!, value);
  return determined;
}

/** Every hidden entry the published sums determine, with the value they give it. */
export function determinedEntries(
  table: SuppressionTable,
  on: readonly number[][] = incidence(table),
  meter: WorkMeter = UNMETERED,
): Map<number, number> {
  const done = new Set<number>();
  const found = new Map<number, number>();
  table.entries.forEach((entry, e) => {
    if (!entry.hidden || done.has(e)) return;
    const unknowns = hiddenComponent(table, on, e, meter);
    for (const u of unknowns) done.add(u);
    for (const [u, value] of solveComponent(table, on, unknowns, meter)) found.set(u, value);
  });
  return found;
}

/** Is the hidden entry `e` determined by the published sums? (Solves only its own group.) */
export function isDetermined(
  table: SuppressionTable,
  on: readonly number[][],
  e: number,
  meter: WorkMeter = UNMETERED,
): boolean {
  return solveComponent(table, on, hiddenComponent(table, on, e, meter), meter).has(e);
}

/**
 * One line whose hidden entries are all on one side: their sum S is known and each is ≥ 1.
 * @param unbounded hidden entries a reader cannot assume ≥ 1 (their table was hidden whole, zeros
 *   included); lines holding one are skipped
 */
export function boundsAttack(
  table: SuppressionTable,
  unbounded: ReadonlySet<number> = new Set(),
): Map<number, number> {
  const recovered = new Map<number, number>();
  for (const line of table.lines) {
    const hidden = line.terms.filter((t) => table.entries[t.entry]!.hidden);
    if (hidden.length < 2 || !hidden.every((t) => t.sign === hidden[0]!.sign)) continue;
    if (hidden.some((t) => unbounded.has(t.entry))) continue;
    const known = line.terms
      .filter((t) => !table.entries[t.entry]!.hidden)
      .reduce((s, t) => s + t.sign * table.entries[t.entry]!.n, 0);
    const sum = Math.abs(known);
    if (sum === hidden.length) for (const t of hidden) recovered.set(t.entry, 1);
  }
  return recovered;
}
