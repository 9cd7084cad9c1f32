import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, TokenStore } from '../auth/token-store.ts';
import { type RunningServer, startServer } from '../server/start-server.ts';
import { fixtureWarehouse } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';

const ADMIN = 'tok-failure-admin';
let warehouse: Awaited<ReturnType<typeof fixtureWarehouse>>;
let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  warehouse = await fixtureWarehouse();
  dataDir = await mkdtemp(join(tmpdir(), 'asn-api-etl-fail-'));
  server = await startServer({
    config: {
      PORT: 0,
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WAREHOUSE_DIR: warehouse.dir,
      LOG_LEVEL: 'silent',
      DASHBOARD_DIR: join(dataDir, 'no-dashboard'),
      SNAPSHOT_POLL_MS: 0,
      ETL_COMMAND: '/nonexistent/etl --x',
    },
    tokens: new TokenStore([{ name: 'ops-admin', role: 'admin', sha256: sha256Hex(ADMIN) }]),
  });
});
afterAll(async () => {
  await server?.close();
  await warehouse?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('refreshWarehouse with an ETL_COMMAND that cannot start', () => {
  it('answers status failed, pid null and the reason, not started', async () => {
    const res = await gql<{ refreshWarehouse: { status: string; pid: number | null; error: string | null } }>(
      server.url,
      'mutation { refreshWarehouse { status pid error } }',
      { token: ADMIN },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.refreshWarehouse.status).toBe('failed');
    expect(res.body.data?.refreshWarehouse.pid).toBeNull();
    expect(res.body.data?.refreshWarehouse.error).toMatch(/^ETL_COMMAND could not be started: .*ENOENT/);
  });
});
