import type { Db } from '../../../db/index.ts';
import type { CohortSpec } from '../cohort-spec.ts';
import { insertMartRows, type MartRow } from './seed-marts.ts';

/**
 * A tiny hand-computable world for cohort, ROI and budget tests: PLY-PRIMA (offering 1, 10 JP,
 * starts 2023-02-01) trained t1–t6 in 2023; c1–c5 are potential controls. Each handler completes
 * 20 requests in one month of each window (placebo 2021, pre 2022, post 2024).
 */
// Strata as of the window start 2023-01-01 (agency kind | grade group | tenure band).
export const STRATA = {
  A: { agency_kind: 'dinas', grade_group: 'III', appointed_on: '2013-01-01' }, // exactly 10 years → 10-19
  B: { agency_kind: 'kecamatan', grade_group: 'II', appointed_on: '2020-03-01' }, // <5
  C: { agency_kind: 'dinas', grade_group: 'IV', appointed_on: '1990-01-01' }, // 20+, treated only
  D: { agency_kind: 'badan', grade_group: 'I', appointed_on: '2016-06-01' }, // 5-9, control only
} as const;

/** Grade of each stratum; IV/a has no dim_grade cost (the fallback monthly cost applies). */
export const GRADES = { A: 'III/a', B: 'II/a', C: 'IV/a', D: 'I/a' } as const;

export const agencyOf = (p: Person) => (p.stratum === 'B' ? 'KEC-1' : 'DIS-1');

export interface Person {
  key: string;
  stratum: keyof typeof STRATA;
  treated: boolean;
  /** Mean days per request in the placebo (2021), pre (2022) and post (2024) windows. */
  days: [number, number, number] | [number, number | null, number];
}

// Treated Δ (post − pre): −4, −2, −3, −3 → mean −3, var 2/3. Matched control Δ: −1, +1, 0, 0 → mean 0, var 2/3.
// Placebo → pre changes: treated 0, +1, −1, 0 and control +1, −1, 0, 0: parallel, no warning.
export const PEOPLE: Person[] = [
  { key: 't1', stratum: 'A', treated: true, days: [10, 10, 6] },
  { key: 't2', stratum: 'A', treated: true, days: [11, 12, 10] },
  { key: 't3', stratum: 'B', treated: true, days: [9, 8, 5] },
  { key: 't4', stratum: 'B', treated: true, days: [9, 9, 6] },
  { key: 't5', stratum: 'C', treated: true, days: [7, 7, 1] }, // no control in C: dropped
  { key: 't6', stratum: 'A', treated: true, days: [7, null, 1] }, // no pre-window requests: not a handler
  { key: 'c1', stratum: 'A', treated: false, days: [10, 11, 10] },
  { key: 'c2', stratum: 'A', treated: false, days: [10, 9, 10] },
  { key: 'c3', stratum: 'B', treated: false, days: [8, 8, 8] },
  { key: 'c4', stratum: 'B', treated: false, days: [10, 10, 10] },
  { key: 'c5', stratum: 'D', treated: false, days: [4, 4, 40] }, // no treated in D: unused
];
const MONTHS = ['2021-06-01', '2022-06-01', '2024-06-01'];

function employeeRows(): MartRow[] {
  const rows: MartRow[] = PEOPLE.map((p) => ({
    employee_key: p.key,
    ...STRATA[p.stratum],
    agency_code: agencyOf(p),
    grade: GRADES[p.stratum],
    valid_from: p.key === 'c1' ? '2023-01-01' : '2010-01-01',
    is_current: true,
  }));
  // c1 moved from a badan on 2023-01-01: the version valid on the window start is the dinas one.
  rows.push({
    employee_key: 'c1',
    ...STRATA.D,
    agency_code: 'BAD-1',
    valid_from: '2010-01-01',
    valid_to: '2022-12-31',
  });
  // Joined after the window start: not in the population even with requests in every window.
  rows.push({ employee_key: 'late', ...STRATA.A, agency_code: 'DIS-1', valid_from: '2023-06-01' });
  return rows;
}

