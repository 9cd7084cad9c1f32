import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { buildMiniWorld, employeeKey } from './testing/buildMiniWorld.ts';
import { miniWorld } from './testing/miniWorld.ts';

describe('fct_headcount (assignment covering 30 June)', () => {
  let db: Db;
  beforeAll(async () => {
    const world = miniWorld();
    const employee = (id: number) => ({
      id,
      employee_key: `${'c'.repeat(63)}${id - 20}`,
      sex: 'M',
      birth_year: 1994,
      employment_type: 'PNS',
      appointed_on: '2020-01-01',
    });
    const assignment = (id: number, employee_id: number, started_on: string, ended_on?: string) => ({
      id,
      employee_id,
      agency_id: 3,
      grade: 'II/a',
      position_type: 'pelaksana',
      started_on,
      ...(ended_on ? { ended_on } : {}),
    });
    db = await buildMiniWorld({
      employees: [...(world.employees ?? []), employee(21), employee(22), employee(23)],
      employee_assignments: [
        ...(world.employee_assignments ?? []),
        assignment(301, 21, '2020-01-01', '2023-06-29'), // left the day before the 2023 census
        assignment(302, 22, '2020-01-01', '2023-06-30'), // left on census day: still counted in 2023
        assignment(303, 23, '2024-06-30'), // joined on census day 2024
      ],
    });
  });
  afterAll(() => db.close());

  it('counts employees whose assignment covers 30 June of each fact year (2023–2024 here)', async () => {
    expect(
      await db.all(
        `select employee_key, year, agency_code, grade_group, tenure_band, age_band, sex
         from marts.fct_headcount order by employee_key, year`,
      ),
    ).toEqual([
      {
        employee_key: employeeKey(1),
        year: 2023,
        agency_code: 'DISDUKCAPIL',
        grade_group: 'III',
        tenure_band: '10-19',
        age_band: '30-39',
        sex: 'F',
      },
      {
        employee_key: employeeKey(1),
        year: 2024,
        agency_code: 'DISDUKCAPIL',
        grade_group: 'III',
        tenure_band: '10-19',
        age_band: '30-39',
        sex: 'F',
      },
      {
        employee_key: employeeKey(2),
        year: 2023,
        agency_code: 'DISDUKCAPIL',
        grade_group: 'PPPK',
        tenure_band: '<5',
        age_band: '<30',
        sex: 'M',
      },
      {
        employee_key: employeeKey(2),
        year: 2024,
        agency_code: 'DISDUKCAPIL',
        grade_group: 'PPPK',
        tenure_band: '<5',
        age_band: '<30',
        sex: 'M',
      },
      {
        employee_key: employeeKey(3),
        year: 2023,
        agency_code: 'BKPSDM',
        grade_group: 'IV',
        tenure_band: '20+',
        age_band: '50+',
        sex: 'M',
      },
      {
        employee_key: employeeKey(3),
        year: 2024,
        agency_code: 'BKPSDM',
        grade_group: 'IV',
        tenure_band: '20+',
        age_band: '50+',
        sex: 'M',
      },
      {
        employee_key: `${'c'.repeat(63)}2`,
        year: 2023,
        agency_code: 'DISDUKCAPIL',
        grade_group: 'II',
        tenure_band: '<5',
        age_band: '<30',
        sex: 'M',
      },
      {
        employee_key: `${'c'.repeat(63)}3`,
        year: 2024,
        agency_code: 'DISDUKCAPIL',
        grade_group: 'II',
        tenure_band: '<5',
        age_band: '30-39',
        sex: 'M',
      },
    ]);
  });
});
