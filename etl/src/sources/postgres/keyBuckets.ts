import type { SourceTableName } from '../../source-schema/catalog.ts';

/**
 * Key buckets for the key reconcile. An incremental extract only sees rows changed since the last
 * one (see `extractSql`), so it misses rows deleted at the source. Instead of copying every key out
 * of PostgreSQL, both sides summarise their keys per bucket of 2^14 consecutive ids — count, sum,
 * and the sum of a scrambled square mod a prime — with the same integer arithmetic (exact in both
 * databases: every product stays below 2^62). Only the keys of buckets whose summaries differ are
 * copied (each with its `updated_at`) and compared one by one, so the reconcile copies keys in
 * proportion to the change, not to the table.
 */
export const BUCKET_BITS = 14;

/** One bucket's summary: bucket number, row count, and two checksums (decimal text: exact). */
export interface KeyBucket {
  readonly b: number;
  readonly n: number;
  readonly s: string;
  readonly h: string;
}

const P = 2147483647;
const A = 1103515245;

/** The per-id scramble, as SQL over a BIGINT (PostgreSQL and DuckDB alike). */
export function scrambleSql(id: string): string {
  const z = `(((${id} % ${P}) * ${A}) % ${P})`;
  return `((${z} * ${z}) % ${P})`;
}

/** `updated_at` in microseconds since the epoch, in PostgreSQL (exact: numeric; DuckDB: `epoch_us`). */
export const PG_MICROS = `(extract(epoch from updated_at) * 1000000)::bigint`;

/** The bucket summary of `from` (a relation with a BIGINT `id`; PostgreSQL or DuckDB). */
export function bucketSummarySql(from: string): string {
  return `select id >> ${BUCKET_BITS} as b, count(*) as n, cast(sum(id) as bigint) as s,
    cast(sum(${scrambleSql('id')}) as bigint) as h
  from ${from} group by 1`;
}

/** PostgreSQL: the summary of every key of `table` (text columns, so nothing is rounded). */
export function keyBucketsSql(table: SourceTableName): string {
  return `select b::text as b, n::text as n, s::text as s, h::text as h from (${bucketSummarySql(`"${table}"`)}) x`;
}

/** Consecutive buckets merged into id ranges [lo, hi). */
export function bucketRanges(buckets: readonly number[]): [number, number][] {
  const sorted = [...new Set(buckets)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const b of sorted) {
    if (!Number.isSafeInteger(b)) throw new Error(`invalid key bucket ${b}`);
    const last = ranges[ranges.length - 1];
    const lo = b * 2 ** BUCKET_BITS;
    if (last && last[1] === lo) last[1] = lo + 2 ** BUCKET_BITS;
    else ranges.push([lo, lo + 2 ** BUCKET_BITS]);
  }
  return ranges;
}

/** `id` within the buckets' ranges, as SQL (PostgreSQL and DuckDB alike). */
export function inBucketsSql(buckets: readonly number[]): string {
  const ranges = bucketRanges(buckets);
  return ranges.length === 0
    ? 'false'
    : ranges.map(([lo, hi]) => `(id >= ${lo} and id < ${hi})`).join(' or ');
}

/**
 * PostgreSQL: COPY of the keys of `table` in the given buckets, each with its `updated_at` in
 * microseconds (`us`), from the same snapshot as the rows (index range scans on the key).
 */
export function keysInBucketsSql(table: SourceTableName, buckets: readonly number[]): string {
  return `COPY (select id, ${PG_MICROS} as us from "${table}" where ${inBucketsSql(buckets)}) TO STDOUT WITH (FORMAT csv, HEADER)`;
}

/** Buckets whose summaries differ (or exist on one side only). */
export function differingBuckets(source: readonly KeyBucket[], target: readonly KeyBucket[]): number[] {
  const key = (k: KeyBucket) => `${k.n}|${k.s}|${k.h}`;
  const there = new Map(target.map((k) => [k.b, key(k)]));
  const out = new Set<number>();
  for (const k of source) {
    if (there.get(k.b) !== key(k)) out.add(k.b);
    there.delete(k.b);
  }
  for (const b of there.keys()) out.add(b);
  return [...out].sort((a, b) => a - b);
}
