import { buildMetricAggregates, type Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMartRows } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { ROW_METRIC_NAMES, type RowMetricName, warehouseMetrics } from './warehouse-metrics.ts';

interface Hidden {
  readonly suppressed: boolean | null;
  readonly suppressionReason: string | null;
}

const ROW = 'keys { agency tenureBand program serviceType } suppressed suppressionReason';
const FINE = 'groupBy: [agency, tenureBand], grain: month';

/**
 * A query per row metric that reaches its binding (and only it) with a table fine enough for the
 * fixture to hide cells, and where in the answer its rows are. A `Record` over `RowMetricName`: a
 * row metric added to the port without one here fails the typecheck (and the test below at run
 * time, which walks the bindings, not this list).
 */
const QUERIES: Record<RowMetricName, { readonly query: string; readonly rows: (data: Data) => Hidden[] }> = {
  participation: { query: `participation(${FINE}) { rows { ${ROW} } }`, rows: (d) => d.participation.rows },
  invitationFunnel: {
    query: `invitationFunnel(${FINE}) { rows { ${ROW} } }`,
    rows: (d) => d.invitationFunnel.rows,
  },
  // byReason takes one dimension (two would be a three-way table with the reasons).
  resistance: {
    query:
      'resistance(groupBy: [agency], grain: month) { rows { keys { agency } suppressed suppressionReason } byReason { suppressed suppressionReason } }',
    rows: (d) => [...d.resistance.rows, ...d.resistance.byReason],
  },
  completion: {
    query: `programs { outcomes(filter: { agencies: ["BKPSDM"], tenureBands: ["<5"] }) { completion { suppressed suppressionReason } } }`,
    rows: (d) =>
      (d.programs as { outcomes: { completion: Hidden | null } }[])
        .map((p) => p.outcomes.completion)
        .filter((r): r is Hidden => r !== null),
  },
  jpCompliance: {
    query: `jpCompliance(groupBy: [agency, tenureBand]) { rows { ${ROW} } }`,
    rows: (d) => d.jpCompliance.rows,
  },
  reaction: {
    query: `kirkpatrick(${FINE}) { reaction { rows { ${ROW} } } }`,
    rows: (d) => d.kirkpatrick.reaction.rows,
  },
  learning: {
    query: `kirkpatrick(${FINE}) { learning { rows { ${ROW} } } }`,
    rows: (d) => d.kirkpatrick.learning.rows,
  },
  serviceTimes: {
    query: `serviceTimes(groupBy: [agency, serviceType], grain: month) { rows { ${ROW} } }`,
    rows: (d) => d.serviceTimes.rows,
  },
  satisfaction: {
    query: `satisfaction(groupBy: [agency, serviceType], grain: month) { rows { ${ROW} } }`,
    rows: (d) => d.satisfaction.rows,
  },
};

// biome-ignore lint/suspicious/noExplicitAny: each query's answer has its own shape
type Data = any;

/**
 * The fixture's service requests and survey responses come ten to a month, each month of one
 * service type (and its responses of one agency): no small cell by month. Two KK requests and two KK
 * responses in February 2024 make one.
 */
async function smallServiceCells(db: Db): Promise<void> {
  const twice = <T>(row: (i: number) => T) => [row(0), row(1)];
  await insertMartRows(
    db,
    'fct_service_requests',
    twice((i) => ({
      request_id: 1001 + i,
      service_type: 'KK',
      agency_code: 'DISDUKCAPIL',
      handled_by_key: `emp${i * 3}`,
      kelurahan_code: '62.71.01.1000',
      submitted_at: '2024-02-01T02:00:00Z',
      completed_at: '2024-02-04T02:00:00Z',
      submitted_on: '2024-02-01',
      month_start: '2024-02-01',
      year: 2024,
      status: 'completed',
      days: 3,
      target_days: 5,
      sla_met: true,
    })),
  );
  await insertMartRows(
    db,
    'fct_satisfaction',
    twice((i) => ({
      response_id: 1001 + i,
      agency_code: 'BKPSDM',
      service_type: 'KK',
      surveyed_on: '2024-02-05',
      year: 2024,
      ...Object.fromEntries(Array.from({ length: 9 }, (_, u) => [`u${u + 1}`, 4])),
    })),
  );
  await buildMetricAggregates(db);
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({}, (m) => m, smallServiceCells);
});
afterAll(() => t?.close());

describe('row metrics publish no suppression reason (MetricRow.suppressionReason is always null)', () => {
  it('has a query for every row metric of the port, and for nothing else', () => {
    expect(Object.keys(QUERIES).sort()).toEqual([...ROW_METRIC_NAMES].sort());
    const port = Object.keys(warehouseMetrics());
    expect(ROW_METRIC_NAMES.filter((name) => !port.includes(name))).toEqual([]);
  });

  // Each answer has hidden rows (a row shown with a null reason proves nothing), none with a reason.
  it.each(ROW_METRIC_NAMES.map((name) => [name]))('%s: hidden rows, every reason null', async (name) => {
    const spec = QUERIES[name];
    expect(spec, `no query for the row metric ${name}`).toBeDefined();
    const before = t.calls.length;
    const res = await gql<Data>(t.url, `{ ${spec.query} }`, { token: TOKENS.analyst });
    expect(res.body.errors).toBeUndefined();
    expect(t.calls.slice(before).map((c) => c.metric)).toEqual([name]);
    const rows = spec.rows(res.body.data);
    expect(rows.filter((r) => r.suppressed).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.suppressionReason !== null)).toEqual([]);
  });
});
