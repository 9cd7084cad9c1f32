import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureWarehouse } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { ListenError, type RunningServer, startServer } from './start-server.ts';

let warehouse: Awaited<ReturnType<typeof fixtureWarehouse>>;
let server: RunningServer;
/** Warehouse queries of each operation, in order. */
const queries: number[] = [];

beforeAll(async () => {
  warehouse = await fixtureWarehouse();
  server = await startServer({
    config: {
      PORT: 0,
      HOST: '127.0.0.1',
      WAREHOUSE_DIR: warehouse.dir,
      LOG_LEVEL: 'silent',
      DASHBOARD_DIR: `${warehouse.dir}/no-dashboard`,
    },
    onOperationDone: (info) => queries.push(info.queries),
  });
});
afterAll(async () => {
  await server?.close();
  await warehouse?.cleanup();
});

describe('GraphQL over HTTP on a fixture snapshot', () => {
  it('answers snapshot, agencies and a metric', async () => {
    const res = await gql(
      server.url,
      `{
      snapshot { id runId rowCounts { table rows } }
      agencies { code name }
      participation(groupBy: [agency], grain: year) { minN rows { keys { agency } period n rate suppressed } }
    }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    const data = res.body.data as {
      snapshot: { id: string };
      agencies: { code: string }[];
      participation: { rows: unknown[] };
    };
    expect(data.snapshot.id).toBe(warehouse.snapshot.id);
    expect(data.agencies.map((a) => a.code)).toEqual(['BKPSDM', 'DINKES', 'DISDUKCAPIL']);
    expect(data.participation.rows.length).toBeGreaterThan(0);
  });

  it('reads watermarks, row counts, years and coverage only when asked', async () => {
    const ask = async (query: string) => {
      const res = await gql(server.url, query);
      expect(res.body.errors).toBeUndefined();
      return { data: res.body.data as { snapshot: Record<string, unknown> }, queries: queries.at(-1) };
    };
    const header = await ask('{ snapshot { id publishedAt mode basedOn runId } }');
    expect(header.data.snapshot.id).toBe(warehouse.snapshot.id);
    expect(header.queries).toBe(0);
    const years = await ask('{ snapshot { years { first last } } }');
    expect(years.queries).toBe(1);
    const detail = await ask(
      '{ snapshot { years { first last } rowCounts { table rows } watermarks { table } } }',
    );
    expect(detail.queries).toBeGreaterThanOrEqual(3);
    expect(detail.data.snapshot.years).toEqual({ first: 2023, last: 2024 });
    expect(
      (detail.data.snapshot.rowCounts as { table: string; rows: number }[]).find(
        (r) => r.table === 'fct_headcount',
      )?.rows,
    ).toBeGreaterThan(0);
    const coverage = await ask('{ snapshot { coverage { fact grain first last rows } } }');
    expect(coverage.queries).toBe(1);
    const facts = coverage.data.snapshot.coverage as {
      fact: string;
      grain: string;
      first: string;
      last: string;
      rows: number;
    }[];
    const requests = facts.find((f) => f.fact === 'fct_service_requests');
    expect(requests).toMatchObject({ grain: 'day', first: expect.stringMatching(/^2023-/) });
    expect(requests!.last >= requests!.first).toBe(true);
    expect(requests!.rows).toBeGreaterThan(0);
    expect(facts.find((f) => f.fact === 'fct_headcount')).toMatchObject({
      grain: 'year',
      first: '2023-01-01',
      last: '2024-12-31',
    });
  });
});

describe('listening', () => {
  it('says what to do when the port is taken, and leaves the running server alone', async () => {
    const port = Number(new URL(server.url).port);
    const second = startServer({
      config: {
        PORT: port,
        HOST: '127.0.0.1',
        WAREHOUSE_DIR: warehouse.dir,
        LOG_LEVEL: 'silent',
        DASHBOARD_DIR: `${warehouse.dir}/no-dashboard`,
      },
    });
    await expect(second).rejects.toBeInstanceOf(ListenError);
    await expect(second).rejects.toMatchObject({
      code: 'EADDRINUSE',
      message: `port ${port} is already in use on 127.0.0.1 (is another server running?): stop it, or set PORT to a free port`,
    });
    const res = await gql(server.url, '{ snapshot { id } }');
    expect(res.body.errors).toBeUndefined();
  });
});
