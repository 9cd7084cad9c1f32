import type { Dimension, MetricFilter, MetricQuery, TimeGrain } from '../filter.ts';
import { FILTER_DIMENSIONS, type FilterField, type MartBinding } from './mart-binding.ts';
import { MetricInputError } from './metric-input-error.ts';
import { parseIsoDate, periodEnd, periodSql, periodStart, shiftPeriod } from './periods.ts';
import { SqlParams } from './sql-params.ts';

/** The most dimensions a metric query may group by (LIST_LENGTH beyond). */
export const MAX_GROUP_BY = 2;

/** A validated metric query, ready to turn into SQL against one or more bindings. */
export interface QueryPlan {
  readonly metric: string;
  readonly filter: MetricFilter;
  readonly grain: TimeGrain | undefined;
  readonly groupBy: readonly Dimension[];
  /**
   * Dimensions a total row keeps (default none: one grand total per period). A breakdown such as
   * decline reasons within tenure bands keeps the outer dimensions, so each outer group is its own
   * table with its own total.
   */
  readonly outerDims: readonly Dimension[];
  /** Attach previous-period and same-period-last-year comparisons (needs a grain). */
  readonly compare: boolean;
  /**
   * Date range queried. With a grain: the filter's widened to whole calendar years (back one more
   * year when comparing), because disclosure control decides each year on all of its periods
   * (coarser periods are published sums of finer ones), whatever part of it is reported.
   */
  readonly from: string | undefined;
  readonly to: string | undefined;
  /** First and last period reported (rows outside only feed comparisons and disclosure control). */
  readonly reportFrom: string | undefined;
  readonly reportTo: string | undefined;
  readonly params: SqlParams;
}

/**
 * Validates the common parts of a query (dates, groupBy, grain/compare) for `metric`. Dimension
 * support is checked later, per binding, by `filterPredicates` and `groupingSql`.
 */
export function planQuery(
  metric: string,
  query: MetricQuery,
  params = new SqlParams(),
  breakdown?: Dimension,
): QueryPlan {
  const filter = query.filter ?? {};
  const { from, to } = checkMetricRange(query);
  if ((query.groupBy?.length ?? 0) > MAX_GROUP_BY) {
    // Disclosure control protects a table against its margins in one or two dimensions; a third
    // would publish cells whose two-way margins (asked for separately) give away what the two-way
    // table hides.
    throw new MetricInputError(
      `groupBy names ${query.groupBy!.length} dimensions; at most ${MAX_GROUP_BY} (cross-tables of three or more dimensions cannot be protected against their two-way margins)`,
      { reason: 'LIST_LENGTH', field: 'groupBy', max: MAX_GROUP_BY },
    );
  }
  const outerDims = breakdown ? (query.groupBy ?? []) : [];
  const groupBy = breakdown ? [...outerDims, breakdown] : (query.groupBy ?? []);
  if (new Set(groupBy).size !== groupBy.length) {
    throw new MetricInputError(`groupBy lists a dimension twice: ${groupBy.join(', ')}`, {
      reason: 'DUPLICATE_VALUE',
      field: 'groupBy',
      duplicates: [...new Set(groupBy.filter((d, i) => groupBy.indexOf(d) !== i))],
    });
  }
  const grain = query.grain;
  const compare = query.compare === true;
  if (compare && grain === undefined) {
    throw new MetricInputError('compare needs a time grain (month, quarter or year)', {
      reason: 'MISSING_ARGUMENT',
      field: 'compare',
      missing: 'grain',
    });
  }
  const yearOf = (iso: string) => `${iso.slice(0, 4)}-01-01`;
  return {
    metric,
    filter,
    grain,
    groupBy,
    outerDims,
    compare,
    from: grain && from !== undefined ? shiftPeriod('year', yearOf(from), compare ? -1 : 0) : from,
    to: grain && to !== undefined ? `${to.slice(0, 4)}-12-31` : to,
    reportFrom: grain && from !== undefined ? from : undefined,
    reportTo: grain && to !== undefined ? periodStart(grain, to) : undefined,
    params,
  };
}

/**
 * The date range every metric checks before it runs (`planQuery` calls it): `filter.from`/`to`
 * real dates (INVALID_DATE), in order (RANGE_REVERSED), and whole periods of the query's grain,
 * whole years without one (RANGE_NOT_ALIGNED, naming the aligned dates either side). Exported so a
 * caller that runs several metrics over one filter (the API's `kirkpatrick`) can refuse a range
 * once, before any of them runs, instead of once per metric.
 */
