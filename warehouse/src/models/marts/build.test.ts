import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '../../db/index.ts';
import { buildMarts } from './build.ts';
import { MARTS } from './contract.ts';
import { martsContentHash } from './marts-content-hash.ts';
import { miniWorld } from './testing/miniWorld.ts';
import { seedStg } from './testing/seedStg.ts';

describe('buildMarts', () => {
  const dbs: Db[] = [];
  const open = async () => {
    const db = await Db.open(':memory:', { mode: 'read-write', threads: 2 });
    dbs.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.close();
  });

  it('fills every mart with exactly the contract columns', async () => {
    const db = await open();
    await seedStg(db, miniWorld());
    await buildMarts(db);
    const columns = await db.all<{ table_name: string; names: string[] }>(
      `select table_name, list(column_name order by ordinal_position) as names
       from information_schema.columns where table_schema = 'marts' group by table_name order by table_name`,
    );
    expect(columns).toEqual(
      MARTS.map((m) => ({ table_name: m.name, names: m.columns.map((c) => c.name) })).sort((a, b) =>
        a.table_name.localeCompare(b.table_name),
      ),
    );
    const counts = await db.all<{ n: number }>(
      MARTS.map((m) => `select '${m.name}' as mart, count(*) as n from marts.${m.name}`).join(' union all '),
    );
    expect(counts.every((c) => c.n > 0)).toBe(true);
  });

  it('is deterministic: twice in place, and from stg rows loaded in another order, gives identical marts', async () => {
    const a = await open();
    await seedStg(a, miniWorld());
    await buildMarts(a);
    const first = await martsContentHash(a);
    await buildMarts(a);
    expect(await martsContentHash(a)).toEqual(first);

    const b = await open();
    const reversed = Object.fromEntries(
      Object.entries(miniWorld()).map(([t, rows]) => [t, [...rows].reverse()]),
    );
    await seedStg(b, reversed);
    await buildMarts(b);
    expect(await martsContentHash(b)).toEqual(first);
    expect(Object.keys(first)).toHaveLength(MARTS.length);
  });

  it('is all-or-nothing: a failing model leaves the previous marts untouched', async () => {
    const db = await open();
    await seedStg(db, miniWorld());
    await buildMarts(db);
    const before = await martsContentHash(db);
    // An assignment at an unknown agency version makes dim_employee violate NOT NULL agency_code.
    await db.exec(`insert into stg.employee_assignments values
      (999, 10, 77, 'III/b', 'pelaksana', DATE '2025-01-01', null, now(), 'postgres', 'r')`);
    await expect(buildMarts(db)).rejects.toThrow('model dim_employee failed');
    expect(await martsContentHash(db)).toEqual(before);
  });
});
