import {
  buildSuppressionTables,
  type SuppressionTable,
  type TableShapeOptions,
} from './suppression-table.ts';

export interface RecoveredCell {
  /** Index of the suppressed row in the input. */
  rowIndex: number;
  /** The n the attack derives (equals the true n: the attack only uses published values). */
  n: number;
  /** 'linear': solved from the published sums; 'bounds': pinned by hidden n ≥ 1 on one line. */
  method: 'linear' | 'bounds';
}

const EPS = 1e-9;

/**
 * Gaussian elimination over the lines, unknowns = hidden entries, knowns moved to the right-hand
 * side. A hidden entry is determined iff its reduced row has a pivot in its column and no other
 * non-zero coefficient: then every solution of the published sums gives it the same value.
 */
function linearAttack(table: SuppressionTable): Map<number, number> {
  const unknowns = table.entries.flatMap((entry, e) => (entry.hidden ? [e] : []));
  const column = new Map(unknowns.map((e, k) => [e, k]));
  const m = table.lines.map((line) => {
    const row = new Array<number>(unknowns.length + 1).fill(0);
    for (const { entry, sign } of line.terms) {
      const k = column.get(entry);
      // The attacker reads n only for entries that are published.
      if (k === undefined) row[unknowns.length] = row[unknowns.length]! - sign * table.entries[entry]!.n;
      else row[k] = row[k]! + sign;
    }
    return row;
  });
  let pivotRow = 0;
  const pivots: [number, number][] = [];
  for (let k = 0; k < unknowns.length && pivotRow < m.length; k++) {
    let best = pivotRow;
    for (let r = pivotRow + 1; r < m.length; r++) if (Math.abs(m[r]![k]!) > Math.abs(m[best]![k]!)) best = r;
    if (Math.abs(m[best]![k]!) < EPS) continue;
    [m[pivotRow], m[best]] = [m[best]!, m[pivotRow]!];
    const p = m[pivotRow]!;
    const scale = p[k]!;
    for (let c = 0; c < p.length; c++) p[c] = p[c]! / scale;
    for (let r = 0; r < m.length; r++) {
      if (r === pivotRow) continue;
      const factor = m[r]![k]!;
      if (Math.abs(factor) < EPS) continue;
      for (let c = 0; c < p.length; c++) m[r]![c] = m[r]![c]! - factor * p[c]!;
    }
    pivots.push([pivotRow, k]);
    pivotRow++;
  }
  const recovered = new Map<number, number>();
  for (const [r, k] of pivots) {
    const row = m[r]!;
    const alone = row.every((value, c) => c === k || c === unknowns.length || Math.abs(value) < EPS);
    if (alone) recovered.set(unknowns[k]!, Math.round(row[unknowns.length]!));
  }
  return recovered;
}

/** One line whose hidden entries are all on one side: their sum S is known and each is ≥ 1. */
function boundsAttack(table: SuppressionTable): Map<number, number> {
  const recovered = new Map<number, number>();
  for (const line of table.lines) {
    const hidden = line.terms.filter((t) => table.entries[t.entry]!.hidden);
    if (hidden.length < 2 || !hidden.every((t) => t.sign === hidden[0]!.sign)) continue;
    const known = line.terms
      .filter((t) => !table.entries[t.entry]!.hidden)
      .reduce((s, t) => s + t.sign * table.entries[t.entry]!.n, 0);
    const sum = Math.abs(known);
    if (sum === hidden.length) for (const t of hidden) recovered.set(t.entry, 1);
  }
  return recovered;
}

/**
 * Disclosure audit: plays the reader who has the published table (and the margins published
 * elsewhere per `totals`) and tries to derive each suppressed row's n by any linear combination of
 * the published sums, and by the single-line bound "hidden n ≥ 1" (zeros are always published).
 * Use it as a data test on every suppressed result.
 *
 * @param rows the rows with their true `n` and the `suppressed` flag from `applySuppression`; the
 *   attack reads n only where suppressed is false (and for published margins that are not rows).
 * @returns the suppressed rows an attacker can recover; [] means the table passed.
 */
export function findRecoverableCells<T extends { n: number; suppressed: boolean }>(
  rows: readonly T[],
  options: TableShapeOptions,
): RecoveredCell[] {
  const tables = buildSuppressionTables(rows as readonly Record<PropertyKey, unknown>[], options);
  const found: RecoveredCell[] = [];
  for (const table of tables) {
    for (const entry of table.entries)
      if (entry.rowIndex !== null) entry.hidden = rows[entry.rowIndex]!.suppressed;
    const linear = linearAttack(table);
    // "Hidden n ≥ 1" is only knowledge while zeros are published, i.e. unless the whole table is hidden.
    const allHidden = table.entries.every((entry) => entry.rowIndex === null || entry.hidden);
    const bounds = allHidden ? new Map<number, number>() : boundsAttack(table);
    table.entries.forEach((entry, e) => {
      if (entry.rowIndex === null || !entry.hidden) return;
      const viaLinear = linear.get(e);
      const viaBounds = bounds.get(e);
      if (viaLinear !== undefined) found.push({ rowIndex: entry.rowIndex, n: viaLinear, method: 'linear' });
      else if (viaBounds !== undefined)
        found.push({ rowIndex: entry.rowIndex, n: viaBounds, method: 'bounds' });
    });
  }
  return found.sort((a, b) => a.rowIndex - b.rowIndex);
}
