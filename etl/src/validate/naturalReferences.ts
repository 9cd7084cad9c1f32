import { type ColumnSpec, SOURCE_TABLES, type SourceTableName, tableSpec } from '../source-schema/catalog.ts';
import { ident } from './sql.ts';

/**
 * References by a natural key rather than an id: the source keeps them as text, with no foreign key
 * (or one the file drops bypass), but the marts join on them and their data tests check them
 * (`relationships_*` in warehouse/src/tests/relationships.ts: `service_type` → dim_service_type,
 * `agency_code` → dim_agency). A row naming no parent row is UNKNOWN_REFERENCE (`tableRules`), and
 * a change of the parent's key sweeps its children in an incremental run (`sweepOrphans`,
 * `sweepCarried`), as a full run would quarantine them.
 */
export interface NaturalReference {
  readonly table: SourceTableName;
  readonly column: string;
  readonly parent: SourceTableName;
  readonly parentColumn: string;
  /**
   * The column is the pseudonym the ETL computes from this personal column (`employeeReferences`):
   * a rule reads the landed row's pseudonym and names the column, never its value.
   */
  readonly pseudonymOf?: string;
}

/**
 * A NIP or NI PPPK column (`personal: 'employee_id'`) of a table other than employees names an
 * employee: it lands as its pseudonym `<name>_key` (`pseudonymOutputs`), the HMAC that equals that
 * employee's `employee_key`, which a mart joins on and a relationships data test checks. One naming
 * no employee stg holds is UNKNOWN_REFERENCE (`tableRules`, where the landed row carries the
 * pseudonym) instead of failing the run's data tests, and an employee gone from stg sweeps it
 * (`sweepOrphans`), as for any natural reference. A table of the catalog has none today: this is
 * for a new source's table (README "Add a source"). `columns`: the table's landed columns.
 */
export function employeeReferences(table: string, columns: readonly ColumnSpec[]): NaturalReference[] {
  if (table === 'employees') return [];
  return columns
    .filter((c) => c.personal === 'employee_id')
    .map((c) => ({
      table: table as SourceTableName,
      column: `${c.name}_key`,
      parent: 'employees',
      parentColumn: 'employee_key',
      pseudonymOf: c.name,
    }));
}

/** References by natural key declared by hand, and those of the catalog's NIP columns (`employeeReferences`). */
export const NATURAL_REFERENCES: readonly NaturalReference[] = [
  {
    table: 'service_requests',
    column: 'service_type',
    parent: 'service_levels',
    parentColumn: 'service_type',
  },
  {
    table: 'satisfaction_responses',
    column: 'service_type',
    parent: 'service_levels',
    parentColumn: 'service_type',
  },
  { table: 'service_levels', column: 'agency_code', parent: 'agencies', parentColumn: 'code' },
  ...SOURCE_TABLES.flatMap((t) => employeeReferences(t, tableSpec(t).columns)),
];

/**
 * The natural references a table's rows make: the declared ones, and one per NIP column of
 * `columns` (the table's landed columns: a table the catalog does not have is judged by them).
 */
export const naturalReferencesOf = (
  table: string,
  columns: readonly ColumnSpec[],
): readonly NaturalReference[] => [
  ...NATURAL_REFERENCES.filter((r) => r.table === table && r.pseudonymOf === undefined),
  ...employeeReferences(table, columns),
];

/**
 * Predicate over a stg row (its columns unqualified) of `ref.table`: it names a parent stg does not
 * hold. A NULL reference names nothing (an optional column left empty).
 */
export const naturalOrphanSql = (ref: NaturalReference): string =>
  `(${ident(ref.column)} IS NOT NULL AND NOT coalesce(${ident(ref.column)} IN (SELECT ${ident(ref.parentColumn)} FROM stg.${ident(ref.parent)}), false))`;
