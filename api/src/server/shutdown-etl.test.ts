import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, TokenStore } from '../auth/token-store.ts';
import { fixtureWarehouse } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { type RunningServer, startServer } from './start-server.ts';

/** An ETL stand-in under a shell wrapper that ignores SIGTERM and would run for ever. */
const STUBBORN_ETL = `
import { writeFileSync } from 'node:fs';
process.on('SIGTERM', () => undefined);
writeFileSync(process.env.STUB_PID_FILE, String(process.pid));
setInterval(() => undefined, 1000);
`;
const ADMIN = 'tok-shutdown-admin';
let warehouse: Awaited<ReturnType<typeof fixtureWarehouse>>;
let dir: string;
let server: RunningServer;

beforeAll(async () => {
  warehouse = await fixtureWarehouse();
  dir = await mkdtemp(join(tmpdir(), 'asn-api-shutdown-'));
  await writeFile(join(dir, 'etl.mjs'), STUBBORN_ETL);
  await writeFile(join(dir, 'etl.sh'), `#!/bin/sh\n${process.execPath} ${join(dir, 'etl.mjs')} "$@"\n`);
  await chmod(join(dir, 'etl.sh'), 0o755);
  process.env.STUB_PID_FILE = join(dir, 'etl.pid');
  server = await startServer({
    config: {
      PORT: 0,
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      WAREHOUSE_DIR: warehouse.dir,
      LOG_LEVEL: 'silent',
      DASHBOARD_DIR: join(dir, 'no-dashboard'),
      SNAPSHOT_POLL_MS: 0,
      ETL_COMMAND: join(dir, 'etl.sh'),
    },
    tokens: new TokenStore([{ name: 'ops-admin', role: 'admin', sha256: sha256Hex(ADMIN) }]),
  });
});
afterAll(async () => {
  delete process.env.STUB_PID_FILE;
  await warehouse?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('shutdown with a refreshWarehouse run going', () => {
  it('stops the ETL process group within the grace period instead of waiting for it', async () => {
    const res = await gql<{ refreshWarehouse: { status: string; pid: number } }>(
      server.url,
      'mutation { refreshWarehouse { status pid } }',
      { token: ADMIN },
    );
    expect(res.body.data?.refreshWarehouse.status).toBe('started');
    let etlPid = 0;
    while (!etlPid) {
      etlPid = Number(await readFile(join(dir, 'etl.pid'), 'utf8').catch(() => '0'));
      await new Promise((r) => setTimeout(r, 25));
    }
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(9000);
    expect(() => process.kill(etlPid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  }, 20_000);
});
