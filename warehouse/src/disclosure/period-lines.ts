import type { Entry, Line, SuppressionTable } from './suppression-table.ts';

/** Calendar periods, each named by its first day (YYYY-MM-01; a quarter's first month, Jan for a year). */
export type PeriodGrain = 'month' | 'quarter' | 'year';

/** Coarsest first: the levels a query of `grain` is tied to (its own last). */
export const LEVELS: Record<PeriodGrain, readonly PeriodGrain[]> = {
  year: ['year'],
  quarter: ['year', 'quarter'],
  month: ['year', 'quarter', 'month'],
};

const START = /^(\d{4})-(0[1-9]|1[0-2])-01$/;
const MONTHS: Record<PeriodGrain, number> = { month: 1, quarter: 3, year: 12 };

/**
 * The period of `grain` (its first day) that contains the period starting `start`.
 * @throws RangeError when `start` is not the first day of a month.
 */
export function enclosingPeriod(start: unknown, grain: PeriodGrain): string {
  const match = typeof start === 'string' ? START.exec(start) : null;
  if (!match)
    throw new RangeError(`a period must be named by its first day (YYYY-MM-01), got ${String(start)}`);
  const month = Number(match[2]);
  const first = month - ((month - 1) % MONTHS[grain]);
  return `${match[1]}-${String(first).padStart(2, '0')}-01`;
}

/** @throws RangeError when `start` is not the first day of a period of `grain`. */
export function assertPeriodStart(start: unknown, grain: PeriodGrain): string {
  const period = enclosingPeriod(start, grain);
  if (period !== start) throw new RangeError(`${String(start)} does not start a ${grain}`);
  return period;
}

/** The entries of one level of one block that lines tie to coarser periods. */
export interface LevelCell {
  /** Entry index of the cell in the system. */
  readonly entry: number;
  /** Its period (first day) at this level. */
  readonly period: string;
  /** Its group key combination (one time series per combination). */
  readonly combo: string;
}

/** What a coarser period's value of one series is to the reader. */
export interface CoarserValue {
  /** The coarser row's entry in this system, when it is one (an attacker given every grain). */
  readonly entry?: number;
  /** Unknown to the reader (the coarser query suppresses it). */
  readonly hidden: boolean;
  /** Must not become derivable here: the coarser query's own protection hides it. */
  readonly keepHidden: boolean;
}

/**
 * Ties the cells of one level to the coarser periods that contain them: per series (group key
 * combination) and coarser period, a line Σ cells − coarser value = 0, the sums another query
 * publishes. Month cells are tied to their quarter and the quarters to their year; quarter cells to
 * their year. A coarser value that is no entry of the system becomes a margin entry (n = the sum,
 * hidden as `coarser` says), appended to `table`.
 * @param parents the coarser grains present, finest first (e.g. ['quarter', 'year'] for months)
 * @param coarser what the reader knows of the coarser value of a series in a period
 * @returns the entry of each coarser value, by JSON of [grain, period, combo]
 */
export function linkPeriods(
  table: SuppressionTable,
  cells: readonly LevelCell[],
  parents: readonly PeriodGrain[],
  minN: number,
  coarser: (grain: PeriodGrain, period: string, combo: string) => CoarserValue,
): Map<string, number> {
  /** The entry of each coarser value, by `keyOf([grain, period, combo])`. */
  const entries = new Map<string, number>();
  // The units of each step: first the level's own cells, then the margins of the step below.
  let children: LevelCell[] = [...cells];
  for (const grain of parents) {
    const groups = new Map<string, LevelCell[]>();
    for (const c of children) {
      const key = JSON.stringify([enclosingPeriod(c.period, grain), c.combo]);
      const list = groups.get(key);
      if (list) list.push(c);
      else groups.set(key, [c]);
    }
    const next: LevelCell[] = [];
    for (const [key, members] of groups) {
      const [period, combo] = JSON.parse(key) as [string, string];
      const known = coarser(grain, period, combo);
      let entry = known.entry;
      if (entry === undefined) {
        const n = members.reduce((s, c) => s + table.entries[c.entry]!.n, 0);
        const margin: Entry = {
          rowIndex: null,
          n,
          isMargin: true,
          hidden: known.hidden,
          hideable: false,
          confidential: n > 0 && n < minN,
          keepHidden: known.keepHidden && n > 0,
        };
        entry = table.entries.length;
        table.entries.push(margin);
      }
      const line: Line = {
        terms: [...members.map((c) => ({ entry: c.entry, sign: 1 as const })), { entry, sign: -1 as const }],
      };
      table.lines.push(line);
      next.push({ entry, period, combo });
      entries.set(JSON.stringify([grain, period, combo]), entry);
    }
    children = next;
  }
  return entries;
}
