import type { Db } from '@asn/warehouse';
import type { SourceTableName } from '../source-schema/catalog.ts';
import {
  bucketRanges,
  bucketSummarySql,
  differingBuckets,
  type KeyBucket,
} from '../sources/postgres/keyBuckets.ts';
import { ident, lit } from '../validate/sql.ts';

/**
 * Key reconcile for deletions: an incremental extract only sees changed rows, so a row deleted at
 * the source would linger. The stg rows that came from PostgreSQL are summarised per key bucket
 * and compared with the source's summary (same snapshot as the extracted rows); for the buckets
 * that differ, the source keys are fetched and the stg rows whose id is gone are deleted. A bucket
 * also differs when its source rows are quarantined rather than deleted: its keys are then fetched
 * and nothing is deleted. (File-drop and xAPI rows are not owned by PostgreSQL, so they are left
 * alone.) Returns the number of rows deleted.
 */
export async function deleteVanishedKeys(
  db: Db,
  table: SourceTableName,
  source: readonly KeyBucket[],
  fetchKeys: (buckets: readonly number[]) => Promise<string>,
): Promise<number> {
  const stg = `stg.${ident(table)}`;
  const target = (
    await db.all<{ b: string; n: string; s: string; h: string }>(
      `SELECT CAST(b AS VARCHAR) AS b, CAST(n AS VARCHAR) AS n, CAST(s AS VARCHAR) AS s, CAST(h AS VARCHAR) AS h
       FROM (${bucketSummarySql(stg, `_source = 'postgres'`)})`,
    )
  ).map((r) => ({ b: Number(r.b), n: Number(r.n), s: r.s, h: r.h }));
  // Only buckets stg holds rows in can lose rows.
  const held = new Set(target.map((t) => t.b));
  const buckets = differingBuckets(source, target).filter((b) => held.has(b));
  if (buckets.length === 0) return 0;
  const file = await fetchKeys(buckets);
  const keys = `temp.main.${ident(`k_${table}`)}`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${ident(`k_${table}`)} AS SELECT CAST(id AS BIGINT) AS id FROM read_csv(${lit(file)}, header = true, auto_detect = false, columns = {'id': 'VARCHAR'})`,
  );
  const inBuckets = bucketRanges(buckets)
    .map(([lo, hi]) => `(id >= ${lo} AND id < ${hi})`)
    .join(' OR ');
  const deleted = await db.run(
    `DELETE FROM ${stg} WHERE _source = 'postgres' AND (${inBuckets}) AND id NOT IN (SELECT id FROM ${keys})`,
  );
  await db.exec(`DROP TABLE IF EXISTS ${keys}`);
  return deleted;
}
