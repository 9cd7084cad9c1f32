import type { Db } from '../db/index.ts';
import { ikmFromTotals } from '../ikm/index.ts';
import { SATISFACTION } from './bindings.ts';
import type { MetricQuery } from './filter.ts';
import { finishRows } from './query/finish-rows.ts';
import { count, nulled } from './query/measures.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricRow } from './query/metric-row.ts';
import { periodStart } from './query/periods.ts';
import { andAll, filterPredicates, groupingSql, planQuery } from './query/plan-query.ts';
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
   * With `coverage`: the row's questionnaires about an agency and service type the service data
   * holds no request of (their population is unknown). Internal to the sample check
   * (`withIkmSample` removes it): a count of a part of the row, never published.
   */
  readonly uncoveredRespondents?: number | null;
}

/** `satisfaction` options: the metric's, and `coverage` (count `uncoveredRespondents`). */
export interface SatisfactionOptions extends MetricOptions {
  readonly coverage?: boolean;
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
 * percent of total is of respondents.
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
  const coverage = options?.coverage === true;
  // With coverage, each month's cell knows whether its agency and service type has any request in
  // the service data (agg_service_days: every snapshot has it).
  const from = coverage
    ? `(SELECT s.*, c.hit IS NULL AS uncovered FROM marts.agg_satisfaction_month s
        LEFT JOIN (SELECT DISTINCT agency_code, service_type, TRUE AS hit FROM marts.agg_service_days) c
          ON s.agency_code IS NOT DISTINCT FROM c.agency_code AND s.service_type IS NOT DISTINCT FROM c.service_type)`
    : 'marts.agg_satisfaction_month';
  const raw = await db.all(
    `SELECT ${keys}, sum(respondents) AS respondents, ${UNSUR.map((u) => `sum(${u}) AS ${u}`).join(', ')}
       ${coverage ? ', sum(respondents) FILTER (WHERE uncovered) AS uncovered_respondents' : ''}
     FROM ${from} WHERE ${where} ${groupBy}`,
    plan.params.values,
  );
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
          ...(coverage ? { uncoveredRespondents: count(r.uncovered_respondents) } : {}),
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
        ...(coverage ? { uncoveredRespondents: 0 } : {}),
      }),
      hide: nulled,
    },
    minN,
    undefined,
    options?.signal,
  );
  return { ...result, range: readRange(plan.filter, 'month', 'fct_satisfaction') };
}
