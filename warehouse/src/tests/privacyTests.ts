import { MARTS } from '../models/marts/contract.ts';
import { STG_TABLES, type StgSpec } from '../models/stg/contract.ts';
import type { DataTest } from './dataTest.ts';

/**
 * Column names that would mean personal data reached the warehouse (UU 27/2022 PDP): identifiers,
 * names, birth dates, e-mail actors. Matched as whole `_`-separated words, so `nip_hash` is caught
 * and `agency_code` is not. Columns ending in `_key` are exempt here: by the stg/marts convention a
 * `_key` holds an HMAC-SHA256 pseudonym (e.g. stg.lms_accounts.mbox_sha1_key), which is what the
 * warehouse keeps instead of the identifier; their values are still scanned for NIPs
 * (`privacy_no_nip_like_strings`) unless the ETL computes them (`STG_PSEUDONYM_COLUMNS`).
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
 * The stg columns the ETL fills with a pseudonym it computes: HMAC-SHA256 under PSEUDONYM_KEY, as
 * 64 lower-case hex characters (etl `hmacHex` / `hmacSql`, written by `pseudonymiseLanding`), per
 * stg table. The ETL derives the same list from the source catalog's personal columns
 * (`PSEUDONYM_COLUMNS`: `employee_key`, the LMS actor keys, `<name>_key` for an `employee_id`
 * column of any other table), and etl/src/source-schema/personal.test.ts fails while the two
 * differ: a column listed here is one the ETL computes, never one copied from a source. Being named
 * `*_key` is not enough: a source column named, say, `legacy_key` that holds raw NIPs is copied to
 * stg as it is, and is scanned like any other.
 */
export const STG_PSEUDONYM_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  employees: ['employee_key'],
  lms_accounts: ['actor_key', 'account_key', 'mbox_sha1_key'],
  xapi_statements: ['actor_key'],
};

/** Length in bytes of a pseudonym in `STG_PSEUDONYM_COLUMNS` (hex SHA-256). */
export const PSEUDONYM_HEX_LENGTH = 64;

/**
 * How the stg scan treats a column: `skip` for `_run_id` (the run's own id), `pseudonym` for a
 * column of `STG_PSEUDONYM_COLUMNS` (only a value that is not 64 bytes long is matched: a key is
 * one 64-character word, in which `\b` cannot fall, so the pattern could never match it anyway, and
 * `strlen` spares the regexp the column's keys; a raw NIP the ETL copied there by mistake is still
 * caught), `scan` for everything else that is VARCHAR, any other `*_key` column, codes and accepted
 * values included (short values: `strlen` rules them out before the pattern runs).
 */
export const stgNipScan = (table: string, column: string): 'skip' | 'pseudonym' | 'scan' =>
  column === '_run_id'
    ? 'skip'
    : (STG_PSEUDONYM_COLUMNS[table]?.includes(column) ?? false)
      ? 'pseudonym'
      : 'scan';

/**
 * Every VARCHAR column of every stg table of `tables` (`STG_TABLES`) but `_run_id`, one filtered scan per
 * column (DuckDB reads only that column; one query per table with a `count(*) FILTER` per column
 * measured 5–8× slower on the scale-1 demo, the filters losing the `strlen` short-cut): stg is what
 * the ETL copied from the sources (a same-named column is copied as is), and it is published with
 * the snapshot, so a raw NIP in a new table's column must fail the run even when no mart shows it
 * (review of 2026-12-05: `stg.mentoring_sessions.nomor_induk` held NIPs in clear). Rows come out as
 * `stg.<table>`, the column and the count, never the value.
 */
export const stgNipScanSql = (tables: readonly StgSpec[]): string =>
  tables
    .flatMap((table) =>
      table.columns
        .filter((col) => col.type === 'VARCHAR' && stgNipScan(table.name, col.name) !== 'skip')
        .map((col) => {
          const notKey =
            stgNipScan(table.name, col.name) === 'pseudonym'
              ? `strlen(${col.name}) <> ${PSEUDONYM_HEX_LENGTH} AND `
              : '';
          return `SELECT 'stg.${table.name}' AS model, '${col.name}' AS column_name, count(*) AS n
         FROM stg.${table.name} WHERE ${notKey}${nipLike(col.name)}
         HAVING count(*) > 0`;
        }),
    )
    .join('\nUNION ALL\n');

/** `stgNipScanSql` over the stg contract: the `stg` part of `privacy_no_nip_like_strings`. */
export const STG_NIP_SCAN_SQL = stgNipScanSql(STG_TABLES);

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
