import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConnection } from '../../source/connect.ts';
import { sourceTargets } from '../../testing/source-targets.ts';
import { bucketSummarySql, type KeyBucket, keyBucketsSql, PG_MICROS } from './keyBuckets.ts';

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
  });
}