export function checkMetricRange(query: MetricQuery): { from: string | undefined; to: string | undefined } {
  const filter = query.filter ?? {};
  const from = filter.from === undefined ? undefined : parseIsoDate(filter.from, 'filter.from');
  const to = filter.to === undefined ? undefined : parseIsoDate(filter.to, 'filter.to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new MetricInputError(`filter.from (${from}) is after filter.to (${to})`, {
      reason: 'RANGE_REVERSED',
      field: 'filter.from',
      startField: 'filter.from',
      endField: 'filter.to',
      start: from,
      end: to,
    });
  }
  // Whole periods only: a row over part of its period, against another range's, would be a
  // difference down to a day. Without a grain a row covers its whole range, so whole years.
  const grain = query.grain;
  const unit: TimeGrain = grain ?? 'year';
  const why = grain
    ? `grain ${grain}`
    : 'no grain: a row then covers whole years; with grain month or quarter, where the metric has them, a range may cover part of a year';
  if (from !== undefined) assertAligned('filter.from', from, unit, why, 'start');
  if (to !== undefined) assertAligned('filter.to', to, unit, why, 'end');
  return { from, to };
}

/**
 * The treatment window of an analysis (cohort comparison, program effects, and the ROI and budget
 * built on them): real dates (INVALID_DATE), in order (RANGE_REVERSED), `from` the first day of a
 * month and `to` the last day of one (RANGE_NOT_ALIGNED, naming the aligned dates either side).
 * Whole months for two reasons. The comparison's own windows are whole months (pre ends where the
 * month of `from` starts, post starts the month after `to`), so a window cutting a month would put
 * staff who completed the training in that month, before the post window, into the control group.
 * And two windows a day apart have the same pre and post windows: subtracting their published
 * means would give the outcomes of the one or two employees who completed on that day (disclosure
 * control: as a metric's rows cover whole periods). `prefix` names the fields in errors
 * (`cohort` → `cohort.from`); none: `from` / `to`.
 */
export function checkAnalysisWindow(from: string, to: string, prefix?: string): void {
  const field = (name: 'from' | 'to') => (prefix ? `${prefix}.${name}` : name);
  parseIsoDate(from, field('from'));
  parseIsoDate(to, field('to'));
  if (from > to) {
    throw new MetricInputError(`${field('from')} (${from}) is after ${field('to')} (${to})`, {
      reason: 'RANGE_REVERSED',
      field: field('to'),
      startField: field('from'),
      endField: field('to'),
      start: from,
      end: to,
    });
  }
  const why = 'an analysis window covers whole months';
  assertAligned(field('from'), from, 'month', why, 'start');
  assertAligned(field('to'), to, 'month', why, 'end');
}

/**
 * The treatment window of an analysis of SKP appraisals (outcome `appraisal_score`, Kirkpatrick
 * L3): one calendar year, `from` its 1 January and `to` its 31 December (RANGE_NOT_ALIGNED
 * otherwise, naming the year's dates). Appraisals are yearly, each dated 31 December: every window
 * starting and ending in the same years holds the same appraisal years, so two of them a month
 * apart differed only in who was trained (and eligible at the window's start), and their treated
 * means gave those few employees' appraisals back exactly (privacy review of 2026-12-05: KEP-EL,
 * from 2023-03-01 against 2023-04-01, to 2023-12-31: n 650 against 649, one employee's SKP 79.15
 * in 2022 and 82.78 in 2024; 14 such pairs in 2022–2024). With one calendar year there is one
 * window per year: nested windows of several years (the same post year) are refused too.
 */
export function checkAppraisalWindow(from: string, to: string, prefix?: string): void {
  checkAnalysisWindow(from, to, prefix);
  const field = (name: 'from' | 'to') => (prefix ? `${prefix}.${name}` : name);
  const why =
    'SKP appraisals are yearly: an appraisal_score (L3) window is one calendar year, so that two windows cannot be subtracted to give a few employees’ appraisals back';
  assertAligned(field('from'), from, 'year', why, 'start');
  assertAligned(field('to'), to, 'year', why, 'end');
  const yearEnd = `${from.slice(0, 4)}-12-31`;
  if (to !== yearEnd) {
    throw new MetricInputError(
      `${field('to')} must be the last day of the year ${field('from')} starts (${why}), got ${to}: use ${yearEnd}, one window per year.`,
      {
        reason: 'RANGE_NOT_ALIGNED',
        field: field('to'),
        unit: 'year',
        value: to,
        earlier: yearEnd,
        later: yearEnd,
      },
    );
  }
}

