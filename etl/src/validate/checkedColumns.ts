import { type ColumnSpec, SOURCE_TABLES, type SourceTableName } from '../source-schema/catalog.ts';
import { pseudonymOutputs } from '../source-schema/personal.ts';
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
  { name: 'actor_mbox', type: 'text', required: false, personal: 'lms_identity' },
  { name: 'actor_mbox_sha1sum', type: 'text', required: false, personal: 'lms_identity' },
  { name: 'actor_account_homepage', type: 'text', required: false },
  { name: 'actor_account_name', type: 'text', required: false, personal: 'lms_identity' },
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
 * Pseudonym columns computed while landing (HMAC, `pseudonymiseLanding`) and carried next to the
 * landed text, per table: derived from the personal columns' kinds (`pseudonymOutputs`), so a new
 * `employee_id` column `<name>` brings `<name>_key`. They are outputs, not inputs: no rule checks
 * them.
 */
export const PSEUDONYM_COLUMNS: Readonly<Partial<Record<LandingTableName, readonly string[]>>> =
  Object.fromEntries(
    [...SOURCE_TABLES, XAPI_TABLE as LandingTableName]
      .map((table) => [table, pseudonymOutputs(table, landingColumns(table))] as const)
      .filter(([, columns]) => columns.length > 0),
  );

/** The data columns landed for a table (what the rules see), in order. */
export function landingColumns(table: LandingTableName): readonly ColumnSpec[] {
  return table === XAPI_TABLE ? XAPI_COLUMNS : extractColumns(table);
}

/** The identity column: `id`, or the xAPI statement id. */
export function keyColumn(table: LandingTableName): string {
  return table === XAPI_TABLE ? 'statement_id' : 'id';
}
