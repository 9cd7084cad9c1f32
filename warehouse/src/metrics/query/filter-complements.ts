import { FILTER_LIST_FIELDS, type FilterListField } from '../../catalog/vocabulary.ts';
import type { Db } from '../../db/index.ts';
import { suppressionReasonsOffThread } from '../../disclosure/index.ts';
import type { Dimension, MetricFilter, MetricQuery } from '../filter.ts';
import { canonicalDimensions, isCanonical } from './canonical-order.ts';
import { coarseHidden, partsHidden } from './coarse-complements.ts';
import { rowOrder } from './finish-rows.ts';
import { MetricInputError } from './metric-input-error.ts';
import type { MetricOptions } from './metric-options.ts';
import type { Comparison, MetricRowBase } from './metric-row.ts';
import { periodsPerYear, shiftPeriod } from './periods.ts';
import { cellKeyOf, type Metric, rowKeyOf, rowTables, tableIdOf } from './row-tables.ts';
import { type MissingRow, type SliceHidden, sliceHidden } from './slice-complements.ts';
import { SnapshotMemo } from './snapshot-memo.ts';

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

/**
 * A count a row shows beside n that a filter must not single a few out of: a field of the row
 * (reaction's `completed`), or one its fields give (resistance's accepted: invited less declined and
 * no response).
 */
export type RowCount =
  | string
  | ((row: Readonly<Record<string, unknown>>) => number)
  /**
   * n less a field: the units outside a count (participation's employees who took part in nothing,
   * jpCompliance's below the threshold), a cell of the same table as the count's (a row of 16 with
   * 15 participants shows 1 who did not take part: a privacy review of 2026-12-07).
   */
  | { readonly complementOf: string };

/** One row's counts: n and the metric's further protected counts (`counts`, e.g. reaction's `completed`). */
interface RowCounts {
  readonly table: string;
  readonly row: string;
  readonly period: string | null;
  readonly values: number[];
}

/**
 * Every row's counts (groups and totals), by table and row, read from unsuppressed results (minN 1):
 * a relaxation is compared row by row, not only by its totals. Two answers whose totals differ by
 * many can still differ by 1 … minN − 1 in one group: `agencies: [A, B]` against `[B]`, grouped by
 * grade group, gives A's count in each grade group, whatever A's total.
 */
function rowCounts(rows: readonly MetricRowBase[], counts: readonly RowCount[]): Map<string, RowCounts> {
  const key = tableIdOf(rows);
  return new Map(
    rows.map((r) => {
      const table = key(r);
      const row = rowKeyOf(r);
      return [
        `${table}#${row}`,
        {
          table,
          row,
          period: r.period,
          values: [r.n ?? 0, ...counts.map((c) => countOf(r as unknown as Record<string, unknown>, c))],
        },
      ];
    }),
  );
}

function countOf(row: Readonly<Record<string, unknown>>, count: RowCount): number {
  if (typeof count === 'string') return Number(row[count] ?? 0);
  if (typeof count === 'function') return count(row);
  return Number(row.n ?? 0) - Number(row[count.complementOf] ?? 0);
}

/**
 * The complements among `counts`, as indices into a row's values (n first, then `counts`): each
 * complement's, and the index of the count it complements (which must be among `counts`).
 */
export function complementIndices(counts: readonly RowCount[]): Map<number, number> {
  const out = new Map<number, number>();
  counts.forEach((c, i) => {
    if (typeof c !== 'object') return;
    const base = counts.indexOf(c.complementOf);
    if (base < 0)
      throw new Error(`the complement of ${c.complementOf} needs ${c.complementOf} among the counts`);
    out.set(i + 1, base + 1);
  });
  return out;
}

/** One row's units left out by a relaxation, per count. */
interface LeftOut {
  readonly name: string;
  readonly table: string;
  /** The row within its table (`rowKeyOf`). */
  readonly row: string;
  readonly period: string | null;
  readonly values: number[];
  /** The filtered answer's own counts in the row (the values of the answer being guarded). */
  readonly actual: readonly number[];
}

