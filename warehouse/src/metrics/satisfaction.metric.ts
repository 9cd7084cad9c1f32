import type { Db, PlainValue } from '../db/index.ts';
import { ikmFromTotals, ikmSampleAdequate } from '../ikm/index.ts';
import { SATISFACTION, SERVICE_DAYS } from './bindings.ts';
import type { MetricQuery } from './filter.ts';
import { finishRows } from './query/finish-rows.ts';
import { count, nulled } from './query/measures.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricRow } from './query/metric-row.ts';
import { periodStart } from './query/periods.ts';
import { andAll, filterPredicates, groupingSql, planQuery, sameKeys } from './query/plan-query.ts';
import { type RangedResult, readRange } from './service-times.metric.ts';

export interface SatisfactionMeasures {
  /** Survey forms (each answers all nine unsur). */
  readonly respondents: number | null;
  /** IKM on 25–100, rounded half-up to 2 decimals (the value that is banded). */
  readonly ikm: number | null;
  /** IKM unrounded, for further computation. */
  readonly ikmExact: number | null;
  /** Mutu A–D and kinerja (Sangat Baik … Tidak Baik) per PermenPANRB 14/2017. */
  readonly mutu: string | null;
  readonly kinerja: string | null;
  /** NRR per unsur U1..U9 (sum / respondents, 1–4 scale). */
  readonly nrr: number[] | null;
  /** Σ scores per unsur U1..U9. */
  readonly unsurTotals: number[] | null;
  /**
   * Whether the respondents are at least the SKM sample PermenPANRB 14/2017 asks for (the
   * Krejcie–Morgan table, `krejcieMorganSample`) of the row's population: the service requests
   * submitted to its agencies for its service types in its months (fct_service_requests). Null when
   * that population is unknown or small: no request in the service data (an agency or service the
   * warehouse holds no requests of) or fewer than minN (a count of requests serviceTimes would hide).
   * The minimum and the population themselves are not returned: either would tell the row's count
   * of requests, which serviceTimes may hide as a complement.
   */
  readonly sampleAdequate: boolean | null;
}

/** `satisfaction` options: the metric options, and whether to check the sample (default true). */
export interface SatisfactionOptions extends MetricOptions {
  /**
   * False: `sampleAdequate` is null on every row and the service requests are not read (callers
   * that use the IKM alone: the agency scorecard, the ROI's IKM change).
   */
  readonly sampleCheck?: boolean;
}
export type SatisfactionRow = MetricRow<SatisfactionMeasures>;

const UNSUR = Array.from({ length: 9 }, (_, i) => `u${i + 1}`);

/**
 * Kirkpatrick L4, public satisfaction: IKM per PermenPANRB 14/2017 with its band and the nine NRR,
 * per agency, service type and period.
 *
 * Grain: SKM questionnaires, placed in time by the survey month (read from agg_satisfaction_month, so
 * `from`/`to` select whole months: `range` in the result gives the days read). SQL sums u1..u9 and counts respondents per group; the IKM, NRR and
 * band come from `ikmFromTotals` (weight exactly 1/9). Null = no respondents. n = respondents;
 * percent of total is of respondents. `sampleAdequate` compares the respondents with the
 * Krejcie–Morgan sample of the row's service requests (agg_service_days, same keys and months:
 * the two pre-aggregates share their grouping columns), joined on the row's keys.
 */
export async function satisfaction(
  db: Db,
  query: MetricQuery,
  options?: SatisfactionOptions,
): Promise<RangedResult<SatisfactionRow>> {
  const minN = resolveMinN(options);
  const plan = planQuery('satisfaction', query);
  const { keys, groupBy } = groupingSql(plan, SATISFACTION);
  const where = andAll(
    filterPredicates(plan, SATISFACTION, undefined, {
      from: plan.from === undefined ? undefined : periodStart('month', plan.from),
      to: plan.to,
    }),
  );
  const survey = `SELECT ${keys}, sum(respondents) AS respondents, ${UNSUR.map((u) => `sum(${u}) AS ${u}`).join(', ')}
     FROM marts.agg_satisfaction_month WHERE ${where} ${groupBy}`;
  let sql = survey;
  if (options?.sampleCheck !== false) {
    // The same groups over the service requests (whole months, as the survey's).
    const requests = groupingSql(plan, SERVICE_DAYS);
    const requestsWhere = andAll(
      filterPredicates(plan, SERVICE_DAYS, undefined, {
        from: plan.from === undefined ? undefined : periodStart('month', plan.from),
        to: plan.to,
      }),
    );
    sql = `WITH s AS (${survey}),
      p AS (SELECT ${requests.keys}, sum(requests) AS population
        FROM marts.agg_service_days WHERE ${requestsWhere} ${requests.groupBy})
      SELECT s.*, p.population FROM s LEFT JOIN p ON ${sameKeys(plan, 's', 'p')}`;
  }
  const raw = await db.all(sql, plan.params.values);
  const result = await finishRows<SatisfactionMeasures>(
    plan,
    raw,
    {
      read: (r) => {
        const respondents = count(r.respondents);
        const result = ikmFromTotals({ respondents, unsurTotals: UNSUR.map((u) => count(r[u])) });
        return {
          respondents,
          ikm: result?.ikmRounded ?? null,
          ikmExact: result?.ikm ?? null,
          mutu: result?.band.mutu ?? null,
          kinerja: result?.band.kinerja ?? null,
          nrr: result?.nrr ?? null,
          unsurTotals: result ? [...result.unsurTotals] : null,
          sampleAdequate: sampleAdequate(respondents, r.population, minN),
        };
      },
      n: (m) => m.respondents ?? 0,
      value: (m) => m.ikmExact,
      empty: () => ({
        respondents: 0,
        ikm: null,
        ikmExact: null,
        mutu: null,
        kinerja: null,
        nrr: null,
        unsurTotals: null,
        sampleAdequate: null,
      }),
      hide: nulled,
    },
    minN,
    undefined,
    options?.signal,
  );
  return { ...result, range: readRange(plan.filter, 'month', 'fct_satisfaction') };
}

/** `sampleAdequate` of a row: null without respondents, or with an unknown or small population. */
function sampleAdequate(
  respondents: number | null,
  population: PlainValue | undefined,
  minN: number,
): boolean | null {
  const requests = count(population);
  if (!respondents || requests < Math.max(1, minN)) return null;
  return ikmSampleAdequate(respondents, requests);
}
