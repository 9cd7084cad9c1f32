import type { CoverageFact } from '../catalog/coverage.ts';
import type { Db } from '../db/index.ts';
import {
  SERVICE_DAYS,
  SERVICE_DAYS_KELURAHAN,
  SERVICE_DAYS_TYPE,
  SERVICE_DAYS_YEAR,
  SERVICE_DUE,
} from './bindings.ts';
import type { Dimension, MetricFilter, MetricQuery } from './filter.ts';
import {
  DAYS_BUCKET_SQL,
  daysFromMsSql,
  ELAPSED_US_SQL,
  KELURAHAN_DAYS_BUCKET_SQL,
  SERVICE_DUE_SQL,
} from './metric-aggregates.ts';
import { finishRows, publishedCounts } from './query/finish-rows.ts';
import { histogramPairs, histogramQuantile } from './query/histogram-quantile.ts';
import type { MartBinding } from './query/mart-binding.ts';
import { count, nulled, num, ratio } from './query/measures.ts';
import { MetricInputError } from './query/metric-input-error.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricResult, MetricRow } from './query/metric-row.ts';
import { periodStart } from './query/periods.ts';
import {
  andAll,
  assertFilterFields,
  assertGroupBy,
  bindingFilterFields,
  filterPredicates,
  groupingSql,
  keyAlias,
  keyColumns,
  periodExpr,
  planQuery,
  type QueryPlan,
  sameKeys,
} from './query/plan-query.ts';
import { SnapshotMemo } from './query/snapshot-memo.ts';

export interface ServiceTimesMeasures {
  /** Requests submitted in the period. */
  readonly requests: number | null;
  /** Of those, completed (the units behind the day statistics). */
  readonly completed: number | null;
  /** Days from submission to completion (see DAYS_BUCKET_SQL for the quantiles' resolution). */
  readonly meanDays: number | null;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  /**
   * Met among the due requests / slaDue, 0–1: a request is due when its service type's target had
   * elapsed by the data end (submitted_at + target ≤ the last observed time), so its outcome is known;
   * an open one is a known miss. Requests not yet due are left out, completed or not: counting the
   * quick ones without their slow siblings still open would bias the latest periods upward.
   */
  readonly slaMetRate: number | null;
  /** The SLA rate's denominator: completed requests due by the data end + openPastTarget. */
  readonly slaDue: number | null;
  /** Of the requests, still open (in progress) when the data ends (left out of the day statistics). */
  readonly openRequests: number | null;
  /** Of the open requests, due (their target elapsed) at the data end: known SLA misses. */
  readonly openPastTarget: number | null;
  /**
   * Some of the row's requests are open and not yet due at the data end (their outcome may still
   * change): its day statistics, of completed requests only, understate elapsed time (the latest
   * periods), and its comparisons have no delta. Stale requests open past target do not flag a row.
   */
  readonly incomplete: boolean | null;
  /**
   * Requests per handler-month: requests with a handler / Σ over months and service types of the
   * distinct employees handling that service type that month. Null when kelurahan is in the query.
   */
  readonly requestsPerHandlerMonth: number | null;
  /** Σ handler-months (distinct handlers per month and service type, summed). */
  readonly handlerMonths: number | null;
}
export type ServiceTimesRow = MetricRow<ServiceTimesMeasures>;

/**
 * Counts protected like n (see the spec below) and compared across queries: the handler-months
 * where computed (null with kelurahan: counted as 0, nothing to protect), the completed requests
 * the day statistics are of, and the due requests the SLA rate is of. A row of 5 requests with one
 * completed published that request's duration to the second as its mean (a review of 2026-12-05,
 * revP: pbg December 2025, kelurahan 62.71.02.1002, meanDays 10.53255787037037; 129 such
 * kelurahan × type × month cells in 2021–2025); and since mean × completed and rate × due add up,
 * hiding the statistics alone would not do: the counts get complementary suppression.
 */
export const SERVICE_TIMES_COUNTS = publishedCounts<ServiceTimesMeasures>(
  'handlerMonths',
  'completed',
  'slaDue',
);

