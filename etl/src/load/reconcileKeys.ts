import type { Db } from '@asn/warehouse';
import type { SourceTableName } from '../source-schema/catalog.ts';
import { ident, lit } from '../validate/sql.ts';

/**
 * Key reconcile for deletions: an incremental extract only sees changed rows, so a row deleted at
 * the source would linger. The extract also exports every id still at the source; stg rows that
 * came from PostgreSQL and whose id is gone are deleted. (File-drop and xAPI rows are not owned by
 * PostgreSQL, so they are left alone.) Returns the number of rows deleted.
 */
export async function deleteVanishedKeys(db: Db, table: SourceTableName, keysFile: string): Promise<number> {
  const keys = `land.${ident(`k_${table}`)}`;
  await db.exec(
    `CREATE OR REPLACE TABLE ${keys} AS SELECT CAST(id AS BIGINT) AS id FROM read_csv(${lit(keysFile)}, header = true, auto_detect = false, columns = {'id': 'VARCHAR'})`,
  );
  return db.run(
    `DELETE FROM stg.${ident(table)} WHERE _source = 'postgres' AND id NOT IN (SELECT id FROM ${keys})`,
  );
}
