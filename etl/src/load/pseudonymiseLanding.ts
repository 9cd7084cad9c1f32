import { join } from 'node:path';
import { type Db, STG_TABLES } from '@asn/warehouse';
import type { ColumnSpec } from '../source-schema/catalog.ts';
import { personalColumnProblems, pseudonymOutputs } from '../source-schema/personal.ts';
import { type LandingTableName, landingColumns } from '../validate/checkedColumns.ts';
import { ident } from '../validate/sql.ts';
import { accountKey, hmacPads, hmacSql, mboxKey, mboxSha1Key, normaliseMbox, sha1Hex } from './pseudonyms.ts';
import { writeCsv } from './writeCsv.ts';

/** The characters JavaScript's `String.prototype.trim` removes that are ASCII: TAB LF VT FF CR SP. */
const JS_TRIM_ASCII = `chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || ' '`;

/** True when a VARCHAR expression is NULL or pure ASCII (as many bytes as characters). */
const ascii = (e: string) => `(${e} IS NULL OR strlen(${e}) = length(${e}))`;

/** An lms_accounts row (`lms`: _rid, mbox, hp, name) whose strings are all pure ASCII. */
const LMS_ASCII = `${ascii('mbox')} AND ${ascii('hp')} AND ${ascii('name')}`;

/**
 * lms_accounts keyed in SQL (over the CTE `lms`), for the accounts whose mbox, homepage and name are
 * pure ASCII: there DuckDB's `lower` and `trim(…, JS_TRIM_ASCII)` are exactly JavaScript's `toLowerCase` and `trim`,
 * so the keys equal `mboxKey`, `accountKey` and `mboxSha1Key` (a test compares them). Bound
 * parameters: `$ipad`, `$opad` (`hmacPads`).
 */
const LMS_ACCOUNT_KEYS_ASCII = `
  SELECT _rid, coalesce(mbox_key, account_key) AS actor_key, account_key,
    CASE WHEN mailto IS NOT NULL THEN ${hmacSql(`'mbox_sha1sum:' || sha1(mailto)`)} END AS mbox_sha1_key
  FROM (
    SELECT _rid, mailto,
      CASE WHEN mailto IS NOT NULL THEN ${hmacSql(`'mbox:' || mailto`)} END AS mbox_key,
      CASE WHEN hp <> '' AND name <> ''
        THEN ${hmacSql(`'account:' || trim(hp, ${JS_TRIM_ASCII}) || '|' || trim(name, ${JS_TRIM_ASCII})`)}
      END AS account_key
    FROM (
      SELECT _rid, hp, name,
        CASE WHEN mbox <> '' THEN CASE WHEN prefix(m, 'mailto:') THEN m ELSE 'mailto:' || m END END AS mailto
      FROM (SELECT *, lower(trim(mbox, ${JS_TRIM_ASCII})) AS m FROM lms WHERE ${LMS_ASCII})
    )
  )`;

/**
 * Computes the pseudonyms of a landed table and lands them as `land.p_<table>(_rid, …keys)`, joined
 * to the rows by the validation pass; what it computes follows the catalog's personal kinds
 * (`PSEUDONYM_COLUMNS`, `pseudonymOutputs`). Employees (one row per civil servant) are keyed in SQL
 * (`hmacSql`: no round trip of the NIPs through Node, a CSV and back), as is an `employee_id`
 * column `<name>` of any other table (`<name>_key`, `pseudonymiseEmployeeIds`); lms_accounts' mbox /
 * account normalisation is JavaScript's trim and lower-casing, which the xAPI statements' keys use
 * too: accounts in pure ASCII are keyed in SQL (where the two agree exactly), the rest in Node.
 *
 * First it refuses (throws) a table whose personal columns would reach stg as they are
 * (`personalColumnProblems`): a column without a kind the ETL handles, or named in the stg contract.
 */
export async function pseudonymiseLanding(
  db: Db,
  table: LandingTableName,
  secret: string,
  scratchDir: string,
): Promise<void> {
  const problems = personalColumnProblems([{ name: table, columns: landingColumns(table) }], STG_TABLES);
  if (problems.length > 0) {
    throw new Error(`personal data of ${table} would reach the warehouse:\n${problems.join('\n')}`);
  }
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
    const lms = `lms AS (SELECT rowid AS _rid, mbox, account_homepage AS hp, account_name AS name
      FROM land.l_lms_accounts)`;
    await db.run(
      `CREATE OR REPLACE TABLE land.p_lms_accounts AS WITH ${lms} ${LMS_ACCOUNT_KEYS_ASCII}`,
      hmacPads(secret),
    );
    const landed = await db.all<{
      _rid: number;
      mbox: string | null;
      hp: string | null;
      name: string | null;
    }>(`WITH ${lms} SELECT * FROM lms WHERE NOT (${LMS_ASCII})`);
    if (landed.length === 0) return;
    header = ['_rid', 'actor_key', 'account_key', 'mbox_sha1_key'];
    rows = landed.map((r) => {
      const account = r.hp && r.name ? accountKey(secret, r.hp, r.name) : null;
      const mbox = r.mbox ? mboxKey(secret, r.mbox) : null;
      const sha1 = r.mbox ? mboxSha1Key(secret, sha1Hex(normaliseMbox(r.mbox))) : null;
      return [String(r._rid), mbox ?? account, account, sha1];
    });
  } else {
    const columns = landingColumns(table);
    if (columns.some((c) => c.personal === 'employee_id')) {
      await pseudonymiseEmployeeIds(db, table, columns, secret);
    }
    return;
  }
  await writeCsv(file, header, rows);
  const columns = `{${header.map((h) => `'${h}': '${h === '_rid' ? 'BIGINT' : 'VARCHAR'}'`).join(', ')}}`;
  await db.exec(
    `INSERT INTO land.${ident(`p_${table}`)} SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns})`,
  );
}

/**
 * `land.p_<table>(_rid, <name>_key…)` for the `employee_id` columns (NIP / NI PPPK) of a table
 * other than employees: HMAC-SHA256 of the value as landed, as `employeeKey` keys the employee's
 * own NIP or NI PPPK, so `<name>_key` equals the `employee_key` of the employee it names; no key
 * for an empty value. The keys are named by `pseudonymOutputs`, as `PSEUDONYM_COLUMNS` is.
 */
export async function pseudonymiseEmployeeIds(
  db: Db,
  table: string,
  columns: readonly ColumnSpec[],
  secret: string,
): Promise<void> {
  const ids = columns.filter((c) => c.personal === 'employee_id');
  const keys = pseudonymOutputs(table, ids);
  const select = ids
    .map(
      (c, i) =>
        `CASE WHEN ${ident(c.name)} <> '' THEN ${hmacSql(ident(c.name))} END AS ${ident(keys[i] as string)}`,
    )
    .join(', ');
  await db.run(
    `CREATE OR REPLACE TABLE land.${ident(`p_${table}`)} AS SELECT rowid AS _rid, ${select} FROM land.${ident(`l_${table}`)}`,
    hmacPads(secret),
  );
}
