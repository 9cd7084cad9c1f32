import type { Db } from '@asn/warehouse';
import DataLoader from 'dataloader';
import type { MetricOptions, MetricPort, Row } from '../metrics/metric-port.ts';

export interface ScorecardKey {
  readonly agency: string;
  readonly year: number;
}

/**
 * agency → scorecard(year): every `Agency.scorecard` in one operation becomes ONE batched
 * `agencyScorecard` call per distinct year, whatever the number of agencies.
 */
export function scorecardLoader(db: Db, metrics: MetricPort, options: MetricOptions) {
  return new DataLoader<ScorecardKey, Row | null, string>(
    async (keys) => {
      const byYear = new Map<number, string[]>();
      for (const k of keys) byYear.set(k.year, [...(byYear.get(k.year) ?? []), k.agency]);
      const found = new Map<string, Row>();
      for (const [year, agencies] of byYear) {
        const cards = await metrics.agencyScorecard(db, { year, agencies: [...new Set(agencies)] }, options);
        for (const card of cards) found.set(`${year}|${String(card.agency)}`, card);
      }
      return keys.map((k) => found.get(`${k.year}|${k.agency}`) ?? null);
    },
    { cacheKeyFn: (k) => `${k.year}|${k.agency}` },
  );
}
