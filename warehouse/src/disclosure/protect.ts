import {
  determinedEntries,
  hiddenComponent,
  incidence,
  isDetermined,
  modelBounds,
  propagateBounds,
  type SolveCache,
} from './linear-audit.ts';
import type { Entry, Grid, Line, SuppressionTable } from './suppression-table.ts';
import { UNMETERED, type WorkMeter } from './work-meter.ts';

/** A hidden entry whose value must not be derivable: a row, a small margin, or one another query hides. */
const matters = (entry: Entry): boolean => entry.rowIndex !== null || entry.confidential || entry.keepHidden;

/**
 * Could `e` be hidden to any effect? Not when some line would give it away on its own: every other
 * entry on it known and impossible to hide (zeros, margins published elsewhere), e.g. the one
 * non-zero cell of a column whose total is published, or a 2-D grand total against published row
 * margins. Such an entry is no complement: hiding it adds no unknown.
 */
function pinned(table: SuppressionTable, on: readonly number[][], e: number): boolean {
  return on[e]!.some((l) =>
    table.lines[l]!.terms.every((t) => {
      if (t.entry === e) return true;
      const other = table.entries[t.entry]!;
      return !other.hidden && !other.hideable;
    }),
  );
}

/** May `e` be picked as a new complement? */
const candidate = (table: SuppressionTable, on: readonly number[][], e: number): boolean => {
  const entry = table.entries[e]!;
  return !entry.hidden && entry.hideable && !pinned(table, on, e);
};

