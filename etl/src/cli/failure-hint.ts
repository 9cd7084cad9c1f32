/**
 * What an operator can do about a run that failed before it read anything, by the error's code
 * (PostgreSQL SQLSTATE or Node's errno): the setting to check; null when the message says enough.
 */
export function failureHint(code: string | undefined): string | null {
  switch (code) {
    case '42P01':
      return 'The source has no such table: is SOURCE_DATABASE_URL the operational database with the ASN schema? (`npm run demo` creates one with a demo world.)';
    case 'SOURCE_SCHEMA_CHANGED':
      return 'The source tables no longer have the columns or types the ETL reads (etl/src/source-schema/catalog.ts). Undo the change at the source (rename the column back, convert the type back), or, if it is meant, change the catalog and the source migrations to match; after an upgrade, `npm run migrate` adds the columns this release reads.';
    case 'SOURCE_NOT_A_TABLE':
      return 'Incremental runs read only tables (by row version, xmin). Make that source relation a table again, or run `npm run etl -- --full` each time.';
    case '42703':
      return 'The source lacks a column the ETL reads: its schema changed (a column renamed or dropped, or a view where a table was). Compare it with etl/src/source-schema/catalog.ts; after an upgrade, run `npm run migrate`.';
    case '3D000':
      return 'Check the database name in SOURCE_DATABASE_URL.';
    case '28P01':
    case '28000':
      return 'The source refused the user or password in SOURCE_DATABASE_URL.';
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
      return 'Nothing answered at the host and port of SOURCE_DATABASE_URL: is PostgreSQL running and reachable from here?';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'Cannot write to that path: WAREHOUSE_DIR (default $DATA_DIR/warehouse) and DATA_DIR must be directories this user can create and write (or point them elsewhere).';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'The disk (or quota) holding WAREHOUSE_DIR (default $DATA_DIR/warehouse) is full: free space and run again. Nothing was published; the live snapshot is unchanged.';
    case 'ENOTDIR':
      return 'A part of that path is a file, not a directory: check WAREHOUSE_DIR (default $DATA_DIR/warehouse) and DATA_DIR.';
    default:
      return null;
  }
}
