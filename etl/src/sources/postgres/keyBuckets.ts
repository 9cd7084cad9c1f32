import type { SourceTableName } from '../../source-schema/catalog.ts';

/**
 * Key buckets for the key reconcile. An incremental extract only sees rows whose `updated_at` is
 * past the watermark, so it misses a row deleted at the source, and a row that arrives with an
 * `updated_at` at or before the watermark: a backfill that inserts rows with old timestamps, or a
 * transaction that commits after an extract with a `now()` from before it (a late commit).
 *
 * Instead of copying every key out of PostgreSQL, both sides summarise their rows per bucket of
 * 2^14 consecutive ids, with the same integer arithmetic (exact in both databases: no intermediate
 * value reaches 2^63), and only the keys of buckets whose summaries differ are copied and compared
 * one by one, so the reconcile copies keys in proportion to the change, not to the table. Two
 * summaries:
 * - every row's id (count, sum, and the sum of a scrambled square mod a prime): deletions, and
 *   rows with an id the warehouse has never read (backfills, late-committed inserts);
 * - the rows with `updated_at` in the late-commit window before the watermark, over (id,
 *   `updated_at` to the microsecond): rows changed by a transaction that committed after the last
 *   extract although its `now()` came before it. The window keeps this cheap: PostgreSQL reads
 *   those rows through the `updated_at` index, and converts no timestamp of the others.
 */
export const BUCKET_BITS = 14;

/**
 * How long before the watermark a late commit is looked for: a transaction open longer than this
 * when an extract ran, whose change is older than this when it commits, is not seen (nor is an
 * existing row rewritten with an old `updated_at`, as a restore with the trigger off does). A full
 * run reads everything.
 */
export const LATE_COMMIT_WINDOW_HOURS = 24;

/** A table's summaries at the source: of every id, and of the late-commit window (with a watermark). */
export interface KeySummary {
  readonly ids: readonly KeyBucket[];
  readonly recent: readonly KeyBucket[] | null;
}

/** One bucket's summary: bucket number, row count, and two checksums (decimal text: exact). */
export interface KeyBucket {
  readonly b: number;
  readonly n: number;
  readonly s: string;
  readonly h: string;
}

const P = 2147483647;
const A = 1103515245;
const B = 1664525;

/** The per-id scramble, as SQL over a BIGINT (PostgreSQL and DuckDB alike). */
export function scrambleSql(id: string): string {
  const z = `(((${id} % ${P}) * ${A}) % ${P})`;
  return `((${z} * ${z}) % ${P})`;
}

/**
 * The per-row mix of a BIGINT id and a BIGINT `updated_at` in microseconds since the epoch, into
 * [0, P): (id·A + (us mod P)·B) mod P. `%` truncates in both databases and no intermediate value
 * reaches 2^62. A new `updated_at` changes it unless the two differ by a multiple of P µs exactly.
 */
export function mixSql(id: string, us: string): string {
  return `(((${id} % ${P}) * ${A} + (${us} % ${P}) * ${B}) % ${P})`;
}

/** `updated_at` in microseconds since the epoch, in each dialect (exact: numeric in PostgreSQL). */
export const PG_MICROS = `(extract(epoch from updated_at) * 1000000)::bigint`;
export const DUCK_MICROS = `epoch_us(updated_at)`;

/** The bucket summary of `from` (a relation with a BIGINT `id`), `h` summing `checksum` per row. */
export function bucketSummarySql(from: string, checksum: string): string {
  return `select id >> ${BUCKET_BITS} as b, count(*) as n, cast(sum(id) as bigint) as s,
    cast(sum(${checksum}) as bigint) as h
  from ${from} group by 1`;
}

/** The id summary's checksum. */
export const ID_CHECKSUM = scrambleSql('id');

/**
 * The start of the late-commit window for a watermark, as a SQL expression both dialects accept
 * (the watermark is checked for its format first: it is inlined).
 */
export function lateWindowStartSql(watermark: string): string {
  if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/.test(watermark)) {
    throw new Error(`invalid watermark ${watermark}`);
  }
  return `(cast('${watermark}' as timestamptz) - interval '${LATE_COMMIT_WINDOW_HOURS} hours')`;
}

/** PostgreSQL: the id summary of every row of `table` (text columns, so nothing is rounded). */
export function keyBucketsSql(table: SourceTableName): string {
  return `select b::text as b, n::text as n, s::text as s, h::text as h from (${bucketSummarySql(`"${table}"`, ID_CHECKSUM)}) x`;
}

/** PostgreSQL: the (id, updated_at) summary of the rows of `table` in the watermark's late-commit window. */
export function recentBucketsSql(table: SourceTableName, watermark: string): string {
  return `select b::text as b, n::text as n, s::text as s, h::text as h from (${bucketSummarySql(
    `"${table}" where updated_at > ${lateWindowStartSql(watermark)}`,
    mixSql('id', PG_MICROS),
  )}) x`;
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
