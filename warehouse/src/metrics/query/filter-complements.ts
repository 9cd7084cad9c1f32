import { FILTER_LIST_FIELDS, type FilterListField } from '../../catalog/vocabulary.ts';
import type { Db } from '../../db/index.ts';
import { suppressionReasons } from '../../disclosure/index.ts';
import type { MetricFilter, MetricQuery } from '../filter.ts';
import type { MetricOptions } from './metric-options.ts';
import type { Comparison, MetricRowBase } from './metric-row.ts';
import { periodsPerYear, shiftPeriod } from './periods.ts';

/** A metric function whose result holds row tables (`rows`, and e.g. resistance's `byReason`). */
type Metric<R, O extends MetricOptions> = (db: Db, query: MetricQuery, options?: O) => Promise<R>;

const BASE_KEYS = new Set<string>([
  'keys',
  'period',
  'isTotal',
  'n',
  'pctOfTotal',
  'suppressed',
  'suppressionReason',
  'previousPeriod',
  'samePeriodLastYear',
]);

function isRowTable(value: unknown): value is MetricRowBase[] {
  return (
    Array.isArray(value) &&
    value.every((r) => r !== null && typeof r === 'object' && 'isTotal' in r && 'keys' in r && 'period' in r)
  );
}

/** The row tables of a result: every array property made of metric rows, by property name. */
function rowTables(result: object): Map<string, MetricRowBase[]> {
  return new Map(
    Object.entries(result).filter((e): e is [string, MetricRowBase[]] => isRowTable(e[1]) && e[1].length > 0),
  );
}

/**
 * The disclosure table a row belongs to: its period and the dimensions its table's total row is
 * keyed by (the outer dimensions; a total row has the inner ones null).
 */
function tableKeyOf(rows: readonly MetricRowBase[]): (row: MetricRowBase, period?: string | null) => string {
  const outer = new Set<string>();
  for (const r of rows)
    if (r.isTotal)
      for (const [d, v] of Object.entries(r.keys)) if (v !== null && v !== undefined) outer.add(d);
  const dims = [...outer].sort();
  return (row, period = row.period) =>
    `${period ?? ''}|${JSON.stringify(dims.map((d) => row.keys[d as keyof MetricRowBase['keys']] ?? null))}`;
}

/**
 * Per table, the counts its total row holds: n and the metric's further protected counts (fields
 * named in `counts`, e.g. reaction's `completed`), read from unsuppressed results (minN 1), with
 * the table's period.
 */
function tableTotals(
  rows: readonly MetricRowBase[],
  counts: readonly string[],
): Map<string, { period: string | null; values: number[] }> {
  const key = tableKeyOf(rows);
  return new Map(
    rows
      .filter((r) => r.isTotal)
      .map((r) => [
        key(r),
        {
          period: r.period,
          values: [r.n ?? 0, ...counts.map((c) => Number((r as unknown as Record<string, unknown>)[c] ?? 0))],
        },
      ]),
  );
}

/** One table's units left out by a relaxation, per count. */
interface LeftOut {
  readonly name: string;
  readonly table: string;
  readonly period: string | null;
  readonly values: number[];
}

/**
 * The tables to hide for the units their filter leaves out. Per table alone: where 0 < left out <
 * minN (in any count). With a grain and counts that add up over time, the left-out counts of a
 * year's periods also add up to its quarters and year, which the same filtered and relaxed queries
 * publish at a coarser grain: a hidden month's filtered total would follow from the year's minus the
 * other months'. So the left-out counts are protected as a time series (`suppressionReasons` with
 * `periods`, one row per table, no groups): each small one hidden with a complement in its quarter
 * or year, decided per calendar year as the coarser queries decide theirs.
 */
