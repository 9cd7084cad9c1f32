import type { SourceTableName } from '../../source-schema/catalog.ts';

/**
 * Key buckets for the key reconcile. An incremental extract only sees rows changed since the last
 * one (see `extractSql`), so it misses rows deleted at the source. Instead of copying every key out
 * of PostgreSQL, both sides summarise their keys per bucket of 2^14 consecutive ids — count, sum,
 * and the sum of a scrambled square mod a prime — and compare the summaries as decimal text. Any
 * BIGINT id works, negative ones and those near ±2^63 too: the sums are exact in both databases
 * (PostgreSQL's `sum(bigint)` is NUMERIC, DuckDB's HUGEINT; a bucket's sum stays below 2^77 in
 * magnitude, and the scramble's products below 2^62), so the summaries agree to the last digit.
 * A bucket whose id set changed keeps its summary only if a change keeps the count, the sum and
 * the scrambled sum alike (a deletion plus insertions chosen to match all three; not a practical
 * risk). Only the keys of buckets whose summaries differ are copied (each with its `updated_at`)
 * and compared one by one, so the reconcile copies keys in proportion to the change, not to the
 * table.
 */
export const BUCKET_BITS = 14;

/**
 * One bucket's summary: bucket number, row count, and two checksums (decimal text: exact). The
 * bucket number is `id >> 14`, within ±2^49 for any BIGINT id, so a JS number holds it exactly
 * (read from the databases as text: {@link bucketOf}); the ids of a bucket are BigInt arithmetic.
 */
export interface KeyBucket {
  readonly b: number;
  readonly n: number;
  readonly s: string;
  readonly h: string;
}

/** The lowest and one past the highest bucket number: `id >> 14` of a BIGINT. */
const MIN_BUCKET = -(2 ** (63 - BUCKET_BITS));
const END_BUCKET = 2 ** (63 - BUCKET_BITS);
/** The BIGINT range, whose ends a bucket range is left open at (a literal of 2^63 is no BIGINT). */
const MIN_ID = -(2n ** 63n);
const END_ID = 2n ** 63n;

/** A bucket number as the databases write it (decimal text), checked to be one. */
export function bucketOf(text: string): number {
  const b = /^-?\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!(b >= MIN_BUCKET && b < END_BUCKET)) throw new Error(`invalid key bucket ${text}`);
  return b;
}

const P = 2147483647;
const A = 1103515245;

/**
 * The per-id scramble, as SQL over a BIGINT (PostgreSQL and DuckDB alike: both take `%` with the
 * sign of the dividend, so a negative id gives the same value in both; every product < 2^62).
 */
export function scrambleSql(id: string): string {
  const z = `(((${id} % ${P}) * ${A}) % ${P})`;
  return `((${z} * ${z}) % ${P})`;
}

/** `updated_at` in microseconds since the epoch, in PostgreSQL (exact: numeric; DuckDB: `epoch_us`). */
export const PG_MICROS = `(extract(epoch from updated_at) * 1000000)::bigint`;

/**
 * The bucket summary of `from` (a relation with a BIGINT `id`; PostgreSQL or DuckDB). The sums
 * are left as the databases give them, NUMERIC and HUGEINT, never cast back to BIGINT: ten ids
 * from 10^18 already sum past 2^63 (which failed every incremental run, "bigint out of range").
 * Read them as text.
 */
export function bucketSummarySql(from: string): string {
  return `select id >> ${BUCKET_BITS} as b, count(*) as n, sum(id) as s, sum(${scrambleSql('id')}) as h
  from ${from} group by 1`;
}

/** PostgreSQL: the summary of every key of `table` (text columns, so nothing is rounded). */
export function keyBucketsSql(table: SourceTableName): string {
  return `select b::text as b, n::text as n, s::text as s, h::text as h from (${bucketSummarySql(`"${table}"`)}) x`;
}

/**
 * Consecutive buckets merged into id ranges [lo, hi), in BigInt: a bound beyond 2^53 is not a JS
 * number (as one, the bucket of 2^60 + 5 began at 1152921504606847000 and its deletions were
 * never found).
 */
export function bucketRanges(buckets: readonly number[]): [bigint, bigint][] {
  const sorted = [...new Set(buckets)].sort((a, b) => a - b);
  const ranges: [bigint, bigint][] = [];
  const size = 1n << BigInt(BUCKET_BITS);
  for (const b of sorted) {
    if (!Number.isSafeInteger(b) || b < MIN_BUCKET || b >= END_BUCKET)
      throw new Error(`invalid key bucket ${b}`);
    const last = ranges[ranges.length - 1];
    const lo = BigInt(b) << BigInt(BUCKET_BITS);
    if (last && last[1] === lo) last[1] = lo + size;
    else ranges.push([lo, lo + size]);
  }
  return ranges;
}

/**
 * `id` within the buckets' ranges, as SQL (PostgreSQL and DuckDB alike). A range reaching an end
 * of the BIGINT range has no bound there (2^63 is no BIGINT literal: PostgreSQL would compare as
 * NUMERIC, and not by the index).
 */
export function inBucketsSql(buckets: readonly number[]): string {
  const ranges = bucketRanges(buckets);
  if (ranges.length === 0) return 'false';
  return ranges
    .map(([lo, hi]) => {
      const bounds = [...(lo > MIN_ID ? [`id >= ${lo}`] : []), ...(hi < END_ID ? [`id < ${hi}`] : [])];
      return bounds.length === 0 ? 'true' : `(${bounds.join(' and ')})`;
    })
    .join(' or ');
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