/** The days a metric read for the filter's from/to (inclusive ISO dates; null = open end). */
export interface ReadRange {
  readonly from: string | null;
  readonly to: string | null;
  /** What from/to were widened to: `day` = read as given. */
  readonly resolution: 'day' | 'month' | 'year';
  /** The fact whose data the metric counts (its coverage says where the data starts and ends). */
  readonly fact: CoverageFact;
}

/** A metric result that also says which days it read (metrics that read months or years). */
export interface RangedResult<R> extends MetricResult<R> {
  readonly range: ReadRange;
}

/**
 * The filter's from/to widened to whole months or years (`day`: as given). Call it after
 * `planQuery`, which has validated the dates.
 */
export function readRange(
  filter: MetricFilter | undefined,
  resolution: ReadRange['resolution'],
  fact: CoverageFact,
): ReadRange {
  const from = filter?.from ?? null;
  const to = filter?.to ?? null;
  if (resolution === 'day') return { from, to, resolution, fact };
  const y = (iso: string) => Number(iso.slice(0, 4));
  const m = (iso: string) => Number(iso.slice(5, 7));
  // Date.UTC(y, m, 0) is the last day of month m (1-based).
  const lastDay = (year: number, month: number) =>
    new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return resolution === 'month'
    ? {
        from: from === null ? null : `${from.slice(0, 7)}-01`,
        to: to === null ? null : lastDay(y(to), m(to)),
        resolution,
        fact,
      }
    : {
        from: from === null ? null : `${from.slice(0, 4)}-01-01`,
        to: to === null ? null : `${to.slice(0, 4)}-12-31`,
        resolution,
        fact,
      };
}

/**
 * Kirkpatrick L4, public service results: days to complete (median, p90, mean), SLA-met rate and
 * requests per handler-month, by service type, agency (the service unit), kelurahan and period.
 *
 * Grain: citizen service requests, placed in time by their submission month (read from the
 * pre-aggregates of `buildMetricAggregates`, so `from`/`to` select whole months: `range` in the
 * result gives the days read). Days statistics are over completed requests (null when none
 * completed); the SLA rate over the requests due by the data end (see `slaMetRate`). Mean and SLA rate are exact; median and p90 are type-7 quantiles of days
 * bucketed as in DAYS_BUCKET_SQL (with kelurahan in the query: KELURAHAN_DAYS_BUCKET_SQL, 0.1 day),
 * so within half a bucket of the exact quantile. n = requests (all submitted, completed or not);
 * percent of total is of requests. Disclosure control also protects `handlerMonths` (employees, not
 * requests): a row handled by few employee-months is hidden like a row with few requests.
 */