function tablesToHide(
  leftOut: readonly LeftOut[],
  minN: number,
  grain: MetricQuery['grain'],
  additiveOverTime: boolean,
): LeftOut[] {
  if (!grain || !additiveOverTime) {
    return leftOut.filter((t) => leavesOutFew(t.values, minN));
  }
  const width = leftOut.reduce((w, t) => Math.max(w, t.values.length), 0);
  const fields = Array.from({ length: width - 1 }, (_, k) => `c${k + 1}`);
  const rows = leftOut.map((t) => {
    const row: Record<string, unknown> = {
      n: t.values[0] ?? 0,
      period: t.period,
      // The table without its period: the result's row table and its outer keys.
      outer: JSON.stringify([t.name, t.table.slice(t.table.indexOf('|') + 1)]),
    };
    fields.forEach((f, k) => {
      row[f] = t.values[k + 1] ?? 0;
    });
    return row;
  });
  const reasons = suppressionReasons(rows, {
    groupKeys: [],
    partitionKeys: ['outer'],
    minN,
    counts: fields,
    periods: { key: 'period', grain },
  });
  return leftOut.filter((_, i) => reasons[i] !== null);
}

const NO_COMPARISON: Comparison = { value: null, delta: null, deltaPct: null };

/**
 * Rows of the hidden tables suppressed (`complementary`: hidden to protect cells outside the
 * result), and comparisons of shown rows with a hidden period dropped.
 */
function hideTables<R extends MetricRowBase>(
  rows: readonly R[],
  hidden: ReadonlySet<string>,
  grain: MetricQuery['grain'],
): R[] {
  const key = tableKeyOf(rows);
  const earlierHidden = (r: R, offset: number): boolean =>
    grain !== undefined && r.period !== null && hidden.has(key(r, shiftPeriod(grain, r.period, -offset)));
  return rows.map((r) => {
    const previous = grain === undefined ? null : earlierHidden(r, 1);
    const lastYear = grain === undefined ? null : earlierHidden(r, periodsPerYear(grain));
    if (!hidden.has(key(r))) {
      if (!previous && !lastYear) return r;
      return {
        ...r,
        previousPeriod: previous && r.previousPeriod ? NO_COMPARISON : r.previousPeriod,
        samePeriodLastYear: lastYear && r.samePeriodLastYear ? NO_COMPARISON : r.samePeriodLastYear,
      };
    }
    const out: Record<string, unknown> = { ...(r as object) };
    for (const k of Object.keys(r)) if (!BASE_KEYS.has(k)) out[k] = null;
    const hideCurrent = (c: Comparison | null, earlierIsHidden: boolean | null): Comparison | null =>
      c === null ? null : earlierIsHidden ? NO_COMPARISON : { value: c.value, delta: null, deltaPct: null };
    return {
      ...out,
      n: null,
      pctOfTotal: null,
      suppressed: true,
      suppressionReason: r.suppressionReason ?? 'complementary',
      previousPeriod: hideCurrent(r.previousPeriod, previous),
      samePeriodLastYear: hideCurrent(r.samePeriodLastYear, lastYear),
    } as R;
  });
}

/**
 * Whether a relaxation leaves out a small group: some count it leaves out (relaxed − actual, one
 * per published count) lies in 1 … minN − 1. None (0) hides nobody; minN or more is no small group.
 */
export function leavesOutFew(leftOut: readonly number[], minN: number): boolean {
  return leftOut.some((v) => v > 0 && v < minN);
}

/**
 * The relaxations of a query narrowed by some list fields (given in their canonical order): each
 * field dropped alone and, with two or more, all of them at once. Shared by the metrics (their
 * `MetricFilter`'s list fields, `relaxations`) and the analyses (their agency and control-pool
 * lists, `cohort/cohort-complements.ts`, `program-effects/`).
 */
export function relaxationsOf<F>(narrowing: readonly F[]): F[][] {
  if (narrowing.length === 0) return [];
  return narrowing.length === 1 ? [[...narrowing]] : [...narrowing.map((f) => [f]), [...narrowing]];
}

/**
 * The filter relaxations an attacker could difference against: each list filter dropped alone,
 * and (with two or more) all of them at once.
 */
