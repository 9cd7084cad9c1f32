import type { ColumnType } from '../source-schema/catalog.ts';

/** A double-quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted SQL string literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The DuckDB type a catalog column is cast to (numeric → DOUBLE, as in the stg contract). */
export function duckType(type: ColumnType): string {
  switch (type) {
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'numeric':
      return 'DOUBLE';
    case 'text':
      return 'VARCHAR';
    case 'date':
      return 'DATE';
    case 'timestamptz':
      return 'TIMESTAMPTZ';
    case 'boolean':
      return 'BOOLEAN';
  }
}
