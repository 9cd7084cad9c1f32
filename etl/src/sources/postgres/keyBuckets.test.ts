import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db, listQuarantine } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../env.ts';
import { runEtl } from '../../run/runEtl.ts';
import { useSeededSource } from '../../run/testing/seededSource.ts';
import { stgContent, withLiveSnapshot } from '../../run/testing/warehouseContent.ts';
import type { SourceConnection } from '../../source/connect.ts';
import { sourceTargets } from '../../testing/source-targets.ts';
import {
  BUCKET_BITS,
  bucketOf,
  bucketRanges,
  bucketSummarySql,
  inBucketsSql,
  type KeyBucket,
  keyBucketsSql,
  keysInBucketsSql,
  PG_MICROS,
} from './keyBuckets.ts';

/** The BIGINT range's ends, and ids whose bucket sums overflow a BIGINT (2^63 - 1). */
const MAX_ID = 2n ** 63n - 1n;
const MIN_ID = -(2n ** 63n);
/** 2^60 + 5: beyond 2^53, so as a JS number its bucket's bounds were rounded (to ...847000). */
const ABOVE_2_53 = 2n ** 60n + 5n;
/** Ten consecutive ids from 10^18: their sum, 10^19 + 45, is past 2^63. */
const TEN_FROM_1E18 = Array.from({ length: 10 }, (_, i) => 10n ** 18n + BigInt(i));
/** Extreme ids of both signs: every bucket sum here is beyond a BIGINT, or is its very end. */
const EXTREME_IDS = [
  MAX_ID,
  MAX_ID - 1n,
  MIN_ID,
  MIN_ID + 1n,
  MIN_ID + 16_383n,
  -(2n ** 62n) - 7n,
  -8n,
  -1n,
  0n,
  16_383n,
  16_384n,
  ABOVE_2_53,
  2n ** 60n + 16_383n,
  ...TEN_FROM_1E18,
];
const bucket = (id: bigint) => Number(id >> BigInt(BUCKET_BITS));

describe('key bucket ranges over the whole BIGINT range', () => {
  it('bounds a bucket beyond 2^53 exactly (BigInt, not JS numbers)', () => {
    const b = bucket(ABOVE_2_53);
    expect(b).toBe(2 ** 46);
    expect(bucketRanges([b])).toEqual([[2n ** 60n, 2n ** 60n + 16_384n]]);
    expect(inBucketsSql([b])).toBe('(id >= 1152921504606846976 and id < 1152921504606863360)');
    expect(inBucketsSql([b + 1, b])).toBe('(id >= 1152921504606846976 and id < 1152921504606879744)');
  });

  it('leaves a range open at either end of the BIGINT range (2^63 is no BIGINT literal)', () => {
    expect(bucket(MAX_ID)).toBe(2 ** 49 - 1);
    expect(bucket(MIN_ID)).toBe(-(2 ** 49));
    expect(inBucketsSql([bucket(MAX_ID)])).toBe('(id >= 9223372036854759424)');
    expect(inBucketsSql([bucket(MIN_ID)])).toBe('(id < -9223372036854759424)');
    expect(inBucketsSql([bucket(-8n), bucket(0n)])).toBe('(id >= -16384 and id < 16384)');
    expect(inBucketsSql([bucket(MIN_ID), bucket(-1n), bucket(MAX_ID)])).toBe(
      '(id < -9223372036854759424) or (id >= -16384 and id < 0) or (id >= 9223372036854759424)',
    );
    expect(inBucketsSql([])).toBe('false');
  });

  it('reads bucket numbers as text, exactly, and refuses what is no bucket', () => {
    expect(bucketOf('562949953421311')).toBe(2 ** 49 - 1);
    expect(bucketOf('-562949953421312')).toBe(-(2 ** 49));
    expect(bucketOf('-1')).toBe(-1);
    for (const bad of ['562949953421312', '-562949953421313', '1.5', '1e3', '', ' 1', '0x10']) {
      expect(() => bucketOf(bad)).toThrow(/invalid key bucket/);
    }
    expect(() => bucketRanges([2 ** 49])).toThrow(/invalid key bucket/);
    expect(() => bucketRanges([0.5])).toThrow(/invalid key bucket/);
  });

  it('sums ids as NUMERIC / HUGEINT: no cast back to BIGINT, which overflowed', () => {
    const sql = bucketSummarySql('t');
    expect(sql).not.toMatch(/as bigint/i);
    expect(sql).toMatch(/sum\(id\) as s/);
  });
});

