import type { Db } from '../db/index.ts';
import { quantile } from '../stats/index.ts';
import { agencyScorecard } from './agency-scorecard.metric.ts';
import { completion } from './completion.metric.ts';
import { invitationFunnel } from './invitation-funnel.metric.ts';
import { jpCompliance } from './jp-compliance.metric.ts';
import { learning } from './learning.metric.ts';
import { participation } from './participation.metric.ts';
import { reaction } from './reaction.metric.ts';
import { resistance } from './resistance.metric.ts';
import { satisfaction } from './satisfaction.metric.ts';
import { serviceTimes } from './service-times.metric.ts';

export interface MetricLatency {
  readonly metric: string;
  /** Milliseconds, type-7 quantiles over the timed iterations (after one warm-up call). */
  readonly p50: number;
  readonly p95: number;
}

/**
 * Latency benchmark of every metric on a built warehouse (marts + `buildMetricAggregates`), with
 * the queries a dashboard page sends: the last full year of data by month or quarter, grouped by the
 * page's dimension, comparisons on; the scorecard for every agency. Calls run one at a time, so the
 * numbers are single-query latencies. Budget (issue 4): p50 < 150 ms at scale 10.
 */
export async function benchMetrics(db: Db, options: { iterations?: number } = {}): Promise<MetricLatency[]> {
  const iterations = Math.max(1, options.iterations ?? 20);
  const [span] = await db.all<{ last: number | null }>('SELECT max(year) AS last FROM marts.fct_headcount');
  const year = span?.last ?? new Date().getUTCFullYear();
  const agencies = (
    await db.all<{ agency_code: string }>(
      'SELECT DISTINCT agency_code FROM marts.fct_headcount WHERE year = $year ORDER BY 1',
      { year },
    )
  ).map((r) => r.agency_code);
  const lastYear = { from: `${year}-01-01`, to: `${year}-12-31` };
  const cases: [string, () => Promise<unknown>][] = [
    [
      'participation',
      () => participation(db, { filter: lastYear, grain: 'month', groupBy: ['agency'], compare: true }),
    ],
    [
      'invitationFunnel',
      () => invitationFunnel(db, { filter: lastYear, grain: 'month', groupBy: ['method'] }),
    ],
    ['resistance', () => resistance(db, { filter: lastYear, grain: 'quarter', groupBy: ['tenureBand'] })],
    [
      'completion',
      () => completion(db, { filter: lastYear, grain: 'quarter', groupBy: ['method'], compare: true }),
    ],
    ['jpCompliance', () => jpCompliance(db, { grain: 'year', groupBy: ['agency'] })],
    ['reaction', () => reaction(db, { filter: lastYear, grain: 'quarter', groupBy: ['competencyArea'] })],
    ['learning', () => learning(db, { filter: lastYear, groupBy: ['program'] })],
    [
      'serviceTimes',
      () => serviceTimes(db, { filter: lastYear, grain: 'month', groupBy: ['serviceType'], compare: true }),
    ],
    ['serviceTimes:kelurahan', () => serviceTimes(db, { filter: lastYear, groupBy: ['kelurahan'] })],
    [
      'satisfaction',
      () => satisfaction(db, { filter: lastYear, grain: 'quarter', groupBy: ['agency'], compare: true }),
    ],
    ['agencyScorecard', () => agencyScorecard(db, { agencies, years: [year - 1, year] })],
  ];
  const results: MetricLatency[] = [];
  for (const [metric, run] of cases) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < iterations; i += 1) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    results.push({ metric, p50: quantile(times, 0.5) ?? 0, p95: quantile(times, 0.95) ?? 0 });
  }
  return results;
}
