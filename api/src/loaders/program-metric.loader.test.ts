import type { Db } from '@asn/warehouse';
import { describe, expect, it } from 'vitest';
import type { MetricFn } from '../metrics/metric-port.ts';
import { programMetricLoader } from './program-metric.loader.ts';

const row = (program: string | null, n: number | null, suppressed: boolean) => ({
  keys: { program },
  period: null,
  isTotal: program === null,
  n,
  pctOfTotal: null,
  suppressed,
  suppressionReason: null,
  rate: n === null ? null : 0.5,
});

const loaderOver = (rows: ReturnType<typeof row>[]) => {
  const metric: MetricFn = async () => ({ rows, minN: 5 });
  return programMetricLoader({} as Db, metric, {}, { minN: 5, jpMinutes: 45 });
};

describe('Program.outcomes rows', () => {
  it('a program without data is null where other programs are shown (a zero the table publishes)', async () => {
    const loader = loaderOver([row('A', 12, false), row('B', null, true), row(null, 30, false)]);
    expect(await loader.loadMany(['A', 'C'])).toEqual([row('A', 12, false), null]);
  });

  it('is hidden, not null, when every program is hidden: its zero would pin the hidden cells', async () => {
    const loader = loaderOver([row('A', null, true), row('B', null, true), row(null, 30, false)]);
    expect(await loader.loadMany(['A', 'C'])).toEqual([
      row('A', null, true),
      {
        keys: { program: 'C' },
        period: null,
        isTotal: false,
        n: null,
        pctOfTotal: null,
        suppressed: true,
        suppressionReason: null,
        rate: null,
      },
    ]);
  });
});