/**
 * The gap before an appraisal_score (L3) comparison's treatment window must be whole years: yearly
 * SKP appraisals dated 31 December put the same appraisal year in a pre window 3 and 12 months
 * back, so any other gap only renames one of those. RANGE_NOT_ALIGNED names the whole-year gaps
 * either side (`earlier`, `later`, in months); `prefix` as in `checkAppraisalWindow`.
 */
export function checkAppraisalGap(gapMonths: number, prefix?: string): void {
  if (gapMonths % 12 === 0) return;
  const field = prefix ? `${prefix}.gapMonths` : 'gapMonths';
  const earlier = Math.floor(gapMonths / 12) * 12;
  throw new MetricInputError(
    `${field} must be a whole number of years (0, 12, 24 …) for appraisal_score: SKP appraisals are yearly, got ${gapMonths}; use ${earlier} or ${earlier + 12}.`,
    {
      reason: 'RANGE_NOT_ALIGNED',
      field,
      unit: 'year',
      value: String(gapMonths),
      earlier: String(earlier),
      later: String(earlier + 12),
    },
  );
}

/** Throws RANGE_NOT_ALIGNED unless `value` starts (or ends) a period of `unit`; `why` says why in the message. */
function assertAligned(
  field: string,
  value: string,
  unit: TimeGrain,
  why: string,
  edge: 'start' | 'end',
): void {
  const start = periodStart(unit, value);
  const [aligned, earlier, later] =
    edge === 'start'
      ? [start, start, shiftPeriod(unit, start, 1)]
      : [periodEnd(unit, value), periodEnd(unit, shiftPeriod(unit, start, -1)), periodEnd(unit, value)];
  if (value === aligned) return;
  throw new MetricInputError(
    `${field} must be the ${edge === 'start' ? 'first' : 'last'} day of a ${unit} (${why}), got ${value}: use ${earlier} or ${later}. Whole periods, so that two ranges cannot be subtracted to reveal a part of one.`,
    { reason: 'RANGE_NOT_ALIGNED', field, unit, value, earlier, later },
  );
}

function activeFields(filter: MetricFilter): FilterField[] {
  return (Object.keys(FILTER_DIMENSIONS) as FilterField[]).filter((f) => (filter[f]?.length ?? 0) > 0);
}

/** Throws when the filter restricts a dimension outside `allowed` (nothing would honour it). */
export function assertFilterFields(plan: QueryPlan, allowed: readonly FilterField[]): void {
  for (const field of activeFields(plan.filter)) {
    if (!allowed.includes(field)) {
      throw new MetricInputError(
        `${plan.metric} cannot be filtered by ${field}; supported filters: ${allowed.join(', ') || 'none'}`,
        { reason: 'UNSUPPORTED_FILTER', field: `filter.${field}`, metric: plan.metric, accepted: allowed },
      );
    }
  }
}

/** Throws when a groupBy dimension is outside `allowed`. */
export function assertGroupBy(plan: QueryPlan, allowed: readonly Dimension[]): void {
  for (const dim of plan.groupBy) {
    if (!allowed.includes(dim)) {
      throw new MetricInputError(
        `${plan.metric} cannot be grouped by ${dim}; supported: ${allowed.join(', ') || 'none'}`,
        {
          reason: 'UNSUPPORTED_GROUP_BY',
          field: 'groupBy',
          metric: plan.metric,
          value: dim,
          accepted: allowed,
        },
      );
    }
  }
}

/** The filter fields a binding can honour. */
export function bindingFilterFields(binding: MartBinding): FilterField[] {
  return (Object.keys(FILTER_DIMENSIONS) as FilterField[]).filter(
    (f) => binding.columns[FILTER_DIMENSIONS[f]] !== undefined,
  );
}

/**
 * WHERE predicates (ANDed) for `binding`: the date range on its time column and an `IN (…)` per
 * active list filter, every value a bound parameter. `fields` limits which list filters apply here
 * (for metrics that join two sources); without it every active filter must be supported.
 */
export function filterPredicates(
  plan: QueryPlan,
  binding: MartBinding,
  fields?: readonly FilterField[],
  range: { from?: string | undefined; to?: string | undefined } = plan,
): string[] {
  const predicates: string[] = [];
  const { params, filter } = plan;
  const time = binding.time.column;
  if (binding.time.kind === 'date') {
    if (range.from !== undefined) predicates.push(`${time} >= CAST(${params.bind(range.from)} AS DATE)`);
    if (range.to !== undefined) predicates.push(`${time} <= CAST(${params.bind(range.to)} AS DATE)`);
  } else {
    if (range.from !== undefined)
      predicates.push(`${time} >= ${params.bind(Number(range.from.slice(0, 4)))}`);
    if (range.to !== undefined) predicates.push(`${time} <= ${params.bind(Number(range.to.slice(0, 4)))}`);
  }
  if (fields === undefined) assertFilterFields(plan, bindingFilterFields(binding));
  for (const field of activeFields(filter)) {
    if (fields !== undefined && !fields.includes(field)) continue;
    const column = binding.columns[FILTER_DIMENSIONS[field]];
    if (column === undefined) {
      throw new MetricInputError(`${plan.metric} cannot be filtered by ${field}`, {
        reason: 'UNSUPPORTED_FILTER',
        field: `filter.${field}`,
        metric: plan.metric,
      });
    }
    predicates.push(`${column} IN ${params.bindList(filter[field] ?? [])}`);
  }
  return predicates;
}

