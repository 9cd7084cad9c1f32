import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db, listQuarantine, readCurrent, STG_TABLES } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import type { SourceConnection } from '../source/connect.ts';
import { connectSource } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { runEtl } from './runEtl.ts';
import { seedSource } from './testing/seedSource.ts';
import { stagedRows as staged } from './testing/stagedRows.ts';

/**
 * A file-drop row refused because its id is a PostgreSQL row ("the PostgreSQL row is kept") must
 * leave that row in stg: a files-only run does not read PostgreSQL again, so deleting the key
 * (as for any key that arrived) lost the kept row and, in the marts, its dependants.
 */
type Row = Record<string, string | null>;
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };

async function stgContent(dir: string): Promise<Record<string, string[]>> {
  const current = await readCurrent(dir);
  if (!current) throw new Error('nothing published');
  const db = await Db.open(join(dir, current.file), { mode: 'read-only' });
  try {
    const out: Record<string, string[]> = {};
    for (const spec of STG_TABLES) {
      const cols = spec.columns.filter((c) => c.name !== '_run_id').map((c) => `"${c.name}"`);
      const rows = await db.all(`select ${cols.join(', ')} from stg.${spec.name}`);
      out[spec.name] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  } finally {
    await db.close();
  }
}

describe('a files-only run keeps the PostgreSQL row a refused drop row conflicts with', () => {
  let conn: SourceConnection;
  let dir: string;
  const env = () => readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
  beforeAll(async () => {
    conn = await connectSource({ embeddedDir: 'memory://' });
    await migrateSource(conn.knex);
    await seedSource(conn.knex);
    dir = await mkdtemp(join(tmpdir(), 'etl-dropconflict-'));
    await runEtl({ env: env(), sources: ['postgres'], connection: conn, steps: noMarts, mode: 'full' });
  });
  afterAll(async () => {
    await conn.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps agency 1 (and its dependants) when a drop row with id 1 is DUPLICATE_CONFLICT or has another fault', async () => {
    const before = await stgContent(dir);
    const agency = (id: string, extra: Row = {}): Row => ({
      id,
      code: 'SETDA',
      name: 'Sekretariat Daerah',
      kind: 'sekretariat',
      valid_from: '2020-01-01',
      ...extra,
    });
    const result = await runEtl({
      env: env(),
      sources: [],
      staged: [
        staged('agencies', [
          // /tmp/revK/c1: the PostgreSQL row with another name.
          agency('1', { name: 'Sekretariat Daerah Diubah' }),
          // PostgreSQL's agency 2, with a fault of its own (checked before the conflict).
          agency('2', { code: 'DISDUKCAPIL', name: null, kind: 'dinas', parent_id: '1' }),
        ]),
      ],
      steps: noMarts,
    });
    expect(result.mode).toBe('incremental');
    const reasons = (await listQuarantine(dir, { runId: result.runId })).rows
      .map((r) => `${r.table}:${JSON.parse(r.raw).id}:${r.reason}`)
      .sort();
    expect(reasons).toEqual(['agencies:1:DUPLICATE_CONFLICT', 'agencies:2:MISSING_REQUIRED']);
    const agencies = result.tables.find((t) => t.table === 'agencies');
    expect(agencies).toMatchObject({ read: 2, loaded: 0, quarantined: 2, deleted: 0 });
    // Nothing of PostgreSQL's was lost: not the agencies, not what points at them.
    expect(await stgContent(dir)).toEqual(before);
  });

  it('still lets a drop row replace an earlier drop row with the same id, even when now refused', async () => {
    const drop = (name: string | null): Row => ({
      id: '9001',
      code: 'DROP1',
      name,
      kind: 'dinas',
      parent_id: '1',
      valid_from: '2020-01-01',
    });
    await runEtl({
      env: env(),
      sources: [],
      staged: [staged('agencies', [drop('Dinas Drop')])],
      steps: noMarts,
    });
    const loaded = await stgContent(dir);
    expect(loaded.agencies?.some((r) => r.includes('"id":9001'))).toBe(true);
    // A now-quarantined version of a drop row does not survive as its older version.
    await runEtl({ env: env(), sources: [], staged: [staged('agencies', [drop(null)])], steps: noMarts });
    const after = await stgContent(dir);
    expect(after.agencies?.some((r) => r.includes('"id":9001'))).toBe(false);
  });
});
