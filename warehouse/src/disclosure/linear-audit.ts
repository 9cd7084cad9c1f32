import type { SuppressionTable } from './suppression-table.ts';

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
export function hiddenComponent(table: SuppressionTable, on: readonly number[][], start: number): number[] {
  const seen = new Set<number>([start]);
  const seenLines = new Set<number>();
  const queue = [start];
  while (queue.length > 0) {
    const e = queue.pop()!;
    for (const l of on[e]!) {
      if (seenLines.has(l)) continue;
      seenLines.add(l);
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
 * Gaussian elimination over the lines of one group of hidden entries (unknowns), the published
 * entries moved to the right-hand side. A hidden entry is determined iff its reduced row has a pivot
 * in its column and no other non-zero coefficient: then every solution of the published sums gives
 * it the same value.
 */
function solveComponent(
  table: SuppressionTable,
  on: readonly number[][],
  unknowns: readonly number[],
): Map<number, number> {
  const column = new Map(unknowns.map((e, k) => [e, k]));
  const width = unknowns.length + 1;
  const lineIds = new Set<number>();
  for (const e of unknowns) for (const l of on[e]!) lineIds.add(l);
  const m: Float64Array[] = [];
  for (const l of [...lineIds].sort((a, b) => a - b)) {
    const row = new Float64Array(width);
    for (const { entry, sign } of table.lines[l]!.terms) {
      const k = column.get(entry);
      // The attacker reads n only for entries that are published.
      if (k === undefined) row[unknowns.length] = row[unknowns.length]! - sign * table.entries[entry]!.n;
      else row[k] = row[k]! + sign;
    }
    m.push(row);
  }
  let pivotRow = 0;
  const pivots: [number, number][] = [];
  for (let k = 0; k < unknowns.length && pivotRow < m.length; k++) {
    let best = pivotRow;
    for (let r = pivotRow + 1; r < m.length; r++) if (Math.abs(m[r]![k]!) > Math.abs(m[best]![k]!)) best = r;
    if (Math.abs(m[best]![k]!) < EPS) continue;
    [m[pivotRow], m[best]] = [m[best]!, m[pivotRow]!];
    const p = m[pivotRow]!;
    const scale = p[k]!;
    for (let c = k; c < width; c++) p[c] = p[c]! / scale;
    for (let r = 0; r < m.length; r++) {
      if (r === pivotRow) continue;
      const row = m[r]!;
      const factor = row[k]!;
      if (Math.abs(factor) < EPS) continue;
      for (let c = k; c < width; c++) row[c] = row[c]! - factor * p[c]!;
    }
    pivots.push([pivotRow, k]);
    pivotRow++;
  }
  const determined = new Map<number, number>();
  for (const [r, k] of pivots) {
    const row = m[r]!;
    let alone = true;
    for (let c = 0; c < unknowns.length && alone; c++) if (c !== k && Math.abs(row[c]!) >= EPS) alone = false;
    if (alone) determined.set(unknowns[k]!, Math.round(row[unknowns.length]!));
  }
  return determined;
}

/** Every hidden entry the published sums determine, with the value they give it. */
export function determinedEntries(
  table: SuppressionTable,
  on: readonly number[][] = incidence(table),
): Map<number, number> {
  const done = new Set<number>();
  const found = new Map<number, number>();
  table.entries.forEach((entry, e) => {
    if (!entry.hidden || done.has(e)) return;
    const unknowns = hiddenComponent(table, on, e);
    for (const u of unknowns) done.add(u);
    for (const [u, value] of solveComponent(table, on, unknowns)) found.set(u, value);
  });
  return found;
}

/** Is the hidden entry `e` determined by the published sums? (Solves only its own group.) */
export function isDetermined(table: SuppressionTable, on: readonly number[][], e: number): boolean {
  return solveComponent(table, on, hiddenComponent(table, on, e)).has(e);
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