export async function serviceTimes(
  db: Db,
  query: MetricQuery,
  options?: MetricOptions,
): Promise<RangedResult<ServiceTimesRow>> {
  const minN = resolveMinN(options);
  const plan = planQuery('serviceTimes', query);
  // Worded against the widest table (kelurahan too), whichever one the query then reads: the
  // narrower ones would name only agency and service type as accepted.
  assertFilterFields(plan, bindingFilterFields(SERVICE_DAYS_KELURAHAN));
  assertGroupBy(plan, Object.keys(SERVICE_DAYS_KELURAHAN.columns) as Dimension[]);
  const needsKelurahan = plan.groupBy.includes('kelurahan') || (plan.filter.kelurahan?.length ?? 0) > 0;
  if (needsKelurahan) await refuseKecamatanByKelurahan(db, plan.filter);
  const range = monthRange(plan);
  // Whole years at year grain (or none): the yearly histogram has the same buckets, fewer rows.
  const yearly =
    !needsKelurahan &&
    plan.grain !== 'month' &&
    plan.grain !== 'quarter' &&
    (range.from === undefined || range.from.slice(5, 7) === '01') &&
    (range.to === undefined || range.to.slice(5, 7) === '12');
  // Only the service type in the query (else the agency table, which also words any input error).
  const withoutAgency =
    plan.groupBy.every((d) => d === 'serviceType') &&
    Object.entries(plan.filter).every(
      ([f, v]) => f === 'from' || f === 'to' || f === 'serviceTypes' || !v?.length,
    );
  const binding = needsKelurahan
    ? SERVICE_DAYS_KELURAHAN
    : yearly
      ? SERVICE_DAYS_YEAR
      : withoutAgency
        ? SERVICE_DAYS_TYPE
        : SERVICE_DAYS;
  const sqlOf = (plan: QueryPlan, sources: ServiceSources): string => {
    const range = monthRange(plan);
    const { binding } = sources.days;
    const where = withoutKecamatan(andAll(filterPredicates(plan, binding, undefined, range)), needsKelurahan);
    const hist = groupingSql(plan, binding, { extra: ['days_bucket'] });
    const keys = keyColumns(plan).join(', ');
    const handlers = needsKelurahan ? null : handlerMonthsSql(plan, range, sources);
    const open = openSql(plan, range, sources.due, needsKelurahan);
    // Σ days from the exact Σ sum_ms of the rows, divided once (`daysFromMsSql`): a plain sum of
    // their DOUBLE sum_days depends on the order the rows come in, which an incremental build changes
    // (it re-appends the rows it updates): a mean of 3.7497284259259263 days in one order and
    // 3.7497284259259254 in another (numerical audit of 2026-12-06).
    return `
      WITH h AS (
        SELECT ${hist.keys}, CAST(sum(requests) AS DOUBLE) AS requests, sum(sum_ms) AS sum_ms,
          CAST(sum(sla_met) AS DOUBLE) AS sla_met
        FROM ${sources.days.from} WHERE ${where} ${hist.groupBy}
      ),
      t AS (
        -- One pass per group: totals and the days histogram as a list of {d: bucket, n: requests}
        -- pairs, sorted in TS (an ORDER BY inside list() and a second pass over h cost more).
        SELECT ${keys}, sum(requests) AS requests,
          sum(requests) FILTER (WHERE days_bucket IS NOT NULL) AS completed,
          ${daysFromMsSql('sum(sum_ms)')} AS sum_days, sum(sla_met) AS sla_met,
          list({d: days_bucket, n: requests}) FILTER (WHERE days_bucket IS NOT NULL) AS hist
        FROM h GROUP BY ${keys}
      )${handlers ? `, ${handlers.ctes}` : ''}, ${open.ctes}
      SELECT t.*${handlers ? `, ${handlers.select}` : ', NULL AS handlers, NULL AS handled'}, ${open.select}
      FROM t ${handlers?.joins ?? ''} ${open.joins}`;
  };
  const run = (plan: QueryPlan, sources: ServiceSources) => db.all(sqlOf(plan, sources), plan.params.values);
  // A snapshot built before some of the service pre-aggregates (or their sum_ms) existed answers
  // from what it has (`olderSnapshotSources`), the same answer. The second attempt plans afresh
  // (building the SQL adds to a plan's parameters).
  const raw = await orOlderServiceSnapshot(
    db,
    () => run(plan, currentSources(binding)),
    (shape) => run(planQuery('serviceTimes', query), olderSnapshotSources(binding, needsKelurahan, shape)),
  );
  const result = await finishRows<ServiceTimesMeasures>(
    plan,
    raw,
    {
      read: (r) => {
        const completed = count(r.completed);
        const [days, counts] = histogramPairs(r.hist);
        const handlerMonths = needsKelurahan ? null : count(r.handlers);
        const openRequests = count(r.open_requests);
        const openPastTarget = count(r.open_past_target);
        // The SLA is over the due requests: completed ones due by the data end and open past target.
        const slaDue = completed - count(r.not_due_completed) + openPastTarget;
        return {
          requests: count(r.requests),
          completed,
          meanDays: ratio(num(r.sum_days), completed),
          medianDays: histogramQuantile(days, counts, 0.5),
          p90Days: histogramQuantile(days, counts, 0.9),
          slaMetRate: ratio(count(r.sla_met) - count(r.not_due_met), slaDue),
          slaDue,
          openRequests,
          openPastTarget,
          incomplete: openRequests > openPastTarget,
          requestsPerHandlerMonth: needsKelurahan ? null : ratio(count(r.handled), handlerMonths),
          handlerMonths,
        };
      },
      n: (m) => m.requests ?? 0,
      // Handler-months count employees (per month), not requests: a few of them would make the row
      // one or two employees' workload and speed. Completed and due requests are what the day
      // statistics and the SLA rate are of. All protected like n (SERVICE_TIMES_COUNTS).
      protect: (m) => SERVICE_TIMES_COUNTS.protect(m),
      value: (m) => m.medianDays,
      // A period with requests open and not yet due has a median of its quick requests only (the slow
      // ones may still be open): no delta against it. Stale requests open past target do not count.
      comparable: (m) => m.incomplete !== true,
      empty: () => ({
        requests: 0,
        completed: 0,
        meanDays: null,
        medianDays: null,
        p90Days: null,
        slaMetRate: null,
        slaDue: 0,
        openRequests: 0,
        openPastTarget: 0,
        incomplete: false,
        requestsPerHandlerMonth: null,
        handlerMonths: needsKelurahan ? null : 0,
      }),
      hide: nulled,
    },
    minN,
    undefined,
    options?.signal,
  );
  return { ...result, range: readRange(plan.filter, 'month', 'fct_service_requests') };
}

