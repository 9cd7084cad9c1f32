import type { StagedTable } from '../../sources/staged.ts';
import { type LandingTableName, landingColumns } from '../../validate/checkedColumns.ts';

/** A test row by column name (null = an empty cell); columns left out are empty. */
export type StagedRow = Readonly<Record<string, string | null>>;

/** The `updated_at` of a staged test row that gives none. */
export const STAGED_AT = '2024-01-01 00:00:00+00';

/**
 * Rows as a file drop stages them (`files:<table>.csv` unless `source` says otherwise): every
 * landing column, in order, a column left out empty (`updated_at`: `STAGED_AT`), numbered from line
 * 2 under the header, each with its raw text.
 */
export function stagedRows(
  table: LandingTableName,
  rows: readonly StagedRow[],
  source = `files:${table}.csv`,
): StagedTable {
  const columns = landingColumns(table).map((c) => c.name);
  return {
    table,
    source,
    columns,
    rows: rows.map((r) => columns.map((c) => r[c] ?? (c === 'updated_at' ? STAGED_AT : null))),
    rowNumbers: rows.map((_, i) => i + 2),
    rawRows: rows.map((r) => JSON.stringify(r)),
    rejected: [],
  };
}