/**
 * The left-out counts that can single out nobody, set to 0: those of a count the filtered answer
 * shows as 0 in every row of a series (a table's rows, and with a grain every period of its
 * calendar year: a program with no training in the year). Against such a series the difference
 * of the two answers is the relaxed answer's own count, which that answer protects itself (it is
 * published as its own query, with its own suppression), and the zeros bound no hidden count of
 * it (every count is at least 0). Hiding the zeros would protect nothing, and a relaxation that
 * leaves out 1 … minN − 1 in some group would otherwise hide every row of the filtered answer
 * (review of 2026-12-05: participation by agency for PLACEBO-BUDAYA in 2021, no training that
 * year, all 53 agencies and the total hidden because the unfiltered 2021 answer has agencies with
 * 1 … 4 participants). Only a whole series counts: one zero row beside non-zero ones is not
 * exempt, since the filtered counts of its neighbours bound the relaxed answer's hidden cells
 * (relaxed ≥ filtered) and, through its total, the hidden count in that row.
 */
export function withoutZeroSeries<T extends Pick<LeftOut, 'name' | 'table' | 'period' | 'values' | 'actual'>>(
  leftOut: readonly T[],
  /**
   * Complement index → the index of the count it complements (`complementIndices`). Where that count
   * is exempt (zeros in the whole series) and the relaxation leaves no unit of n out of the row, the
   * complement's difference is the relaxed answer's own count too (n − 0 against n − count), so it is
   * exempt with it (a program no one took: its non-participants are the whole headcount).
   */
  complements: ReadonlyMap<number, number> = new Map(),
): T[] {
  const series = (t: T) =>
    JSON.stringify([t.name, t.table.slice(t.table.indexOf('|') + 1), t.period?.slice(0, 4) ?? null]);
  const nonZero = new Map<string, boolean[]>();
  for (const t of leftOut) {
    const id = series(t);
    const flags = nonZero.get(id) ?? [];
    t.actual.forEach((v, i) => {
      if (v !== 0) flags[i] = true;
    });
    nonZero.set(id, flags);
  }
  return leftOut.map((t) => {
    const flags = nonZero.get(series(t))!;
    const exempt = (i: number): boolean => {
      const base = complements.get(i);
      if (base === undefined) return flags[i] !== true;
      return flags[base] !== true && t.values[0] === 0;
    };
    return t.values.every((v, i) => v === 0 || !exempt(i))
      ? t
      : { ...t, values: t.values.map((v, i) => (exempt(i) ? 0 : v)) };
  });
}

/**
 * The rows whose table is hidden for the units their filter leaves out. Per row alone: where 0 <
 * left out < minN (in any count). With a grain and counts that add up over time, the left-out counts of a
 * year's periods also add up to its quarters and year, which the same filtered and relaxed queries
 * publish at a coarser grain: a hidden month's filtered total would follow from the year's minus the
 * other months'. So the left-out counts are protected as a time series (`suppressionReasons` with
 * `periods`, each row of a table its own line over time): each small one hidden with a complement
 * in its quarter or year, decided per calendar year as the coarser queries decide theirs.
 */
async function tablesToHide(
  leftOut: readonly LeftOut[],
  minN: number,
  grain: MetricQuery['grain'],
  additiveOverTime: boolean,
  signal: AbortSignal | undefined,
): Promise<LeftOut[]> {
  if (!grain || !additiveOverTime) {
    return leftOut.filter((t) => leavesOutFew(t.values, minN));
  }
  const width = leftOut.reduce((w, t) => Math.max(w, t.values.length), 0);
  const fields = Array.from({ length: width - 1 }, (_, k) => `c${k + 1}`);
  const rows = leftOut.map((t) => {
    const row: Record<string, unknown> = {
      n: t.values[0] ?? 0,
      period: t.period,
      // The line over time: the result's row table, its outer keys (the table without its period)
      // and the row within it.
      outer: JSON.stringify([t.name, t.table.slice(t.table.indexOf('|') + 1), t.row]),
    };
    fields.forEach((f, k) => {
      row[f] = t.values[k + 1] ?? 0;
    });
    return row;
  });
  const reasons = await suppressionReasonsOffThread(
    rows,
    {
      groupKeys: [],
      partitionKeys: ['outer'],
      minN,
      counts: fields,
      periods: { key: 'period', grain },
    },
    signal,
  );
  return leftOut.filter((_, i) => reasons[i] !== null);
}

const NO_COMPARISON: Comparison = { value: null, delta: null, deltaPct: null };

/** What to hide of one result table: whole tables (`tableIdOf`) and single cells (`cellKeyOf`). */
export interface Hidden {
  readonly tables: Set<string>;
  readonly cells: Set<string>;
}

