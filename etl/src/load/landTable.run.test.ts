import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine } from '@asn/warehouse';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { withLiveSnapshot } from '../run/testing/warehouseContent.ts';
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
