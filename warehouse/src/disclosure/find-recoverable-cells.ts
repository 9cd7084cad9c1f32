import { type Bounds, boundsAttack, determinedEntries, propagateBounds } from './linear-audit.ts';
import { enclosingPeriod, linkPeriods, type PeriodGrain } from './period-lines.ts';
import {
  buildSuppressionTables,
  DEFAULT_MIN_N,
  keyOf,
  mergeTables,
  type SuppressionTable,
  type TableShapeOptions,
} from './suppression-table.ts';

export interface RecoveredCell {
  /** Index of the suppressed row in the input. */
  rowIndex: number;
  /** The n the attack derives (equals the true n: the attack only uses published values). */
  n: number;
  /**
   * 'linear': solved from the published sums; 'bounds': pinned by hidden n ≥ 1 on one line;
   * 'interval': pinned by propagating every hidden entry's bounds over all lines (n ≥ 1, and with
   * `labelKey` what each label says).
   */
  method: 'linear' | 'bounds' | 'interval';
}

export interface AttackOptions extends TableShapeOptions {
  /**
   * The rows are time series answered at several grains (the same query per month, quarter and
   * year): `key` names the field with the period's first day, `grainKey` the field with the row's
   * grain. A series' months add up to its quarter and year rows, its quarters to its year row (a
   * coarser row that is missing is unknown to the attacker). `partitionKeys` name the other keys of
   * a table (period and grain are added).
   */
  periods?: { readonly key: PropertyKey; readonly grainKey: PropertyKey };
  /**
   * The field with each suppressed row's published reason: the attacker then reads `primary` as
   * 1 … minN − 1 and `complementary` as at least minN (every count below minN is primary).
   */
  labelKey?: PropertyKey;
}

const FINE_TO_COARSE: readonly PeriodGrain[] = ['month', 'quarter', 'year'];

/**
 * Disclosure audit: plays the reader who has the published table (and the margins published
 * elsewhere per `totals`) and tries to derive each suppressed row's n by any linear combination of
 * the published sums, and by the single-line bound "hidden n ≥ 1" (zeros are always published).
 * With `periods` the reader holds every grain's answer at once and also uses that periods add up.
 * Use it as a data test on every suppressed result.
 *
 * @param rows the rows with their true `n` and the `suppressed` flag from `applySuppression`; the
 *   attack reads n only where suppressed is false (and for published margins that are not rows).
 * @returns the suppressed rows an attacker can recover; [] means the table passed.
 */
