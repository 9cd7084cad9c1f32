import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '@asn/warehouse';
import { afterEach, describe, expect, it } from 'vitest';
import { measureWriteFloor } from './writeFloor.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('measureWriteFloor', () => {
  it('copies every stg and marts table of the snapshot (not meta, not main) and leaves no file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'write-floor-'));
    dirs.push(dir);
    const snapshot = join(dir, 'snap.duckdb');
    const db = await Db.open(snapshot, { mode: 'read-write' });
    await db.exec(`CREATE SCHEMA stg; CREATE SCHEMA marts; CREATE SCHEMA meta;
      CREATE TABLE stg.a AS SELECT range AS id FROM range(1000);
      CREATE TABLE stg."odd ""name""" AS SELECT range AS id, 'x' AS v FROM range(20);
      CREATE TABLE marts.f AS SELECT range AS id, range * 2.5 AS d FROM range(300);
      CREATE TABLE meta.m AS SELECT range AS id FROM range(7);
      CREATE TABLE main.t AS SELECT range AS id FROM range(9);`);
    await db.close();
    const work = join(dir, 'work');
    await mkdir(work);

    const floor = await measureWriteFloor(snapshot, work, 1);

    expect(floor.tables).toBe(3);
    expect(floor.rows).toBe(1320);
    expect(floor.ms).toBeGreaterThan(0);
    expect(await readdir(work)).toEqual([]);
  });
});
