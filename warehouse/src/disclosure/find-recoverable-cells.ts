import { boundsAttack, determinedEntries } from './linear-audit.ts';
import { enclosingPeriod, linkPeriods, type PeriodGrain } from './period-lines.ts';
import {
  buildSuppressionTables,
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
  /** 'linear': solved from the published sums; 'bounds': pinned by hidden n ≥ 1 on one line. */
  method: 'linear' | 'bounds';
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
  // "Hidden n ≥ 1" is only knowledge while zeros are published: not in a table hidden whole (the
  // last resort hides its zeros too).
  const unbounded = new Map<SuppressionTable, Set<number>>();
  const wholeHidden = (t: SuppressionTable, offset = 0) => {
    const rowsOf = t.entries.filter((entry) => entry.rowIndex !== null);
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