/** The entries a new complementary suppression may pick, cheapest first. */
function cheapest(
  table: SuppressionTable,
  on: readonly number[][],
  candidates: readonly number[],
): number | null {
  let best: number | null = null;
  for (const e of candidates) {
    const entry = table.entries[e]!;
    if (!candidate(table, on, e)) continue;
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
function lineRuleViolation(
  table: SuppressionTable,
  on: readonly number[][],
  /** Lines found safe since their entries last changed (skipped: the result is the same). */
  safe: boolean[],
  meter: WorkMeter,
): number | 'all' | null {
  for (let l = 0; l < table.lines.length; l++) {
    if (safe[l]) continue;
    const line = table.lines[l]!;
    meter.spend(line.terms.length);
    let count = 0;
    let first: Line['terms'][number] | null = null;
    let sameSide = true;
    let allOnes = true;
    for (const t of line.terms) {
      const entry = table.entries[t.entry]!;
      if (!entry.hidden) continue;
      count++;
      if (first === null) first = t;
      else if (t.sign !== first.sign) sameSide = false;
      if (entry.n !== 1) allOnes = false;
    }
    if (count === 0) {
      safe[l] = true;
      continue;
    }
    const pinnedByBounds = count >= 2 && sameSide && allOnes;
    // A lone hidden unpublished margin matters only when it is itself small (then it would reveal a
    // small count) or another query hides it; a lone hidden row always matters.
    const lone = count === 1 ? table.entries[first!.entry]! : null;
    const single = lone !== null && matters(lone);
    if (!single && !pinnedByBounds) {
      safe[l] = true;
      continue;
    }
    const pick = cheapest(
      table,
      on,
      line.terms.map((t) => t.entry),
    );
    return pick ?? 'all';
  }
  return null;
}

/**
 * The hidden entries of a grid that lie on no cycle of hidden entries (bridges of the hidden graph,
 * whose vertices are the grid's rows and columns): the grid's sums determine each of them. One
 * depth-first pass (Tarjan), iterative.
 */
function gridBridges(table: SuppressionTable, grid: Grid): Set<number> {
  const size = grid.rows + grid.columns;
  const adjacency: { to: number; edge: number }[][] = Array.from({ length: size }, () => []);
  for (const index of grid.entries) {
    const entry = table.entries[index]!;
    if (!entry.hidden) continue;
    const a = entry.vertex![0];
    const b = grid.rows + entry.vertex![1];
    adjacency[a]!.push({ to: b, edge: index });
    adjacency[b]!.push({ to: a, edge: index });
  }
  const order = new Array<number>(size).fill(-1);
  const low = new Array<number>(size).fill(0);
  const bridges = new Set<number>();
  let counter = 0;
  for (let root = 0; root < size; root++) {
    if (order[root] !== -1 || adjacency[root]!.length === 0) continue;
    order[root] = low[root] = counter++;
    const stack: { v: number; via: number; next: number }[] = [{ v: root, via: -1, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edges = adjacency[top.v]!;
      if (top.next < edges.length) {
        const { to, edge } = edges[top.next++]!;
        if (edge === top.via) continue;
        if (order[to] === -1) {
          order[to] = low[to] = counter++;
          stack.push({ v: to, via: edge, next: 0 });
        } else {
          low[top.v] = Math.min(low[top.v]!, order[to]!);
        }
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) {
        low[parent.v] = Math.min(low[parent.v]!, low[top.v]!);
        if (low[top.v]! > order[parent.v]!) bridges.add(top.via);
      }
    }
  }
  return bridges;
}

/**
 * 2-D only: a suppressed row entry that is a bridge of the hidden graph can be recovered by
 * combining several rows and columns even when every line holds two hidden entries. Fix it by
 * hiding the cheapest rectangle that closes a cycle through it.
 * @returns entries to hide, [] when none is exposed, or 'all' when no rectangle is available.
 */
function bridgeFix(table: SuppressionTable, on: readonly number[][], meter: WorkMeter): number[] | 'all' {
  for (const grid of table.grids) {
    meter.spend(grid.entries.length);
    const bridges = gridBridges(table, grid);
    if (bridges.size === 0) continue;
    const at = new Map<string, number>();
    for (const index of grid.entries) at.set(table.entries[index]!.vertex!.join(','), index);
    for (const e of grid.entries) {
      const entry = table.entries[e]!;
      if (!entry.hidden || !matters(entry) || !bridges.has(e)) continue;
      const [u, v] = entry.vertex!;
      meter.spend(grid.rows * grid.columns);
      let best: { cost: number; hide: number[] } | null = null;
      for (let u2 = 0; u2 < grid.rows; u2++) {
        for (let v2 = 0; v2 < grid.columns; v2++) {
          if (u2 === u || v2 === v) continue;
          const corners = [at.get(`${u},${v2}`), at.get(`${u2},${v}`), at.get(`${u2},${v2}`)];
          if (corners.some((c) => c === undefined)) continue;
          const usable = corners.every((c) => table.entries[c!]!.hidden || candidate(table, on, c!));
          if (!usable) continue;
          const hide = corners.filter((c) => !table.entries[c!]!.hidden) as number[];
          const cost = hide.reduce((s, c) => s + table.entries[c]!.n, 0);
          if (best === null || cost < best.cost) best = { cost, hide };
        }
      }
      return best?.hide ?? 'all';
    }
  }
  return [];
}

/** How many single candidates the exact rule tries before it just widens the hidden set. */
const TRIES = 8;

/**
 * Tables tied together by further lines (periods against their quarter and year): a hidden entry
 * can be determined by combining lines of several tables even when every line holds two hidden
 * entries and every grid has its cycles. Elimination finds such an entry; fix it by hiding the
 * cheapest entry next to its group of hidden entries that leaves it undetermined, else (no single
 * one does) the cheapest such entry, and try again.
 * @returns the entry to hide, null when no hidden entry that matters is determined, 'all' when
 *   nothing is left to hide next to it.
 */
function exactFix(
  table: SuppressionTable,
  on: readonly number[][],
  meter: WorkMeter,
  cache: SolveCache,
): number | 'all' | null {
  const determined = determinedEntries(table, on, meter, cache);
  let target: number | null = null;
  for (const e of [...determined.keys()].sort((a, b) => a - b)) {
    if (matters(table.entries[e]!)) {
      target = e;
      break;
    }
  }
  if (target === null) return null;
  const candidates = new Set<number>();
  for (const h of hiddenComponent(table, on, target, meter)) {
    for (const l of on[h]!) {
      for (const t of table.lines[l]!.terms) {
        if (candidate(table, on, t.entry)) candidates.add(t.entry);
      }
    }
  }
  return cheapestFreeing(table, candidates, () => isDetermined(table, on, target, meter, cache));
}

/**
 * The complement for an exposed entry: the cheapest of `candidates` (smallest n, a cell before a
 * margin) whose hiding ends the exposure (`exposed`, tried on the TRIES cheapest), else the
 * cheapest, and the rules run again; 'all' when there is no candidate.
 */
function cheapestFreeing(
  table: SuppressionTable,
  candidates: ReadonlySet<number>,
  exposed: () => boolean,
): number | 'all' {
  const ordered = [...candidates].sort((a, b) => {
    const x = table.entries[a]!;
    const y = table.entries[b]!;
    return x.n - y.n || Number(x.isMargin) - Number(y.isMargin) || a - b;
  });
  if (ordered.length === 0) return 'all';
  for (const c of ordered.slice(0, TRIES)) {
    table.entries[c]!.hidden = true;
    const still = exposed();
    table.entries[c]!.hidden = false;
    if (!still) return c;
  }
  return ordered[0]!;
}

/** The small hidden entries the reader pins by interval propagation (`propagateBounds`). */
function pinnedSmall(table: SuppressionTable, meter: WorkMeter): number[] {
  const bounds = modelBounds(table);
  propagateBounds(table, bounds, meter);
  const out: number[] = [];
  table.entries.forEach((entry, e) => {
    if (entry.hidden && entry.confidential && bounds.lo[e] === bounds.hi[e]) out.push(e);
  });
  return out;
}

/**
 * Rule 6, bounds over several lines: a small hidden entry whose value the reader pins by combining
 * the lines with "every hidden count is at least 1" (zeros are published) gets the cheapest
 * complement near it that leaves it unpinned, else the cheapest one, and the rules run again.
 * @returns the entry to hide, null when nothing small is pinned, 'all' when nothing is left to hide.
 */
function intervalFix(
  table: SuppressionTable,
  on: readonly number[][],
  meter: WorkMeter,
): number | 'all' | null {
  const pinned = pinnedSmall(table, meter);
  if (pinned.length === 0) return null;
  const target = pinned[0]!;
  // Candidates: published entries on the target's lines and on the lines of the hidden entries
  // that share a line with it.
  const near = new Set<number>([target]);
  for (const l of on[target]!)
    for (const t of table.lines[l]!.terms) if (table.entries[t.entry]!.hidden) near.add(t.entry);
  const candidates = new Set<number>();
  for (const h of near) {
    for (const l of on[h]!) {
      meter.spend(table.lines[l]!.terms.length);
      for (const t of table.lines[l]!.terms) if (candidate(table, on, t.entry)) candidates.add(t.entry);
    }
  }
  return cheapestFreeing(table, candidates, () => pinnedSmall(table, meter).includes(target));
}

export interface ProtectOptions {
  /**
   * Also check exact disclosure by elimination (for systems whose lines tie several tables
   * together; a lone 1-D or 2-D table is fully covered by the line and cycle rules).
   */
  readonly exact?: boolean;
  /** Counts the work and stops it at its budget (DisclosureTooComplexError); default: no budget. */
  readonly meter?: WorkMeter;
}

/**
 * Runs primary and complementary suppression on one table (or system of tables); returns the row
 * entries that end up hidden, and which of them are primary.
 */
export function protect(
  table: SuppressionTable,
  minN: number,
  options: ProtectOptions = {},
): { primary: Set<number>; hidden: Set<number> } {
  const primary = new Set<number>();
  table.entries.forEach((entry, e) => {
    if (entry.hideable && entry.n < minN) {
      entry.hidden = true;
      primary.add(e);
    }
  });
  // Last resort, when no complement can protect a line: hide every row of the table, zeros included
  // (otherwise the published zeros and outside totals still pin the hidden cells).
  // A grand total published elsewhere stays shown: the model already takes it as known. Not in a
  // system tied to coarser periods, where another query may hide it as a complement.
  const hideAll = () => {
    for (const entry of table.entries) {
      if (entry.rowIndex !== null) entry.hidden = !(entry.grandElsewhere && !options.exact);
    }
  };
  const meter = options.meter ?? UNMETERED;
  const solved: SolveCache = new Map();
  const on = incidence(table);
  const safe = new Array<boolean>(table.lines.length).fill(false);
  const hide = (e: number) => {
    table.entries[e]!.hidden = true;
    for (const l of on[e]!) safe[l] = false;
  };
  for (;;) {
    const lineFix = lineRuleViolation(table, on, safe, meter);
    if (lineFix === 'all') {
      hideAll();
      break;
    }
    if (lineFix !== null) {
      hide(lineFix);
      continue;
    }
    const cycleFix = bridgeFix(table, on, meter);
    if (cycleFix === 'all') {
      hideAll();
      break;
    }
    if (cycleFix.length > 0) {
      for (const e of cycleFix) hide(e);
      continue;
    }
    const exact = options.exact ? exactFix(table, on, meter, solved) : null;
    if (exact === 'all') {
      hideAll();
      break;
    }
    if (exact !== null) {
      hide(exact);
      continue;
    }
    // Rule 6 in a batch: every pin fixed by propagation alone (cheap) before the rules above, the
    // elimination above all, run again on the result.
    let fixed = 0;
    let interval = intervalFix(table, on, meter);
    while (interval !== null && interval !== 'all') {
      hide(interval);
      fixed++;
      interval = intervalFix(table, on, meter);
    }
    if (interval === 'all') {
      hideAll();
      break;
    }
    if (fixed === 0) break;
  }
  const hidden = new Set<number>();
  table.entries.forEach((entry: Entry, e) => {
    if (entry.hidden && entry.rowIndex !== null) hidden.add(e);
  });
  return { primary, hidden };
}
