import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db, listQuarantine, listRunRecords, readCurrent, STG_TABLES } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import type { SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { sourceTargets } from '../testing/source-targets.ts';
import { runEtl } from './runEtl.ts';
import { seedSource } from './testing/seedSource.ts';
import { stagedRows as staged } from './testing/stagedRows.ts';

/**
 * References by a natural key rather than an id (`NATURAL_REFERENCES`): a service type named by a
 * service request or an SKM response, an agency code named by a service level. The marts' data
 * tests check them (relationships_*), so a row naming nothing must be quarantined as
 * UNKNOWN_REFERENCE, or one such row fails every run and nothing is published.
 */
type Row = Record<string, string | null>;

const skm = (id: string, serviceType: string | null): Row => {
  const row: Row = { id, agency_id: '2', service_type: serviceType, surveyed_on: '2024-03-24' };
  for (let i = 1; i <= 9; i++) row[`u${i}`] = '4';
  return row;
};

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

async function stgContent(dir: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const spec of STG_TABLES) {
    const cols = spec.columns.filter((c) => c.name !== '_run_id').map((c) => `"${c.name}"`);
    const rows = await readStg(dir, `select ${cols.join(', ')} from stg.${spec.name}`);
    out[spec.name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

const keyed = async (dir: string, runId: string) =>
  (await listQuarantine(dir, { runId })).rows
    .map((r) => `${r.table}:${JSON.parse(r.raw).id}:${r.reason}`)
    .sort();

for (const target of sourceTargets()) {
  describe(`references by natural key, from ${target.name}`, () => {
    let conn: SourceConnection;
    let dir: string;
    const env = () => readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    beforeAll(async () => {
      conn = await target.open();
      await migrateSource(conn.knex);
      await seedSource(conn.knex);
      dir = await mkdtemp(join(tmpdir(), 'etl-natref-'));
    });
    afterAll(async () => {
      await conn.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('quarantines an SKM response with an unknown service type and a service level with an unknown agency code, and publishes', async () => {
      // The source has no foreign key on either column.
      const k = conn.knex;
      await k('satisfaction_responses').insert({
        id: 2,
        agency_id: 2,
        service_type: 'tidak_ada',
        surveyed_on: '2024-03-24',
        ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`u${i + 1}`, 4])),
      });
      await k('service_levels').insert({
        id: 2,
        service_type: 'uji_layanan',
        name: 'Layanan Uji',
        agency_code: 'NOPE',
        target_days: 3,
      });
      // The real marts and data tests: relationships_fct_satisfaction_service_type__dim_service_type
      // and relationships_dim_service_type_agency_code__dim_agency failed the run before.
      const result = await runEtl({ env: env(), sources: ['postgres'], connection: conn, mode: 'full' });
      expect((await listRunRecords(dir, { limit: 1 }))[0]?.status).toBe('succeeded');
      expect(await keyed(dir, result.runId)).toEqual([
        'satisfaction_responses:2:UNKNOWN_REFERENCE',
        'service_levels:2:UNKNOWN_REFERENCE',
      ]);
      const { rows } = await listQuarantine(dir, { runId: result.runId });
      expect(rows.map((r) => r.detail).sort()).toEqual([
        'agency_code=NOPE is no agencies code',
        'service_type=tidak_ada is no service_levels service_type',
      ]);
      expect(await readStg(dir, 'select id from stg.satisfaction_responses order by id')).toEqual([
        { id: 1 },
      ]);
      expect(await readStg(dir, 'select id from stg.service_levels order by id')).toEqual([{ id: 1 }]);
    });

    it('quarantines the same from a file drop, and loads an SKM response without a service type', async () => {
      const result = await runEtl({
        env: env(),
        sources: [],
        staged: [
          staged('service_levels', [
            { id: '9901', service_type: 'uji_file', name: 'Uji', agency_code: 'NOPE', target_days: '3' },
            { id: '9902', service_type: 'tanpa_instansi', name: 'Tanpa instansi', target_days: '3' },
          ]),
          staged('satisfaction_responses', [
            skm('90001', 'ktp'),
            skm('90002', 'tidak_ada'),
            skm('90003', null),
            skm('90004', 'tanpa_instansi'),
            // Its service level was quarantined in this run.
            skm('90005', 'uji_file'),
          ]),
        ],
      });
      expect(result.mode).toBe('incremental');
      expect((await listRunRecords(dir, { limit: 1 }))[0]?.status).toBe('succeeded');
      expect(await keyed(dir, result.runId)).toEqual([
        'satisfaction_responses:90002:UNKNOWN_REFERENCE',
        'satisfaction_responses:90005:UNKNOWN_REFERENCE',
        'service_levels:9901:UNKNOWN_REFERENCE',
      ]);
      expect(await readStg(dir, 'select id from stg.satisfaction_responses order by id')).toEqual([
        { id: 1 },
        { id: 90001 },
        { id: 90003 },
        { id: 90004 },
      ]);
    });

    it('an incremental run sweeps rows whose agency code or service type went away, as a full run would', async () => {
      const k = conn.knex;
      // The agency's code changes: service level 1 (DISDUKCAPIL) now names no agency, and the requests
      // and responses of its service type (ktp) follow it. Service level 2 gets a valid code.
      await k('agencies').where({ id: 2 }).update({ code: 'DUKCAPIL', updated_at: k.fn.now() });
      await k('service_levels').where({ id: 2 }).update({ agency_code: 'SETDA', updated_at: k.fn.now() });
      const inc = await runEtl({ env: env(), sources: ['postgres'], connection: conn });
      expect(inc.mode).toBe('incremental');
      expect((await listRunRecords(dir, { limit: 1 }))[0]?.status).toBe('succeeded');
      // 9902 is the file drop's, without an agency code.
      expect(await readStg(dir, 'select id from stg.service_levels order by id')).toEqual([
        { id: 2 },
        { id: 9902 },
      ]);
      expect(await readStg(dir, 'select count(*)::int as n from stg.service_requests')).toEqual([{ n: 0 }]);
      // The drop's ktp response left with its service type (a drop row is read once: swept, not
      // quarantined); the one without a service type and the one of 9902 stay.
      expect(await readStg(dir, 'select id from stg.satisfaction_responses order by id')).toEqual([
        { id: 90003 },
        { id: 90004 },
      ]);

      const fullDir = await mkdtemp(join(tmpdir(), 'etl-natref-full-'));
      try {
        const fullEnv = readEnv({ WAREHOUSE_DIR: fullDir, PSEUDONYM_KEY: 'test-key-0123456789' });
        const full = await runEtl({ env: fullEnv, sources: ['postgres'], connection: conn, mode: 'full' });
        const pg = (rows: Record<string, string[]>) =>
          Object.fromEntries(
            Object.entries(rows).map(([t, r]) => [t, r.filter((x) => x.includes('"_source":"postgres"'))]),
          );
        expect(pg(await stgContent(dir))).toEqual(pg(await stgContent(fullDir)));
        const pgKeyed = async (d: string, runId: string) =>
          (await listQuarantine(d, { runId })).rows
            .filter((r) => r.source === 'postgres')
            .map((r) => `${r.table}:${JSON.parse(r.raw).id}:${r.reason}`)
            .sort();
        const reasons = await pgKeyed(fullDir, full.runId);
        expect(reasons).toEqual([
          'satisfaction_responses:1:UNKNOWN_REFERENCE',
          'satisfaction_responses:2:UNKNOWN_REFERENCE',
          'service_levels:1:UNKNOWN_REFERENCE',
          'service_requests:1:UNKNOWN_REFERENCE',
          'service_requests:2:UNKNOWN_REFERENCE',
        ]);
        expect(await pgKeyed(dir, inc.runId)).toEqual(reasons);
      } finally {
        await rm(fullDir, { recursive: true, force: true });
      }
    });
  });
}
