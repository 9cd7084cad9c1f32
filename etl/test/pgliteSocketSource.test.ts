import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.ts';
import { runEtl } from '../src/run/runEtl.ts';
import { seedSource } from '../src/run/testing/seedSource.ts';
import { connectSource, type SourceConnection } from '../src/source/connect.ts';
import { migrateSource } from '../src/source/migrate.ts';
import { realPostgresUrl } from '../src/testing/source-targets.ts';

/**
 * Why the kill test with a PGlite source hung: the test served PGlite from its own process and gave
 * the CLI child the socket URL. Behind a URL the source counted as a real server, so the extract
 * opened three REPEATABLE READ transactions sharing an exported snapshot; PGlite is one session
 * underneath, so the workers' BEGIN queued behind the leader's open transaction forever — on the
 * very first extract, killed or not. A PGlite behind a URL is now recognised (version()) and
 * extracted over one connection.
 */
describe('a PGlite source reached through its socket URL', () => {
  let host: SourceConnection;
  let dir: string;
  beforeAll(async () => {
    host = await connectSource({ embeddedDir: 'memory://' });
    await migrateSource(host.knex);
    await seedSource(host.knex);
    dir = await mkdtemp(join(tmpdir(), 'etl-pglite-url-'));
  });
  afterAll(async () => {
    await host?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is treated as embedded and extracts without deadlocking', async () => {
    const remote = await connectSource({ url: host.url });
    try {
      expect(remote.embedded).toBe(true);
      expect(remote.supportsCopyFrom).toBe(false);
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
      const steps = { buildMarts: async () => undefined, runDataTests: async () => [] };
      const result = await runEtl({ env, sources: ['postgres'], connection: remote, steps });
      expect(result.tables.find((t) => t.table === 'employees')).toMatchObject({ read: 3, loaded: 3 });
      for (const t of result.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
    } finally {
      await remote.close();
    }
  }, 60_000);

  const serverUrl = realPostgresUrl();
  it.skipIf(!serverUrl)('a real PostgreSQL server is not', async () => {
    const real = await connectSource({ url: serverUrl });
    try {
      expect(real.embedded).toBe(false);
      expect(real.supportsCopyFrom).toBe(true);
    } finally {
      await real.close();
    }
  });
});
