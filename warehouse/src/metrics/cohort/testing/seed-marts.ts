import { type AppendValue, Db } from '../../../db/index.ts';
import { createMartTables, martSpec } from '../../../models/marts/contract.ts';

/** A mart row for tests: only the columns a test cares about; see `insertMartRows` for the rest. */
export type MartRow = Readonly<Record<string, AppendValue>>;

/** An in-memory warehouse with every mart created empty. */
export async function openTestMarts(): Promise<Db> {
  const db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
  await createMartTables((sql) => db.exec(sql));
  return db;
}

function filler(type: string): AppendValue {
  if (type === 'DATE') return '2000-01-01';
  if (type.startsWith('TIMESTAMP')) return '2000-01-01T00:00:00Z';
  if (type === 'BOOLEAN') return false;
  if (type === 'VARCHAR') return '';
  return 0;
}

/**
 * Appends hand-made rows to a mart. Columns a row leaves out get NULL when nullable, otherwise a
 * neutral filler ('' / 0 / false / 2000-01-01), so a fixture states only what its test is about.
 */
export async function insertMartRows(db: Db, mart: string, rows: readonly MartRow[]): Promise<void> {
  const spec = martSpec(mart);
  const columns = spec.columns.map((col) => col.name);
  await db.appendRows(
    `marts.${mart}`,
    columns,
    rows.map((row) => {
      for (const key of Object.keys(row)) {
        if (!columns.includes(key)) throw new Error(`${mart} has no column ${key}`);
      }
      return spec.columns.map((col) => {
        const value = row[col.name];
        if (value !== undefined) return value;
        return col.nullable ? null : filler(col.type);
      });
    }),
  );
}

/**
 * Gives the snapshot a headcount in `years` (one employee per year), so its year span
 * (`readYearSpan`) ends where a test needs the data to end.
 */
export async function seedHeadcountYears(db: Db, years: readonly number[]): Promise<void> {
  await insertMartRows(
    db,
    'fct_headcount',
    years.map((year) => ({
      employee_key: 'k-any',
      year,
      agency_code: 'DIS-1',
      agency_kind: 'dinas',
      grade_group: 'III',
      tenure_band: '<5',
      employment_type: 'PNS',
      age_band: '<30',
      sex: 'F',
    })),
  );
}
