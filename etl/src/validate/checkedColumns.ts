import type { ColumnSpec, SourceTableName } from '../source-schema/catalog.ts';
import { extractColumns } from '../sources/postgres/extractColumns.ts';

/** Landing table name for the xAPI statements (not a source table: they come from files or an LRS). */
export const XAPI_TABLE = 'xapi_statements';

export type LandingTableName = SourceTableName | typeof XAPI_TABLE;

/**
 * The statement columns the xAPI parser stages (see sources/xapi), typed like catalog columns so
 * the same generated rules apply. `verb` may be a full IRI or its last segment.
 */
export const XAPI_COLUMNS: readonly ColumnSpec[] = [
  { name: 'statement_id', type: 'text', required: true },
  { name: 'actor_mbox', type: 'text', required: false, personal: true },
  { name: 'actor_mbox_sha1sum', type: 'text', required: false, personal: true },
  { name: 'actor_account_homepage', type: 'text', required: false },
  { name: 'actor_account_name', type: 'text', required: false, personal: true },
  { name: 'verb', type: 'text', required: true },
  { name: 'activity_iri', type: 'text', required: true },
  { name: 'timestamp', type: 'timestamptz', required: true },
  { name: 'duration_seconds', type: 'numeric', required: false, range: [0, 1e7] },
  { name: 'jp', type: 'numeric', required: false, range: [0, 1000] },
  { name: 'success', type: 'boolean', required: false },
  { name: 'completion', type: 'boolean', required: false },
  { name: 'score_scaled', type: 'numeric', required: false, range: [-1, 1] },
  { name: 'score_raw', type: 'numeric', required: false },
];

/**
 * Pseudonym columns computed in Node (HMAC) and carried next to the landed text, per table. They
 * are outputs, not inputs: no rule checks them.
 */
export const PSEUDONYM_COLUMNS: Readonly<Partial<Record<LandingTableName, readonly string[]>>> = {
  employees: ['employee_key'],
  lms_accounts: ['actor_key', 'account_key', 'mbox_sha1_key'],
  xapi_statements: ['actor_key'],
};

/** The data columns landed for a table (what the rules see), in order. */
export function landingColumns(table: LandingTableName): readonly ColumnSpec[] {
  return table === XAPI_TABLE ? XAPI_COLUMNS : extractColumns(table);
}

/** The identity column: `id`, or the xAPI statement id. */
export function keyColumn(table: LandingTableName): string {
  return table === XAPI_TABLE ? 'statement_id' : 'id';
}
