import type { Db } from '@asn/warehouse';
import DataLoader from 'dataloader';
import type { MetricOptions, MetricPort, Row } from '../metrics/metric-port.ts';

export interface ScorecardKey {
  readonly agency: string;
  readonly year: number;
}

/**
 * agency → scorecard(year): every `Agency.scorecard` in one operation becomes ONE batched
 * `agencyScorecard` call (all agencies × all years asked for), whatever the number of agencies.
 */
export function scorecardLoader(db: Db, metrics: MetricPort, options: MetricOptions) {
  return new DataLoader<ScorecardKey, Row | null, string>(
    async (keys) => {
      const agencies = [...new Set(keys.map((k) => k.agency))];
      const years = [...new Set(keys.map((k) => k.year))];
      const cards = await metrics.agencyScorecard(db, { agencies, years }, options);
      const found = new Map(cards.map((card) => [`${card.year}|${String(card.agency)}`, card]));
      return keys.map((k) => found.get(`${k.year}|${k.agency}`) ?? null);
    },
    { cacheKeyFn: (k) => `${k.year}|${k.agency}` },
  );
}
