import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine } from '@asn/warehouse';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { useSeededSource } from '../run/testing/seededSource.ts';
import { withLiveSnapshot } from '../run/testing/warehouseContent.ts';
import { sourceTargets } from '../testing/source-targets.ts';
import { MAX_LINE_BYTES } from './landTable.ts';

const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const MB = 1_000_000;

describe('runEtl over a drop with very long values', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('loads a 3 MB value, quarantines a row too long to land, and reconciles (it used to abort the run)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'etl-long-'));
    const drops = await mkdtemp(join(tmpdir(), 'etl-long-drops-'));
    dirs.push(dir, drops);
    await writeFile(
      join(drops, 'agencies.csv'),
      [
        'id,code,name,kind,valid_from',
        '1,SETDA,Setda,sekretariat,2020-01-01',
        `2,DINKES,${'n'.repeat(3 * MB)},dinas,2020-01-01`,
        `3,BAPPEDA,${'n'.repeat(9 * MB)},badan,2020-01-01`,
        '4,DISDIK,Dinas Pendidikan,dinas,2020-01-01',
        '',
      ].join('\n'),
    );
    const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    const run = await runEtl({ env, sources: ['files'], filesDir: drops, steps: noMarts });

    const counts = run.tables.find((t) => t.table === 'agencies');
    expect(counts).toMatchObject({ read: 4, loaded: 3, quarantined: 1 });
    const { rows } = await listQuarantine(dir, { runId: run.runId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'files:agencies.csv', row_number: 4, reason: 'MALFORMED_ROW' });
    expect(rows[0]?.detail).toMatch(
      new RegExp(
        `^row too long to load: .* over the limit of ${MAX_LINE_BYTES}; the value of name is ${9 * MB} bytes`,
      ),
    );
    expect(rows[0]?.raw.length).toBeLessThan(2100);

    const loaded = await withLiveSnapshot(dir, (db) =>
      db.all('SELECT id, strlen(name) AS bytes FROM stg.agencies ORDER BY id'),
    );
    expect(loaded).toEqual([
      { id: 1, bytes: 5 },
      { id: 2, bytes: 3 * MB },
      { id: 4, bytes: 16 },
    ]);
  });
});

/**
 * PostgreSQL writes a BC date as `0044-03-15 BC`, and DuckDB's date cast drops the era: 44 BC loaded
 * as AD 44 (review of 2026-12-06). The domain has no BC dates: BAD_TYPE, as a BC timestamp is, on
 * the typed path of a full run (offerings: it must fail over to the text path), the landing path
 * (agencies) and the text path of an incremental run.
 */
for (const target of sourceTargets()) {
  describe(`runEtl over BC dates at the source (${target.name})`, () => {
    const source = useSeededSource(target);
    const run = (dir: string) =>
      runEtl({
        env: readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' }),
        sources: ['postgres'],
        connection: source.conn(),
        steps: noMarts,
      });
    const quarantined = async (dir: string, runId: string) =>
      (await listQuarantine(dir, { runId, limit: 100 })).rows
        .filter((r) => r.reason === 'BAD_TYPE')
        .map((r) => `${r.table}:${JSON.parse(r.raw).id}:${r.detail}`)
        .sort();
    const notADate = (what: string) => `${what} is not a date (write YYYY-MM-DD, e.g. 2024-01-31)`;
    const held = (dir: string, table: string, ids: readonly number[]) =>
      withLiveSnapshot(dir, (db) => db.all(`SELECT id FROM stg.${table} WHERE id IN (${ids.join(', ')})`));

    it('quarantines them as BAD_TYPE, in a full and an incremental run', async () => {
      const k = source.conn().knex;
      const ts = '2024-01-01T00:00:00Z';
      await k('agencies').insert({
        id: 5,
        code: 'BC',
        name: 'BC',
        kind: 'badan',
        valid_from: '0044-03-15 BC',
        updated_at: ts,
      });
      await k('offerings').insert({
        id: 50,
        program_id: 1,
        organizer_agency_id: 1,
        starts_on: '0044-03-15 BC',
        ends_on: '2023-03-03',
        capacity: 30,
        updated_at: ts,
      });
      const dir = await source.tempDir('etl-bc-');
      const full = await run(dir);
      expect(full.mode).toBe('full');
      expect(await quarantined(dir, full.runId)).toEqual([
        `agencies:5:${notADate('valid_from=0044-03-15 BC')}`,
        `offerings:50:${notADate('starts_on=0044-03-15 BC')}`,
      ]);
      expect(await held(dir, 'agencies', [5])).toEqual([]);
      expect(await held(dir, 'offerings', [50])).toEqual([]);

      // A loaded offering changed to a BC date: read by the incremental run, refused the same way.
      await k('offerings').where({ id: 1 }).update({ starts_on: '2023-03-01 BC' });
      const inc = await run(dir);
      expect(inc.mode).toBe('incremental');
      expect(await quarantined(dir, inc.runId)).toEqual(
        expect.arrayContaining([`offerings:1:${notADate('starts_on=2023-03-01 BC')}`]),
      );
      expect(await held(dir, 'offerings', [1, 50])).toEqual([]);
    });
  });
}