/**
 * Where serviceTimes reads each part of its answer: relations (a table, or a subquery with an alias)
 * shaped like the current pre-aggregates, which a snapshot built before them lacks.
 */
interface ServiceSources {
  /** The days histogram: requests, `sum_ms` (exact Σ ms) and SLA met per days bucket. */
  readonly days: { readonly binding: MartBinding; readonly from: string };
  /** Requests per month × agency × service type × handler (NULL included). */
  readonly handlerCells: string;
  /** Distinct handlers over every service type per month × agency; null: from `handlerCells`. */
  readonly handlerMonths: string | null;
  /** Open and not-yet-due requests (`agg_service_due`). */
  readonly due: string;
}

const currentSources = (binding: MartBinding): ServiceSources => ({
  days: { binding, from: `marts.${binding.label}` },
  handlerCells: 'marts.agg_service_handler_cells',
  handlerMonths: 'marts.agg_service_handler_months',
  due: 'marts.agg_service_due',
});

/**
 * The service pre-aggregates serviceTimes reads that a published snapshot may lack: added on
 * 2026-12-01 (the day tables per year and per type at b2eec97 and 1354166; the handler cells, and
 * `sum_ms` on every day table, at f97ff90) and 2026-12-04 (handler months, due counts).
 */
const NEWER_SERVICE_TABLES: readonly string[] = [
  'agg_service_days_year',
  'agg_service_days_type',
  'agg_service_handler_cells',
  'agg_service_handler_months',
  'agg_service_due',
];
/** The days tables, whose `sum_ms` (exact Σ ms) came with f97ff90. */
const SERVICE_DAY_TABLES: readonly string[] = [
  'agg_service_days',
  'agg_service_days_kelurahan',
  'agg_service_days_year',
  'agg_service_days_type',
];

/** What a snapshot holds of the service pre-aggregates. */
interface ServiceShape {
  readonly tables: ReadonlySet<string>;
  /** The days tables with a `sum_ms` column. */
  readonly withSumMs: ReadonlySet<string>;
}

/** The service tables of a snapshot, read once per published snapshot (`serviceShape`). */
const shapesKept = new SnapshotMemo(4);

function serviceShape(db: Db): Promise<ServiceShape> {
  return shapesKept.get(db, ['service-shape'], async () => {
    const names = [...new Set([...SERVICE_DAY_TABLES, ...NEWER_SERVICE_TABLES])];
    const rows = await db.all<{ name: string; sum_ms: boolean }>(
      `SELECT table_name AS name, bool_or(column_name = 'sum_ms') AS sum_ms FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = 'marts'
         AND table_name IN (${names.map((n) => `'${n}'`).join(', ')})
       GROUP BY table_name`,
    );
    return {
      tables: new Set(rows.map((r) => r.name)),
      withSumMs: new Set(rows.filter((r) => r.sum_ms).map((r) => r.name)),
    };
  });
}

/**
 * A failure because the snapshot predates one of the service pre-aggregates or `sum_ms` (the
 * messages DuckDB gives for a missing table or column); anything else is not one.
 */
