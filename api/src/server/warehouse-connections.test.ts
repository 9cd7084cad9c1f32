import { afterEach, describe, expect, it } from 'vitest';
import type { MetricPort } from '../metrics/metric-port.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

/** Seconds of DuckDB work on one connection (a scan of 800 M generated rows). */
const LONG_SQL = 'SELECT count(*) AS n FROM range(800000000) t(i) WHERE i % 7 = 3';

const SLOW = '{ satisfaction(groupBy: [agency]) { rows { ikm } } }';
const QUICK = '{ participation(grain: year) { rows { n } } }';

/**
 * A server whose satisfaction first runs a long statement on the request's snapshot (a slow query
 * from another user); `events` records when that statement ends and when the quick request is answered.
 */
async function server(
  connections: number,
): Promise<{ t: TestServer; events: string[]; started: Promise<void> }> {
  const events: string[] = [];
  let start!: () => void;
  const started = new Promise<void>((resolve) => {
    start = resolve;
  });
  const slowSatisfaction = (m: MetricPort): MetricPort => ({
    ...m,
    satisfaction: async (db, q, o) => {
      const long = db.all(LONG_SQL);
      start();
      await long;
      events.push('long statement done');
      return m.satisfaction(db, q, o);
    },
  });
  const t = await startTestServer(
    { WAREHOUSE_CONNECTIONS: connections, CACHE_MAX_ENTRIES: 0 },
    slowSatisfaction,
  );
  return { t, events, started };
}

/** Sends the slow query, then (once its long statement is queued) the quick one. */
async function race(t: TestServer, events: string[], started: Promise<void>): Promise<void> {
  const slow = gql(t.url, SLOW);
  await started;
  await new Promise((r) => setTimeout(r, 50));
  const quick = gql(t.url, QUICK).then((r) => {
    expect(r.body.errors).toBeUndefined();
    events.push('quick answered');
  });
  const [slowRes] = await Promise.all([slow, quick]);
  expect(slowRes.body.errors).toBeUndefined();
}

describe('WAREHOUSE_CONNECTIONS', () => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('with several connections, a quick query does not wait behind another request’s long statement', async () => {
    const s = await server(2);
    t = s.t;
    await race(t, s.events, s.started);
    expect(s.events).toEqual(['quick answered', 'long statement done']);
  });

  it('with one, it waits (every statement on the snapshot goes through one queue)', async () => {
    const s = await server(1);
    t = s.t;
    await race(t, s.events, s.started);
    expect(s.events).toEqual(['long statement done', 'quick answered']);
  });
});
