import type { Db } from '../../db/index.ts';
import type { MetricQuery } from '../filter.ts';
import type { MetricOptions } from './metric-options.ts';
import type { MetricRowBase } from './metric-row.ts';

type Metric<R, O extends MetricOptions> = (db: Db, query: MetricQuery, options?: O) => Promise<R>;

/**
 * Per group of a query without a grain (and its total), the units counted, as per-unit year masks:
 * `masks[i]` has bit y − `first` set when the unit counts in protected count i in year y. `units`
 * units share those masks.
 */
export interface YearMaskRow {
  readonly keys: Readonly<Record<string, string | null>>;
  readonly isTotal: boolean;
  readonly masks: readonly bigint[];
  readonly units: number;
}
export interface YearMasks {
  /** The first and last year with rows in the query's population (null: no rows). */
  readonly first: number | null;
  readonly last: number | null;
  readonly rows: readonly YearMaskRow[];
}

/** Fields of a metric row that are not measures (kept when a row is hidden). */
const BASE_KEYS = new Set(['keys', 'period', 'isTotal', 'suppressed', 'suppressionReason']);

const isRowTable = (value: unknown): value is MetricRowBase[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((r) => r !== null && typeof r === 'object' && 'isTotal' in r && 'keys' in r && 'period' in r);

/**
 * Disclosure control across ranges for counts of distinct units over several years (participation
 * without a grain: distinct employees in the headcount and among the participants), which are no sum
 * of the year rows (`guardYearSums` does not apply): two ranges can be set-differenced. Distinct
 * participants 2021–2023 minus 2022–2023 are those who took part in 2021 and not later. So a row over
 * the whole years [a, b] (open ends: the first and last year of the query's population) is published
 * only if, for every contiguous sub-range [c, d] ⊂ [a, b] of whole years, each protected count differs
 * from [c, d]'s by 0 or by minN or more; else it is hidden as `complementary`. A hidden row is then
 * not left alone in its table: with the total shown, a second row is hidden (the smallest), or the
 * total when there is none; a hidden total takes a row with it and nulls the table's percent of total
 * and shares. The group rows are treated as adding up to the total (they nearly do; a person who
 * changed group is in two), so no hidden row follows from the total and the rest.
 *
 * Cost: one query (`yearMasks`, the per-unit year masks counted per group and mask), whatever the
 * number of sub-ranges (k years: k(k+1)/2 − 1 of them, each counted from the mask counts in TS); none
 * for a grain, or a range of one year.
 */
export function guardDistinctYears<R extends object, O extends MetricOptions>(
  metric: Metric<R, O>,
  /** The protected counts, as row fields, in the order of `YearMaskRow.masks` (e.g. n, participants). */
  counts: readonly string[],
  yearMasks: (db: Db, query: MetricQuery) => Promise<YearMasks>,
  /**
   * Complements to protect as well, as [whole, part] indices into `counts`: the units of the whole
   * outside the part over the range (participation's employees in the headcount who took part in
   * nothing). Two ranges can differ in them either way, so their difference is protected in size.
   */
  complements: readonly (readonly [number, number])[] = [],
): Metric<R, O> {
  return async (db, query, options) => {
    const result = await metric(db, query, options);
    const minN = (result as { minN?: number }).minN ?? 1;
    const { from, to } = query.filter ?? {};
    if (query.grain !== undefined || minN <= 1) return result;
    if (from !== undefined && to !== undefined && from.slice(0, 4) === to.slice(0, 4)) return result;
    const masks = await yearMasks(db, query);
    if (masks.first === null || masks.last === null) return result;
    // Years outside the population's add nobody: a range is as its part within them.
    const a = Math.max(masks.first, from === undefined ? masks.first : Number(from.slice(0, 4)));
    const b = Math.min(masks.last, to === undefined ? masks.last : Number(to.slice(0, 4)));
    if (b <= a) return result;
    const dims = query.groupBy ?? [];
    const groupOf = (isTotal: boolean, keys: Readonly<Record<string, unknown>>) =>
      JSON.stringify([isTotal, dims.map((d) => (isTotal ? null : (keys[d] ?? null)))]);
    const byGroup = new Map<string, YearMaskRow[]>();
    for (const r of masks.rows) {
      const g = groupOf(r.isTotal, r.keys);
      byGroup.set(g, [...(byGroup.get(g) ?? []), r]);
    }
    const rangeMask = (c: number, d: number) => ((1n << BigInt(d - c + 1)) - 1n) << BigInt(c - masks.first!);
    const countIn = (rows: readonly YearMaskRow[], i: number, mask: bigint) =>
      rows.reduce((s, r) => s + (((r.masks[i] ?? 0n) & mask) !== 0n ? r.units : 0), 0);
    const full = rangeMask(a, b);
    const subRanges: bigint[] = [];
    for (let c = a; c <= b; c++)
      for (let d = c; d <= b; d++) if (c > a || d < b) subRanges.push(rangeMask(c, d));
    const outsideIn = (rows: readonly YearMaskRow[], [w, p]: readonly [number, number], mask: bigint) =>
      rows.reduce(
        (s, r) =>
          s + (((r.masks[w] ?? 0n) & mask) !== 0n && ((r.masks[p] ?? 0n) & mask) === 0n ? r.units : 0),
        0,
      );
    const small = (diff: number) => diff !== 0 && Math.abs(diff) < minN;
    const setDifferenceSmall = (rows: readonly YearMaskRow[]) =>
      counts.some((_, i) => {
        const whole = countIn(rows, i, full);
        return subRanges.some((m) => small(whole - countIn(rows, i, m)));
      }) ||
      complements.some((c) => {
        const whole = outsideIn(rows, c, full);
        return subRanges.some((m) => small(whole - outsideIn(rows, c, m)));
      });

    const out: Record<string, unknown> = { ...(result as object) };
    let changed = false;
    for (const [name, rows] of Object.entries(result)) {
      if (!isRowTable(rows)) continue;
      const hide = rows.map(
        (r) => !r.suppressed && setDifferenceSmall(byGroup.get(groupOf(r.isTotal, r.keys)) ?? []),
      );
      if (!hide.some(Boolean)) continue;
      changed = true;
      // No hidden row alone in its table: total = Σ rows (near enough) would give it back.
      const hidden = (i: number) => hide[i] === true || rows[i]?.suppressed === true;
      const groups = rows.map((_, i) => i).filter((i) => !rows[i]?.isTotal);
      const total = rows.findIndex((r) => r.isTotal);
      const smallestShown = () =>
        groups
          .filter((i) => !hidden(i))
          .sort((x, y) => (rows[x]?.n ?? 0) - (rows[y]?.n ?? 0))
          .at(0);
      const hiddenGroups = () => groups.filter(hidden).length;
      if (total >= 0 && hidden(total)) {
        if (groups.length > 0 && hiddenGroups() === 0) {
          const e = smallestShown();
          if (e !== undefined) hide[e] = true;
        }
      } else if (hiddenGroups() === 1) {
        const e = smallestShown();
        if (e !== undefined) hide[e] = true;
        else if (total >= 0) hide[total] = true;
      }
      const totalHidden = total >= 0 && hidden(total);
      out[name] = rows.map((r, i) => {
        if (hide[i]) {
          const row: Record<string, unknown> = { ...(r as object) };
          for (const k of Object.keys(r)) if (!BASE_KEYS.has(k)) row[k] = null;
          return { ...row, suppressed: true, suppressionReason: 'complementary' };
        }
        // A share of a hidden total would give that total away.
        if (!totalHidden) return r;
        return { ...r, pctOfTotal: null, ...('share' in r ? { share: null } : {}) };
      });
    }
    return (changed ? out : result) as R;
  };
}