function isOlderServiceSnapshot(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const table = /Table with name (\w+) does not exist/.exec(error.message)?.[1];
  return (
    (table !== undefined && NEWER_SERVICE_TABLES.includes(table)) ||
    /Referenced column "sum_ms" not found/.test(error.message)
  );
}

/**
 * Runs `current`; when it fails because the snapshot was built before a service pre-aggregate or
 * `sum_ms` existed (and the snapshot indeed lacks one: `serviceShape`), runs `older` with what the
 * snapshot has. Any other error propagates, and so does any error of `older`.
 */
async function orOlderServiceSnapshot<T>(
  db: Db,
  current: () => Promise<T>,
  older: (shape: ServiceShape) => Promise<T>,
): Promise<T> {
  try {
    return await current();
  } catch (error) {
    if (!isOlderServiceSnapshot(error)) throw error;
    const shape = await serviceShape(db);
    const complete =
      NEWER_SERVICE_TABLES.every((t) => shape.tables.has(t)) &&
      SERVICE_DAY_TABLES.every((t) => shape.withSumMs.has(t));
    if (complete) throw error;
    return older(shape);
  }
}

/**
 * The days histogram of the facts (`binding` SERVICE_DAYS or, `withKelurahan`, SERVICE_DAYS_KELURAHAN),
 * one row per request, shaped like the day tables and bucketed and summed exactly as they are now
 * (`buildMetricAggregates`): the day tables of a snapshot from before f97ff90 have Σ days only as a
 * DOUBLE, which depends on the order of its terms, and other buckets (DuckDB's round() of the DOUBLE
 * days: 0.145 in 0.14, where the current half-up buckets on the microseconds put it in 0.15).
 */
function daysOfFacts(withKelurahan: boolean): string {
  const bucket = withKelurahan ? KELURAHAN_DAYS_BUCKET_SQL : DAYS_BUCKET_SQL;
  return `(SELECT month_start, year, agency_code, service_type, ${withKelurahan ? 'kelurahan_code, ' : ''}
      CASE WHEN us IS NULL THEN NULL ELSE ${bucket} END AS days_bucket, 1 AS requests,
      CAST(us AS DECIMAL(38, 0)) * 0.001 AS sum_ms, CASE WHEN sla_met THEN 1 ELSE 0 END AS sla_met
    FROM (SELECT *, ${ELAPSED_US_SQL} AS us FROM marts.fct_service_requests)) AS days`;
}

/**
 * What a snapshot built before some service pre-aggregates answers from (`shape`: what it has),
 * the same answer as the current tables give on the same facts:
 * - the days histogram: the query's table when it has `sum_ms`, else agg_service_days (or the
 *   kelurahan one) when that has it, else the facts (`daysOfFacts`);
 * - handler cells: agg_service_handler_cells, else the facts (one row per request); handler months
 *   over types from agg_service_handler_months, else from those cells;
 * - open and not-yet-due requests: agg_service_due, else from the facts (`SERVICE_DUE_SQL`).
 * agg_service_handlers (per service type) and agg_service_days (the kecamatan's service types) are in
 * every snapshot published.
 */
function olderSnapshotSources(
  binding: MartBinding,
  needsKelurahan: boolean,
  shape: ServiceShape,
): ServiceSources {
  const base = needsKelurahan ? SERVICE_DAYS_KELURAHAN : SERVICE_DAYS;
  const days = shape.withSumMs.has(binding.label)
    ? { binding, from: `marts.${binding.label}` }
    : shape.withSumMs.has(base.label)
      ? { binding: base, from: `marts.${base.label}` }
      : { binding: base, from: daysOfFacts(needsKelurahan) };
  return {
    days,
    handlerCells: shape.tables.has('agg_service_handler_cells')
      ? 'marts.agg_service_handler_cells'
      : `(SELECT month_start, year, agency_code, service_type, handled_by_key, 1 AS requests
          FROM marts.fct_service_requests) AS handler_cells`,
    handlerMonths: shape.tables.has('agg_service_handler_months') ? 'marts.agg_service_handler_months' : null,
    due: shape.tables.has('agg_service_due') ? 'marts.agg_service_due' : `(${SERVICE_DUE_SQL}) AS due`,
  };
}

