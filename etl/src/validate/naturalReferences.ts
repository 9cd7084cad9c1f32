import type { SourceTableName } from '../source-schema/catalog.ts';
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
}

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
];

/** The natural references a table's rows make. */
export const naturalReferencesOf = (table: string): readonly NaturalReference[] =>
  NATURAL_REFERENCES.filter((r) => r.table === table);

/**
 * Predicate over a stg row (its columns unqualified) of `ref.table`: it names a parent stg does not
 * hold. A NULL reference names nothing (an optional column left empty).
 */
export const naturalOrphanSql = (ref: NaturalReference): string =>
  `(${ident(ref.column)} IS NOT NULL AND NOT coalesce(${ident(ref.column)} IN (SELECT ${ident(ref.parentColumn)} FROM stg.${ident(ref.parent)}), false))`;
