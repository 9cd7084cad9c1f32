import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureWarehouse } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { type RunningServer, startServer } from './start-server.ts';

let warehouse: Awaited<ReturnType<typeof fixtureWarehouse>>;
let server: RunningServer;

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
});
