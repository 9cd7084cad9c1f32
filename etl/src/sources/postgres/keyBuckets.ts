import type { SourceTableName } from '../../source-schema/catalog.ts';

/**
 * Key buckets for the deletion reconcile. An incremental extract only sees changed rows, so a row
 * deleted at the source would linger in stg. Instead of copying every key out of PostgreSQL, both
 * sides summarise their keys per bucket of 2^14 consecutive ids — count, sum, and the sum of a
 * scrambled square mod a prime — with the same integer arithmetic (exact in both databases: every
 * product stays below 2^62). Only the keys of buckets whose summaries differ are copied and compared
 * one by one, so the reconcile copies keys in proportion to the change, not to the table.
 */
export const BUCKET_BITS = 14;

/** One bucket's summary: bucket number, key count, and two checksums (decimal text: exact). */
export interface KeyBucket {
  readonly b: number;
  readonly n: number;
  readonly s: string;
  readonly h: string;
}

const P = 2147483647;
const A = 1103515245;

/** The per-key scramble, as SQL over a BIGINT column `id` (PostgreSQL and DuckDB alike). */
export function scrambleSql(id: string): string {
  const z = `(((${id} % ${P}) * ${A}) % ${P})`;
  return `((${z} * ${z}) % ${P})`;
}

/** The bucket summary query over `from` (a PostgreSQL table, or a DuckDB relation with a filter). */
export function bucketSummarySql(from: string, where = ''): string {
  return `select id >> ${BUCKET_BITS} as b, count(*) as n, cast(sum(id) as bigint) as s,
    cast(sum(${scrambleSql('id')}) as bigint) as h
  from ${from}${where ? ` where ${where}` : ''} group by 1`;
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

/** PostgreSQL: COPY of the keys of `table` in the given buckets (index range scans on the key). */
export function keysInBucketsSql(table: SourceTableName, buckets: readonly number[]): string {
  const ranges = bucketRanges(buckets);
  const where =
    ranges.length === 0 ? 'false' : ranges.map(([lo, hi]) => `(id >= ${lo} and id < ${hi})`).join(' or ');
  return `COPY (select id from "${table}" where ${where}) TO STDOUT WITH (FORMAT csv, HEADER)`;
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
