import { MARTS } from '../models/marts/contract.ts';
import { STG_TABLES } from '../models/stg/contract.ts';
import type { DataTest } from './dataTest.ts';

/**
 * Column names that would mean personal data reached the warehouse (UU 27/2022 PDP): identifiers,
 * names, birth dates, e-mail actors. Matched as whole `_`-separated words, so `nip_hash` is caught
 * and `agency_code` is not. Columns ending in `_key` are exempt: by the stg/marts convention a `_key`
 * holds an HMAC-SHA256 pseudonym (e.g. stg.lms_accounts.mbox_sha1_key), which is what the warehouse
 * keeps instead of the identifier.
 */
const PERSONAL_WORDS = ['nip', 'ni_pppk', 'nik', 'full_name', 'birth_date', 'mbox', 'email', 'phone'];

/**
 * A bare `name` column is fine on an agency or a service type but not on a person: a `*name` column
 * in any table that also identifies an employee is reported.
 */
const PERSON_COLUMNS = ['employee_key', 'employee_id', 'handled_by_key', 'handled_by', 'actor_key'];

/**
 * An 18-digit run is what a NIP or an NI PPPK looks like (DOMAIN §8), also written with spaces
 * (`19860926 201505 1 001`). `\b` keeps digits inside a 64-character hex pseudonym from matching.
 */
export const NIP_LIKE_PATTERN = '\\b[0-9]{8} ?[0-9]{6} ?[0-9] ?[0-9]{3}\\b';

const personalColumnsTest: DataTest = {
  name: 'privacy_no_personal_columns',
  model: 'stg+marts',
  severity: 'error',
  sql: `SELECT c.table_schema, c.table_name, c.column_name
    FROM information_schema.columns c
    WHERE c.table_schema IN ('stg', 'marts')
      AND (
        (
          regexp_matches(lower(c.column_name), '(^|_)(${PERSONAL_WORDS.join('|')})(_|$)')
          AND NOT lower(c.column_name) LIKE '%\\_key' ESCAPE '\\'
        )
        OR (
          lower(c.column_name) LIKE '%name'
          AND EXISTS (
            SELECT 1 FROM information_schema.columns k
            WHERE k.table_catalog = c.table_catalog AND k.table_schema = c.table_schema
              AND k.table_name = c.table_name AND k.column_name IN (${PERSON_COLUMNS.map((p) => `'${p}'`).join(', ')})
          )
        )
      )
    ORDER BY 1, 2, 3`,
};

/**
 * Every VARCHAR column of every mart, as one set-based UNION ALL query. The pattern is matched once
 * per DISTINCT value (the facts repeat a few thousand codes and keys a million times) and only on
 * values of at least 18 bytes (no shorter string can match); `n` still counts rows.
 */
const nipLike = (v: string): string => `strlen(${v}) >= 18 AND regexp_matches(${v}, '${NIP_LIKE_PATTERN}')`;
const nipLikeParts = MARTS.map((mart) => ({
  mart: mart.name,
  valueChecks: mart.columns
    .filter((col) => col.type === 'VARCHAR')
    .map((col) => ({ column: col.name, fails: nipLike })),
  sql: (rows: string) =>
    mart.columns
      .filter((col) => col.type === 'VARCHAR')
      .map(
        (col) =>
          `SELECT '${mart.name}' AS model, '${col.name}' AS column_name, CAST(sum(n) AS BIGINT) AS n
           FROM (SELECT ${col.name} AS v, count(*) AS n FROM ${rows} GROUP BY ${col.name})
           WHERE ${nipLike('v')}
           HAVING count(*) > 0`,
      )
      .join('\nUNION ALL\n'),
})).filter((part) => part.sql('x') !== '');

/**
 * The stg columns the NIP scan leaves out, known safe by construction (derived from the stg
 * contract, not listed by hand): `_run_id`, the run's own id, and the `*_key` columns, which by the
 * stg convention hold a 64-character hex HMAC (`\b` cannot fall inside one: a match would need the
 * whole value to be the 18 digits). Everything else that is VARCHAR is scanned, codes and accepted
 * values included (they are short: `strlen` rules them out before the pattern runs).
 */
export const STG_NIP_SCAN_SKIPPED = (name: string): boolean => name === '_run_id' || name.endsWith('_key');

/**
 * Every other VARCHAR column of every stg table (`STG_TABLES`), one filtered scan per column:
 * stg is what the ETL copied from the sources (a same-named column is copied as is), and it is
 * published with the snapshot, so a raw NIP in a new table's column must fail the run even when no
 * mart shows it (review of 2026-12-05: `stg.mentoring_sessions.nomor_induk` held NIPs in clear).
 * Rows come out as `stg.<table>`, the column and the count, never the value.
 */
export const STG_NIP_SCAN_SQL = STG_TABLES.flatMap((table) =>
  table.columns
    .filter((col) => col.type === 'VARCHAR' && !STG_NIP_SCAN_SKIPPED(col.name))
    .map(
      (col) =>
        `SELECT 'stg.${table.name}' AS model, '${col.name}' AS column_name, count(*) AS n
         FROM stg.${table.name} WHERE ${nipLike(col.name)}
         HAVING count(*) > 0`,
    ),
).join('\nUNION ALL\n');

/**
 * Per mart (a part each, see `DataTest.parts`): a value matches or not on its own, so only the
 * inserted rows of a changed mart can bring a new match. One more part, `stg`, scans the staging
 * tables (`STG_NIP_SCAN_SQL`): it reads stg, which has no lineage token, so the runner never reuses
 * it and runs it in full on every build (its `rows` argument is unused).
 */
const nipLikeStringsTest: DataTest = {
  name: 'privacy_no_nip_like_strings',
  model: 'stg+marts',
  severity: 'error',
  sql: [...nipLikeParts.map((part) => part.sql(`marts.${part.mart}`)), STG_NIP_SCAN_SQL].join(
    '\nUNION ALL\n',
  ),
  parts: [...nipLikeParts, { mart: 'stg', sql: () => STG_NIP_SCAN_SQL }],
};

export const PRIVACY_TESTS: readonly DataTest[] = [personalColumnsTest, nipLikeStringsTest];
