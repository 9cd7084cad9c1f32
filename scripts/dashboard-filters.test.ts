import { resolve } from 'node:path';
import {
  buildMetricAggregates,
  type Db,
  FILTER_DIMENSIONS,
  invitationFunnel,
  jpCompliance,
  learning,
  MetricInputError,
  type MetricQuery,
  participation,
  reaction,
  resistance,
  satisfaction,
  serviceTimes,
} from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The dashboard sends each chart only the global filters its metric honours (`SUPPORTED_FILTERS`
 * in dashboard/src/state/metric-filter.ts) and names the others as ignored under the chart. Here
 * each list filter goes to each metric as published, on an empty warehouse: a filter the dashboard
 * sends must be answered, one it says the chart ignores must be one the metric refuses
 * (UNSUPPORTED_FILTER), so the dashboard neither drops a filter the metric could apply nor sends
 * one it refuses. (Imported by path: the scripts' typecheck stays out of the dashboard's sources.)
 */
const ROOT = resolve(import.meta.dirname, '..');

type Published = (db: Db, query: MetricQuery) => Promise<unknown>;

/** The published metric (or metrics: Kirkpatrick's L1 and L2 cards) behind each dashboard name. */
const METRICS: Record<string, readonly Published[]> = {
  participation: [participation],
  invitationFunnel: [invitationFunnel],
  resistance: [resistance],
  jpCompliance: [jpCompliance],
  serviceTimes: [serviceTimes],
  satisfaction: [satisfaction],
  kirkpatrick: [reaction, learning],
};

/** What one metric does with a one-value list filter on `field`: answered, or the refusal's reason. */
async function verdict(db: Db, metric: Published, field: string): Promise<string> {
  try {
    await metric(db, { filter: { from: '2024-01-01', to: '2024-12-31', [field]: ['X'] } });
    return 'answered';
  } catch (error) {
    if (error instanceof MetricInputError) return error.reason;
    throw error;
  }
}

describe('the filters the dashboard sends each metric', () => {
  let db: Db;
  let supported: Record<string, readonly string[]>;
  beforeAll(async () => {
    const fixture = (await import(resolve(ROOT, 'warehouse/src/metrics/testing/mart-fixture.ts'))) as {
      openTestMarts: () => Promise<Db>;
    };
    db = await fixture.openTestMarts();
    await buildMetricAggregates(db);
    supported = (
      (await import(resolve(ROOT, 'dashboard/src/state/metric-filter.ts'))) as {
        SUPPORTED_FILTERS: Record<string, readonly string[]>;
      }
    ).SUPPORTED_FILTERS;
  });
  afterAll(() => db?.close());

  it('covers every metric the dashboard filters', () => {
    expect(Object.keys(supported).sort()).toEqual(Object.keys(METRICS).sort());
  });

  it('are those the metric applies, and the ones it says the chart ignores are those the metric refuses', async () => {
    const fields = Object.keys(FILTER_DIMENSIONS);
    const mismatches: string[] = [];
    for (const [name, metrics] of Object.entries(METRICS)) {
      for (const field of fields) {
        const sent = supported[name]?.includes(field) ?? false;
        for (const metric of metrics) {
          const got = await verdict(db, metric, field);
          const expected = sent ? 'answered' : 'UNSUPPORTED_FILTER';
          if (got !== expected)
            mismatches.push(`${name}.${field}: dashboard ${sent ? 'sends' : 'ignores'}, metric ${got}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
