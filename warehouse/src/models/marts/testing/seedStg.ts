import type { AppendValue, Db } from '../../../db/index.ts';
import { createStgTables, stgSpec } from '../../stg/contract.ts';

/** A hand-made stg row: column → value; lineage and `updated_at` are filled in when left out. */
export type StgRow = Readonly<Record<string, AppendValue>>;
export type StgRows = Readonly<Record<string, readonly StgRow[]>>;

const DEFAULTS: StgRow = {
  updated_at: '2025-01-01T00:00:00Z',
  _source: 'postgres',
  _run_id: 'test-run',
};

/**
 * Creates the stg tables and appends the given rows (dbt unit-test style: a few input rows per
 * table). Columns a row leaves out get the defaults above, or NULL.
 */
export async function seedStg(db: Db, rows: StgRows): Promise<void> {
  await createStgTables((sql) => db.exec(sql));
  for (const [table, tableRows] of Object.entries(rows)) {
    if (tableRows.length === 0) continue;
    const names = new Set(stgSpec(table).columns.map((c) => c.name));
    const columns = [
      ...new Set([...tableRows.flatMap((r) => Object.keys(r)), ...Object.keys(DEFAULTS)]),
    ].filter((c) => names.has(c));
    await db.appendRows(
      `stg.${table}`,
      columns,
      tableRows.map((row) => columns.map((c) => (c in row ? row[c] : DEFAULTS[c]) ?? null)),
    );
  }
}
