import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { buildMiniWorld, employeeKey } from './testing/buildMiniWorld.ts';

describe('dim_employee (SCD2 over assignments)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildMiniWorld();
  });
  afterAll(() => db.close());

  it('opens a version at a transfer (BKPP → Disdukcapil) and at a promotion (III/a pelaksana → III/b pengawas)', async () => {
    const person = {
      employee_key: employeeKey(1),
      sex: 'F',
      birth_year: 1985,
      employment_type: 'PNS',
      appointed_on: '2010-03-01',
      education: 'S1',
    };
    expect(
      await db.all('select * from marts.dim_employee where employee_key = $1 order by valid_from', [
        employeeKey(1),
      ]),
    ).toEqual([
      {
        ...person,
        agency_code: 'BKPSDM',
        agency_kind: 'badan',
        grade: 'III/a',
        grade_group: 'III',
        position_type: 'pelaksana',
        position_class: 'non_managerial',
        valid_from: '2010-03-01',
        valid_to: '2021-12-31',
        is_current: false,
      },
      {
        ...person,
        agency_code: 'DISDUKCAPIL',
        agency_kind: 'dinas',
        grade: 'III/a',
        grade_group: 'III',
        position_type: 'pelaksana',
        position_class: 'non_managerial',
        valid_from: '2022-01-01',
        valid_to: '2024-03-31',
        is_current: false,
      },
      {
        ...person,
        agency_code: 'DISDUKCAPIL',
        agency_kind: 'dinas',
        grade: 'III/b',
        grade_group: 'III',
        position_type: 'pengawas',
        position_class: 'managerial',
        valid_from: '2024-04-01',
        valid_to: null,
        is_current: true,
      },
    ]);
  });

  it('maps PPPK grades and managerial positions', async () => {
    expect(
      await db.all(
        `select employee_key, grade, grade_group, position_type, position_class from marts.dim_employee
         where employee_key <> $1 order by employee_key`,
        [employeeKey(1)],
      ),
    ).toEqual([
      {
        employee_key: employeeKey(2),
        grade: 'VII',
        grade_group: 'PPPK',
        position_type: 'fungsional',
        position_class: 'non_managerial',
      },
      {
        employee_key: employeeKey(3),
        grade: 'IV/a',
        grade_group: 'IV',
        position_type: 'administrator',
        position_class: 'managerial',
      },
    ]);
  });
});
