import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Db, QueryAbortedError, type QueryEvent } from './db.ts';

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
  describe('withSignal: an aborted caller’s statements stop, no one else’s', () => {
    /** Minutes of work uninterrupted (10¹¹ rows); a test that waited for it would time out. */
    const ENDLESS = 'select count(*) as n from range(100000000000) t(i) where hash(i) % 7 = 3';
    /** A few hundred ms of work. */
    const SLOW = 'select count(*) as n from range(60000000) t(i) where hash(i) % 7 = 3';
    const settle = (p: Promise<unknown>) =>
      p.then(
        (value) => ({ value, at: performance.now() }),
        (error: unknown) => ({ error, at: performance.now() }),
      );

    it('interrupts the statement it is running and starts none of its queued ones; the connection goes on', async () => {
      const events: QueryEvent[] = [];
      db.onQuery = (event) => events.push(event);
      const abort = new AbortController();
      const op = db.withSignal(abort.signal);
      const other = db.session();
      // One connection: the operation's second statement and another caller's wait behind it.
      const running = settle(op.all(ENDLESS));
      const queued = settle(op.all('select 1 as x'));
      const others = settle(other.all('select 2 as y'));
      await new Promise((r) => setTimeout(r, 200));
      const abortedAt = performance.now();
      abort.abort();
      const [r, q, o] = await Promise.all([running, queued, others]);
      expect((r as { error: unknown }).error).toBeInstanceOf(QueryAbortedError);
      expect(r.at - abortedAt).toBeLessThan(2_000);
      expect((q as { error: unknown }).error).toBeInstanceOf(QueryAbortedError);
      expect((o as { value: unknown }).value).toEqual([{ y: 2 }]);
      // The queued statement never ran; the interrupted one is reported with its abort.
      expect(events.map((e) => [e.sql, e.error instanceof QueryAbortedError])).toEqual([
        [ENDLESS, true],
        ['select 2 as y', false],
      ]);
      expect(op.queryCount).toBe(1);
      // Nothing new starts, and the connection serves the next caller.
      await expect(op.all('select 3')).rejects.toBeInstanceOf(QueryAbortedError);
      expect(await db.all('select 4 as z')).toEqual([{ z: 4 }]);
    }, 20_000);

    it('does not interrupt another caller’s statement running when it aborts', async () => {
      const abort = new AbortController();
      const op = db.withSignal(abort.signal);
      const other = db.session();
      const theirs = settle(other.all<{ n: number }>(SLOW));
      const mine = settle(op.all('select 1 as x'));
      await new Promise((r) => setTimeout(r, 50));
      abort.abort();
      const [t, m] = await Promise.all([theirs, mine]);
      expect((t as { value: { n: number }[] }).value[0]?.n).toBeGreaterThan(0);
      expect((m as { error: unknown }).error).toBeInstanceOf(QueryAbortedError);
      expect(other.queryCount).toBe(1);
      expect(op.queryCount).toBe(0);
    }, 20_000);

    it('its sessions stop at the same signal, and an already aborted signal starts nothing', async () => {
      const abort = new AbortController();
      const op = db.withSignal(abort.signal);
      expect(await op.session().all('select 1 as x')).toEqual([{ x: 1 }]);
      abort.abort();
      await expect(op.session().all('select 1 as x')).rejects.toBeInstanceOf(QueryAbortedError);
      await expect(db.withSignal(AbortSignal.abort()).run('select 1')).rejects.toBeInstanceOf(
        QueryAbortedError,
      );
      expect(await db.all('select 5 as x')).toEqual([{ x: 5 }]);
    });
  });
});
