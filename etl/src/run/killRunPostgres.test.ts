import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listRunRecords, readCurrent } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSource, type SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { realPostgresUrl, sourceTargets } from '../testing/source-targets.ts';
import { seedSource } from './testing/seedSource.ts';
import { withLiveSnapshot } from './testing/warehouseContent.ts';

/**
 * Kill safety with the PostgreSQL source: `npm run etl` in a child process SIGKILLs itself after
 * extract, mid-stg and just before publish. Each time the previous snapshot stays live; the next
 * run succeeds and publishes the change the killed runs had read.
 *
 * Two sources: the embedded PGlite on disk (what `npm start` uses; the child opens the directory
 * itself, exactly as the CLI does without SOURCE_DATABASE_URL) and a real PostgreSQL server when
 * TEST_DATABASE_URL is set. The test process never holds the PGlite directory open while a child
 * runs: PGlite has no inter-process lock (its postmaster.pid says pid -42), so a second process on
 * the same directory reads stale pages — see connect.ts.
 */
const repoRoot = resolve(import.meta.dirname, '../../..');
const cli = join(repoRoot, 'etl/src/cli/etl.ts');
const STAGES = ['extracted', 'mid-stg', 'before-publish'] as const;

function runCli(env: Record<string, string>, killAt?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--source', 'postgres'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PSEUDONYM_KEY: 'test-key-0123456789', ETL_KILL_AT: killAt ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => {
    output += String(c);
  });
  child.stderr.on('data', (c) => {
    output += String(c);
  });
  return new Promise<{ code: number | null; signal: string | null; output: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, output })),
  );
}

const agencyName = (dir: string) =>
  withLiveSnapshot(dir, async (db) => (await db.all('select name from stg.agencies where id = 1'))[0]?.name);

interface KillSource {
  readonly name: string;
  /** Environment for the CLI child (SOURCE_DATABASE_URL, or DATA_DIR for the embedded source). */
  readonly childEnv: Record<string, string>;
  /** Runs `fn` on the source; for PGlite the directory is open only for the duration of the call. */
  withSource(fn: (conn: SourceConnection) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

async function pgliteDirSource(): Promise<KillSource> {
  const dataDir = await mkdtemp(join(tmpdir(), 'etl-kill-pglite-'));
  const withSource = async (fn: (conn: SourceConnection) => Promise<void>) => {
    const conn = await connectSource({ embeddedDir: join(dataDir, 'source') });
    try {
      await fn(conn);
    } finally {
      await conn.close();
    }
  };
  return {
    name: 'embedded PGlite directory',
    childEnv: { DATA_DIR: dataDir, SOURCE_DATABASE_URL: '' },
    withSource,
    close: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function realPostgresSource(): Promise<KillSource | null> {
  const target = sourceTargets().find((t) => t.name === 'postgres');
  if (!target) return null;
  const conn = await target.open();
  return {
    name: 'real PostgreSQL',
    childEnv: { SOURCE_DATABASE_URL: conn.url },
    withSource: (fn) => fn(conn),
    close: () => conn.close(),
  };
}

const hasRealPostgres = realPostgresUrl() !== undefined;
/**
 * Every CLI run costs a process start, and PGlite's WASM start on top: with a real server at hand
 * the three kill points run against it, and PGlite gets the one where most is open (mid-stg).
 */
const cases: [string, () => Promise<KillSource | null>, readonly string[]][] = [
  ['embedded PGlite directory', pgliteDirSource, hasRealPostgres ? ['mid-stg'] : STAGES],
  ...(hasRealPostgres
    ? [
        ['real PostgreSQL', realPostgresSource, STAGES] as [
          string,
          () => Promise<KillSource | null>,
          readonly string[],
        ],
      ]
    : []),
];

for (const [name, open, stages] of cases) {
  describe(`an ETL run from ${name} killed with SIGKILL`, () => {
    let source: KillSource;
    let dir: string;
    beforeAll(async () => {
      const opened = await open();
      if (!opened) throw new Error(`${name}: source not available`);
      source = opened;
      dir = await mkdtemp(join(tmpdir(), 'etl-kill-pg-wh-'));
      await source.withSource(async (conn) => {
        await migrateSource(conn.knex);
        await seedSource(conn.knex);
      });
    });
    afterAll(async () => {
      await source?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it(`at ${stages.join(', ')} leaves the live snapshot, and the next run succeeds`, async () => {
      const env = { ...source.childEnv, WAREHOUSE_DIR: dir };
      const first = await runCli(env);
      expect(first.code, first.output).toBe(0);
      const live = await readCurrent(dir);
      expect(await agencyName(dir)).toBe('Sekretariat Daerah');

      await source.withSource(async (conn) => {
        await conn.knex('agencies').where({ id: 1 }).update({ name: 'Setda baru' });
      });
      for (const stage of stages) {
        const killed = await runCli(env, stage);
        expect(killed.signal, `${stage}: ${killed.output}`).toBe('SIGKILL');
        expect(killed.output).toContain(`— ${stage}`);
        expect((await readCurrent(dir))?.id).toBe(live?.id);
        expect(await agencyName(dir)).toBe('Sekretariat Daerah');
      }

      const ok = await runCli(env);
      expect(ok.code, ok.output).toBe(0);
      expect((await readCurrent(dir))?.id).not.toBe(live?.id);
      expect(await agencyName(dir)).toBe('Setda baru');
      // The CLI summary shows the reconciliation per table.
      expect(ok.output).toContain('agencies: read 1, loaded 1, quarantined 0');
      expect(ok.output).toMatch(
        /table\s*│ read\s*│ loaded\s*│ quarantined\s*│ collapsed\s*│ inserted\s*│ deleted/,
      );
      const runs = await listRunRecords(dir);
      expect(runs.map((r) => r.status)).toEqual(['succeeded', ...stages.map(() => 'failed'), 'succeeded']);
      expect(runs[0]?.tables.find((t) => t.table === 'agencies')).toMatchObject({ read: 1, loaded: 1 });
      for (const r of runs.slice(1, -1)) expect(r.error).toMatch(/interrupted/);
      expect(await readdir(join(dir, 'scratch'))).toEqual([]);
    }, 300_000);
  });
}
