import { type ColumnSpec, type SourceTableName, tableSpec } from '../../source-schema/catalog.ts';

/**
 * Personal columns the warehouse never needs. They are not even selected, so they never leave the
 * source database (not in scratch CSVs, not in quarantine). The other personal columns (NIP, birth
 * date, LMS identities) are read because validation and pseudonymisation need them; they stop in
 * the scratch landing area and never reach a snapshot.
 */
export const NOT_EXTRACTED: Readonly<Partial<Record<SourceTableName, readonly string[]>>> = {
  employees: ['full_name'],
  reactions: ['comment'],
};

/** The catalog columns of `table` the ETL reads, in catalog order. */
export function extractColumns(table: SourceTableName): readonly ColumnSpec[] {
  const skip = NOT_EXTRACTED[table] ?? [];
  return tableSpec(table).columns.filter((c) => !skip.includes(c.name));
}
