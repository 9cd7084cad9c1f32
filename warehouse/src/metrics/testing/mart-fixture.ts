import { type AppendValue, Db } from '../../db/index.ts';
import { createMartTables, martSpec } from '../../models/marts/contract.ts';
import { personIdSql } from '../../models/marts/sql-fragments.ts';

/** An in-memory warehouse with every mart created empty (for known-answer tests). */
export async function openTestMarts(): Promise<Db> {
  const db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
  await createMartTables((sql) => db.exec(sql));
  return db;
}

function defaultFor(type: string): AppendValue {
  if (type === 'BOOLEAN') return false;
  if (type === 'DATE') return '2024-01-01';
  if (type.startsWith('TIMESTAMP')) return '2024-01-01T00:00:00Z';
  if (/INT|DOUBLE|DECIMAL/.test(type)) return 0;
  return 'x';
}

/**
 * Inserts hand-made rows into a mart; columns a row leaves out get a neutral default (NULL when
 * nullable, else 0 / 'x' / false / 2024-01-01), so a test spells out only what it asserts on.
 */
export async function seed(
  db: Db,
  mart: string,
  rows: readonly Record<string, AppendValue | undefined>[],
): Promise<void> {
  const spec = martSpec(mart);
  const columns = spec.columns.map((c) => c.name);
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!columns.includes(key)) throw new Error(`seed: ${mart} has no column ${key}`);
    }
  }
  await db.appendRows(
    `marts.${mart}`,
    columns,
    rows.map((row, i) =>
      spec.columns.map((c) => {
        const value = row[c.name];
        if (value !== undefined) return value;
        if (spec.key.length === 1 && spec.key[0] === c.name && /INT/.test(c.type)) return i + 1;
        return c.nullable ? null : defaultFor(c.type);
      }),
    ),
  );
  // person_id is derived from employee_key, as the fact models derive it; a fixture never sets it.
  if (columns.includes('person_id') && !rows.some((row) => row.person_id !== undefined)) {
    await db.run(`UPDATE marts.${mart} SET person_id = ${personIdSql('employee_key')}`);
  }
}

/**
 * `fct_invitations` rows for `seed`: `n` accepted, not yet enrolled invitations of 2024-03-01 per
 * [agency, program] cell, each of another employee, each row carrying `extra(agency)` as well (an
 * agency kind, say).
 */
export function acceptedInvitations2024(
  cells: readonly (readonly [agency: string, program: string, n: number])[],
  extra: (agency: string) => Record<string, AppendValue> = () => ({}),
) {
  return cells.flatMap(([agency, program, n]) =>
    Array.from({ length: n }, (_, i) => ({
      employee_key: `${agency}/${program}/${i}`,
      ...extra(agency),
      agency_code: agency,
      program_code: program,
      response: 'accepted',
      enrolled: false,
      enrollment_status: null,
      invited_on: '2024-03-01',
      year: 2024,
    })),
  );
}

/** Three dinas and a badan, the agencies of the coarse-complement tests, by code. */
export const AGENCY_KINDS: Readonly<Record<string, string>> = {
  D1: 'dinas',
  D2: 'dinas',
  D3: 'dinas',
  B1: 'badan',
};

/** `dim_agency` rows for agencies of the given kinds (named by their codes). */
export async function seedAgencyKinds(db: Db, kinds: Readonly<Record<string, string>>): Promise<void> {
  await seed(
    db,
    'dim_agency',
    Object.entries(kinds).map(([code, kind]) => ({
      agency_code: code,
      kind,
      name: code,
      current_name: code,
    })),
  );
}

/**
 * Rows for `seed` each of another employee (an `employee_key` of its own unless the row names one):
 * disclosure control counts the distinct employees of a row too, and `seed`'s default gives every
 * row the same one.
 */
export function eachOwnEmployee<R extends Record<string, AppendValue | undefined>>(
  rows: readonly R[],
): (R & { employee_key: AppendValue })[] {
  return rows.map((row, i) => ({ employee_key: `employee-${i}`, ...row }));
}

/** SLA targets (days) of the service types `serviceRequest` knows. */
export const SERVICE_TARGET_DAYS = { KTP: 2, KK: 10 } as const;

/**
 * One `fct_service_requests` row for `seed`: a DUKCAPIL request of handler h1 in kelurahan K1,
 * submitted and (when `completed` is given) completed at those ISO times, its days, target and
 * SLA outcome derived from them.
 */
export function serviceRequest(
  serviceType: keyof typeof SERVICE_TARGET_DAYS,
  submitted: string,
  status: string,
  completed: string | null = null,
): Record<string, AppendValue> {
  const target = SERVICE_TARGET_DAYS[serviceType];
  const days = completed === null ? null : (Date.parse(completed) - Date.parse(submitted)) / 86_400_000;
  return {
    service_type: serviceType,
    agency_code: 'DUKCAPIL',
    handled_by_key: 'h1',
    kelurahan_code: 'K1',
    submitted_at: submitted,
    completed_at: completed,
    submitted_on: submitted.slice(0, 10),
    month_start: `${submitted.slice(0, 7)}-01`,
    year: Number(submitted.slice(0, 4)),
    status,
    days,
    target_days: target,
    sla_met: days === null ? null : days <= target,
  };
}
