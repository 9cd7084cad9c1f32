import { beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { sourceTargets } from '../testing/source-targets.ts';
import { runEtl } from './runEtl.ts';
import { useSeededSource } from './testing/seededSource.ts';
import { stgContent, stgIds } from './testing/warehouseContent.ts';

const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';

/**
 * Rows an `updated_at` watermark cannot see: a backfill or restore that writes old timestamps, and
 * (on a real server, where two transactions can overlap) a transaction that commits after an
 * extract with a `now()` from before it. The extract reads every row written since the last one's
 * snapshot (`writtenSinceSql`), whatever its timestamp. The key reconcile must find and read them, so that the
 * incremental run still equals a full run on the same source state.
 */
for (const target of sourceTargets()) {
  describe(`rows the watermark misses (${target.name})`, () => {
    const { conn, tempDir } = useSeededSource(target);
    let dir: string;
    let fullDir: string;
    let logs: string[] = [];
    const run = (warehouseDir: string, mode?: 'full') => {
      logs = [];
      return runEtl({
        env: readEnv({ WAREHOUSE_DIR: warehouseDir, PSEUDONYM_KEY: KEY }),
        sources: ['postgres'],
        connection: conn(),
        steps: noMarts,
        ...(mode ? { mode } : {}),
        onProgress: (e) => {
          if (e.kind === 'log') logs.push(e.message);
        },
      });
    };
    const counts = (result: Awaited<ReturnType<typeof run>>, table: string) =>
      result.tables.find((t) => t.table === table);

    // After the seeded source's own beforeAll (hooks run in the order they are registered).
    beforeAll(async () => {
      dir = await tempDir('etl-late-');
      fullDir = await tempDir('etl-late-full-');
      expect((await run(dir)).mode).toBe('full');
    });

    it('reads rows backfilled or restored with an old updated_at, as a full run', async () => {
      const k = conn().knex;
      const old = '2023-06-01T00:00:00Z'; // before every watermark (the seed's rows are of 2024)
      // A backfilled request and employee (the employee through the landing path, pseudonyms and all).
      await k('service_requests').insert({
        id: 3,
        service_unit_agency_id: 2,
        service_type: 'ktp',
        submitted_at: '2023-05-01T00:00:00Z',
        status: 'in_progress',
        updated_at: old,
      });
      await k('employees').insert({
        id: 5,
        nip: '198503152010011005',
        full_name: 'Dewi',
        sex: 'M',
        birth_date: '1985-03-15',
        employment_type: 'PNS',
        appointed_on: '2010-01-01',
        updated_at: old,
      });
      // A restore: an agency's row rewritten with an updated_at far before the watermark (the
      // trigger off). It is new to the source since the last extract all the same.
      await k.raw('alter table agencies disable trigger user');
      await k('agencies').where({ id: 2 }).update({ name: 'Dinas Dukcapil (dipulihkan)', updated_at: old });
      await k.raw('alter table agencies enable trigger user');

      const inc = await run(dir);
      expect(inc.mode).toBe('incremental');
      expect(counts(inc, 'service_requests')).toMatchObject({ read: 1, loaded: 1, deleted: 0 });
      expect(counts(inc, 'employees')).toMatchObject({ read: 1, loaded: 1 });
      expect(counts(inc, 'agencies')).toMatchObject({ read: 1, loaded: 1 });
      expect(await stgIds(dir, 'service_requests')).toContain(3);
      expect(await stgIds(dir, 'employees')).toContain(5);

      expect((await run(fullDir, 'full')).mode).toBe('full');
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));

      // And once read, nothing is read again.
      const again = await run(dir);
      expect(again.tables.every((t) => t.read === 0 && t.deleted === 0)).toBe(true);
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
    });

    // Two overlapping transactions need a real server (PGlite runs one at a time).
    if (target.name === 'postgres')
      it('reads a row whose transaction committed after an extract with a now() from before it', async () => {
        const k = conn().knex;
        // Transaction A changes request 1 (updated_at = A's now()) and stays open; request 2 then
        // changes and commits, so the next extract's watermark passes A's timestamp.
        const trx = await k.transaction();
        try {
          await trx('service_requests').where({ id: 1 }).update({ status: 'cancelled', completed_at: null });
          await new Promise((r) => setTimeout(r, 20));
          await k('service_requests').where({ id: 2 }).update({ status: 'cancelled', completed_at: null });
          const during = await run(dir);
          expect(counts(during, 'service_requests')).toMatchObject({ read: 1, loaded: 1 });
          await trx.commit();
        } catch (error) {
          await trx.rollback();
          throw error;
        }
        const [late] = await k('service_requests').where({ id: 1 }).select('updated_at');
        const watermark = (await run(dir)).record.watermarks.service_requests;
        expect(new Date(late.updated_at).getTime()).toBeLessThan(new Date(String(watermark)).getTime());

        expect((await run(fullDir, 'full')).mode).toBe('full');
        expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
      });

    // A row stamped in the future (a wrong clock, or a typo PostgreSQL accepts: 10000-01-01) set the
    // table's watermark: the year of five digits failed every later incremental run (`invalid
    // watermark`) until a full run, and any such stamp hid from the watermark the rows changed before
    // it (date review of 2026-12-06). The watermark stops at a day after the run's start.
    it('caps the watermark a future updated_at would set at a day after the run start', async () => {
      const k = conn().knex;
      const day = 86_400_000;
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
          updated_at: new Date(Date.now() + 30 * day).toISOString(),
        },
      ]);
      const stamped = await run(dir);
      expect(stamped.mode).toBe('incremental');
      const watermark = String(stamped.record.watermarks.service_requests);
      expect(watermark).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00$/);
      const at = Date.parse(`${watermark.replace(' ', 'T').replace(/\+00$/, '')}Z`);
      expect(at).toBeGreaterThan(Date.now());
      expect(at).toBeLessThanOrEqual(Date.now() + day);
      expect(await stgIds(dir, 'service_requests')).toEqual(expect.arrayContaining([98, 99]));

      // A change stamped now, before both: the next incremental run succeeds, reads it, equals a full run.
      await k('service_requests').where({ id: 1 }).update({ status: 'cancelled', completed_at: null });
      const inc = await run(dir);
      expect(inc.record.status).toBe('succeeded');
      expect(counts(inc, 'service_requests')?.read).toBeGreaterThanOrEqual(1);
      expect((await run(fullDir, 'full')).mode).toBe('full');
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
    });
  });
}
