import { type ColumnType, type SourceTableName, tableSpec } from '../source-schema/catalog.ts';
import type { Row } from './bulk-insert.ts';

/**
 * Encodes demo rows as PostgreSQL COPY text format (tab-separated, `\N` for null, backslash
 * escapes), the input of `COPY t (cols) FROM STDIN`. Text rather than CSV because its escaping
 * is a per-character test only for text columns; numbers, dates and booleans go out as is.
 *
 * Values arrive in the demo world's wire types (see bulk-insert.ts): timestamps are epoch
 * seconds, written here as UTC literals with the microsecond rounding `to_timestamp` applies on
 * the insert path, so both paths store identical values.
 */
export type Encoder = (rows: readonly Row[]) => string;

export function copyTextEncoder(table: SourceTableName, columns: readonly string[]): Encoder {
  const spec = tableSpec(table);
  const formatters = columns.map((name) => {
    const col = spec.columns.find((c) => c.name === name);
    if (!col) throw new Error(`${table} has no column ${name}`);
    return FORMAT[col.type];
  });
  const n = columns.length;
  return (rows) => {
    let out = '';
    for (const row of rows) {
      for (let c = 0; c < n; c++) {
        const v = row[c];
        if (c > 0) out += '\t';
        out += v === null || v === undefined ? '\\N' : (formatters[c] as (v: unknown) => string)(v);
      }
      out += '\n';
    }
    return out;
  };
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function text(v: unknown): string {
  const s = String(v);
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch] as string) : s;
}

/**
 * Epoch seconds → 'YYYY-MM-DD HH:MM:SS[.ffffff]+00'. `Date#toISOString` per value was the
 * loader's hottest spot (three timestamps per request row), so the date part is cached per
 * day and the time of day is assembled from a two-digit table.
 */
function timestamptz(v: unknown): string {
  const seconds = Number(v);
  if (!Number.isFinite(seconds)) throw new Error(`not an epoch timestamp: ${String(v)}`);
  let whole = Math.floor(seconds);
  let micros = Math.round((seconds - whole) * 1e6);
  if (micros === 1_000_000) {
    whole += 1;
    micros = 0;
  }
  const dayNumber = Math.floor(whole / 86_400);
  let date = DAY_PREFIX.get(dayNumber);
  if (date === undefined) {
    date = `${new Date(dayNumber * 86_400_000).toISOString().slice(0, 10)} `;
    DAY_PREFIX.set(dayNumber, date);
  }
  const t = whole - dayNumber * 86_400;
  const hms = `${TWO[Math.floor(t / 3600)]}:${TWO[Math.floor(t / 60) % 60]}:${TWO[t % 60]}`;
  return micros === 0 ? `${date}${hms}+00` : `${date}${hms}.${String(micros).padStart(6, '0')}+00`;
}

const DAY_PREFIX = new Map<number, string>();
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

const FORMAT: Record<ColumnType, (v: unknown) => string> = {
  int: String,
  bigint: String,
  numeric: String,
  text,
  date: text,
  timestamptz,
  boolean: (v) => (v ? 't' : 'f'),
};
