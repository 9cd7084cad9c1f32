import type { SourceTableName } from '../../source-schema/catalog.ts';
import { extractColumns } from './extractColumns.ts';

/** A watermark as the ETL stores it: an ISO-like UTC timestamp with microseconds. */
const WATERMARK = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * The COPY statement that exports one table as CSV. COPY takes no bind parameters, so the
 * watermark is inlined, after a strict format check (it comes from our own snapshot, but a
 * corrupted value must fail readably rather than become SQL).
 */
export function extractSql(table: SourceTableName, watermark?: string | null): string {
  const cols = extractColumns(table)
    .map((c) => `"${c.name}"`)
    .join(', ');
  let where = '';
  if (watermark) {
    if (!WATERMARK.test(watermark)) throw new Error(`invalid watermark for ${table}: ${watermark}`);
    where = ` where updated_at > '${watermark}'::timestamptz`;
  }
  return `COPY (select ${cols} from "${table}"${where}) TO STDOUT WITH (FORMAT csv, HEADER)`;
}

/** Exports every key of a table, for the key reconcile that finds deleted rows. */
export function keysSql(table: SourceTableName): string {
  return `COPY (select id from "${table}") TO STDOUT WITH (FORMAT csv, HEADER)`;
}