export function relaxations(filter: MetricFilter): FilterListField[][] {
  return relaxationsOf(FILTER_LIST_FIELDS.filter((f) => (filter[f]?.length ?? 0) > 0));
}

/**
 * Disclosure control across queries: wraps a metric so that a list filter cannot single out a
 * small group by difference. A query filtered to some values of a dimension (say grade groups
 * II–IV of one office) and the same query without that filter differ by the employees the filter
 * leaves out; when they are fewer than minN (but not none), subtracting the two answers would
 * disclose them, whatever suppression each answer applies inside itself. So, per period table, the
 * units the filter leaves out are counted, in n and in the metric's further protected `counts` (the metric run without each list filter, and without
 * all of them, with suppression off, inside the warehouse); where 0 < left out < minN, every row of
 * that table is suppressed as `complementary`, and comparisons of other periods with it are
 * dropped. Queries without a list filter cost nothing more; a filtered one costs 2 + its
 * relaxations' metric runs. With a grain, a table hidden so is protected over time as well (a
 * complement in its quarter or year, see `tablesToHide`), and the exact runs cover whole calendar
 * years. Differencing through chains of several queries (a "tracker") is not excluded by this
 * alone: that needs noise, which the metrics' known answers rule out.
 */
export function guardFilterComplements<R extends object, O extends MetricOptions>(
  metric: Metric<R, O>,
  /**
   * Further counts the metric's rows show and protect like n (its `MeasureSpec.protect`), by field
   * name: the units a filter leaves out are counted in each.
   */
  counts: readonly string[] = [],
  /** As the metric's `MeasureSpec.additiveOverTime` (default true). */
  { additiveOverTime = true }: { readonly additiveOverTime?: boolean } = {},
): Metric<R, O> {
  return async (db, query, options) => {
    const result = await metric(db, query, options);
    const minN = (result as { minN?: number }).minN ?? 1;
    const filter = query.filter ?? {};
    const relaxed = relaxations(filter);
    if (minN <= 1 || relaxed.length === 0) return result;
    // The true counts, over whole calendar years with a grain (each year is decided on all of its
    // periods) and also the year before when comparisons reach it.
    const from =
      query.grain && filter.from
        ? `${Number(filter.from.slice(0, 4)) - (query.compare ? 1 : 0)}-01-01`
        : filter.from;
    const to = query.grain && filter.to ? `${filter.to.slice(0, 4)}-12-31` : filter.to;
    const exactQuery: MetricQuery = {
      ...query,
      compare: false,
      filter: { ...filter, ...(from ? { from } : {}), ...(to ? { to } : {}) },
    };
    const open = { ...options, minN: 1 } as O;
    const exact = rowTables(await metric(db, exactQuery, open));
    const hidden = new Map<string, Set<string>>();
    for (const dims of relaxed) {
      const loose: Record<string, unknown> = { ...exactQuery.filter };
      for (const d of dims) delete loose[d];
      const wider = rowTables(await metric(db, { ...exactQuery, filter: loose as MetricFilter }, open));
      const leftOut: LeftOut[] = [];
      for (const [name, rows] of exact) {
        const widerTotals = tableTotals(wider.get(name) ?? [], counts);
        for (const [table, { period, values }] of tableTotals(rows, counts)) {
          const widerValues = widerTotals.get(table)?.values ?? values;
          leftOut.push({
            name,
            table,
            period,
            values: values.map((v, i) => Math.max(0, (widerValues[i] ?? v) - v)),
          });
        }
      }
      for (const { name, table } of tablesToHide(leftOut, minN, query.grain, additiveOverTime)) {
        const set = hidden.get(name) ?? new Set<string>();
        set.add(table);
        hidden.set(name, set);
      }
    }
    if (hidden.size === 0) return result;
    const out: Record<string, unknown> = { ...(result as object) };
    for (const [name, tables] of hidden) {
      const rows = (result as Record<string, unknown>)[name];
      if (isRowTable(rows)) out[name] = hideTables(rows, tables, query.grain);
    }
    return out as R;
  };
}