/**
 * The handler-months of every row (CTEs, the columns `handlers` and `handled`, and the joins onto
 * `t`): per month and agency, the distinct employees who handled the row's requests, summed over the
 * months and agencies of the row. A row of one service type reads `agg_service_handlers` (per month
 * × agency × type); a row over several types (the total of a groupBy serviceType, every row of a
 * query without it) counts an employee once whichever of the types they handled: from
 * `agg_service_handler_months` (every type), or, when `filter.serviceTypes` names a few of them,
 * from the handler cells of those types (for every row over types, a snapshot from before
 * `agg_service_handler_months`: `sources.handlerMonths` null). Summing the per-type counts instead counted an employee once per
 * type handled (at scale 10, Disdukcapil's handler-months 7 times over).
 */
function handlerMonthsSql(
  plan: QueryPlan,
  range: { from?: string | undefined; to?: string | undefined },
  sources: ServiceSources,
): { ctes: string; select: string; joins: string } {
  const w = () => andAll(filterPredicates(plan, SERVICE_DAYS, undefined, range));
  const sums = 'CAST(sum(handlers) AS DOUBLE) AS handlers, CAST(sum(handled) AS DOUBLE) AS handled';
  const perType = () => {
    const g = groupingSql(plan, SERVICE_DAYS);
    return `SELECT ${g.keys}, ${sums} FROM marts.agg_service_handlers WHERE ${w()} ${g.groupBy}`;
  };
  // One service type in the filter: every row is of that type alone.
  if ((plan.filter.serviceTypes?.length ?? 0) === 1)
    return { ctes: `hd AS (${perType()})`, select: 'hd.handlers, hd.handled', joins: joinOn(plan, 'hd') };
  const overTypes =
    sources.handlerMonths === null || (plan.filter.serviceTypes?.length ?? 0) > 0
      ? `(SELECT month_start, year, agency_code, count(DISTINCT handled_by_key) AS handlers,
            coalesce(sum(requests) FILTER (WHERE handled_by_key IS NOT NULL), 0) AS handled
          FROM ${sources.handlerCells} WHERE ${w()} GROUP BY ALL) AS cells`
      : `(SELECT * FROM ${sources.handlerMonths} WHERE ${w()}) AS months`;
  if (!plan.groupBy.includes('serviceType')) {
    const g = groupingSql(plan, SERVICE_DAYS);
    return {
      ctes: `ha AS (SELECT ${g.keys}, ${sums} FROM ${overTypes} ${g.groupBy})`,
      select: 'ha.handlers, ha.handled',
      joins: joinOn(plan, 'ha'),
    };
  }
  // Grouped by service type: its rows per type, the total row over the types.
  const period = plan.grain ? periodExpr(plan, SERVICE_DAYS) : undefined;
  const totalKeys = [
    ...(period ? [`${period} AS period`] : []),
    ...plan.groupBy.map((d) => `NULL AS ${keyAlias(d)}`),
    'TRUE AS is_total',
  ].join(', ');
  return {
    ctes: `hd AS (${perType()}),
      ha AS (SELECT ${totalKeys}, ${sums} FROM ${overTypes}${period ? ` GROUP BY ${period}` : ''})`,
    select: `CASE WHEN t.is_total THEN ha.handlers ELSE hd.handlers END AS handlers,
      CASE WHEN t.is_total THEN ha.handled ELSE hd.handled END AS handled`,
    joins: `${joinOn(plan, 'hd')} ${joinOn(plan, 'ha')}`,
  };
}

/**
 * The open and not-yet-due requests of every row (CTE `o` from agg_service_due, grouped as the row;
 * its columns `open_requests`, `open_past_target`, `not_due_completed` and `not_due_met`, 0 when the
 * row has none). `due`: the table, or for a snapshot from before it the same from the facts.
 */
