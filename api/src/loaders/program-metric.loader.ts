import type { Db, MetricFilter } from '@asn/warehouse';
import DataLoader from 'dataloader';
import type { MetricFn, MetricOptions, Row } from '../metrics/metric-port.ts';

/**
 * program → one metric's row for that program: all programs asked for in one tick become ONE
 * metric call grouped by program and filtered to exactly those programs.
 */
export function programMetricLoader(db: Db, metric: MetricFn, filter: MetricFilter, options: MetricOptions) {
  return new DataLoader<string, Row | null>(async (programs) => {
    const result = await metric(
      db,
      { filter: { ...filter, programs: [...programs] }, groupBy: ['program'] },
      options,
    );
    const byProgram = new Map<string, Row>();
    for (const row of result.rows) {
      const code = row.keys.program;
      if (!row.isTotal && typeof code === 'string') byProgram.set(code, row);
    }
    return programs.map((p) => byProgram.get(p) ?? null);
  });
}
