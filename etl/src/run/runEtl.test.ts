import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db, listQuarantine, listRunRecords, readCurrent } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import type { SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { sourceTargets } from '../testing/source-targets.ts';
import { runEtl } from './runEtl.ts';
import { seedSource } from './testing/seedSource.ts';

const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };

async function readStg(dir: string, sql: string) {
  const current = await readCurrent(dir);
  if (!current) throw new Error('nothing published');
  const db = await Db.open(join(dir, current.file), { mode: 'read-only' });
  try {
    return await db.all(sql);
  } finally {
    await db.close();
  }
}

for (const target of sourceTargets()) {
  describe(`runEtl from ${target.name}`, () => {
    let conn: SourceConnection;
    let dir: string;
    beforeAll(async () => {
      conn = await target.open();
      await migrateSource(conn.knex);
      await seedSource(conn.knex);
      dir = await mkdtemp(join(tmpdir(), 'etl-run-'));
    });
    afterAll(async () => {
      await conn.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('loads every table, reconciles, pseudonymises and publishes', async () => {
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
      const result = await runEtl({ env, sources: ['postgres'], connection: conn, steps: noMarts });
      expect(result.mode).toBe('full');
      for (const t of result.tables) expect(t.read).toBe(t.loaded + t.quarantined);
      expect(result.tables.reduce((s, t) => s + t.quarantined, 0)).toBe(0);
      const employees = await readStg(
        dir,
        'select id, employee_key, birth_year from stg.employees order by id',
      );
      expect(employees).toHaveLength(3);
      expect(employees[0]).toMatchObject({ id: 1, birth_year: 1980 });
      expect(String(employees[0]?.employee_key)).toMatch(/^[0-9a-f]{64}$/);
      // Nothing personal in the published file.
      const current = await readCurrent(dir);
      const bytes = await readFile(join(dir, current?.file ?? ''));
      expect(bytes.includes('198005122005031001')).toBe(false);
      expect(bytes.includes('Budi')).toBe(false);
      const runs = await listRunRecords(dir);
      expect(runs[0]?.status).toBe('succeeded');
      expect((await listQuarantine(dir)).total).toBe(0);
    });
  });
}