/** `p1 AND p2 …`, or TRUE. */
export function andAll(predicates: readonly string[]): string {
  return predicates.length === 0 ? 'TRUE' : predicates.map((p) => `(${p})`).join(' AND ');
}

/** The SQL placing a row of `binding` in its period (requires a grain). */
export function periodExpr(plan: QueryPlan, binding: MartBinding): string {
  if (!plan.grain) throw new Error('periodExpr without a grain');
  if (binding.time.kind === 'year') {
    if (plan.grain !== 'year') {
      throw new MetricInputError(
        `${plan.metric} is yearly (${binding.label}); use grain "year", not "${plan.grain}"`,
        {
          reason: 'UNSUPPORTED_GRAIN',
          field: 'grain',
          metric: plan.metric,
          value: plan.grain,
          accepted: ['year'],
        },
      );
    }
    return `make_date(CAST(${binding.time.column} AS INTEGER), 1, 1)`;
  }
  return periodSql(plan.grain, binding.time.column);
}

/** Column alias of a group key in metric SQL. */
export const keyAlias = (dim: Dimension): string => `k_${dim}`;

/**
 * The key columns and GROUP BY clause of a grouped metric. With groupBy dimensions it uses GROUPING
 * SETS so one scan returns every group and the total (per period), and `is_total` tells them apart
 * (GROUPING() rather than NULL, because a group value may itself be NULL, e.g. a missing kelurahan).
 */
export function groupingSql(
  plan: QueryPlan,
  binding: MartBinding,
  options: {
    allowed?: readonly Dimension[];
    /** SQL of the period (default: the binding's time column truncated to the grain). */
    period?: string;
    /** Extra columns in every grouping set (e.g. a histogram bucket), selected as they are. */
    extra?: readonly string[];
  } = {},
): { keys: string; groupBy: string } {
  assertGroupBy(plan, options.allowed ?? (Object.keys(binding.columns) as Dimension[]));
  const cols = plan.groupBy.map((dim) => {
    const col = binding.columns[dim];
    if (col === undefined)
      throw new MetricInputError(`${plan.metric} cannot be grouped by ${dim}`, {
        reason: 'UNSUPPORTED_GROUP_BY',
        field: 'groupBy',
        metric: plan.metric,
        value: dim,
      });
    return { dim, col };
  });
  const period = plan.grain ? (options.period ?? periodExpr(plan, binding)) : undefined;
  const inner = cols.filter((c) => !plan.outerDims.includes(c.dim));
  const outer = cols.filter((c) => plan.outerDims.includes(c.dim));
  const keys = [
    ...(period ? [`${period} AS period`] : []),
    ...cols.map(({ dim, col }) => `${col} AS ${keyAlias(dim)}`),
    inner.length > 0 ? `GROUPING(${inner.map((c) => c.col).join(', ')}) > 0 AS is_total` : 'TRUE AS is_total',
    ...(options.extra ?? []),
  ].join(', ');
  const base = [...(period ? [period] : []), ...outer.map((c) => c.col), ...(options.extra ?? [])];
  let groupBy = '';
  if (inner.length > 0) {
    const full = [...base, ...inner.map((c) => c.col)].join(', ');
    groupBy = `GROUP BY GROUPING SETS ((${full}), (${base.join(', ')}))`;
  } else if (base.length > 0) {
    groupBy = `GROUP BY ${base.join(', ')}`;
  }
  return { keys, groupBy };
}

/** Join condition matching two grouped CTEs row for row (NULL keys match: totals, missing values). */
export function keyColumns(plan: QueryPlan, withPeriod = plan.grain !== undefined): string[] {
  return [...(withPeriod ? ['period'] : []), ...plan.groupBy.map(keyAlias), 'is_total'];
}

export function sameKeys(
  plan: QueryPlan,
  a: string,
  b: string,
  withPeriod = plan.grain !== undefined,
): string {
  return keyColumns(plan, withPeriod)
    .map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`)
    .join(' AND ');
}
