import { describe, expect, it } from 'vitest';
import { SOURCE_TABLES, tableSpec } from '../source-schema/catalog.ts';
import { NATURAL_REFERENCES } from './naturalReferences.ts';

/**
 * The ETL lands and validates the tables in `SOURCE_TABLES` order, and a reference rule reads its
 * parent's stg rows of this run (UNKNOWN_REFERENCE in `tableRules`): a table listed before its
 * parent would find stg empty, or last run's, and quarantine valid rows while the run succeeds (a
 * review of 2026-12-07 moved a new NIP table above employees: every row UNKNOWN_REFERENCE). So
 * every parent comes first: by id (`references`), by natural key, and by NIP (`employeeReferences`).
 */
describe('the load order', () => {
  const position = (table: string) => (SOURCE_TABLES as readonly string[]).indexOf(table);

  it('puts every parent a table refers to by id before it', () => {
    const late = SOURCE_TABLES.flatMap((table) =>
      tableSpec(table)
        .columns.filter((c) => c.references !== undefined && c.references !== table)
        .filter((c) => position(c.references as string) > position(table))
        .map((c) => `${table}.${c.name} → ${c.references}`),
    );
    expect(late).toEqual([]);
  });

  it('puts every parent a table refers to by natural key or NIP before it', () => {
    expect(NATURAL_REFERENCES.length).toBeGreaterThan(0);
    const late = NATURAL_REFERENCES.filter((r) => position(r.parent) > position(r.table)).map(
      (r) => `${r.table}.${r.column} → ${r.parent}.${r.parentColumn}`,
    );
    expect(late).toEqual([]);
    for (const r of NATURAL_REFERENCES) expect(position(r.parent), r.parent).toBeGreaterThanOrEqual(0);
  });
});
