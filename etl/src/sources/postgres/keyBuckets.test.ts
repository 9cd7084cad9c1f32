import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConnection } from '../../source/connect.ts';
import { sourceTargets } from '../../testing/source-targets.ts';
import {
  bucketSummarySql,
  DUCK_MICROS,
  ID_CHECKSUM,
  type KeyBucket,
  keyBucketsSql,
  lateWindowStartSql,
  mixSql,
  recentBucketsSql,
} from './keyBuckets.ts';

/**
 * The key reconcile compares summaries computed by PostgreSQL with summaries computed by DuckDB:
 * they must agree to the last digit on the same rows, or every bucket would look changed (and the
 * reconcile copy every key). Rows with large ids and timestamps to the microsecond, before and
 * after 1970 and around the window's edge.
 */
for (const target of sourceTargets()) {
  describe(`key bucket summaries: PostgreSQL = DuckDB (${target.name})`, () => {
    let conn: SourceConnection;
    let dir: string;
    let db: Db;
    const watermark = '2026-11-30 08:15:42.123456+00';
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

    it('gives the same id and late-window summaries on both sides', async () => {
      // Deterministic pseudo-random rows: ids up to 2^40, timestamps 1960 … 2030 with microseconds,
      // a third of them inside the 24-hour window before the watermark.
      const rows: [string, string][] = [];
      let x = 12345;
      const next = () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return x;
      };
      for (let i = 0; i < 3000; i += 1) {
        const id = BigInt(next()) * BigInt(next() % 512) + BigInt(i);
        const base = Date.parse('2026-11-30T08:15:42.123Z');
        const ms =
          i % 3 === 0
            ? base - (next() % 86_400_000)
            : Date.UTC(1960, 0, 1) + (next() % 2_000_000) * 1_100_000;
        const micros = String(next() % 1000).padStart(3, '0');
        rows.push([id.toString(), `${new Date(ms).toISOString().slice(0, 23)}${micros}+00`]);
      }
      rows.push(['7', '2026-11-29 08:15:42.123457+00'], ['8', '2026-11-29 08:15:42.123456+00']);
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

      const pg = async (sql: string): Promise<KeyBucket[]> =>
        ((await k.raw(sql)).rows as { b: string; n: string; s: string; h: string }[])
          .map((r) => ({ b: Number(r.b), n: Number(r.n), s: r.s, h: r.h }))
          .sort((a, b) => a.b - b.b);
      const duck = async (from: string, checksum: string): Promise<KeyBucket[]> =>
        (
          await db.all<{ b: string; n: string; s: string; h: string }>(
            `SELECT CAST(b AS VARCHAR) AS b, CAST(n AS VARCHAR) AS n, CAST(s AS VARCHAR) AS s, CAST(h AS VARCHAR) AS h
             FROM (${bucketSummarySql(from, checksum)})`,
          )
        )
          .map((r) => ({ b: Number(r.b), n: Number(r.n), s: r.s, h: r.h }))
          .sort((a, b) => a.b - b.b);

      const ids = await pg(keyBucketsSql('service_requests'));
      expect(ids.length).toBeGreaterThan(100);
      expect(await duck('t', ID_CHECKSUM)).toEqual(ids);

      const recent = await pg(recentBucketsSql('service_requests', watermark));
      expect(recent.reduce((n, r) => n + r.n, 0)).toBeGreaterThan(900);
      expect(
        await duck(`t WHERE updated_at > ${lateWindowStartSql(watermark)}`, mixSql('id', DUCK_MICROS)),
      ).toEqual(recent);
      // The window's edge, to the microsecond: row 7 is in it, row 8 is not.
      const [edge] = (
        await k.raw(
          `select array_agg(id order by id) as ids from service_requests where id in (7, 8) and updated_at > ${lateWindowStartSql(watermark)}`,
        )
      ).rows as { ids: string[] }[];
      expect(edge?.ids.map(Number)).toEqual([7]);

      // One microsecond more on one row changes the window's checksum.
      await db.exec(`UPDATE t SET updated_at = updated_at + INTERVAL 1 MICROSECOND WHERE id = 7`);
      const moved = await duck(
        `t WHERE updated_at > ${lateWindowStartSql(watermark)}`,
        mixSql('id', DUCK_MICROS),
      );
      expect(moved).not.toEqual(recent);
      expect(moved.filter((m, i) => JSON.stringify(m) !== JSON.stringify(recent[i])).map((m) => m.b)).toEqual(
        [0],
      );
    });
  });
}