/**
 * Rows of the hidden tables and cells suppressed (`complementary`: hidden to protect cells outside
 * the result), and comparisons of shown rows with a hidden period (of their table, or of the same
 * row) dropped.
 */
export function hideRows<R extends MetricRowBase>(
  rows: readonly R[],
  hidden: Hidden,
  grain: MetricQuery['grain'],
): R[] {
  const table = tableIdOf(rows);
  const isHidden = (r: R, period: string | null): boolean =>
    hidden.tables.has(table(r, period)) || hidden.cells.has(cellKeyOf(r, period));
  const earlierHidden = (r: R, offset: number): boolean =>
    grain !== undefined && r.period !== null && isHidden(r, shiftPeriod(grain, r.period, -offset));
  return rows.map((r) => {
    const previous = grain === undefined ? null : earlierHidden(r, 1);
    const lastYear = grain === undefined ? null : earlierHidden(r, periodsPerYear(grain));
    if (!isHidden(r, r.period)) {
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
 * The answer's table with the rows `sliceHidden` found missing added, in their period (only periods
 * the answer reports); each a copy of a row of that period with the missing keys, to be hidden
 * (`hide` is told its cell). The table is then sorted as `finishRows` sorts (`rowOrder`), so an added
 * row sits among the others: placed after the total, the rows without data (zeros) would stand out
 * from the hidden rows with data.
 */
export function addMissingRows<R extends MetricRowBase>(
  rows: readonly R[],
  missing: readonly MissingRow[],
  groupBy: readonly Dimension[],
  hide: (cell: string) => void,
): R[] {
  if (missing.length === 0) return [...rows];
  const out = [...rows];
  // Two sources (slices of wider tables, the finer dimension) may name the same missing row: once.
  const present = new Set(out.map((r) => cellKeyOf(r, r.period)));
  for (const m of missing) {
    let last = -1;
    for (let i = 0; i < out.length; i++) if (out[i]!.period === m.period) last = i;
    const template = out[last];
    if (template === undefined) continue;
    const none = (c: Comparison | null) => (c === null ? null : NO_COMPARISON);
    const row = {
      ...template,
      keys: { ...template.keys, ...m.keys },
      isTotal: false,
      previousPeriod: none(template.previousPeriod),
      samePeriodLastYear: none(template.samePeriodLastYear),
    } as R;
    const key = cellKeyOf(row, row.period);
    hide(key);
    if (present.has(key)) continue;
    present.add(key);
    out.push(row);
  }
  // The outer dimensions: those a total row is keyed by (as `tableIdOf`); then the query's groupBy,
  // then any further key (a breakdown, e.g. resistance's reason), as `finishRows` orders them.
  const outer = groupBy.filter((d) =>
    out.some((r) => r.isTotal && r.keys[d] !== null && r.keys[d] !== undefined),
  );
  const rest = [...new Set(out.flatMap((r) => Object.keys(r.keys) as Dimension[]))]
    .filter((d) => !groupBy.includes(d))
    .sort();
  const dims = [...outer, ...groupBy.filter((d) => !outer.includes(d)), ...rest];
  const keyed = out.map((r) => ({ r, order: rowOrder(r, outer, dims) }));
  keyed.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return keyed.map((k) => k.r);
}

/** Wider answers kept per metric (`SnapshotMemo`): enough for every dimension of a few ranges. */
const WIDER_ANSWERS_KEPT = 256;

/**
 * Whether a relaxation leaves out a small group: some count it leaves out (relaxed − actual, one
 * per published count) lies in 1 … minN − 1. None (0) hides nobody; minN or more is no small group.
 */
export function leavesOutFew(leftOut: readonly number[], minN: number): boolean {
  return leftOut.some((v) => v > 0 && v < minN);
}

/**
 * One relaxation of a query's list filters, a neighbouring query an attacker could difference
 * against: `drop`, some lists dropped whole (a wider query); or `without`, one value left out of one
 * list (the list minus every copy of that value: a narrower query).
 */
export type Relaxation<F extends string> =
  | { readonly drop: readonly F[] }
  | { readonly without: { readonly field: F; readonly value: unknown } };

/** A list value's identity (values may be objects, e.g. the cohort's control-pool selectors). */
const valueKey = (value: unknown): string => JSON.stringify(value);

/**
 * The relaxations of a spec narrowed by some list fields (given in their canonical order; a field
 * counts when its list is not empty): each field dropped alone and, with two or more, all of them at
 * once; then, for each list with two or more distinct values, each value left out of it. Nothing is
 * listed twice: a list of one value left without it is that list dropped (not listed again), and a
 * value named twice is one value. Shared by the metrics (their `MetricFilter`'s list fields,
 * `FILTER_LIST_FIELDS`) and the analyses (their agency and control-pool lists, `cohort/cohort-complements.ts`,
 * `program-effects/`); run them with `visitRelaxations`.
 *
 * What leaving out single values covers. When no unit is counted under two values of one list
 * (agencies, grade groups, … of one period's headcount; each enrollment's one program), counts add up
 * over the values, so for {A, B, C} against {A} the left-out B + C is small and not 0 only if B or C
 * is (each ≤ B + C): the relaxation leaving out that one catches it. More generally any narrower
 * answer reached by leaving values out of the lists (a sub-box of the query) is covered: each unit it
 * leaves out sits in one single-value relaxation that leaves out no more than it does. Not covered:
 * units counted under several values of a list (participation's distinct participants by program,
 * method or area; distinct employees over several years whose agency, grade, tenure or employment
 * type changed; control-pool selectors that nest, a program inside its method; a handler-month under
 * two service types): a few counted under both B and C are left out by {A} and by neither single
 * relaxation. Nor counts that do not add up over the values (the cohort comparison's matched arms):
 * there only the relaxations listed here are checked.
 */
export function relaxationsOf<F extends string>(
  lists: Partial<Record<F, readonly unknown[] | null | undefined>>,
  fields: readonly F[],
): Relaxation<F>[] {
  const narrowing = fields.filter((f) => (lists[f]?.length ?? 0) > 0);
  if (narrowing.length === 0) return [];
  const drops: Relaxation<F>[] = narrowing.map((f) => ({ drop: [f] }));
  if (narrowing.length > 1) drops.push({ drop: [...narrowing] });
  const withouts = narrowing.flatMap((field) => {
    const distinct = [...new Map((lists[field] ?? []).map((v) => [valueKey(v), v])).values()];
    return distinct.length < 2 ? [] : distinct.map((value) => ({ without: { field, value } }));
  });
  return [...drops, ...withouts];
}

/** The spec under a relaxation: its lists dropped, or the list without the value. */
export function relax<S extends object, F extends keyof S & string>(spec: S, relaxation: Relaxation<F>): S {
  const out: Record<string, unknown> = { ...(spec as Record<string, unknown>) };
  if ('drop' in relaxation) {
    for (const f of relaxation.drop) delete out[f];
  } else {
    const { field, value } = relaxation.without;
    const key = valueKey(value);
    out[field] = ((spec[field] as readonly unknown[] | undefined) ?? []).filter((v) => valueKey(v) !== key);
  }
  return out as S;
}

/** What a relaxation leaves out, as `visitRelaxations` is told. */
export type LeftOutVerdict = 'nobody' | 'few' | 'enough';

/**
 * Visits a spec's relaxations (`relaxationsOf`, lists dropped first), with `visit` telling what each
 * leaves out: nobody (0 in every count), few (some count in 1 … minN − 1), or enough. A list whose
 * dropping leaves out nobody names every unit: in each count the spec's answer equals the answer
 * without that list, so leaving one of its values out differs from the spec's answer exactly as from
 * that wider one, which the narrower query's own guard checks (its list dropped) and hides it for.
 * Those relaxations are skipped (not run): an answer naming every office is not hidden for a small
 * one among them; the answer leaving that office out is. True when some relaxation leaves out few;
 * with `stopAtFew` the visit ends there.
 */
export async function visitRelaxations<S extends object, F extends keyof S & string>(
  spec: S,
  fields: readonly F[],
  visit: (relaxed: S, relaxation: Relaxation<F>) => Promise<LeftOutVerdict>,
  { stopAtFew = false }: { readonly stopAtFew?: boolean } = {},
): Promise<boolean> {
  const complete = new Set<F>();
  let few = false;
  for (const r of relaxationsOf(spec as Partial<Record<F, readonly unknown[]>>, fields)) {
    if ('without' in r && complete.has(r.without.field)) continue;
    const verdict = await visit(relax(spec, r), r);
    if (verdict === 'few') {
      few = true;
      if (stopAtFew) return true;
    }
    if (verdict === 'nobody' && 'drop' in r && r.drop.length === 1) complete.add(r.drop[0] as F);
  }
  return few;
}

/** What some counts left out (relaxed − actual, either way) say: nobody, few or enough. */
export function leftOutVerdict(leftOut: readonly number[], minN: number): LeftOutVerdict {
  if (leavesOutFew(leftOut, minN)) return 'few';
  return leftOut.every((v) => v === 0) ? 'nobody' : 'enough';
}

/** The list fields a filter narrows by (a non-empty list), in their canonical order. */
export function listFilters(filter: MetricFilter | undefined): FilterListField[] {
  return FILTER_LIST_FIELDS.filter((f) => (filter?.[f]?.length ?? 0) > 0);
}

/**
 * Disclosure control across queries: wraps a metric so that a list filter cannot single out a
 * small group by difference. A query filtered to some values of a dimension (say grade groups
 * II–IV of one office) and the same query without that filter differ by the employees the filter
 * leaves out; when they are fewer than minN (but not none), subtracting the two answers would
 * disclose them, whatever suppression each answer applies inside itself. So, per row of each
 * period table (groups and total), the units the filter leaves out are counted, in n and in the
 * metric's further protected `counts` (the metric run under each relaxation, `relaxationsOf`:
 * without each list filter, without all of them, and with each value of a list of two or more left
 * out, with suppression off, inside the warehouse); where 0 < left out < minN (either way) in any
 * row (not counting a count the answer shows as 0 throughout the table, or with a grain its year:
 * the difference is then the relaxed answer's own count, `withoutZeroSeries`), every row of that
 * table is suppressed as `complementary`, and comparisons of other periods
 * with it are dropped. Then the answer takes the hidden cells of the wider tables it is a slice of
 * (`sliceHidden`: the same query without a list, grouped by its dimension), and the rows those list
 * hidden that it lacks. Queries without a list filter cost nothing more; a filtered one costs 2 +
 * its relaxations' metric runs, plus the wider answers (kept per read-only snapshot). With a grain,
 * a row's left-out units are protected over time as well (a complement in its quarter or year, see
 * `tablesToHide`), and the exact runs cover whole calendar years. Differencing through chains of
 * several queries (a "tracker") is not excluded by this alone: that needs noise, which the
 * metrics' known answers rule out.
 */
export function guardFilterComplements<R extends object, O extends MetricOptions>(
  metric: Metric<R, O>,
  /**
   * Further counts the metric's rows show and protect like n (its `MeasureSpec.protect`), by field
   * name or derived from the row's fields: the units a filter leaves out are counted in each.
   */
  counts: readonly RowCount[] = [],
  /**
   * `additiveOverTime`: as the metric's `MeasureSpec.additiveOverTime` (default true).
   * `widerOptions`: the options the wider and finer answers are asked with (default: the call's).
   * Resistance asks them without its reasons breakdown, which takes one groupBy dimension only:
   * a wider table has one more, and refused (LIST_LENGTH) it checked nothing, so selecting
   * `byReason` showed rows the same query without it hides (review of 2026-12-05).
   */
  {
    additiveOverTime = true,
    widerOptions = (o) => o,
  }: { readonly additiveOverTime?: boolean; readonly widerOptions?: (options: O) => O } = {},
): Metric<R, O> {
  const complementsOf = complementIndices(counts);
  // One memo per published call: the slices' wider answers are guarded the same way (one list
  // fewer each), and their runs overlap (the same relaxations, the same wider tables). The wider
  // answers are also kept per read-only snapshot: every agency's slice reads the same table by agency.
  const widerAnswers = new SnapshotMemo(WIDER_ANSWERS_KEPT);
  const guarded = async (
    memo: Map<string, Promise<unknown>>,
    db: Db,
    query: MetricQuery,
    options?: O,
    /** False for the answer `coarseHidden` reads, which `partsHidden` reads in turn (no cycle). */
    withParts = true,
  ): Promise<R> => {
    // One table, one answer: the query in canonical dimension order (its wider, finer and relaxed
    // answers too, since they come back here), the rows given back in the order asked.
    const asked = query.groupBy ?? [];
    if (!isCanonical(asked)) {
      const result = await guarded(
        memo,
        db,
        { ...query, groupBy: canonicalDimensions(asked) },
        options,
        withParts,
      );
      return inAskedOrder(result, asked);
    }
    const once = <T>(key: unknown[], run: () => Promise<T>): Promise<T> => {
      const id = JSON.stringify(key);
      let p = memo.get(id) as Promise<T> | undefined;
      if (!p) {
        p = run();
        memo.set(id, p);
      }
      return p;
    };
    const bare = (q: MetricQuery, o: O | undefined) => once(['bare', q, o ?? null], () => metric(db, q, o));
    const result = await bare(query, options);
    const minN = (result as { minN?: number }).minN ?? 1;
    const filter = query.filter ?? {};
    if (minN <= 1) return result;
    // Wider and finer answers as the API publishes them (guarded the same way, shared in the call).
    const publishedAs =
      (parts: boolean): Metric<R, O> =>
      (d, q, asked) => {
        const o = asked === undefined ? asked : widerOptions(asked);
        return once(['published', parts, q, o ?? null], () =>
          widerAnswers.get(d, [parts, q, o ?? null], () => guarded(memo, d, q, o, parts), o?.signal),
        );
      };
    const published = publishedAs(true);
    const hidden = new Map<string, Hidden>();
    // Lists naming every unit: the answer is the one without them, a table of its own.
    const complete = new Set<FilterListField>();
    const hiddenOf = (name: string): Hidden => {
      let h = hidden.get(name);
      if (!h) {
        h = { tables: new Set(), cells: new Set() };
        hidden.set(name, h);
      }
      return h;
    };
    const missing = new Map<string, MissingRow[]>();
    /** Cells, tables and missing rows another table's consistency asks to hide (`SliceHidden`). */
    const take = (found: SliceHidden) => {
      for (const [name, cells] of found.cells) for (const c of cells) hiddenOf(name).cells.add(c);
      for (const [name, tables] of found.wholeTables) for (const t of tables) hiddenOf(name).tables.add(t);
      for (const [name, rows] of found.missing) missing.set(name, [...(missing.get(name) ?? []), ...rows]);
    };
    const lists = listFilters(filter);
    if (lists.length > 0) {
      // The true counts, over whole calendar years with a grain (each year is decided on all of its
      // periods) and also the year before when comparisons reach it.
      const from =
        query.grain && filter.from
          ? `${Number(filter.from.slice(0, 4)) - (query.compare ? 1 : 0)}-01-01`
          : filter.from;
      const to = query.grain && filter.to ? `${filter.to.slice(0, 4)}-12-31` : filter.to;
      const exactFilter: MetricFilter = { ...filter, ...(from ? { from } : {}), ...(to ? { to } : {}) };
      const exactQuery: MetricQuery = { ...query, compare: false, filter: exactFilter };
      const open = { ...options, minN: 1 } as O;
      const exact = rowTables(await bare(exactQuery, open));
      let allDroppedNobody = false;
      await visitRelaxations(exactFilter, FILTER_LIST_FIELDS, async (relaxedFilter, relaxation) => {
        const other = rowTables(await bare({ ...exactQuery, filter: relaxedFilter }, open));
        // A wider query lacks no table of the narrower; a narrower one (a value left out) may, with 0.
        const narrower = 'without' in relaxation;
        const leftOut: LeftOut[] = [];
        for (const [name, rows] of exact) {
          const otherRows = rowCounts(other.get(name) ?? [], counts);
          for (const [id, { table, row, period, values }] of rowCounts(rows, counts)) {
            const otherValues = otherRows.get(id)?.values ?? (narrower ? values.map(() => 0) : values);
            leftOut.push({
              name,
              table,
              row,
              period,
              values: values.map((v, i) => Math.abs((otherValues[i] ?? v) - v)),
              actual: values,
            });
          }
        }
        const toHide = await tablesToHide(
          withoutZeroSeries(leftOut, complementsOf),
          minN,
          query.grain,
          additiveOverTime,
          options?.signal,
        );
        for (const { name, table } of toHide) hiddenOf(name).tables.add(table);
        if (toHide.length > 0) return 'few';
        const nobody = leftOut.every((t) => t.values.every((v) => v === 0));
        if (nobody && 'drop' in relaxation && relaxation.drop.length === 1) complete.add(relaxation.drop[0]!);
        if (nobody && 'drop' in relaxation && relaxation.drop.length === lists.length)
          allDroppedNobody = true;
        return nobody ? 'nobody' : 'enough';
      });
      // Lists that each name every unit the others leave (grade group PPPK and employment type
      // PPPK): dropping either alone leaves out nobody, so both count as complete, yet dropping both
      // does leave some out, and the answer is the slice by one of them. Check that one (review of
      // 2026-12-05: TIK-CO 2023 with both lists showed 5, the grade group PPPK the table by grade
      // group hides, giving grade II 4 back).
      if (lists.length > 1 && lists.every((f) => complete.has(f)) && !allDroppedNobody)
        complete.delete(lists[0]!);
      // Slices of wider tables: a cell hidden there is hidden here (`sliceHidden`).
      take(await sliceHidden(published, db, query, exactFilter, exact, options, complete));
    }
    // Grouped by a coarse dimension (agency kind, method, competency area, agency): consistent with
    // the answer by the finer one (`coarseHidden`), and by a fine one with the coarse answers
    // (`partsHidden`, which reads this one without that step).
    const tables = rowTables(result);
    const tableOf = new Map([...tables].map(([name, rows]) => [name, tableIdOf(rows)]));
    const hiddenSoFar = (name: string, r: MetricRowBase) => {
      const h = hidden.get(name);
      return h !== undefined && (h.cells.has(cellKeyOf(r, r.period)) || h.tables.has(tableOf.get(name)!(r)));
    };
    take(await coarseHidden(publishedAs(false), db, query, tables, options, hiddenSoFar));
    if (withParts) take(await partsHidden(published, db, query, tables, options, hiddenSoFar));
    // Comparisons reach back before the range: the period before, and the same period a year
    // before. One hidden in the answer for its own time (the range before, from its year's
    // start) has its comparisons dropped here too (`hideRows`): finishRows knows only its own
    // suppression, not what these guards hide there. A review of 2026-12-05 (revM) read 274 such
    // values of satisfaction, the IKM of hidden months of the year before, and with them pinned 74
    // hidden agency × month counts and 17 service type × month counts (10 of them 1–4).
    if (query.compare && query.grain && filter.from) {
      const before = new Date(`${filter.from}T00:00:00Z`);
      before.setUTCDate(before.getUTCDate() - 1);
      const earlierFilter: MetricFilter = {
        ...filter,
        from: `${Number(filter.from.slice(0, 4)) - 1}-01-01`,
        to: before.toISOString().slice(0, 10),
      };
      try {
        const earlier = rowTables(
          await published(db, { ...query, compare: false, filter: earlierFilter }, options),
        );
        for (const [name, rows] of earlier)
          for (const r of rows) if (r.suppressed) hiddenOf(name).cells.add(cellKeyOf(r, r.period));
      } catch (e) {
        if (!(e instanceof MetricInputError)) throw e;
        // No earlier answer anyone can have: no comparison reaches before the range.
        const from = filter.from;
        for (const [name, rows] of tables)
          for (const r of rows)
            for (const back of [1, periodsPerYear(query.grain)]) {
              const earlier = r.period === null ? null : shiftPeriod(query.grain, r.period, -back);
              if (earlier !== null && earlier < from) hiddenOf(name).cells.add(cellKeyOf(r, earlier));
            }
      }
    }
    if (hidden.size === 0 && missing.size === 0) return result;
    const out: Record<string, unknown> = { ...(result as object) };
    for (const [name, rows] of rowTables(result)) {
      const withMissing = addMissingRows(rows, missing.get(name) ?? [], query.groupBy ?? [], (c) =>
        hiddenOf(name).cells.add(c),
      );
      const what = hidden.get(name);
      out[name] = what ? hideRows(withMissing, what, query.grain) : withMissing;
    }
    return out as R;
  };
  return (db, query, options) => guarded(new Map(), db, query, options);
}

/**
 * A result computed in canonical dimension order, given back in the order a query asked: each
 * row's keys in that order, and the rows sorted as the metric sorts them (`rowOrder`).
 */
function inAskedOrder<R extends object>(result: R, asked: readonly Dimension[]): R {
  const out: Record<string, unknown> = { ...(result as object) };
  for (const [name, rows] of rowTables(result)) {
    out[name] = rows
      .map((r) => ({
        ...r,
        keys: Object.fromEntries([
          ...asked.filter((d) => d in r.keys).map((d) => [d, r.keys[d]]),
          ...Object.entries(r.keys).filter(([d]) => !asked.includes(d as Dimension)),
        ]),
      }))
      .map((r) => ({ r, order: rowOrder(r, [], asked) }))
      .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
      .map(({ r }) => r);
  }
  return out as R;
}