function enrollmentRows(): MartRow[] {
  const base = { program_id: 1, program_code: 'PLY-PRIMA', method: 'workshop', competency_area: 'technical' };
  const who = (key: string) => {
    const p = PEOPLE.find((q) => q.key === key)!;
    return { employee_key: key, agency_code: agencyOf(p), grade: GRADES[p.stratum] };
  };
  const rows: MartRow[] = PEOPLE.filter((p) => p.treated).map((p, i) => ({
    enrollment_id: i + 1,
    offering_id: 1,
    ...who(p.key),
    ...base,
    status: 'completed',
    completed_on: `2023-0${i + 1}-15`,
  }));
  rows.push(
    // Controls: trained before the window, dropped out in it, or completed another program in it.
    {
      enrollment_id: 101,
      offering_id: 2,
      ...who('c1'),
      ...base,
      status: 'completed',
      completed_on: '2022-05-01',
    },
    { enrollment_id: 102, offering_id: 1, ...who('c2'), ...base, status: 'dropped', completed_on: null },
    { enrollment_id: 104, offering_id: 1, ...who('c4'), ...base, status: 'no_show', completed_on: null },
    {
      enrollment_id: 103,
      offering_id: 3,
      ...who('c3'),
      program_id: 2,
      program_code: 'OTHER',
      method: 'seminar',
      status: 'completed',
      completed_on: '2023-03-01',
    },
  );
  return rows;
}

function handlerRows(people: Person[]): MartRow[] {
  const rows: MartRow[] = [];
  for (const p of [...people, { key: 'late', stratum: 'A', treated: false, days: [1, 1, 1] } as Person]) {
    p.days.forEach((d, w) => {
      if (d === null) return;
      rows.push({
        employee_key: p.key,
        month_start: MONTHS[w]!,
        requests: 20,
        completed: 20,
        sum_days: 20 * d,
        sla_met: w,
      });
    });
  }
  return rows;
}

/**
 * Programs, offerings, costs and grade costs. PLY-PRIMA in 2023 (offering 1): 4,000,000 IDR; its
 * 2022 run (offering 2) and OTHER (offering 3) lie outside the priced set.
 */
function costRows(): Record<string, MartRow[]> {
  const ply = { program_id: 1, program_code: 'PLY-PRIMA', method: 'workshop', competency_area: 'technical' };
  const other = { program_id: 2, program_code: 'OTHER', method: 'seminar', competency_area: 'soft_skills' };
  return {
    dim_program: [
      { ...ply, jp: 10 },
      { ...other, jp: 4 },
    ],
    dim_offering: [
      { offering_id: 1, ...ply, starts_on: '2023-02-01', year: 2023 },
      { offering_id: 2, ...ply, starts_on: '2022-04-01', year: 2022 },
      { offering_id: 3, ...other, starts_on: '2023-03-01', year: 2023 },
    ],
    fct_costs: [
      { cost_id: 1, offering_id: 1, ...ply, category: 'trainer', amount_idr: 3_000_000, year: 2023 },
      { cost_id: 2, offering_id: 1, ...ply, category: 'venue', amount_idr: 1_000_000, year: 2023 },
      { cost_id: 3, offering_id: 2, ...ply, category: 'trainer', amount_idr: 999_000, year: 2022 },
      { cost_id: 4, offering_id: 3, ...other, category: 'venue', amount_idr: 500_000, year: 2023 },
    ],
    dim_grade: [
      { grade: 'III/a', grade_group: 'III', monthly_cost_idr: 6_500_000 },
      { grade: 'II/a', grade_group: 'II', monthly_cost_idr: 4_875_000 },
    ],
  };
}

export async function seedCohortWorld(db: Db, people: Person[]): Promise<void> {
  for (const [mart, rows] of Object.entries(costRows())) await insertMartRows(db, mart, rows);
  await insertMartRows(db, 'dim_employee', employeeRows());
  await insertMartRows(db, 'fct_enrollments', enrollmentRows());
  await insertMartRows(db, 'agg_handler_month', handlerRows(people));
}

export const SPEC: CohortSpec = {
  selector: { kind: 'program', value: 'PLY-PRIMA' },
  from: '2023-01-01',
  to: '2023-12-31',
  outcome: 'service_days',
};

/**
 * An appraisal world for the L3 (behaviour change) tests: every key of `scores` is an employee in
 * stratum A; those starting with 't' completed PLY-PRIMA on 2023-04-01, the rest are untrained.
 * `scores[key][i]` is the year-end SKP score for period 2021 + i.
 */
export async function appraisalWorld(db: Db, scores: Record<string, readonly number[]>): Promise<void> {
  const keys = Object.keys(scores);
  await insertMartRows(
    db,
    'dim_employee',
    keys.map((k) => ({ employee_key: k, ...STRATA.A, valid_from: '2010-01-01' })),
  );
  await insertMartRows(
    db,
    'fct_enrollments',
    keys
      .filter((k) => k.startsWith('t'))
      .map((k, i) => ({
        enrollment_id: i,
        employee_key: k,
        program_code: 'PLY-PRIMA',
        status: 'completed',
        completed_on: '2023-04-01',
      })),
  );
  await insertMartRows(
    db,
    'fct_appraisals',
    Object.entries(scores).flatMap(([k, s]) =>
      s.map((score, i) => ({ employee_key: k, period: 2021 + i, score })),
    ),
  );
}
