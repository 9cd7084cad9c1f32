import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Db, type QueryEvent } from './db.ts';

describe('Db', () => {
  let dir: string;
  let db: Db;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-db-'));
    db = await Db.open(join(dir, 'test.duckdb'), { mode: 'read-write' });
  });
  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs scripts, binds parameters and returns plain rows', async () => {
    await db.exec(`
      create table agency (id integer, name varchar, budget decimal(12,2), founded date);
      insert into agency values (1, 'BKPSDM', 1500.50, date '2001-05-01'), (2, 'Dinkes', 900, null);`);
    expect(await db.run('update agency set budget = budget + $1 where id = $2', [10, 2])).toBe(1);
    const rows = await db.all<{ id: number; name: string; budget: number; founded: string | null }>(
      'select * from agency where founded is null or founded < $cutoff order by id',
      { cutoff: new Date('2020-01-01T00:00:00Z') },
    );
    expect(rows).toEqual([
      { id: 1, name: 'BKPSDM', budget: 1500.5, founded: '2001-05-01' },
      { id: 2, name: 'Dinkes', budget: 910, founded: null },
    ]);
  });

  it('creates files in the current storage format (DICT_FSST strings), and reads them read-only', async () => {
    await db.exec(`CREATE TABLE t AS SELECT 'unit-' || (i % 50) AS code FROM range(300000) r(i); CHECKPOINT`);
    const methods = await db.all<{ compression: string }>(
      `SELECT DISTINCT compression FROM pragma_storage_info('t') WHERE column_name = 'code' AND segment_type = 'VARCHAR'`,
    );
    // The v0.10.2 format DuckDB writes by default has no DICT_FSST (Dictionary instead).
    expect(methods.map((m) => m.compression)).toEqual(['DICT_FSST']);
    await db.close();
    const reader = await Db.open(join(dir, 'test.duckdb'), { mode: 'read-only' });
    try {
      expect(await reader.all('SELECT count(DISTINCT code) AS n FROM t')).toEqual([{ n: 50 }]);
    } finally {
      await reader.close();
    }
    db = await Db.open(join(dir, 'test.duckdb'), { mode: 'read-write' });
  });

  it('bulk-loads through the appender, by column name, converting ISO dates', async () => {
    await db.exec(
      'create table enrollment (id bigint, employee varchar, completed_at timestamp, jp decimal(6,2))',
    );
    const rows = Array.from(
      { length: 5000 },
      (_, i) => [i, `e${i % 7}`, '2026-03-01T08:00:00Z', 1.5] as const,
    );
    const appended = await db.appendRows(
      'enrollment',
      ['jp', 'id', 'employee', 'completed_at'],
      rows.map(([id, e, at, jp]) => [jp, id, e, at]),
    );
    expect(appended).toBe(5000);
    expect(
      await db.all('select count(*) as n, sum(jp) as jp, min(completed_at) as first from enrollment'),
    ).toEqual([{ n: 5000, jp: 7500, first: '2026-03-01T08:00:00.000Z' }]);
  });

  it('leaves unlisted columns NULL and rejects unknown columns', async () => {
    await db.exec('create schema raw; create table raw.t (a integer, b varchar)');
    await db.appendRows('raw.t', ['b'], [['x']]);
    expect(await db.all('select * from raw.t')).toEqual([{ a: null, b: 'x' }]);
    await expect(db.appendRows('raw.t', ['nope'], [[1]])).rejects.toThrow('has no column "nope"');
  });

  it('serialises concurrent calls on one connection', async () => {
    await db.exec('create table log (i integer)');
    // Fired without awaiting: without the queue these would overlap on the same connection.
    await Promise.all(Array.from({ length: 50 }, (_, i) => db.run('insert into log values ($1)', [i])));
    expect(await db.all('select count(*) as n, sum(i) as s from log')).toEqual([{ n: 50, s: 1225 }]);
  });

  it('counts queries per Db and per session, and reports each to onQuery', async () => {
    const events: QueryEvent[] = [];
    db.onQuery = (event) => events.push(event);
    const session = db.session();
    await db.all('select 1');
    await session.all('select 2');
    await session.run('select 3');
    await expect(session.all('select * from missing_table')).rejects.toThrow();
    expect(session.queryCount).toBe(3);
    expect(db.queryCount).toBe(4);
    expect(events.map((e) => [e.kind, e.sql, e.error === undefined])).toEqual([
      ['all', 'select 1', true],
      ['all', 'select 2', true],
      ['run', 'select 3', true],
      ['all', 'select * from missing_table', false],
    ]);
    db.resetQueryCount();
    expect(db.queryCount).toBe(0);
  });

  it('opens read-only: reads work, writes are refused', async () => {
    await db.exec('create table t as select 1 as x');
    await db.close();
    const reader = await Db.open(join(dir, 'test.duckdb'), { mode: 'read-only', connections: 2 });
    try {
      const results = await Promise.all([
        reader.all('select x from t'),
        reader.all('select x + 1 as y from t'),
      ]);
      expect(results).toEqual([[{ x: 1 }], [{ y: 2 }]]);
      await expect(reader.run('insert into t values (2)')).rejects.toThrow(/read-only/i);
    } finally {
      await reader.close();
    }
    db = await Db.open(join(dir, 'test.duckdb'), { mode: 'read-write' });
  });
});