function openSql(
  plan: QueryPlan,
  range: { from?: string | undefined; to?: string | undefined },
  due: string,
  /** An answer by or filtered to kelurahan: without the kecamatan agencies (`withoutKecamatan`). */
  byKelurahan: boolean,
): { ctes: string; select: string; joins: string } {
  const g = groupingSql(plan, SERVICE_DUE);
  const where = withoutKecamatan(andAll(filterPredicates(plan, SERVICE_DUE, undefined, range)), byKelurahan);
  const columns = ['open_requests', 'open_past_target', 'not_due_completed', 'not_due_met'];
  return {
    ctes: `o AS (SELECT ${g.keys}, ${columns.map((c) => `CAST(sum(${c}) AS DOUBLE) AS ${c}`).join(', ')}
      FROM ${due} WHERE ${where} ${g.groupBy})`,
    select: columns.map((c) => `coalesce(o.${c}, 0) AS ${c}`).join(', '),
    joins: joinOn(plan, 'o'),
  };
}

/**
 * An answer by or filtered to kelurahan counts the requests of the city-wide agencies only, not the
 * kecamatan's (`predicate` and the kecamatan agencies left out, where `byKelurahan`). A kecamatan
 * agency serves its own kelurahan and requests with no kelurahan, and the two service types only
 * the kecamatan offer are served by them alone; so a kecamatan's cell (by agency and service type,
 * by agency, or filtered to it), less its kelurahan's cells of those types in an answer by kelurahan,
 * was its requests with no kelurahan: a count no answer shows, since the answer by kelurahan pools
 * every agency's unknown kelurahan in one row. A review of 2026-12-05 (revP) took KEC-62.71.01's
 * April 2024 rekomendasi_izin_kecamatan, 95 by agency and service type, less its six kelurahan's 94:
 * 1 request; `scripts/audit/kecamatan-kelurahan.ts` recovered 181 such counts of 1–4 over 2021–2025
 * on the scale-1 demo. Protecting that count in the answers by agency instead (a count protected like
 * n) hid most kecamatan cells by month on that demo and, by agency and service type, whole tables
 * with their totals; a kecamatan's own services split by kelurahan are worth less than its cells. An
 * agency whose kind was ever kecamatan (any version) is left out.
 */
/** The kecamatan's codes, read once per published snapshot (`kecamatanCodes`). */
const kecamatanKept = new SnapshotMemo(4);

/**
 * The kecamatan agencies, and the service types they serve, of a snapshot: read once per published
 * snapshot (every bare call of a kelurahan answer naming agencies or types asks, the filter guard's
 * relaxations included), each time from a build's writable database.
 */
function kecamatanCodes(
  db: Db,
): Promise<{ readonly agencies: ReadonlySet<string>; readonly serviceTypes: ReadonlySet<string> }> {
  return kecamatanKept.get(db, ['kecamatan-codes'], async () => {
    const rows = await db.all<{ field: string; code: string }>(
      `SELECT DISTINCT 'agencies' AS field, agency_code AS code FROM marts.dim_agency
       WHERE kind = 'kecamatan' AND agency_code IS NOT NULL
       UNION ALL
       SELECT DISTINCT 'serviceTypes', service_type FROM marts.agg_service_days
       WHERE agency_code IN (SELECT agency_code FROM marts.dim_agency WHERE kind = 'kecamatan')`,
    );
    const of = (field: string) => new Set(rows.filter((r) => r.field === field).map((r) => r.code));
    return { agencies: of('agencies'), serviceTypes: of('serviceTypes') };
  });
}

/**
 * An answer by or filtered to kelurahan leaves the kecamatan agencies out (`withoutKecamatan`): a
 * filter naming one of them, or a service type they serve, would come back as none, a false zero
 * (a review of 2026-12-05, revK: KEC-62.71.01 by kelurahan in 2024 gave n 0 for 5,050 requests).
 * Refused instead (KECAMATAN_BY_KELURAHAN), naming them: the field of the first list that does.
 */
