import type { Db } from '../db/index.ts';
import { DisclosureTooComplexError } from '../disclosure/index.ts';
import { krejcieMorganSample } from '../ikm/index.ts';
import type { MetricQuery } from './filter.ts';
import { MetricInputError } from './query/metric-input-error.ts';
import type { MetricOptions } from './query/metric-options.ts';
import type { MetricRow } from './query/metric-row.ts';
import type { SatisfactionOptions, SatisfactionRow } from './satisfaction.metric.ts';
import type { RangedResult, ServiceTimesRow } from './service-times.metric.ts';

/**
 * Whether an IKM rests on as many questionnaires as PermenPANRB 14/2017 asks for: the Krejcie–Morgan
 * sample (`krejcieMorganSample`) of the row's population, its service requests.
 */
export interface IkmSample {
  /**
   * The row's service requests (submitted in its months, to its agencies, for its service types) as
   * `serviceTimes` publishes them for the same query: null where that row is hidden there, and on a
   * row that is not judged (`periodsJudgeable`, `judgeable`: over more than a year, hidden, without
   * questionnaires, or with questionnaires about services without request data).
   */
  readonly population: number | null;
  /** The Krejcie–Morgan sample of `population`; null when the population is null or 0. */
  readonly minimumSample: number | null;
  /** respondents ≥ minimumSample; null without respondents or without a minimum. */
  readonly sampleAdequate: boolean | null;
}

/** A satisfaction row as published: with its sample judged (`withIkmSample`). */
export type SampledSatisfactionRow = Omit<SatisfactionRow, 'uncoveredRespondents'> & IkmSample;

const UNKNOWN: IkmSample = { population: null, minimumSample: null, sampleAdequate: null };

/** The sample of `respondents` questionnaires among `population` requests (either may be unknown). */
export function ikmSample(respondents: number | null, population: number | null): IkmSample {
  if (population === null) return UNKNOWN;
  const minimumSample = krejcieMorganSample(population);
  return {
    population,
    minimumSample,
    sampleAdequate: minimumSample === null || !respondents ? null : respondents >= minimumSample,
  };
}

/** A row's place in its answer: period, total or group, and the values of the query's dimensions. */
export function rowPlace(query: MetricQuery, row: MetricRow<object>): string {
  const keys = row.keys as Readonly<Record<string, unknown>>;
  return JSON.stringify([row.period, row.isTotal, ...(query.groupBy ?? []).map((d) => keys[d] ?? null)]);
}

/**
 * Whether the query's rows cover at most a year each, so that they can be judged: the regulation's
 * population is a survey period's (a year at most), and over several pooled years the minimum stays
 * at most 384 while the questionnaires keep adding up, so a verdict there would say nothing. With a
 * grain, yes; without one, when from and to lie in one calendar year (without a grain a range is
 * whole years); without from or to, the rows cover all the data, taken as several years.
 */
function periodsJudgeable(query: MetricQuery): boolean {
  if (query.grain !== undefined) return true;
  const { from, to } = query.filter ?? {};
  return from !== undefined && to !== undefined && from.slice(0, 4) === to.slice(0, 4);
}

/**
 * Whether a row of a judgeable query can be judged: shown, with questionnaires, every one of them
 * about an agency and service type the service data holds requests of (else part of the sample has
 * no population).
 */
export function judgeable(row: SatisfactionRow): boolean {
  return !row.suppressed && (row.respondents ?? 0) > 0 && (row.uncoveredRespondents ?? 0) === 0;
}

/**
 * Satisfaction with each row's sample judged against its population, read from `requests` (the
 * published service times) for the same query: a row's population is exactly the request count
 * serviceTimes shows for that row, so the population, the minimum and the judgement publish nothing
 * serviceTimes does not (where it hides the count, as a small cell or as a complement, they are
 * null). Both metrics accept the same dimensions, filters and grains over the same months. Only rows
 * that can be judged (`periodsJudgeable`, `judgeable`) get them; when none can, the service times
 * are not read. When serviceTimes refuses the query (too complex to protect, or an input it does
 * not take), no row is judged; other failures (an aborted operation) fail the call.
 */
export function withIkmSample(
  metric: (
    db: Db,
    query: MetricQuery,
    options?: SatisfactionOptions,
  ) => Promise<RangedResult<SatisfactionRow>>,
  requests: (db: Db, query: MetricQuery, options?: MetricOptions) => Promise<RangedResult<ServiceTimesRow>>,
): (db: Db, query: MetricQuery, options?: MetricOptions) => Promise<RangedResult<SampledSatisfactionRow>> {
  return async (db, query, options) => {
    const periods = periodsJudgeable(query);
    const result = await metric(db, query, periods ? { ...options, coverage: true } : options);
    const judged = result.rows.map((r) => periods && judgeable(r));
    let service: RangedResult<ServiceTimesRow> | null = null;
    if (judged.some(Boolean)) {
      service = await requests(db, query, options).catch((error: unknown) => {
        if (error instanceof DisclosureTooComplexError || error instanceof MetricInputError) return null;
        throw error;
      });
    }
    const population = new Map<string, number | null>();
    for (const r of service?.rows ?? []) {
      population.set(rowPlace(query, r), r.suppressed ? null : r.requests);
    }
    return {
      ...result,
      rows: result.rows.map(({ uncoveredRespondents: _, ...r }, i) => ({
        ...r,
        ...(judged[i] ? ikmSample(r.respondents, population.get(rowPlace(query, r)) ?? null) : UNKNOWN),
      })),
    };
  };
}
