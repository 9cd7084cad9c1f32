import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, TokenStore } from '../auth/token-store.ts';
import { type RunningServer, startServer } from '../server/start-server.ts';
import { fixtureWarehouse } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';

/**
 * refreshWarehouse end to end: the server runs the REAL ETL CLI (etl/src/cli/etl.ts) as a child
 * process over a tiny CSV file drop (no database needed), the run publishes a new snapshot into
 * the server's warehouse, and the server moves to it. The child gets the server's DATA_DIR and
 * WAREHOUSE_DIR (absolute) from createApi, not from this process's environment.
 */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const ADMIN = 'tok-e2e-admin';

let warehouse: Awaited<ReturnType<typeof fixtureWarehouse>>;
let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  // The drop below is test data: the demo PSEUDONYM_KEY is refused for file drops otherwise. The
  // child inherits this process's environment (childProcessEnv).
  process.env.ALLOW_DEMO_PSEUDONYM_KEY = 'true';
  warehouse = await fixtureWarehouse();
  dataDir = await mkdtemp(join(tmpdir(), 'asn-api-etl-'));
  const drop = join(dataDir, 'drop');
  await mkdir(drop);
  await writeFile(
    join(drop, 'agencies.csv'),
    'id,code,name,kind,parent_id,valid_from,valid_to\r\n1,SETDA,Sekretariat Daerah,sekretariat,,2020-01-01,\r\n2,DUK,Disdukcapil,dinas,1,2020-01-01,\r\n',
  );
  await writeFile(
    join(drop, 'programs.csv'),
    'id,code,title,competency_area,method,jp\r\n1,PLY,Pelayanan Prima,technical,workshop,24\r\n',
  );
  server = await startServer({
    config: {
      PORT: 0,
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WAREHOUSE_DIR: warehouse.dir,
      LOG_LEVEL: 'silent',
      DASHBOARD_DIR: join(dataDir, 'no-dashboard'),
      // No poll: the move to the new snapshot below comes from the launcher's exit hook.
      SNAPSHOT_POLL_MS: 0,
      ETL_COMMAND: `${TSX} etl/src/cli/etl.ts --source files --files ${drop}`,
    },
    tokens: new TokenStore([{ name: 'admin', role: 'admin', sha256: sha256Hex(ADMIN) }]),
  });
});
afterAll(async () => {
  delete process.env.ALLOW_DEMO_PSEUDONYM_KEY;
  await server?.close();
  await warehouse?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Run {
  runId: string;
  status: string;
  mode: string;
  sources: string[];
  snapshotId: string | null;
  error: string | null;
}

describe('refreshWarehouse with the real ETL in a child process', () => {
  it('starts a run that succeeds, publishes a new snapshot, and the server serves it', async () => {
    const before = await gql<{ snapshot: { id: string } }>(server.url, '{ snapshot { id } }');
    const oldId = before.body.data?.snapshot.id;
    expect(oldId).toBe(warehouse.snapshot.id);

    const launch = await gql<{ refreshWarehouse: { status: string; mode: string; pid: number | null } }>(
      server.url,
      'mutation { refreshWarehouse(full: true) { launchId status mode pid startedAt } }',
      { token: ADMIN },
    );
    expect(launch.body.errors).toBeUndefined();
    expect(launch.body.data?.refreshWarehouse).toMatchObject({ status: 'started', mode: 'full' });
    expect(launch.body.data?.refreshWarehouse.pid).toBeGreaterThan(0);

    // Without any request (and with no poll), the server moves to the run's snapshot once it exits.
    const moved = Date.now() + 55_000;
    while (server.api.reader.current?.id === oldId && Date.now() < moved)
      await new Promise((r) => setTimeout(r, 100));
    expect(server.api.reader.current?.id).not.toBe(oldId);

    const deadline = Date.now() + 55_000;
    let run: Run | undefined;
    let snapshotId = oldId;
    while (Date.now() < deadline) {
      const res = await gql<{ etlRuns: { items: Run[] }; snapshot: { id: string } }>(
        server.url,
        '{ snapshot { id } etlRuns(page: { limit: 5 }) { items { runId status mode sources snapshotId error } } }',
        { token: ADMIN },
      );
      expect(res.body.errors).toBeUndefined();
      run = res.body.data?.etlRuns.items[0];
      snapshotId = res.body.data?.snapshot.id;
      if (run?.status === 'failed') break;
      if (run?.status === 'succeeded' && snapshotId !== oldId) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(run?.error ?? null).toBeNull();
    expect(run).toMatchObject({ status: 'succeeded', mode: 'full', sources: ['files'] });
    expect(snapshotId).not.toBe(oldId);
    expect(run?.snapshotId).toBe(snapshotId);

    // The new snapshot is the file drop's, not the fixture's.
    const after = await gql<{ agencies: { code: string; name: string }[]; programs: { code: string }[] }>(
      server.url,
      '{ agencies { code name } programs { code } }',
    );
    expect(after.body.data?.agencies).toEqual([
      { code: 'DUK', name: 'Disdukcapil' },
      { code: 'SETDA', name: 'Sekretariat Daerah' },
    ]);
    expect(after.body.data?.programs).toEqual([{ code: 'PLY' }]);
  }, 60_000);
});
