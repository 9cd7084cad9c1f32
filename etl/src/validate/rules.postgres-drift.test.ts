import { listQuarantine } from '@asn/warehouse';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { useSeededSource } from '../run/testing/seededSource.ts';
import { stgContent, stgIds, withLiveSnapshot } from '../run/testing/warehouseContent.ts';
import { sourceTargets } from '../testing/source-targets.ts';

/**
 * What a drifted PostgreSQL source lets through (schema-drift review of 2026-12-06): a table whose
 * primary key was dropped repeats an id (DUPLICATE_CONFLICT, every copy; identical rows once), and
 * timestamps PostgreSQL holds that are no event time: ±infinity (BAD_TYPE) and a year after this
 * run or before 1900 (OUT_OF_RANGE). An incremental run ends as a full one.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';

for (const target of sourceTargets()) {
  describe(`a drifted PostgreSQL source (${target.name})`, () => {
    const source = useSeededSource(target);
    const fresh = (name: string) => source.tempDir(`etl-drift-${name}-`);
    const run = (dir: string, mode?: 'full') =>
      runEtl({
        env: readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY }),
        sources: ['postgres'],
        connection: source.conn(),
        steps: noMarts,
        ...(mode ? { mode } : {}),
      });
    const keyed = async (dir: string, runId: string) =>
      (await listQuarantine(dir, { runId, limit: 1000 })).rows
        .map((r) => `${r.table}:${JSON.parse(r.raw).id}:${r.reason}:${r.detail}`)
        .sort();
    it('quarantines every copy of an id repeated at the source and impossible event times, incremental = full', async () => {
      const dir = await fresh('inc');
      const first = await run(dir);
      expect(first.tables.reduce((s, t) => s + t.quarantined, 0)).toBe(0);
      expect(await stgIds(dir, 'training_budgets')).toEqual([1]);

      const k = source.conn().knex;
      // The review's case: budget 1 again, year 2099 with 100× the money (a direct, typed table).
      await k.raw('ALTER TABLE training_budgets DROP CONSTRAINT training_budgets_pkey CASCADE');
      await k.raw(`INSERT INTO training_budgets (id, agency_id, fiscal_year, allocated_idr, realized_idr, updated_at)
        SELECT id, agency_id, 2099, allocated_idr * 100, realized_idr, updated_at FROM training_budgets WHERE id = 1`);
      // An identical copy is the same row: read once, loaded.
      await k.raw('ALTER TABLE program_costs DROP CONSTRAINT program_costs_pkey CASCADE');
      await k.raw('INSERT INTO program_costs SELECT * FROM program_costs WHERE id = 1');
      // A landed table (pseudonyms): a new id written twice with different content.
      await k.raw('ALTER TABLE service_requests DROP CONSTRAINT service_requests_pkey CASCADE');
      const request = {
        id: 3,
        service_unit_agency_id: 2,
        service_type: 'ktp',
        handled_by: 1,
        submitted_at: '2023-08-01T01:00:00Z',
        status: 'in_progress',
      };
      await k('service_requests').insert([request, { ...request, status: 'cancelled' }]);
      // Event times PostgreSQL holds but no event has.
      await k.raw(`UPDATE service_requests SET completed_at = 'infinity' WHERE id = 1`);
      await k.raw(
        `UPDATE service_requests SET completed_at = '294000-01-01 00:00+00', status = 'completed' WHERE id = 2`,
      );
      await k.raw(`UPDATE satisfaction_responses SET surveyed_on = '2999-01-01' WHERE id = 1`);

      const inc = await run(dir);
      expect(inc.mode).toBe('incremental');
      const expected = [
        'program_costs',
        'satisfaction_responses:1:OUT_OF_RANGE',
        'service_requests:1:BAD_TYPE:completed_at=infinity is not a point in time (write a real date and time, or leave it empty)',
        'service_requests:2:OUT_OF_RANGE',
        'service_requests:3:DUPLICATE_CONFLICT:id 3 appears 2 times in PostgreSQL service_requests with different content (it has no primary key on id): every copy is quarantined',
        'service_requests:3:DUPLICATE_CONFLICT:id 3 appears 2 times in PostgreSQL service_requests with different content (it has no primary key on id): every copy is quarantined',
        'training_budgets:1:DUPLICATE_CONFLICT:id 1 appears 2 times in PostgreSQL training_budgets with different content (it has no primary key on id): every copy is quarantined',
        'training_budgets:1:DUPLICATE_CONFLICT:id 1 appears 2 times in PostgreSQL training_budgets with different content (it has no primary key on id): every copy is quarantined',
      ];
      const matches = (rows: string[]) => {
        expect(rows.filter((r) => r.startsWith('program_costs'))).toEqual([]);
        const date = /\(\d{4}-\d{2}-\d{2}\): a time that has not come yet$/;
        expect(rows.find((r) => r.startsWith('service_requests:2:'))).toMatch(
          /^service_requests:2:OUT_OF_RANGE:completed_at 294000-01-01 is after this run /,
        );
        expect(rows.find((r) => r.startsWith('service_requests:2:'))).toMatch(date);
        expect(rows.find((r) => r.startsWith('satisfaction_responses:1:'))).toMatch(
          /^satisfaction_responses:1:OUT_OF_RANGE:surveyed_on 2999-01-01 is after this run /,
        );
        expect(rows.map((r) => r.split(':').slice(0, 3).join(':'))).toEqual(
          expected.slice(1).map((r) => r.split(':').slice(0, 3).join(':')),
        );
        for (const e of expected.slice(1)) if (e.split(':').length > 3) expect(rows).toContain(e);
      };
      const incRows = await keyed(dir, inc.runId);
      matches(incRows);
      for (const t of inc.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      expect(await stgIds(dir, 'training_budgets')).toEqual([]);
      expect(await stgIds(dir, 'program_costs')).toEqual([1]);
      expect(await stgIds(dir, 'service_requests')).toEqual([]);
      expect(await stgIds(dir, 'satisfaction_responses')).toEqual([]);

      // A full run on the same source state: the same stg, the same quarantined rows.
      const fullDir = await fresh('full');
      const full = await run(fullDir, 'full');
      for (const t of full.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      expect(await keyed(fullDir, full.runId)).toEqual(incRows);
      expect(await stgContent(fullDir)).toEqual(await stgContent(dir));
      const byTable = Object.fromEntries(full.tables.map((t) => [t.table, t]));
      expect(byTable.program_costs).toMatchObject({ read: 1, loaded: 1, quarantined: 0 });
      expect(byTable.training_budgets).toMatchObject({ read: 2, loaded: 0, quarantined: 2 });

      // Nothing changed: the next incremental run reads those tables in full again and ends the same.
      const again = await run(dir);
      expect(again.mode).toBe('incremental');
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
      expect((await keyed(dir, again.runId)).filter((r) => r.includes('DUPLICATE_CONFLICT'))).toHaveLength(4);
      // No row with a repeated id reached stg, in either warehouse.
      for (const d of [dir, fullDir]) {
        const dup = await withLiveSnapshot(d, (db) =>
          db.all<{ n: number }>(
            'SELECT count(*) AS n FROM (SELECT id FROM stg.training_budgets GROUP BY id HAVING count(*) > 1)',
          ),
        );
        expect(Number(dup[0]?.n)).toBe(0);
      }
    });

    it('an id with two identical copies and a different one: each distinct copy quarantined once, incremental = full', async () => {
      const k = source.conn().knex;
      await k.raw('ALTER TABLE program_costs DROP CONSTRAINT IF EXISTS program_costs_pkey CASCADE');
      await k('program_costs').insert({ id: 9, offering_id: 1, category: 'venue', amount_idr: 900000 });
      const dir = await fresh('copies');
      await run(dir);
      expect(await stgIds(dir, 'program_costs')).toContain(9);

      // Changed since that run: id 7 twice as (7, X) and once as (7, Y); id 9 deleted at the source.
      const x = {
        id: 7,
        offering_id: 1,
        category: 'trainer',
        amount_idr: 100000,
        updated_at: '2026-01-01T00:00:00Z',
      };
      await k('program_costs').insert([x, x, { ...x, category: 'venue', amount_idr: 200000 }]);
      await k('program_costs').where({ id: 9 }).delete();
      const conflict =
        'program_costs:7:DUPLICATE_CONFLICT:id 7 appears 2 times in PostgreSQL program_costs with different content (it has no primary key on id): every copy is quarantined';
      const costs = (rows: string[]) => rows.filter((r) => r.startsWith('program_costs:'));

      const inc = await run(dir);
      expect(inc.mode).toBe('incremental');
      const incRows = await keyed(dir, inc.runId);
      expect(costs(incRows)).toEqual([conflict, conflict]);
      for (const t of inc.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      const incCosts = inc.tables.find((t) => t.table === 'program_costs');
      expect(incCosts).toMatchObject({ quarantined: 2, deleted: 1 });
      expect(await stgIds(dir, 'program_costs')).toEqual([1]);

      const fullDir = await fresh('copies-full');
      const full = await run(fullDir, 'full');
      expect(full.tables.find((t) => t.table === 'program_costs')).toMatchObject({ quarantined: 2 });
      expect(await keyed(fullDir, full.runId)).toEqual(incRows);
      expect(await stgContent(fullDir)).toEqual(await stgContent(dir));

      // Nothing changed: the next incremental run quarantines the same two copies, no more.
      const again = await run(dir);
      expect(costs(await keyed(dir, again.runId))).toEqual([conflict, conflict]);
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
    });
  });
}
