import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { buildMiniWorld } from './testing/buildMiniWorld.ts';
import { miniWorld } from './testing/miniWorld.ts';

/**
 * Person-as-of-event attributes, read off fct_invitations, whose event date is the offering start:
 * employee 10 was at BKPP/BKPSDM until 2021-12-31 and at Disdukcapil from 2022-01-01 (appointed
 * 2010-03-01); employee 13 has a gap and a boundary-day transfer (ended_on = next started_on). Each
 * invitation is to its own offering starting on the day under test, and is sent a year earlier, so a
 * model that took the invitation date would place most of them differently.
 */
describe('person attributes as of the event date', () => {
  let db: Db;
  const invite = (id: number, employee_id: number, day: string) => ({
    id,
    offering_id: 100 + id,
    employee_id,
    invited_at: `${Number(day.slice(0, 4)) - 1}${day.slice(4)}T02:00:00Z`,
    response: 'no_response',
  });
  const offering = (id: number, day: string) => ({
    id: 100 + id,
    program_id: 1,
    organizer_agency_id: 2,
    starts_on: day,
    ends_on: day,
    capacity: 30,
  });
  const days: [number, number, string][] = [
    [1, 10, '2009-06-01'], // before any assignment → the first one
    [2, 10, '2015-02-28'], // 4.99 years of service
    [3, 10, '2015-03-01'], // 5 years
    [4, 10, '2021-12-31'], // last day before the transfer
    [5, 10, '2022-01-01'], // first day after it
    [6, 13, '2020-06-01'], // in the gap → nearest earlier (id 200)
    [7, 13, '2023-01-01'], // boundary day covered by 201 and 202 → later start (202)
  ];
  beforeAll(async () => {
    const world = miniWorld();
    db = await buildMiniWorld({
      employees: [
        ...(world.employees ?? []),
        {
          id: 13,
          employee_key: 'b'.repeat(64),
          sex: 'F',
          birth_year: 1990,
          employment_type: 'PNS',
          appointed_on: '2015-01-01',
        },
      ],
      employee_assignments: [
        ...(world.employee_assignments ?? []),
        {
          id: 200,
          employee_id: 13,
          agency_id: 2,
          grade: 'II/c',
          position_type: 'pelaksana',
          started_on: '2015-01-01',
          ended_on: '2019-12-31',
        },
        // gap in 2020, then a transfer recorded on the same day as the next start
        {
          id: 201,
          employee_id: 13,
          agency_id: 3,
          grade: 'II/d',
          position_type: 'pelaksana',
          started_on: '2021-01-01',
          ended_on: '2023-01-01',
        },
        {
          id: 202,
          employee_id: 13,
          agency_id: 2,
          grade: 'III/a',
          position_type: 'pelaksana',
          started_on: '2023-01-01',
        },
      ],
      offerings: [...(world.offerings ?? []), ...days.map(([id, , day]) => offering(id, day))],
      invitations: days.map(([id, employee, day]) => invite(id, employee, day)),
      enrollments: [],
      xapi_enrollments: [],
      assessments: [],
      reactions: [],
    });
  });
  afterAll(() => db.close());

  it('uses the assignment valid at the event, else the nearest earlier, else the first', async () => {
    expect(
      await db.all(
        `select invitation_id, agency_code, agency_kind, grade_group, tenure_band, employment_type
         from marts.fct_invitations order by invitation_id`,
      ),
    ).toEqual([
      {
        invitation_id: 1,
        agency_code: 'BKPSDM',
        agency_kind: 'badan',
        grade_group: 'III',
        tenure_band: '<5',
        employment_type: 'PNS',
      },
      {
        invitation_id: 2,
        agency_code: 'BKPSDM',
        agency_kind: 'badan',
        grade_group: 'III',
        tenure_band: '<5',
        employment_type: 'PNS',
      },
      {
        invitation_id: 3,
        agency_code: 'BKPSDM',
        agency_kind: 'badan',
        grade_group: 'III',
        tenure_band: '5-9',
        employment_type: 'PNS',
      },
      {
        invitation_id: 4,
        agency_code: 'BKPSDM',
        agency_kind: 'badan',
        grade_group: 'III',
        tenure_band: '10-19',
        employment_type: 'PNS',
      },
      {
        invitation_id: 5,
        agency_code: 'DISDUKCAPIL',
        agency_kind: 'dinas',
        grade_group: 'III',
        tenure_band: '10-19',
        employment_type: 'PNS',
      },
      {
        invitation_id: 6,
        agency_code: 'BKPSDM',
        agency_kind: 'badan',
        grade_group: 'II',
        tenure_band: '5-9',
        employment_type: 'PNS',
      },
      {
        invitation_id: 7,
        agency_code: 'BKPSDM',
        agency_kind: 'badan',
        grade_group: 'III',
        tenure_band: '5-9',
        employment_type: 'PNS',
      },
    ]);
  });
});
