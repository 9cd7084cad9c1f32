import type { SourceTableName } from '../../source-schema/catalog.ts';
import { extractColumns } from './extractColumns.ts';

/** A watermark as the ETL stores it: an ISO-like UTC timestamp with microseconds. */
const WATERMARK = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** Pages `from` (inclusive) to `to` (exclusive; null = to the end) of a table: one chunk of a big extract. */
export interface CtidRange {
  readonly from: number;
  readonly to: number | null;
}

/**
 * Rows written by a transaction that had not finished when the previous extract's snapshot was
 * taken: `age(xmin)` (transactions since the row's writer, wraparound handled by PostgreSQL) at
 * most that of the snapshot's oldest running transaction. Its 64-bit id is stored; the row's
 * `xmin` is 32 bits, so the stored id is reduced to them (rows of transactions 2^31 apart cannot
 * coexist unfrozen, and a frozen row's age is the maximum: never selected).
 */
export function writtenSinceSql(sinceXmin: string): string {
  if (!/^\d{1,20}$/.test(sinceXmin)) throw new Error(`invalid transaction id ${sinceXmin}`);
  const xid32 = BigInt(sinceXmin) % 2n ** 32n;
  return `age(xmin) <= age('${xid32}'::xid)`;
}

/** The BIGINT range of a key. */
const MIN_KEY = -(2n ** 63n);
const MAX_KEY = 2n ** 63n - 1n;

/**
 * A key to inline into a COPY (which takes no bind parameters): any BIGINT, negative ones too (a
 * row with a negative id still invalid at the source is read again by every incremental run), as
 * canonical decimal digits; anything else, or a number out of the BIGINT range, fails readably
 * rather than become SQL.
 */
function bigintKey(table: SourceTableName, id: string): string {
  const key = /^-?\d{1,19}$/.test(id) ? BigInt(id) : null;
  if (key === null || key < MIN_KEY || key > MAX_KEY) throw new Error(`invalid key for ${table}: ${id}`);
  return key.toString();
}

/**
 * The COPY statement that exports one table (or one ctid range of it: PostgreSQL reads just those
 * pages, a TID range scan; or just the rows with the given ids, any BIGINT (`bigintKey`), which
 * the key reconcile found missing) as CSV; with `distinct`, each identical row once (a table
 * without a unique id may repeat a row). COPY takes no bind parameters, so the watermark is inlined,
 * after a strict format check (it comes from our own snapshot, but a corrupted value must fail
 * readably rather than become SQL).
 */
export function extractSql(
  table: SourceTableName,
  watermark?: string | null,
  range?: CtidRange,
  ids?: readonly string[],
  sinceXmin?: string | null,
  distinct = false,
): string {
  const cols = extractColumns(table)
    .map((c) => `"${c.name}"`)
    .join(', ');
  const conditions: string[] = [];
  if (watermark) {
    if (!WATERMARK.test(watermark)) throw new Error(`invalid watermark for ${table}: ${watermark}`);
    // Also every row written since the previous extract whatever its updated_at: a transaction
    // that commits after an extract with a now() from before it, a backfill or restore that writes
    // old timestamps. (PostgreSQL reads the table for it; the watermark alone would use its index.)
    conditions.push(
      sinceXmin
        ? `(updated_at > '${watermark}'::timestamptz or ${writtenSinceSql(sinceXmin)})`
        : `updated_at > '${watermark}'::timestamptz`,
    );
  }
  if (range) {
    const page = (n: number) => {
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`invalid ctid page ${n}`);
      return `'(${n},0)'::tid`;
    };
    if (range.from > 0) conditions.push(`ctid >= ${page(range.from)}`);
    if (range.to !== null) conditions.push(`ctid < ${page(range.to)}`);
  }
  if (ids) {
    const keys = ids.map((id) => bigintKey(table, id));
    conditions.push(keys.length === 0 ? 'false' : `id = any('{${keys.join(',')}}'::bigint[])`);
  }
  const where = conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
  return `COPY (select ${distinct ? 'distinct ' : ''}${cols} from "${table}"${where}) TO STDOUT WITH (FORMAT csv, HEADER)`;
}
