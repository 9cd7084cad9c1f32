import { listQuarantine, quarantineCounts } from '@asn/warehouse';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { connectSource } from '../source/connect.ts';
import { runEtl } from './runEtl.ts';
import { writeDrops } from './testing/dropFiles.ts';
import { useSeededSource } from './testing/seededSource.ts';
import { stgContent, stgIds } from './testing/warehouseContent.ts';

const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';
const AGENCY_HEADER = ['id', 'code', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to'];

/**
 * A file-drop row whose parent leaves the warehouse (deleted at the source, or quarantined) is
 * removed by the orphan sweeps, and nothing reads it again: the warehouse keeps no drop file. A
 * review of 2026-12-05 found such rows gone without a trace (a drop agency under a PostgreSQL
 * agency quarantined for a formula), and a drop agency kept under a drop parent its new version
 * quarantined, by incremental runs and carried by full ones. They are quarantined now, as stored
 * rows, and full and incremental runs end alike.
 */
describe('file-drop rows whose parent is gone are quarantined, never dropped without a word', () => {
  // An in-memory PGlite source only: this block does not run against a real server.
  const { conn, tempDir } = useSeededSource({
    name: 'pglite',
    open: () => connectSource({ embeddedDir: 'memory://' }),
  });
  const run = (dir: string, sources: ('postgres' | 'files')[], filesDir?: string, mode?: 'full') =>
    runEtl({
      env: readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY }),
      sources,
      connection: conn(),
      steps: noMarts,
      ...(filesDir ? { filesDir } : {}),
      ...(mode ? { mode } : {}),
    });
  const quarantinedOf = async (dir: string, runId: string) =>
    (await listQuarantine(dir, { runId, limit: 1000 })).rows.map((r) => ({
      table: r.table,
      reason: r.reason,
      id: (JSON.parse(r.raw) as { id?: number | string }).id,
    }));

  it('a drop agency under a PostgreSQL agency that is now quarantined', async () => {
    const dir = await tempDir('etl-swept-pg-');
    const drops = await tempDir('etl-swept-pg-drops-');
    await writeDrops(drops, 'csv', {
      agencies: {
        header: AGENCY_HEADER,
        rows: [['9131', 'KEL-CH3', 'Anak Setda', 'kelurahan', '1', '2020-01-01', null]],
      },
    });
    await run(dir, ['postgres', 'files'], drops, 'full');
    expect(await stgIds(dir, 'agencies')).toContain(9131);

    await conn().knex('agencies').where({ id: 1 }).update({ name: '=x', updated_at: new Date() });
    const second = await run(dir, ['postgres']).finally(() =>
      conn().knex('agencies').where({ id: 1 }).update({ name: 'Sekretariat Daerah', updated_at: new Date() }),
    );
    expect(await stgIds(dir, 'agencies')).not.toContain(9131);
    const q = await quarantinedOf(dir, second.runId);
    expect(q).toContainEqual({ table: 'agencies', reason: 'FORMULA_INJECTION', id: '1' });
    // The drop row, as stg held it: its id is a number there.
    expect(q).toContainEqual({ table: 'agencies', reason: 'UNKNOWN_REFERENCE', id: 9131 });
    expect(await quarantineCounts(dir, { runId: second.runId })).toContainEqual(
      expect.objectContaining({
        table: 'agencies',
        source: 'files:agencies.csv',
        reason: 'UNKNOWN_REFERENCE',
        rows: 1,
      }),
    );
  });

  it('a drop agency under a drop agency its new version quarantined: incremental and full runs agree', async () => {
    const dir = await tempDir('etl-swept-self-');
    const first = await tempDir('etl-swept-self-a-');
    const second = await tempDir('etl-swept-self-b-');
    await writeDrops(first, 'csv', {
      agencies: {
        header: AGENCY_HEADER,
        rows: [
          ['9101', 'KEL-UJI', 'Kelurahan Uji', 'kelurahan', '1', '2020-01-01', null],
          ['9109', 'KEL-ANAK', 'Anak Uji', 'kelurahan', '9101', '2020-01-01', null],
        ],
      },
    });
    await writeDrops(second, 'csv', {
      agencies: {
        header: AGENCY_HEADER,
        rows: [['9101', 'KEL-UJI', 'Kelurahan Uji v2', 'ministry', '1', '2020-01-01', null]],
      },
    });
    await run(dir, ['postgres', 'files'], first, 'full');
    expect(await stgIds(dir, 'agencies')).toEqual(expect.arrayContaining([9101, 9109]));

    const incremental = await run(dir, ['files'], second);
    const ids = await stgIds(dir, 'agencies');
    expect(ids).not.toContain(9101);
    expect(ids).not.toContain(9109);
    const q = await quarantinedOf(dir, incremental.runId);
    expect(q).toContainEqual({ table: 'agencies', reason: 'NOT_ACCEPTED_VALUE', id: '9101' });
    expect(q).toContainEqual({ table: 'agencies', reason: 'UNKNOWN_REFERENCE', id: 9109 });
    const afterIncremental = await stgContent(dir);

    // A full run from the same state carries the drop rows and ends where the incremental one did.
    await run(dir, ['postgres'], undefined, 'full');
    expect(await stgContent(dir)).toEqual(afterIncremental);

    // The same drop as a full run's: it quarantines and counts the carried 9109 alike.
    const fullDir = await tempDir('etl-swept-self-full-');
    await run(fullDir, ['postgres', 'files'], first, 'full');
    const full = await run(fullDir, ['postgres', 'files'], second, 'full');
    expect(await quarantinedOf(fullDir, full.runId)).toContainEqual({
      table: 'agencies',
      reason: 'UNKNOWN_REFERENCE',
      id: 9109,
    });
    expect(full.tables.find((t) => t.table === 'agencies')?.deleted).toBe(1);
    expect(await stgContent(fullDir)).toEqual(afterIncremental);
  });

  it('a stored drop enrollment whose key a PostgreSQL enrollment comes to hold is removed and quarantined', async () => {
    // Enrollment 1 (offering 1, employee 1) is quarantined at the source (completed before its
    // offering starts); a drop row then takes its key, which no row in stg holds. When the source
    // row is fixed, the source's row wins (a review of 2026-12-05, revEtl2: both were kept, the
    // JP counted twice).
    const dir = await tempDir('etl-evict-');
    const drops = await tempDir('etl-evict-drops-');
    await writeDrops(drops, 'csv', {
      enrollments: {
        header: ['id', 'offering_id', 'employee_id', 'status', 'jp_earned', 'completed_at'],
        rows: [['9451', '1', '1', 'completed', '6', '2023-03-03 15:00']],
      },
    });
    const fixed = '2023-03-03T09:00:00Z';
    try {
      await conn()
        .knex('enrollments')
        .where({ id: 1 })
        .update({ completed_at: '2020-01-01T10:00:00Z', updated_at: new Date() });
      await run(dir, ['postgres'], undefined, 'full');
      expect(await stgIds(dir, 'enrollments')).not.toContain(1);
      await run(dir, ['files'], drops);
      expect(await stgIds(dir, 'enrollments')).toContain(9451);

      await conn()
        .knex('enrollments')
        .where({ id: 1 })
        .update({ completed_at: fixed, updated_at: new Date() });
      const back = await run(dir, ['postgres']);
      const ids = await stgIds(dir, 'enrollments');
      expect(ids).toContain(1);
      expect(ids).not.toContain(9451);
      expect(await quarantinedOf(dir, back.runId)).toContainEqual({
        table: 'enrollments',
        reason: 'DUPLICATE_CONFLICT',
        id: 9451,
      });
      expect(back.tables.find((t) => t.table === 'enrollments')?.deleted).toBe(1);
      const afterIncremental = await stgContent(dir);
      await run(dir, ['postgres'], undefined, 'full');
      expect(await stgContent(dir)).toEqual(afterIncremental);
    } finally {
      await conn()
        .knex('enrollments')
        .where({ id: 1 })
        .update({ completed_at: fixed, updated_at: new Date() });
    }
  });
});