export function findRecoverableCells<T extends { n: number; suppressed: boolean }>(
  rows: readonly T[],
  options: AttackOptions,
): RecoveredCell[] {
  const all = rows as readonly Record<PropertyKey, unknown>[];
  const systems: SuppressionTable[] = [];
  // "Hidden n ≥ 1" is only knowledge while zeros are published: not in a table whose cells are
  // hidden whole (the last resort hides its zeros too, and may leave a grand total shown).
  const unbounded = new Map<SuppressionTable, Set<number>>();
  const wholeHidden = (t: SuppressionTable, offset = 0) => {
    const rowsOf = t.entries.filter((entry) => entry.rowIndex !== null && !entry.isMargin);
    const all = rowsOf.length > 0 && rowsOf.every((entry) => (rows[entry.rowIndex!] as T).suppressed);
    return all ? t.entries.map((_, e) => e + offset) : [];
  };
  if (options.periods === undefined) {
    for (const t of buildSuppressionTables(all, options)) {
      systems.push(t);
      unbounded.set(t, new Set(wholeHidden(t)));
    }
  } else {
    const { key, grainKey } = options.periods;
    const outer = options.partitionKeys ?? [];
    const blocks = new Map<string, number[]>();
    all.forEach((row, index) => {
      const id = keyOf([outer.map((k) => row[k] ?? null), enclosingPeriod(row[key], 'year')]);
      const list = blocks.get(id);
      if (list) list.push(index);
      else blocks.set(id, [index]);
    });
    for (const block of blocks.values()) {
      const blockRows = block.map((i) => all[i]!);
      const tables = buildSuppressionTables(blockRows, { ...options, partitionKeys: [grainKey, key] });
      // Back to input indices.
      for (const t of tables)
        for (const entry of t.entries) if (entry.rowIndex !== null) entry.rowIndex = block[entry.rowIndex]!;
      const { table, offsets } = mergeTables(tables);
      unbounded.set(table, new Set(tables.flatMap((t, i) => wholeHidden(t, offsets[i]))));
      const comboOf = (row: Record<PropertyKey, unknown>) =>
        keyOf(options.groupKeys.map((k) => row[k] ?? null));
      const cellsOf = (grain: PeriodGrain) =>
        table.entries.flatMap((entry, e) => {
          const row = entry.rowIndex === null ? undefined : all[entry.rowIndex];
          return row === undefined || row[grainKey] !== grain
            ? []
            : [{ entry: e, period: row[key] as string, combo: comboOf(row) }];
        });
      const present = FINE_TO_COARSE.filter((g) => cellsOf(g).length > 0);
      for (let i = 0; i + 1 < present.length; i++) {
        const parent = present[i + 1]!;
        const parents = new Map(cellsOf(parent).map((c) => [keyOf([c.period, c.combo]), c.entry]));
        linkPeriods(table, cellsOf(present[i]!), [parent], options.minN ?? 5, (_, period, combo) => {
          const entry = parents.get(keyOf([period, combo]));
          return entry === undefined
            ? { hidden: true, keepHidden: false }
            : { entry, hidden: false, keepHidden: false };
        });
      }
      systems.push(table);
    }
  }
  const found: RecoveredCell[] = [];
  for (const table of systems) {
    for (const entry of table.entries)
      if (entry.rowIndex !== null) entry.hidden = (all[entry.rowIndex] as T).suppressed;
    const linear = determinedEntries(table);
    const bounds = boundsAttack(table, unbounded.get(table));
    const intervals = readerBounds(table, all, unbounded.get(table) ?? new Set(), options);
    propagateBounds(table, intervals);
    table.entries.forEach((entry, e) => {
      if (entry.rowIndex === null || !entry.hidden) return;
      const viaLinear = linear.get(e);
      const viaBounds = bounds.get(e);
      if (viaLinear !== undefined) found.push({ rowIndex: entry.rowIndex, n: viaLinear, method: 'linear' });
      else if (viaBounds !== undefined)
        found.push({ rowIndex: entry.rowIndex, n: viaBounds, method: 'bounds' });
      // A hidden zero pinned at 0 (only the last resort hides zeros) gives nobody away.
      else if (intervals.lo[e] === intervals.hi[e] && intervals.lo[e]! > 0)
        found.push({ rowIndex: entry.rowIndex, n: intervals.lo[e]!, method: 'interval' });
    });
  }
  return found.sort((a, b) => a.rowIndex - b.rowIndex);
}

/**
 * What the attacker knows of each entry before combining lines: published entries exactly; a hidden
 * row n ≥ 1 (zeros are published), or 0 … ∞ in a table hidden whole; with `labelKey`, a `primary`
 * row 1 … minN − 1 and a `complementary` one at least minN; a hidden margin that is not a row at
 * least 1 unless it is 0 (its own publisher hides it and hides no zero), as disclosure control
 * models its reader.
 */
function readerBounds(
  table: SuppressionTable,
  rows: readonly Record<PropertyKey, unknown>[],
  unbounded: ReadonlySet<number>,
  options: AttackOptions,
): Bounds {
  const minN = options.minN ?? DEFAULT_MIN_N;
  const lo: number[] = [];
  const hi: number[] = [];
  table.entries.forEach((entry, e) => {
    let bound: [number, number];
    if (!entry.hidden) bound = [entry.n, entry.n];
    else if (entry.rowIndex === null) bound = [entry.n > 0 ? 1 : 0, Number.POSITIVE_INFINITY];
    else if (unbounded.has(e)) bound = [0, Number.POSITIVE_INFINITY];
    else {
      const label = options.labelKey === undefined ? undefined : rows[entry.rowIndex]![options.labelKey];
      bound =
        label === 'primary'
          ? [1, minN - 1]
          : label === 'complementary'
            ? [minN, Number.POSITIVE_INFINITY]
            : [1, Number.POSITIVE_INFINITY];
    }
    lo.push(bound[0]);
    hi.push(bound[1]);
  });
  return { lo, hi };
}
