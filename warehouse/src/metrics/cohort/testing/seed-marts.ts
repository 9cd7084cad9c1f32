import { type AppendValue, Db } from '../../../db/index.ts';
import { createMartTables, martSpec } from '../../../models/marts/contract.ts';
import { personIdSql } from '../../../models/marts/sql-fragments.ts';

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
  // person_id is derived from employee_key, as the fact models derive it; a fixture never sets it.
  if (columns.includes('person_id') && !rows.some((row) => row.person_id !== undefined)) {
    await db.run(`UPDATE marts.${mart} SET person_id = ${personIdSql('employee_key')}`);
  }
}

/**
 * Gives the snapshot service requests submitted on `days` (YYYY-MM-DD), so the coverage of
 * `fct_service_requests` (`readFactCoverage`) starts and ends where a test needs the data to.
 */
export async function seedServiceRequestDays(db: Db, days: readonly string[]): Promise<void> {
  const [row] = await db.all<{ next: number | bigint }>(
    'SELECT coalesce(max(request_id), 0) + 1 AS next FROM marts.fct_service_requests',
  );
  const next = Number(row?.next ?? 1);
  await insertMartRows(
    db,
    'fct_service_requests',
    days.map((day, i) => ({
      request_id: next + i,
      service_type: 'ktp_el',
      agency_code: 'DIS-1',
      submitted_at: `${day}T08:00:00Z`,
      submitted_on: day,
      month_start: `${day.slice(0, 7)}-01`,
      year: Number(day.slice(0, 4)),
      status: 'open',
    })),
  );
}
