import type { Db } from '@asn/warehouse';
import type { SourceTableName } from '../source-schema/catalog.ts';
import type { ExtractedPart } from '../sources/postgres/extractPostgres.ts';
import {
  bucketOf,
  bucketSummarySql,
  differingBuckets,
  inBucketsSql,
  type KeyBucket,
} from '../sources/postgres/keyBuckets.ts';
import { ident, lit } from '../validate/sql.ts';

/** How the key reconcile reads the source (the extract's snapshot). */
export interface ReconcileSource {
  /** Per-bucket summary of every key at the source. */
  readonly buckets: readonly KeyBucket[];
  /** CSV (`id`, `us`) of the source keys in these buckets. */
  fetchKeys(buckets: readonly number[]): Promise<string>;
}

/** What the key reconcile found: deletions done, and the ids to read again. */
export interface KeyFindings {
  /** stg rows from PostgreSQL deleted because their key is gone at the source. */
  readonly deleted: number;
  /**
   * Of the `swept` ids (rows this run's sweep took out of stg just before), those the source does
   * not hold either: deleted there too. The others are in `missing` and read again.
   */
  readonly sweptGone: number;
  /** Source ids stg lacks, or holds with another `updated_at` (see `reconcileKeys`). */
  readonly missing: readonly string[];
}

export interface KeyReconcile {
  /**
   * stg rows whose key is gone at the source (the run log's `deleted`): deleted by the reconcile,
   * or swept just before it (children of a removed parent) and not held by the source either.
   */
  readonly deleted: number;
  /**
   * Every stg row the reconcile and the sweeps before it removed, including those read again
   * (`late`): when not 0, this table's children may need the orphan sweep.
   */
  readonly removed: number;
  /**
   * Source rows stg lacks that the watermark did not select (see `reconcileKeys`): their extract,
   * to load like any other, or null when there are none.
   */
  readonly late: ExtractedPart | null;
}

/**
 * The key reconcile, once a table's changed rows are in stg. An incremental extract reads the rows
 * changed since the last one (updated after the watermark, or written by a transaction the last
 * extract could not see: `extractSql`), which misses:
 * - rows deleted at the source;
 * - rows the warehouse holds no version of although they did not change: rows still invalid at the
 *   source (quarantined by an earlier run), and children whose parent was quarantined or deleted,
 *   swept from stg this run (`sweepTable`).
 *
 * The ids stg holds from PostgreSQL, plus those this run read and quarantined (`quarantined`: `id`,
 * `updated_at`), are summarised per key bucket like the source's (the same snapshot as the
 * extracted rows). Only for the buckets that differ are the source keys fetched, each with its
 * `updated_at`: stg rows whose id is gone are deleted, and the ids stg lacks, or holds with another
 * `updated_at`, are returned (the caller reads those rows and loads them). So every run validates every source
 * row a full run would: a row still invalid is quarantined again. (File-drop and xAPI rows are not
 * owned by PostgreSQL: never deleted here, and a PostgreSQL row with the id of one of them is not
 * fetched again.)
 *
 * `swept` (ids the sweep removed from stg just before, `sweptIdsTable`) are counted as deleted only
 * when the source lacks them too (`sweptGone`): a swept id the source holds is missing from stg, so
 * its bucket differs and it is fetched, then read again (inserted or quarantined, not deleted); a
 * swept id in a bucket that does not differ, or not among the fetched keys, is gone from the source.
 */
export async function reconcileKeys(
  db: Db,
  table: SourceTableName,
  source: ReconcileSource,
  quarantined: string | null,
  swept: string | null = null,
): Promise<KeyFindings> {
  const stg = `stg.${ident(table)}`;
  const mine = quarantined ? `(SELECT id, updated_at FROM ${quarantined} WHERE id IS NOT NULL)` : null;
  const held = `(SELECT id FROM ${stg} WHERE _source = 'postgres'${
    mine ? ` UNION ALL SELECT id FROM ${mine}` : ''
  })`;
  const target = (
    await db.all<{ b: string; n: string; s: string; h: string }>(
      `SELECT CAST(b AS VARCHAR) AS b, CAST(n AS VARCHAR) AS n, CAST(s AS VARCHAR) AS s, CAST(h AS VARCHAR) AS h
       FROM (${bucketSummarySql(held)})`,
    )
  ).map((r) => ({ b: bucketOf(r.b), n: Number(r.n), s: r.s, h: r.h }));
  const buckets = differingBuckets(source.buckets, target);
  if (buckets.length === 0) {
    return { deleted: 0, sweptGone: swept ? await countOf(db, `SELECT id FROM ${swept}`) : 0, missing: [] };
  }
  const file = await source.fetchKeys(buckets);
  const name = ident(`k_${table}`);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT CAST(id AS BIGINT) AS id, CAST(us AS BIGINT) AS us
     FROM read_csv(${lit(file)}, header = true, auto_detect = false, columns = {'id': 'VARCHAR', 'us': 'VARCHAR'})`,
  );
  const keys = `temp.main.${name}`;
  const deleted = await db.run(
    `DELETE FROM ${stg} WHERE _source = 'postgres' AND (${inBucketsSql(buckets)}) AND id NOT IN (SELECT id FROM ${keys})`,
  );
  // Missing: no row with that id in stg (from any source), nor read this run, or a PostgreSQL row
  // in stg with another updated_at. (A table whose source repeats ids was read in full this run,
  // every copy counted: `extractPostgres`.)
  const missing = await db.all<{ id: string }>(
    `SELECT CAST(k.id AS VARCHAR) AS id FROM ${keys} k
     WHERE NOT EXISTS (SELECT 1 FROM ${stg} s WHERE s.id = k.id
                       AND (s._source <> 'postgres' OR epoch_us(s.updated_at) = k.us))
       ${mine ? `AND k.id NOT IN (SELECT id FROM ${mine})` : ''}
     ORDER BY k.id`,
  );
  const sweptGone = swept
    ? await countOf(db, `SELECT id FROM ${swept} WHERE id NOT IN (SELECT id FROM ${keys})`)
    : 0;
  await db.exec(`DROP TABLE IF EXISTS ${name}`);
  return { deleted, sweptGone, missing: missing.map((r) => r.id) };
}

/** Distinct ids of `sql` (a query of one `id` column). */
async function countOf(db: Db, sql: string): Promise<number> {
  const [row] = await db.all<{ n: number | bigint }>(`SELECT count(DISTINCT id) AS n FROM (${sql})`);
  return Number(row?.n ?? 0);
}
