import type { Knex } from 'knex';
import { type ColumnType, type SourceTableName, tableSpec } from '../source-schema/catalog.ts';

/**
 * Bulk insert by `insert … select from unnest($1::bigint[], $2::text[], …)`: one statement per
 * batch, each column shipped as a single array parameter. It is the one bulk path that works
 * unchanged on PostgreSQL and on the embedded PGlite socket (whose COPY FROM STDIN is broken),
 * and it never meets the 65,535-parameter limit however many rows a batch holds.
 *
 * Row values use the demo world's wire types: dates as 'YYYY-MM-DD' strings, timestamps as
 * epoch seconds (numbers; converted server-side with to_timestamp), everything else as is.
 */
export type Row = readonly unknown[];

const ARRAY_TYPE: Record<ColumnType, string> = {
  int: 'int[]',
  bigint: 'bigint[]',
  numeric: 'numeric[]',
  text: 'text[]',
  date: 'date[]',
  timestamptz: 'float8[]',
  boolean: 'boolean[]',
};

export interface BulkInserter {
  readonly table: SourceTableName;
  readonly columns: readonly string[];
  insert(db: Knex | Knex.Transaction, rows: readonly Row[]): Promise<void>;
}

export function bulkInserter(table: SourceTableName, columns: readonly string[]): BulkInserter {
  const spec = tableSpec(table);
  const types = columns.map((name) => {
    const col = spec.columns.find((c) => c.name === name);
    if (!col) throw new Error(`${table} has no column ${name}`);
    return col.type;
  });
  const aliases = columns.map((_, i) => `c${i + 1}`);
  const select = types
    .map((type, i) => (type === 'timestamptz' ? `to_timestamp(${aliases[i]})` : aliases[i]))
    .join(', ');
  const args = types.map((type) => `?::${ARRAY_TYPE[type]}`).join(', ');
  const sql =
    `insert into ${table} (${columns.join(', ')}) select ${select} ` +
    `from unnest(${args}) as u(${aliases.join(', ')})`;
  return {
    table,
    columns,
    async insert(db, rows) {
      if (rows.length === 0) return;
      const arrays: unknown[][] = columns.map(() => new Array(rows.length));
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] as Row;
        for (let c = 0; c < columns.length; c++) (arrays[c] as unknown[])[r] = row[c] ?? null;
      }
      await db.raw(sql, arrays as Knex.RawBinding[]);
    },
  };
}
