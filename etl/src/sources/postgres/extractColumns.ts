import { type ColumnSpec, neverRead, type SourceTableName, tableSpec } from '../../source-schema/catalog.ts';

/**
 * The catalog columns of `table` the ETL reads, in catalog order. The personal columns the warehouse
 * never needs (`NEVER_READ`) are not even selected, so they never leave the source database (not in
 * scratch CSVs, not in quarantine). The other personal columns (NIP, birth date, LMS identities) are
 * read because validation and pseudonymisation need them; they stop in the scratch landing area and
 * never reach a snapshot.
 */
export function extractColumns(table: SourceTableName): readonly ColumnSpec[] {
  return tableSpec(table).columns.filter((c) => !neverRead(table, c.name));
}
