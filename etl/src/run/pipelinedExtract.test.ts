import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import type { SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { bucketRanges, differingBuckets } from '../sources/postgres/keyBuckets.ts';
import { sourceTargets } from '../testing/source-targets.ts';
import { runEtl } from './runEtl.ts';
import { seedSource } from './testing/seedSource.ts';
import { stgContent } from './testing/warehouseContent.ts';

const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';
/** Enough service requests for several pages, so that a small chunk size splits the table. */
const REQUESTS = 40_000;

describe('key buckets', () => {
  it('finds the buckets whose summaries differ, on either side', () => {
    const k = (b: number, n: number, s = '1', h = '1') => ({ b, n, s, h });
    expect(differingBuckets([k(0, 3), k(1, 2), k(2, 1)], [k(0, 3), k(1, 2, '2'), k(3, 1)])).toEqual([
      1, 2, 3,
    ]);
    expect(differingBuckets([k(0, 3)], [k(0, 3)])).toEqual([]);
    expect(differingBuckets([k(0, 3)], [k(0, 3, '1', '2')])).toEqual([0]);
  });
  it('merges consecutive buckets into id ranges', () => {
    expect(bucketRanges([3, 1, 2, 7])).toEqual([
      [16384n, 65536n],
      [114688n, 131072n],
    ]);
  });
});

for (const target of sourceTargets()) {
  describe(`pipelined, chunked extract from ${target.name}`, () => {
    let conn: SourceConnection;
    let dir: string;
    let fullDir: string;
    beforeAll(async () => {
      conn = await target.open();
      await migrateSource(conn.knex);
      await seedSource(conn.knex);
      // Ids 1000…: a request every few ids, some with a formula in the free text (quarantined).
      await conn.knex.raw(`insert into service_requests
        (id, service_unit_agency_id, service_type, handled_by, kelurahan_code, submitted_at, completed_at, status, updated_at)
        select 1000 + g * 3, 2, 'ktp', case when g % 2 = 0 then 1 end,
          case when g % 5000 = 17 then '=cmd' else '62.71.01.' || (1000 + g % 50) end,
          timestamptz '2023-01-01 00:00:00+00' + g * interval '7 minutes',
          case when g % 3 = 0 then timestamptz '2023-01-02 00:00:00+00' + g * interval '7 minutes' end,
          case when g % 3 = 0 then 'completed' else 'in_progress' end,
          timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second'
        from generate_series(1, ${REQUESTS}) g`);
      await conn.knex.raw('analyze service_requests');
      dir = await mkdtemp(join(tmpdir(), 'etl-chunks-'));
      fullDir = await mkdtemp(join(tmpdir(), 'etl-chunks-full-'));
    });
    afterAll(async () => {
      await conn?.close();
      await rm(dir, { recursive: true, force: true });
      await rm(fullDir, { recursive: true, force: true });
    });

    it('a run that fails while chunks are still being copied stops the extract and fails cleanly', async () => {
      const failDir = await mkdtemp(join(tmpdir(), 'etl-chunks-fail-'));
      try {
        const env = readEnv({ WAREHOUSE_DIR: failDir, PSEUDONYM_KEY: KEY });
        await expect(
          runEtl({
            env,
            sources: ['postgres'],
            connection: conn,
            steps: noMarts,
            extractChunkRows: 8_000,
            onStage: (stage) => {
              if (stage === 'mid-stg') throw new Error('stop here');
            },
          }),
        ).rejects.toThrow('stop here');
        // The connection is still usable and the next run succeeds.
        const next = await runEtl({ env, sources: ['postgres'], connection: conn, steps: noMarts });
        expect(next.mode).toBe('full');
      } finally {
        await rm(failDir, { recursive: true, force: true });
      }
    });

    it('copies a big table in chunks, quarantines across them, and incremental = full after deletions in several buckets', async () => {
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });
      const logs: string[] = [];
      const first = await runEtl({
        env,
        sources: ['postgres'],
        connection: conn,
        steps: noMarts,
        extractChunkRows: 8_000,
        onProgress: (e) => {
          if (e.kind === 'log') logs.push(e.message);
        },
      });
      expect(logs.some((m) => /^service_requests: copied in [4-9] chunks$/.test(m))).toBe(true);
      const requests = first.tables.find((t) => t.table === 'service_requests');
      expect(requests).toMatchObject({ read: REQUESTS + 2, quarantined: 8, loaded: REQUESTS + 2 - 8 });
      const { rows } = await listQuarantine(dir, { runId: first.runId, limit: 100 });
      expect(rows.filter((r) => r.table === 'service_requests').map((r) => r.reason)).toEqual(
        Array(8).fill('FORMULA_INJECTION'),
      );

      // Deletions in several key buckets (and one in a bucket that also has quarantined rows), an
      // update, and a new row; then incremental must equal a full run on the same source state.
      const k = conn.knex;
      await k.raw(
        'delete from service_requests where id in (1003, 1000 + 3 * 17, 40000, 40003, 90001, 119998)',
      );
      await k.raw(`update service_requests set status = 'completed', completed_at = submitted_at + interval '1 day'
        where id = 60001`);
      await k.raw(`insert into service_requests (id, service_unit_agency_id, service_type, submitted_at, status)
        values (500000, 2, 'ktp', '2024-05-01T00:00:00Z', 'in_progress')`);
      const inc = await runEtl({ env, sources: ['postgres'], connection: conn, steps: noMarts });
      expect(inc.mode).toBe('incremental');
      // The two changed rows, and the seven rows still invalid at the source, which every run
      // validates (and quarantines) again, as a full run does; one of the eight was deleted.
      expect(inc.tables.find((t) => t.table === 'service_requests')).toMatchObject({
        read: 2 + 7,
        loaded: 2,
        quarantined: 7,
        deleted: 5,
      });
      const full = await runEtl({
        env: readEnv({ WAREHOUSE_DIR: fullDir, PSEUDONYM_KEY: KEY }),
        sources: ['postgres'],
        connection: conn,
        steps: noMarts,
        mode: 'full',
        extractChunkRows: 8_000,
      });
      expect(full.tables.find((t) => t.table === 'service_requests')?.read).toBe(REQUESTS + 2 - 6 + 1);
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
      // The same rows quarantined, for the same reasons.
      const quarantined = async (d: string, runId: string) =>
        (await listQuarantine(d, { runId, limit: 100 })).rows
          .filter((r) => r.table === 'service_requests')
          .map((r) => `${JSON.parse(r.raw).id}:${r.reason}`)
          .sort();
      expect(await quarantined(dir, inc.runId)).toEqual(await quarantined(fullDir, full.runId));
      expect(await quarantined(dir, inc.runId)).toHaveLength(7);
    });
  });
}