async function refuseKecamatanByKelurahan(db: Db, filter: MetricFilter): Promise<void> {
  const agencies = filter.agencies ?? [];
  const types = filter.serviceTypes ?? [];
  if (agencies.length === 0 && types.length === 0) return;
  const kecamatan = await kecamatanCodes(db);
  const named = (values: readonly string[], codes: ReadonlySet<string>) =>
    [...new Set(values)].filter((v) => codes.has(v)).sort();
  const byAgency = named(agencies, kecamatan.agencies);
  const field = byAgency.length > 0 ? 'agencies' : 'serviceTypes';
  const values = byAgency.length > 0 ? byAgency : named(types, kecamatan.serviceTypes);
  if (values.length === 0) return;
  const what = field === 'agencies' ? 'kecamatan agencies' : 'service types the kecamatan serve';
  throw new MetricInputError(
    `serviceTimes by or filtered to kelurahan counts the city-wide agencies' requests only (a kecamatan's own ` +
      `requests are not split by kelurahan), and filter.${field} names ${what}: ${values.join(', ')}. ` +
      'Drop them from the filter, or drop the kelurahan from the query.',
    { reason: 'KECAMATAN_BY_KELURAHAN', field: `filter.${field}`, metric: 'serviceTimes', values },
  );
}

function withoutKecamatan(predicate: string, byKelurahan: boolean): string {
  return byKelurahan
    ? `${predicate} AND coalesce(agency_code, '') NOT IN (
        SELECT agency_code FROM marts.dim_agency WHERE kind = 'kecamatan' AND agency_code IS NOT NULL)`
    : predicate;
}

const joinOn = (plan: QueryPlan, cte: string) => `LEFT JOIN ${cte} ON ${sameKeys(plan, 't', cte)}`;

/** The pre-aggregates are monthly: a range selects the months it touches. */
function monthRange(plan: QueryPlan): { from?: string | undefined; to?: string | undefined } {
  return { from: plan.from === undefined ? undefined : periodStart('month', plan.from), to: plan.to };
}

/** A service-times row as published: with the SLA target of its service type(s) (`withSlaTargets`). */
export type ServiceTimesTargetRow = ServiceTimesRow & {
  /**
   * The SLA target, in calendar days, of the service types the row can hold: its own service type
   * (grouped by serviceType), else those `filter.serviceTypes` names, else every service type of
   * `dim_service_type`. Null when they have different targets (or one has none).
   */
  readonly slaTargetDays: number | null;
};

/** The targets of a snapshot, read once per published snapshot (`serviceTargets`). */
const targetsKept = new SnapshotMemo(4);

/**
 * Each service type's SLA target in days, from `marts.dim_service_type` (the source's
 * `service_levels` parameter table, DOMAIN §6): one current target per service type, the one every
 * request's `sla_met` was judged against, whatever its agency or year.
 */
export function serviceTargets(db: Db): Promise<ReadonlyMap<string, number>> {
  return targetsKept.get(db, ['service-targets'], async () => {
    const rows = await db.all<{ service_type: string; target_days: number | null }>(
      'SELECT service_type, target_days FROM marts.dim_service_type',
    );
    return new Map(
      rows.filter((r) => r.target_days !== null).map((r) => [r.service_type, Number(r.target_days)]),
    );
  });
}

/**
 * The SLA target of a row (see `ServiceTimesTargetRow.slaTargetDays`): the one target its service
 * types share, or null. A target is a parameter of the service type, not a count of people or
 * requests, so a hidden row has it too.
 */
export function slaTargetOf(
  keys: { readonly serviceType?: string | null | undefined },
  filter: MetricFilter | undefined,
  targets: ReadonlyMap<string, number>,
): number | null {
  const own = keys.serviceType ?? null;
  const types =
    own !== null ? [own] : filter?.serviceTypes?.length ? filter.serviceTypes : [...targets.keys()];
  const values = new Set(types.map((t) => targets.get(t) ?? null));
  if (values.size !== 1) return null;
  const [only] = values;
  return only ?? null;
}

/**
 * serviceTimes with each row's SLA target (`slaTargetOf`), added after disclosure control (which
 * hides measures, not the service type's parameters).
 */
export function withSlaTargets<O extends MetricOptions>(
  metric: (db: Db, query: MetricQuery, options?: O) => Promise<RangedResult<ServiceTimesRow>>,
): (db: Db, query: MetricQuery, options?: O) => Promise<RangedResult<ServiceTimesTargetRow>> {
  return async (db, query, options) => {
    const [result, targets] = await Promise.all([metric(db, query, options), serviceTargets(db)]);
    return {
      ...result,
      rows: result.rows.map((r) => ({ ...r, slaTargetDays: slaTargetOf(r.keys, query.filter, targets) })),
    };
  };
}
