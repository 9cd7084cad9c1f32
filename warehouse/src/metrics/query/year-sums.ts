import type { Db } from '../../db/index.ts';
import type { MetricQuery } from '../filter.ts';
import type { MetricOptions } from './metric-options.ts';
import type { MetricRowBase } from './metric-row.ts';

type Metric<R, O extends MetricOptions> = (db: Db, query: MetricQuery, options?: O) => Promise<R>;

/** Fields of a metric row that are not measures (kept when a row is hidden). */
const BASE_KEYS = new Set([
  'keys',
  'period',
  'isTotal',
  'suppressed',
  'suppressionReason',
  'previousPeriod',
  'samePeriodLastYear',
]);

const isRowTable = (value: unknown): value is MetricRowBase[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((r) => r !== null && typeof r === 'object' && 'isTotal' in r && 'keys' in r && 'period' in r);

/** A row's group, whatever its period: its total flag and key values. */
const groupOf = (row: MetricRowBase): string =>
  JSON.stringify([
    row.isTotal,
    Object.entries(row.keys)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  ]);

/** The table a row of a result without a grain belongs to: the key values its total keeps. */
function tableOf(rows: readonly MetricRowBase[]): (row: MetricRowBase) => string {
  const outer = new Set<string>();
  for (const r of rows)
    if (r.isTotal)
      for (const [d, v] of Object.entries(r.keys)) if (v !== null && v !== undefined) outer.add(d);
  const dims = [...outer].sort();
  return (row) => JSON.stringify(dims.map((d) => row.keys[d as keyof MetricRowBase['keys']] ?? null));
}

/**
 * Disclosure control across ranges without a grain. Such a row covers its whole range, which is
 * whole calendar years (`planQuery` refuses other ranges without a grain), so it is the sum of its
 * group's year rows: the same query with grain year publishes them. Where one of those is hidden (a
 * small count, or a complement), the row over several years minus the published years would give it
 * away. So a row over several years is published only when every year row of its group in the range
 * is, and then it tells nothing the yearly answer did not; else it is hidden as `complementary`
 * (and, its total hidden, its table's percent of total and shares too). A range of one year is that
 * year's table itself and needs nothing. Costs one more metric run (grain year) for a range over
 * several years, or none at all (open ends). Only for counts that add up over time: distinct persons
 * over several years are no sum of the years.
 */
export function guardYearSums<R extends object, O extends MetricOptions>(
  metric: Metric<R, O>,
  { additiveOverTime = true }: { readonly additiveOverTime?: boolean } = {},
): Metric<R, O> {
  return async (db, query, options) => {
    const result = await metric(db, query, options);
    const { from, to } = query.filter ?? {};
    const oneYear = from !== undefined && to !== undefined && from.slice(0, 4) === to.slice(0, 4);
    if (!additiveOverTime || query.grain !== undefined || oneYear) return result;
    if (((result as { minN?: number }).minN ?? 1) <= 1) return result;
    const yearly = await metric(db, { ...query, grain: 'year', compare: false }, options);
    return hideSumsOfHiddenYears(result, yearly);
  };
}

/**
 * `result` (an answer without a grain over several years) with each row hidden whose group has a
 * hidden row in `yearly` (the same query at grain year, as published), as `complementary`; the
 * percent of total and shares of a table whose total is hidden go too. `guardYearSums`' step, also
 * used with another metric's yearly answer over the same table (guarded-metrics.ts).
 */
export function hideSumsOfHiddenYears<R extends object>(result: R, yearly: object): R {
  const out: Record<string, unknown> = { ...(result as object) };
  let changed = false;
  for (const [name, rows] of Object.entries(result)) {
    if (!isRowTable(rows)) continue;
    const years = (yearly as Record<string, unknown>)[name];
    const hiddenGroups = new Set(isRowTable(years) ? years.filter((r) => r.suppressed).map(groupOf) : []);
    if (hiddenGroups.size === 0) continue;
    const table = tableOf(rows);
    const hide = rows.map((r) => !r.suppressed && hiddenGroups.has(groupOf(r)));
    if (!hide.some(Boolean)) continue;
    changed = true;
    const hiddenTotals = new Set(rows.filter((r, i) => r.isTotal && (hide[i] || r.suppressed)).map(table));
    out[name] = rows.map((r, i) => {
      if (hide[i]) {
        const row: Record<string, unknown> = { ...(r as object) };
        for (const k of Object.keys(r)) if (!BASE_KEYS.has(k)) row[k] = null;
        return { ...row, suppressed: true, suppressionReason: 'complementary' };
      }
      // A share of a hidden total would give that total away.
      if (!hiddenTotals.has(table(r))) return r;
      return { ...r, pctOfTotal: null, ...('share' in r ? { share: null } : {}) };
    });
  }
  return (changed ? out : result) as R;
}
