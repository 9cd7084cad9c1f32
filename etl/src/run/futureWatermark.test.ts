import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import type { SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { sourceTargets } from '../testing/source-targets.ts';
import { runEtl } from './runEtl.ts';
import { seedSource } from './testing/seedSource.ts';
import { stgContent, stgIds } from './testing/warehouseContent.ts';

const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';

/** A stored watermark (`YYYY-MM-DD HH:MM:SS.ffffff+00`, UTC) as epoch milliseconds. */
const epochOf = (w: string) => Date.parse(`${w.replace(' ', 'T').replace(/\+00$/, '')}Z`);

/**
 * A source row stamped in the future: a wrong clock, or a typo PostgreSQL accepts (10000-01-01).
 * Its `updated_at` became the table's watermark: a year of five digits failed every later
 * incremental run (`invalid watermark`) until a full run, and any future stamp hid the rows changed
 * before it from the watermark (date review of 2026-12-06). The watermark is capped at a day after
 * the run's start.
 */
for (const target of sourceTargets()) {
  describe(`a future updated_at at the source (${target.name})`, () => {
    let conn: SourceConnection;
    let dir: string;
    let fullDir: string;
    const run = (warehouseDir: string, mode?: 'full') =>
      runEtl({
        env: readEnv({ WAREHOUSE_DIR: warehouseDir, PSEUDONYM_KEY: KEY }),
        sources: ['postgres'],
        connection: conn,
        steps: noMarts,
        ...(mode ? { mode } : {}),
      });
    const counts = (result: Awaited<ReturnType<typeof run>>, table: string) =>
      result.tables.find((t) => t.table === table);

    beforeAll(async () => {
      conn = await target.open();
      await migrateSource(conn.knex);
      await seedSource(conn.knex);
      dir = await mkdtemp(join(tmpdir(), 'etl-future-'));
      fullDir = await mkdtemp(join(tmpdir(), 'etl-future-full-'));
    });
    afterAll(async () => {
      await conn?.close();
      await rm(dir, { recursive: true, force: true });
      await rm(fullDir, { recursive: true, force: true });
    });

    it('caps the watermark at a day after the run start, and later incremental runs read every change', async () => {
      const k = conn.knex;
      const request = {
        service_unit_agency_id: 2,
        service_type: 'ktp',
        submitted_at: '2024-05-01T00:00:00Z',
      };
      await k('service_requests').insert([
        { id: 99, ...request, status: 'in_progress', updated_at: '10000-01-01 00:00:00+00' },
        {
          id: 98,
          ...request,
          status: 'in_progress',
          updated_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      ]);

      const full = await run(dir, 'full');
      const finished = Date.now();
      expect(full.record.status).toBe('succeeded');
      const watermark = full.record.watermarks?.service_requests ?? '';
      expect(watermark).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00$/);
      // At most a day after the start (the lead the event-time rules allow too).
      expect(epochOf(watermark)).toBeLessThanOrEqual(finished + 86_400_000);
      expect(epochOf(watermark)).toBeGreaterThan(finished);
      expect(await stgIds(dir, 'service_requests')).toEqual(expect.arrayContaining([98, 99]));

      // A change stamped now, before both future stamps: read by the next incremental run, which
      // succeeds (it failed on the stored year 10000) and equals a full run of the same source.
      await k('service_requests').where({ id: 1 }).update({ status: 'cancelled', completed_at: null });
      const inc = await run(dir);
      expect(inc.mode).toBe('incremental');
      expect(inc.record.status).toBe('succeeded');
      expect(counts(inc, 'service_requests')?.read).toBeGreaterThanOrEqual(1);
      expect(epochOf(inc.record.watermarks?.service_requests ?? '')).toBeLessThanOrEqual(
        Date.now() + 86_400_000,
      );
      expect((await run(fullDir, 'full')).mode).toBe('full');
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
    });
  });
}
