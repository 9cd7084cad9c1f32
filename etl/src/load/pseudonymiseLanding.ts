import { join } from 'node:path';
import type { Db } from '@asn/warehouse';
import type { LandingTableName } from '../validate/checkedColumns.ts';
import { ident } from '../validate/sql.ts';
import { accountKey, hmacPads, hmacSql, mboxKey, mboxSha1Key, normaliseMbox, sha1Hex } from './pseudonyms.ts';
import { writeCsv } from './writeCsv.ts';

/**
 * Computes the pseudonyms of a landed table and lands them as `land.p_<table>(_rid, …keys)`, joined
 * to the rows by the validation pass. Only the two small identity tables go through here: employees
 * (one row per civil servant), keyed in SQL (`hmacSql`: no round trip of the NIPs through Node, a
 * CSV and back), and lms_accounts, keyed in Node (its mbox / account normalisation is JavaScript's
 * trim and lower-casing, which the xAPI statements' keys use too).
 */
export async function pseudonymiseLanding(
  db: Db,
  table: LandingTableName,
  secret: string,
  scratchDir: string,
): Promise<void> {
  const file = join(scratchDir, `pseudonyms_${table}.csv`);
  let header: string[];
  let rows: (string | null)[][];
  if (table === 'employees') {
    // In SQL, as `employeeKey` does it: the NI PPPK for a PPPK, else the NIP; no key without one.
    await db.run(
      `CREATE OR REPLACE TABLE land.p_employees AS
       SELECT _rid, CASE WHEN id <> '' THEN ${hmacSql('id')} END AS employee_key
       FROM (SELECT rowid AS _rid, CASE WHEN employment_type = 'PPPK' THEN ni_pppk ELSE nip END AS id
             FROM land.l_employees)`,
      hmacPads(secret),
    );
    return;
  }
  if (table === 'lms_accounts') {
    const landed = await db.all<{
      _rid: number;
      mbox: string | null;
      hp: string | null;
      name: string | null;
    }>('SELECT rowid AS _rid, mbox, account_homepage AS hp, account_name AS name FROM land.l_lms_accounts');
    header = ['_rid', 'actor_key', 'account_key', 'mbox_sha1_key'];
    rows = landed.map((r) => {
      const account = r.hp && r.name ? accountKey(secret, r.hp, r.name) : null;
      const mbox = r.mbox ? mboxKey(secret, r.mbox) : null;
      const sha1 = r.mbox ? mboxSha1Key(secret, sha1Hex(normaliseMbox(r.mbox))) : null;
      return [String(r._rid), mbox ?? account, account, sha1];
    });
  } else {
    return;
  }
  await writeCsv(file, header, rows);
  const columns = `{${header.map((h) => `'${h}': '${h === '_rid' ? 'BIGINT' : 'VARCHAR'}'`).join(', ')}}`;
  await db.exec(
    `CREATE OR REPLACE TABLE land.${ident(`p_${table}`)} AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns})`,
  );
}