/**
 * The key reconcile compares summaries computed by PostgreSQL with summaries computed by DuckDB,
 * and `updated_at` as PostgreSQL sends it (microseconds) with stg's: they must agree to the last
 * digit on the same rows, or every bucket would look changed (and the reconcile copy every key),
 * or every row look changed. Large ids; timestamps to the microsecond before and after 1970.
 */
for (const target of sourceTargets()) {
  describe(`key bucket summaries and timestamps: PostgreSQL = DuckDB (${target.name})`, () => {
    let conn: SourceConnection;
    let dir: string;
    let db: Db;
    beforeAll(async () => {
      conn = await target.open();
      dir = await mkdtemp(join(tmpdir(), 'etl-buckets-'));
      db = await Db.open(join(dir, 'w.duckdb'), { mode: 'read-write' });
      await db.exec(`SET TimeZone = 'UTC'`);
    });
    afterAll(async () => {
      await db?.close();
      await conn?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('gives the same summaries and the same microseconds on both sides', async () => {
      const rows: [string, string][] = [];
      let x = 12345;
      const next = () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return x;
      };
      for (let i = 0; i < 3000; i += 1) {
        const id = BigInt(next()) * BigInt(next() % 512) + BigInt(i);
        const ms = Date.UTC(1960, 0, 1) + (next() % 2_000_000) * 1_100_000;
        const micros = String(next() % 1000).padStart(3, '0');
        rows.push([id.toString(), `${new Date(ms).toISOString().slice(0, 23)}${micros}+00`]);
      }
      const seen = new Set<string>();
      const unique = rows.filter(([id]) => !seen.has(id) && seen.add(id));
      const k = conn.knex;
      await k.raw('create table service_requests (id bigint primary key, updated_at timestamptz not null)');
      for (let i = 0; i < unique.length; i += 500) {
        await k('service_requests').insert(
          unique.slice(i, i + 500).map(([id, updated_at]) => ({ id, updated_at })),
        );
      }
      await db.exec('CREATE TABLE t (id BIGINT, updated_at TIMESTAMPTZ)');
      await db.exec(
        `INSERT INTO t VALUES ${unique.map(([id, ts]) => `(${id}, CAST('${ts}' AS TIMESTAMPTZ))`).join(', ')}`,
      );

      const pg = (
        (await k.raw(keyBucketsSql('service_requests'))).rows as {
          b: string;
          n: string;
          s: string;
          h: string;
        }[]
      )
        .map((r): KeyBucket => ({ b: Number(r.b), n: Number(r.n), s: r.s, h: r.h }))
        .sort((a, b) => a.b - b.b);
      const duck = (
        await db.all<{ b: string; n: string; s: string; h: string }>(
          `SELECT CAST(b AS VARCHAR) AS b, CAST(n AS VARCHAR) AS n, CAST(s AS VARCHAR) AS s, CAST(h AS VARCHAR) AS h
           FROM (${bucketSummarySql('t')})`,
        )
      )
        .map((r): KeyBucket => ({ b: Number(r.b), n: Number(r.n), s: r.s, h: r.h }))
        .sort((a, b) => a.b - b.b);
      expect(pg.length).toBeGreaterThan(100);
      expect(duck).toEqual(pg);

      // The microseconds the key copy sends equal DuckDB's epoch_us of the same timestamp.
      const pgMicros = (
        (await k.raw(`select id::text as id, ${PG_MICROS}::text as us from service_requests`)).rows as {
          id: string;
          us: string;
        }[]
      ).map((r) => `${r.id}:${r.us}`);
      const duckMicros = (
        await db.all<{ id: string; us: string }>(
          'SELECT CAST(id AS VARCHAR) AS id, CAST(epoch_us(updated_at) AS VARCHAR) AS us FROM t',
        )
      ).map((r) => `${r.id}:${r.us}`);
      expect(duckMicros.sort()).toEqual(pgMicros.sort());
    });

    // Sums past 2^63 failed both databases ("bigint out of range"); bounds past 2^53 were rounded.
    it('summarises and selects ids near ±2^63 alike on both sides', async () => {
      const k = conn.knex;
      await k.raw('create table reactions (id bigint primary key, updated_at timestamptz not null)');
      await k('reactions').insert(
        EXTREME_IDS.map((id) => ({ id: id.toString(), updated_at: '2024-01-01T00:00:00Z' })),
      );
      await db.exec('CREATE TABLE x (id BIGINT)');
      await db.exec(`INSERT INTO x VALUES ${EXTREME_IDS.map((id) => `(${id})`).join(', ')}`);
      type Row = { b: string; n: string; s: string; h: string };
      const pg = ((await k.raw(keyBucketsSql('reactions'))).rows as Row[])
        .map((r) => `${bucketOf(r.b)}|${r.n}|${r.s}|${r.h}`)
        .sort();
      const duck = (
        await db.all<Row>(
          `SELECT CAST(b AS VARCHAR) AS b, CAST(n AS VARCHAR) AS n, CAST(s AS VARCHAR) AS s, CAST(h AS VARCHAR) AS h
           FROM (${bucketSummarySql('x')})`,
        )
      )
        .map((r) => `${bucketOf(r.b)}|${r.n}|${r.s}|${r.h}`)
        .sort();
      expect(duck).toEqual(pg);
      // The exact sums: ten ids from 10^18, two at the top, two at the bottom of the range.
      const sumOf = (b: number) => pg.find((r) => r.startsWith(`${b}|`))?.split('|')[2];
      expect(sumOf(bucket(10n ** 18n))).toBe('10000000000000000045');
      expect(sumOf(bucket(MAX_ID))).toBe((MAX_ID + MAX_ID - 1n).toString());
      expect(sumOf(bucket(MIN_ID))).toBe((MIN_ID + MIN_ID + 1n + MIN_ID + 16_383n).toString());

      // Each bucket's range selects exactly its ids, in PostgreSQL (the key copy) and in DuckDB.
      for (const id of [ABOVE_2_53, MAX_ID, MIN_ID, -8n, 10n ** 18n]) {
        const expected = EXTREME_IDS.filter((i) => bucket(i) === bucket(id))
          .map(String)
          .sort();
        const pgIds = (
          (await k.raw(`select id::text as id from reactions where ${inBucketsSql([bucket(id)])}`)).rows as {
            id: string;
          }[]
        )
          .map((r) => r.id)
          .sort();
        const duckIds = (
          await db.all<{ id: string }>(
            `SELECT CAST(id AS VARCHAR) AS id FROM x WHERE ${inBucketsSql([bucket(id)])}`,
          )
        )
          .map((r) => r.id)
          .sort();
        expect(pgIds).toEqual(expected);
        expect(duckIds).toEqual(expected);
      }
      // And the key copy runs on PostgreSQL as written.
      const copy = keysInBucketsSql('reactions', [bucket(ABOVE_2_53), bucket(MAX_ID)]);
      const inner = copy.replace(/^COPY \(/, '').replace(/\) TO STDOUT.*$/, '');
      expect(((await k.raw(inner)).rows as { id: string }[]).map((r) => String(r.id)).sort()).toEqual(
        [ABOVE_2_53, 2n ** 60n + 16_383n, MAX_ID, MAX_ID - 1n].map(String).sort(),
      );
    });
  });
}

/**
 * An incremental run over ids anywhere in the BIGINT range (review of 2026-12-06): ten programs
 * from id 10^18 made every incremental run fail ("bigint out of range": the bucket sums), a program
 * with id -8 still invalid at the source failed every run after the one that quarantined it ("invalid
 * key"), and a program with id 2^60 + 5 deleted at the source stayed in stg (its bucket's bounds,
 * as JS numbers, began above it). The incremental run must equal a full run of the same source.
 */
for (const target of sourceTargets()) {
  describe(`incremental runs over ids near ±2^63 (${target.name})`, () => {
    const source = useSeededSource(target);
    const run = (dir: string, mode?: 'full') =>
      runEtl({
        env: readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' }),
        sources: ['postgres'],
        connection: source.conn(),
        steps: { buildMarts: async () => undefined, runDataTests: async () => [] },
        ...(mode ? { mode } : {}),
      });
    const programs = (result: Awaited<ReturnType<typeof run>>) =>
      result.tables.find((t) => t.table === 'programs');
    const stgProgramIds = (dir: string) =>
      withLiveSnapshot(dir, async (db) =>
        (await db.all<{ id: string }>('SELECT CAST(id AS VARCHAR) AS id FROM stg.programs')).map((r) => r.id),
      );

    it('deletes, reads again and quarantines by ids of any size, as a full run', async () => {
      const k = source.conn().knex;
      const program = (id: bigint, jp: string) => ({
        id: id.toString(),
        code: `P${id}`,
        title: `Program ${id}`,
        competency_area: 'it',
        method: 'workshop',
        jp,
        updated_at: '2024-01-01T00:00:00Z',
      });
      const valid = [...TEN_FROM_1E18, MAX_ID, MAX_ID - 1n, MIN_ID, MIN_ID + 1n, ABOVE_2_53, -3n];
      await k('programs').insert([...valid.map((id) => program(id, '4')), program(-8n, 'NaN')]);
      const dir = await source.tempDir('etl-bigids-');
      const fullDir = await source.tempDir('etl-bigids-full-');

      const first = await run(dir);
      expect(first.mode).toBe('full');
      expect(programs(first)).toMatchObject({ quarantined: 1 });
      const { rows } = await listQuarantine(dir, { runId: first.runId, limit: 100 });
      expect(rows.filter((r) => r.table === 'programs').map((r) => JSON.parse(r.raw).id)).toEqual(['-8']);

      // Deleted at the source: one beyond 2^53, one at each end of the BIGINT range.
      await k('programs').whereIn('id', [ABOVE_2_53, MAX_ID, MIN_ID].map(String)).delete();
      const inc = await run(dir);
      expect(inc.mode).toBe('incremental');
      expect(inc.record.status).toBe('succeeded');
      // -8 is read again (still invalid: quarantined again), the three deleted ones are gone.
      expect(programs(inc)).toMatchObject({ read: 1, loaded: 0, quarantined: 1, deleted: 3 });
      const ids = await stgProgramIds(dir);
      for (const gone of [ABOVE_2_53, MAX_ID, MIN_ID]) expect(ids).not.toContain(gone.toString());
      for (const kept of [MAX_ID - 1n, MIN_ID + 1n, -3n, 10n ** 18n + 9n])
        expect(ids).toContain(kept.toString());

      expect((await run(fullDir, 'full')).mode).toBe('full');
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));

      // And the next run too (it used to fail on -8 for good): nothing deleted, -8 quarantined again.
      const again = await run(dir);
      expect(again.record.status).toBe('succeeded');
      expect(programs(again)).toMatchObject({ read: 1, quarantined: 1, deleted: 0 });
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
    });
  });
}
