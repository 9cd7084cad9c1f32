import { type ColumnSpec, PERSONAL_KINDS } from './catalog.ts';

/** A table as the guard sees it: a catalog entry, or the xAPI statements' landed columns. */
export interface PersonalTable {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
}

/** A stg table as the guard sees it (`StgSpec` of `@asn/warehouse`). */
export interface StgShape {
  readonly name: string;
  readonly columns: readonly { readonly name: string }[];
}

/** The tables whose `lms_identity` columns the ETL keys (their keying is specific to each). */
const LMS_IDENTITY_TABLES: readonly string[] = ['lms_accounts', 'xapi_statements'];

/**
 * The pseudonym columns the ETL computes for a table from its personal columns (see `PersonalKind`),
 * in order: `employee_key` for employees (from nip and ni_pppk), the three actor keys for
 * lms_accounts, `actor_key` for the xAPI statements, and `<name>_key` for an `employee_id`
 * column of any other table. The source of `PSEUDONYM_COLUMNS`.
 */
export function pseudonymOutputs(table: string, columns: readonly ColumnSpec[]): string[] {
  const has = (kind: string) => columns.some((c) => c.personal === kind);
  if (table === 'employees') return has('employee_id') ? ['employee_key'] : [];
  if (table === 'lms_accounts')
    return has('lms_identity') ? ['actor_key', 'account_key', 'mbox_sha1_key'] : [];
  if (table === 'xapi_statements') return has('lms_identity') ? ['actor_key'] : [];
  return columns.filter((c) => c.personal === 'employee_id').map((c) => `${c.name}_key`);
}

/**
 * Why the personal columns of `tables` could reach stg as they are, one line each (empty: none).
 * `writeStg` fills a stg column from the checked column of the same name, so a personal column
 * must never be named in its table's stg contract; and each must declare a kind the ETL handles
 * (`PERSONAL_KINDS`), where its kind allows it. Run over the whole catalog by a test
 * (`personal.test.ts`) and for each landed table at run time (`pseudonymiseLanding`), so a new
 * personal column is either pseudonymised or fails the build and the run loudly.
 */
export function personalColumnProblems(tables: readonly PersonalTable[], stg: readonly StgShape[]): string[] {
  const problems: string[] = [];
  for (const table of tables) {
    const stgColumns = new Set(stg.find((s) => s.name === table.name)?.columns.map((c) => c.name) ?? []);
    for (const column of table.columns) {
      const kind = column.personal as unknown;
      if (kind === undefined || kind === false) continue;
      const at = `${table.name}.${column.name}`;
      if (!(PERSONAL_KINDS as readonly unknown[]).includes(kind)) {
        problems.push(
          `${at} is personal (${JSON.stringify(kind)}) without a kind the ETL handles: declare personal as one of ${PERSONAL_KINDS.join(', ')} (see PersonalKind in etl/src/source-schema/catalog.ts)`,
        );
      }
      if (stgColumns.has(column.name)) {
        problems.push(
          `${at} is personal but stg.${table.name} declares a column ${column.name}: it would be copied there as it is (remove it from warehouse/src/models/stg/contract.ts${kind === 'employee_id' ? `; keep ${column.name}_key, its pseudonym, instead` : ''})`,
        );
      }
      if (kind === 'birth_date' && column.name !== 'birth_date') {
        problems.push(`${at}: only a column named birth_date is generalised to birth_year`);
      }
      if (kind === 'lms_identity' && !LMS_IDENTITY_TABLES.includes(table.name)) {
        problems.push(
          `${at}: lms_identity is keyed only in ${LMS_IDENTITY_TABLES.join(' and ')}; declare it employee_id (a NIP / NI PPPK) or never_read`,
        );
      }
    }
  }
  return problems;
}
