import { assertPeriodStart, enclosingPeriod, LEVELS, linkPeriods, type PeriodGrain } from './period-lines.ts';
import { protect } from './protect.ts';
import {
  buildSuppressionTables,
  DEFAULT_MIN_N,
  keyOf,
  mergeTables,
  type SuppressionTable,
  type TableShapeOptions,
} from './suppression-table.ts';
import { DISCLOSURE_WORK_BUDGET, WorkMeter } from './work-meter.ts';

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
  /**
   * Further counts a row shows whose units n does not cover, by field (non-negative integers): each
   * gets its own primary and complementary suppression over the same tables, and a row is hidden
   * when any count's solution hides it ('primary' wins). Hiding more never reveals more, so the
   * union protects every count as its own solution does.
   */
  counts?: readonly PropertyKey[];
  /**
   * The rows are a time series: `key` names the field with the period's first day (YYYY-MM-01) and
   * `grain` its length; `partitionKeys` then name the other keys of a table (the period is added).
   * Coarser periods are published too (the same query per quarter or year), and each coarser row is
   * the sum of its periods: see "Periods" below. Counts must add up over time, except where
   * `coarse` gives a coarser period's own value.
   */
  periods?: {
    readonly key: PropertyKey;
    readonly grain: PeriodGrain;
    /**
     * A count's value at a coarser level, for counts that do not add up over time (distinct persons:
     * a quarter has at most the sum of its months'), given the field, the coarser grain and period
     * and a row of the group (the input row of one of its periods); undefined: the sum. The coarser
     * level is then decided on these values, as the coarser query decides it, and the finer levels
     * keep what it hides hidden; the lines tying the levels still use the sums, which only bound
     * a reader (the coarser query publishes no such count, only the rows it leaves shown).
     */
    readonly coarse?: (
      field: PropertyKey,
      grain: PeriodGrain,
      period: string,
      row: Readonly<Record<PropertyKey, unknown>>,
    ) => number | undefined;
  };
  /**
   * Steps the whole call may take (default `DISCLOSURE_WORK_BUDGET`); beyond it the call throws
   * DisclosureTooComplexError instead of answering late.
   */
  workBudget?: number;
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
 *    zeros, under totals published elsewhere), every row of the table is hidden, zeros included,
 *    but a grand total given as a row, at least minN and published elsewhere (`totals`), unless the
 *    system is tied to coarser periods (another query may hide it as a complement there).
 * Margins published elsewhere (`totals`) are taken as known unless they are small themselves (then
 * the other publisher suppresses them); small ones are protected like cells.
 * A margin hidden here must be hidden wherever else it is published.
 *
 * Periods (`periods`): a month query's rows are also bounded by what the quarter and year queries
 * publish (a group's months add up to its quarter and year), so the year row minus the published
 * months would give away a lone hidden month. Suppression then runs per calendar year (and outer
 * keys), coarsest first, exactly as the coarser queries run it on the same data: the year tables
 * alone (as a year query), then the quarter tables tied by a line per series (each group and the
 * total) to its year value, then the month tables tied to their quarter and year values. A coarser
 * value is a margin entry: known unless that coarser level hid it, and one it hid (its own small
 * cell or a complement) must stay underivable here. Rules 2–4 run on the whole system, then rule 5:
 * 5. Exact: a hidden entry that some combination of lines across tables determines (found by
 *    elimination) gets the cheapest neighbouring complement that leaves it undetermined; repeated
 *    with rules 2–4 until nothing is determined.
 * 6. Bounds over several lines (every table, any shape): "each hidden count is at least 1" (zeros
 *    are published) propagated over all lines, the coarser levels' own tables included
 *    (`boundsOnly`), pins no small hidden count: one that is pinned (a published year of 5 over
 *    five hidden months) gets the cheapest complement near it that frees it; rules 2–6 repeat until
 *    nothing is pinned. The reason per row (primary / complementary) must not be published: it
 *    bounds a hidden count to 1 … minN − 1 or at least minN, and such bounds pin counts (the API
 *    publishes `suppressed` only).
 * Decisions of one year depend only on that year's rows, so they are the same whatever range a
 * query covers, and a coarser query publishes exactly the coarser level computed here. A coarser
 * row is published as its own query decides (at the year level: its table alone).
 *
 * What this does not guarantee: the full linear-programming audit statistical offices run (rule 6
 * propagates bounds line by line, which finds what a reader combining lines one at a time finds,
 * not every consequence of all of them at once), and sums across partitions other than the periods
 * above. `findRecoverableCells` audits exact linear recovery, single-line bounds and propagated
 * bounds.
 *
 * @returns rows in input order, with `suppressed`, `suppressionReason`, and `n` and value fields null
 *   when suppressed (n itself is the confidential count).
 */
export function applySuppression<T extends { n: number }, V extends keyof T>(
  rows: readonly T[],
  options: SuppressionOptions<V>,
): SuppressedRow<T, V>[] {
  const reasons = suppressionReasons(rows as readonly Record<PropertyKey, unknown>[], options);
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

/** Why each row is hidden (null: published), for every count and, with `periods`, over time. */
export function suppressionReasons(
  rows: readonly Record<PropertyKey, unknown>[],
  options: TableShapeOptions & Pick<SuppressionOptions<never>, 'counts' | 'periods' | 'workBudget'>,
): SuppressionReason[] {
  const minN = options.minN ?? DEFAULT_MIN_N;
  const meter = new WorkMeter(options.workBudget ?? DISCLOSURE_WORK_BUDGET);
  const fields: PropertyKey[] = ['n', ...(options.counts ?? [])];
  const values = rows.map((row, index) =>
    fields.map((f) => {
      const v = row[f];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new RangeError(`rows[${index}].${String(f)} must be a non-negative integer, got ${String(v)}`);
      }
      return v;
    }),
  );
  const reasons = new Array<SuppressionReason>(rows.length).fill(null);
  const mark = (index: number, reason: Exclude<SuppressionReason, null>) => {
    if (reasons[index] !== 'primary') reasons[index] = reason;
  };
  if (options.periods === undefined) {
    fields.forEach((_, j) => {
      const counted = rows.map((row, i) => ({ ...row, n: values[i]![j]! }));
      for (const table of buildSuppressionTables(counted, options)) {
        const { primary, hidden } = protect(table, minN, { meter });
        for (const e of hidden)
          mark(table.entries[e]!.rowIndex!, primary.has(e) ? 'primary' : 'complementary');
      }
    });
    return reasons;
  }
  const { key, grain } = options.periods;
  const outerKeys = options.partitionKeys ?? [];
  // One block per calendar year and outer keys: nothing ties different years or outer groups.
  const blocks = new Map<string, number[]>();
  rows.forEach((row, index) => {
    assertPeriodStart(row[key], grain);
    const id = keyOf([outerKeys.map((k) => row[k] ?? null), enclosingPeriod(row[key], 'year')]);
    const list = blocks.get(id);
    if (list) list.push(index);
    else blocks.set(id, [index]);
  });
  for (const block of blocks.values()) {
    // Without a small count anywhere in the year there is nothing to protect at any level.
    if (!block.some((i) => values[i]!.some((v) => v > 0 && v < minN))) continue;
    const finest = suppressBlock(rows, values, block, grain, key, options, minN, meter, fields);
    finest.forEach((status, i) => {
      if (status.hidden) mark(block[i]!, status.primary ? 'primary' : 'complementary');
    });
  }
  return reasons;
}

interface LevelStatus {
  /** Hidden by any count's solution (unknown to a reader). */
  hidden: boolean;
  /** Hidden by count j's own solution. */
  hiddenBy: boolean[];
  primary: boolean;
}

const PERIOD_FIELD = '\u0000period';

/**
 * One calendar year of one outer group, coarsest level first: each level's rows (the input rows at
 * `grain`, else their sums per coarser period and group), suppressed per count as a system tied to
 * the coarser levels already decided. Returns the status of each input row of the block.
 */
function suppressBlock(
  rows: readonly Record<PropertyKey, unknown>[],
  values: readonly number[][],
  block: readonly number[],
  grain: PeriodGrain,
  key: PropertyKey,
  options: TableShapeOptions & Pick<SuppressionOptions<never>, 'periods'>,
  minN: number,
  meter: WorkMeter,
  fields: readonly PropertyKey[],
): LevelStatus[] {
  const { groupKeys } = options;
  const comboOf = (row: Record<PropertyKey, unknown>) => keyOf(groupKeys.map((k) => row[k] ?? null));
  const decided = new Map<PeriodGrain, Map<string, LevelStatus>>();
  // Each decided level's table rows per count: a finer level adds their lines (see below).
  const levelTables = new Map<PeriodGrain, Record<PropertyKey, unknown>[][]>();
  const levels = LEVELS[grain];
  let finest: LevelStatus[] = [];
  for (const level of levels) {
    // This level's rows: group key values, period, counts.
    const levelRows: { row: Record<PropertyKey, unknown>; period: string; counts: number[] }[] = [];
    if (level === grain) {
      for (const i of block)
        levelRows.push({ row: rows[i]!, period: rows[i]![key] as string, counts: values[i]! });
    } else {
      const sums = new Map<string, (typeof levelRows)[number]>();
      for (const i of block) {
        const period = enclosingPeriod(rows[i]![key], level);
        const id = keyOf([period, comboOf(rows[i]!)]);
        const sum = sums.get(id);
        if (sum) sum.counts = sum.counts.map((v, j) => v + values[i]![j]!);
        else sums.set(id, { row: rows[i]!, period, counts: [...values[i]!] });
      }
      const coarse = options.periods?.coarse;
      if (coarse) {
        for (const r of sums.values()) {
          r.counts = r.counts.map((v, j) => coarse(fields[j]!, level, r.period, r.row) ?? v);
        }
      }
      levelRows.push(...sums.values());
    }
    const statuses = levelRows.map(
      (): LevelStatus => ({ hidden: false, hiddenBy: values[0]!.map(() => false), primary: false }),
    );
    const parents = levels.slice(0, levels.indexOf(level)).reverse();
    values[0]!.forEach((_, j) => {
      const tableRows = levelRows.map((r) => {
        const out: Record<PropertyKey, unknown> = { n: r.counts[j]!, [PERIOD_FIELD]: r.period };
        for (const k of groupKeys) out[k] = r.row[k] ?? null;
        return out;
      });
      const { table } = mergeTables(
        buildSuppressionTables(tableRows, {
          groupKeys,
          partitionKeys: [PERIOD_FIELD],
          ...(options.totals === undefined ? {} : { totals: options.totals }),
          minN,
        }),
      );
      const tablesOfLevel = levelTables.get(level) ?? [];
      tablesOfLevel[j] = tableRows;
      levelTables.set(level, tablesOfLevel);
      if (parents.length > 0) {
        const cells = table.entries.flatMap((entry, e) =>
          entry.rowIndex === null
            ? []
            : [
                {
                  entry: e,
                  period: levelRows[entry.rowIndex]!.period,
                  combo: comboOf(tableRows[entry.rowIndex]!),
                },
              ],
        );
        const coarser = linkPeriods(table, cells, parents, minN, (parent, period, combo) => {
          const status = decided.get(parent)?.get(keyOf([period, combo]));
          return { hidden: status?.hidden ?? false, keepHidden: status?.hiddenBy[j] ?? false };
        });
        // The coarser levels' own lines too (a quarter's groups against its total): implied by
        // the month tables and the links, but bounds propagate only along lines a system has, and a
        // reader holding every grain's answer has these.
        for (const parent of parents) {
          const rowsOfParent = levelTables.get(parent)?.[j];
          if (rowsOfParent) addParentLines(table, coarser, parent, rowsOfParent, groupKeys, options, minN);
        }
      }
      const { primary, hidden } = protect(table, minN, { exact: parents.length > 0, meter });
      for (const e of hidden) {
        const status = statuses[table.entries[e]!.rowIndex!]!;
        status.hidden = true;
        status.hiddenBy[j] = true;
        if (primary.has(e)) status.primary = true;
      }
    });
    decided.set(level, new Map(levelRows.map((r, i) => [keyOf([r.period, comboOf(r.row)]), statuses[i]!])));
    finest = statuses;
  }
  return finest;
}

/**
 * Adds the lines of a decided coarser level's tables to a finer level's system, over the entries
 * `linkPeriods` made for its values; a margin of those tables that is no row (published elsewhere, or
 * not) becomes an entry of its own, as the coarser level modelled it.
 */
function addParentLines(
  table: SuppressionTable,
  coarser: ReadonlyMap<string, number>,
  grain: PeriodGrain,
  rows: readonly Record<PropertyKey, unknown>[],
  groupKeys: readonly PropertyKey[],
  options: TableShapeOptions,
  minN: number,
): void {
  const parentTables = buildSuppressionTables(rows, {
    groupKeys,
    partitionKeys: [PERIOD_FIELD],
    ...(options.totals === undefined ? {} : { totals: options.totals }),
    minN,
  });
  for (const parent of parentTables) {
    const map = parent.entries.map((entry) => {
      if (entry.rowIndex === null) {
        table.entries.push({ ...entry, hideable: false });
        return table.entries.length - 1;
      }
      const row = rows[entry.rowIndex]!;
      const combo = keyOf(groupKeys.map((k) => row[k] ?? null));
      return coarser.get(JSON.stringify([grain, row[PERIOD_FIELD], combo]));
    });
    table.boundsOnly ??= [];
    for (const line of parent.lines) {
      if (line.terms.some((t) => map[t.entry] === undefined)) continue;
      table.boundsOnly.push({ terms: line.terms.map((t) => ({ entry: map[t.entry]!, sign: t.sign })) });
    }
  }
}
