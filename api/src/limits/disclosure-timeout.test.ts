import { DisclosureAbortedError, suppressionReasons, suppressionReasonsOffThread } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPort } from '../metrics/metric-port.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * A year of months, agencies × tenure bands with many small cells: some hundreds of ms of disclosure
 * control each (as resistance by agency × tenure band per month asks on the demo).
 */
function heavyRows(seed: number): Record<string, unknown>[] {
  let x = seed;
  const random = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const rows: Record<string, unknown>[] = [];
  for (let m = 1; m <= 12; m++) {
    const period = `2024-${String(m).padStart(2, '0')}-01`;
    let total = 0;
    for (let a = 0; a < 8; a++)
      for (const b of ['<5', '5-9', '10-19', '20+']) {
        const n = Math.floor(random() * 12);
        total += n;
        rows.push({ n, period, a: `A${a}`, b, outer: 'x' });
      }
    rows.push({ n: total, period, a: null, b: null, outer: 'x' });
  }
  return rows;
}

const OPTIONS = {
  groupKeys: ['a', 'b'],
  partitionKeys: ['outer'],
  minN: 5,
  periods: { key: 'period', grain: 'month' as const },
};
const SEEDS = Array.from({ length: 16 }, (_, i) => 7 + 2 * i);

/** The heavy work of one request, through the warehouse's path (inline when small, else a worker). */
async function heavy(signal: AbortSignal | undefined): Promise<number> {
  let hidden = 0;
  for (const seed of SEEDS)
    hidden += (await suppressionReasonsOffThread(heavyRows(seed), OPTIONS, signal)).filter(Boolean).length;
  return hidden;
}

interface Run {
  readonly started: number;
  readonly settled: Promise<{ at: number; outcome: unknown }>;
}

/** `resistance` doing the heavy work first with the options' signal (what the API hands a metric). */
function withHeavyResistance(runs: Run[]): (m: MetricPort) => MetricPort {
  return (m) => ({
    ...m,
    resistance: async (db, q, o, what) => {
      const work = heavy(o.signal);
      runs.push({
        started: performance.now(),
        settled: work.then(
          (outcome) => ({ at: performance.now(), outcome }),
          (outcome: unknown) => ({ at: performance.now(), outcome }),
        ),
      });
      await work;
      return m.resistance(db, q, o, what);
    },
  });
}

/** How long the same work takes on the main thread, the way it ran before (ms). */
let inlineMs = 0;
let expectedHidden = 0;
beforeAll(() => {
  const started = performance.now();
  for (const seed of SEEDS)
    expectedHidden += suppressionReasons(heavyRows(seed), OPTIONS).filter(Boolean).length;
  inlineMs = performance.now() - started;
});

describe('heavy disclosure control runs off the event loop, under the operation timeout', () => {
  const runs: Run[] = [];
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ OPERATION_TIMEOUT_MS: 300 }, withHeavyResistance(runs));
  });
  afterAll(() => t?.close());

  it('answers OPERATION_TIMEOUT at about the timeout, and stops the work', async () => {
    expect(inlineMs).toBeGreaterThan(600);
    const started = performance.now();
    const res = await gql(t.url, '{ resistance { minN } }');
    const elapsed = performance.now() - started;
    expect(res.status).toBe(504);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('OPERATION_TIMEOUT');
    // Before: the timer could not fire until the whole solve was over (inlineMs and more).
    expect(elapsed).toBeLessThan(inlineMs / 2);
    expect(runs).toHaveLength(1);
    const { at, outcome } = await runs[0]!.settled;
    expect(outcome).toBeInstanceOf(DisclosureAbortedError);
    // Cancelled when the timeout answered, not run to its end.
    expect(at - started).toBeLessThan(inlineMs / 2);
  });
});

describe('the server keeps answering while a heavy query works', () => {
  const runs: Run[] = [];
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ OPERATION_TIMEOUT_MS: 60_000 }, withHeavyResistance(runs));
  });
  afterAll(() => t?.close());

  it('/healthz answers during a heavy query, which then answers with data', async () => {
    const query = gql(t.url, '{ resistance { minN } }');
    while (runs.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    const health = await fetch(`${t.url}/healthz`);
    const healthMs = performance.now() - started;
    expect(health.status).toBe(200);
    const { at, outcome } = await runs[0]!.settled;
    // /healthz was answered while the work was still going on, not after it.
    expect(started + healthMs).toBeLessThan(at);
    expect(healthMs).toBeLessThan(inlineMs / 4);
    expect(outcome).toBe(expectedHidden);
    const res = await query;
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ resistance: { minN: 5 } });
  });
});
