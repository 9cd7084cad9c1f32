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
function componentSystem(
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
/**
 * Solved groups by their unknowns: the lines and the published values are fixed while a table is
 * protected, so the same set of unknowns always gives the same answer (one protect call's cache).
 */
export type SolveCache = Map<string, Map<number, number>>;

function solveComponent(
  table: SuppressionTable,
  on: readonly number[][],
  unknowns: readonly number[],
  meter: WorkMeter,
  cache?: SolveCache,
): Map<number, number> {
  const key = cache ? unknowns.join(',') : '';
  const kept = cache?.get(key);
  if (kept) return kept;
  const found = solveUncached(table, on, unknowns, meter);
  cache?.set(key, found);
  return found;
}

function solveUncached(
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
  cache?: SolveCache,
): Map<number, number> {
  const done = new Set<number>();
  const found = new Map<number, number>();
  table.entries.forEach((entry, e) => {
    if (!entry.hidden || done.has(e)) return;
    const unknowns = hiddenComponent(table, on, e, meter);
    for (const u of unknowns) done.add(u);
    for (const [u, value] of solveComponent(table, on, unknowns, meter, cache)) found.set(u, value);
  });
  return found;
}

/** Is the hidden entry `e` determined by the published sums? (Solves only its own group.) */
export function isDetermined(
  table: SuppressionTable,
  on: readonly number[][],
  e: number,
  meter: WorkMeter = UNMETERED,
  cache?: SolveCache,
): boolean {
  return solveComponent(table, on, hiddenComponent(table, on, e, meter), meter, cache).has(e);
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

/**
 * What a reader knows of each entry's n as an interval [lo, hi]: a published entry exactly; a hidden
 * one from what the answer tells about it (see `modelBounds` and the audit's labels).
 */
export interface Bounds {
  readonly lo: number[];
  readonly hi: number[];
}

/**
 * The bounds the reader of a protected table has: published entries exactly; a hidden entry at
 * least 1, since zeros are always published (a hidden zero, which only the last resort makes, 0 …
 * ∞). The API publishes no reason per hidden row, so nothing tells the small ones apart: with a
 * reason, "primary" would be 1 … minN − 1 and "complementary" at least minN, bounds that pin
 * counts no sum gives away (a row of two primary cells and a primary total of 2, at minN 3).
 */
export function modelBounds(table: SuppressionTable): Bounds {
  const lo: number[] = [];
  const hi: number[] = [];
  for (const entry of table.entries) {
    if (!entry.hidden) {
      lo.push(entry.n);
      hi.push(entry.n);
    } else {
      lo.push(entry.n === 0 ? 0 : 1);
      hi.push(Number.POSITIVE_INFINITY);
    }
  }
  return { lo, hi };
}

interface CompiledLine {
  readonly entries: Int32Array;
  readonly coefs: Float64Array;
}

const compiled = new WeakMap<SuppressionTable, { count: number; lines: CompiledLine[]; on: number[][] }>();

/**
 * Each line's entries with their coefficients (an entry twice on a line adds up), `boundsOnly`
 * lines included, and the lines of each entry: once per table (and again if lines were added).
 */
function compiledLines(table: SuppressionTable): { lines: CompiledLine[]; on: number[][] } {
  const all = [...table.lines, ...(table.boundsOnly ?? [])];
  const kept = compiled.get(table);
  if (kept && kept.count === all.length) return kept;
  const on = table.entries.map((): number[] => []);
  const lines = all.map((line, l) => {
    const coef = new Map<number, number>();
    for (const { entry, sign } of line.terms) coef.set(entry, (coef.get(entry) ?? 0) + sign);
    for (const [e, c] of coef) if (c === 0) coef.delete(e);
    for (const e of coef.keys()) on[e]!.push(l);
    return { entries: Int32Array.from(coef.keys()), coefs: Float64Array.from(coef.values()) };
  });
  const out = { count: all.length, lines, on };
  compiled.set(table, out);
  return out;
}

/**
 * Interval propagation over the published sums (bounds consistency): every line Σ c·n = 0 bounds
 * each hidden entry on it by the intervals of the others, and a tightened entry sends its other
 * lines back to the work list, until nothing tightens. This is the reader who combines "each hidden
 * count is at least 1 (or 1 … 4, or at least 5, as its label says)" over several lines: a year of 5
 * with five hidden months, each ≥ 1, makes every one of them 1. Tightens `bounds` in place.
 */
export function propagateBounds(table: SuppressionTable, bounds: Bounds, meter: WorkMeter = UNMETERED): void {
  const { lo, hi } = bounds;
  const { lines, on } = compiledLines(table);
  const queued = new Uint8Array(lines.length);
  const queue: number[] = [];
  lines.forEach((line, l) => {
    for (const e of line.entries) {
      if (lo[e] !== hi[e]) {
        queued[l] = 1;
        queue.push(l);
        break;
      }
    }
  });
  // Bounds creep along cycles by small steps at worst: stop after a generous number of visits.
  let visits = 0;
  const maxVisits = 50 * Math.max(1, lines.length);
  for (let head = 0; head < queue.length && visits < maxVisits; head++) {
    const l = queue[head]!;
    queued[l] = 0;
    visits++;
    const { entries, coefs } = lines[l]!;
    meter.spend(entries.length);
    // Σ of the lowest and highest contributions c·n, infinite ones counted apart.
    let lowSum = 0;
    let lowInf = 0;
    let highSum = 0;
    let highInf = 0;
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      const c = coefs[k]!;
      const low = c > 0 ? c * lo[e]! : c * hi[e]!;
      const high = c > 0 ? c * hi[e]! : c * lo[e]!;
      if (low === Number.NEGATIVE_INFINITY) lowInf++;
      else lowSum += low;
      if (high === Number.POSITIVE_INFINITY) highInf++;
      else highSum += high;
    }
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      const c = coefs[k]!;
      if (lo[e] === hi[e]) continue;
      const low = c > 0 ? c * lo[e]! : c * hi[e]!;
      const high = c > 0 ? c * hi[e]! : c * lo[e]!;
      // The others' sum lies in [othersLow, othersHigh]; c·n = −others.
      const othersLow =
        lowInf - (low === Number.NEGATIVE_INFINITY ? 1 : 0) > 0
          ? Number.NEGATIVE_INFINITY
          : lowSum - (low === Number.NEGATIVE_INFINITY ? 0 : low);
      const othersHigh =
        highInf - (high === Number.POSITIVE_INFINITY ? 1 : 0) > 0
          ? Number.POSITIVE_INFINITY
          : highSum - (high === Number.POSITIVE_INFINITY ? 0 : high);
      const a = -othersHigh / c;
      const b = -othersLow / c;
      const newLo = Math.max(lo[e]!, Math.ceil(Math.min(a, b) - EPS));
      const newHi = Math.min(hi[e]!, Math.floor(Math.max(a, b) + EPS));
      if (newLo <= lo[e]! && newHi >= hi[e]!) continue;
      // An inconsistent interval means a model the answer does not fit (e.g. a label read wrong):
      // keep the entry as it was rather than derive from a contradiction.
      if (newLo > newHi) continue;
      lo[e] = newLo;
      hi[e] = newHi;
      for (const other of on[e]!) {
        if (!queued[other]) {
          queued[other] = 1;
          queue.push(other);
        }
      }
    }
  }
}
