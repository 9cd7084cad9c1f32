import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { buildMiniWorld, employeeKey } from './testing/buildMiniWorld.ts';

describe('fct_enrollments: source and xAPI enrollments', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildMiniWorld({
      enrollments: [
        {
          id: 1,
          offering_id: 1,
          employee_id: 10,
          status: 'completed',
          jp_earned: 24,
          completed_at: '2023-03-03T09:00:00Z',
        },
        {
          id: 2,
          offering_id: 1,
          employee_id: 11,
          status: 'no_show',
          jp_earned: 0,
          _source: 'files:bkpsdm-2023.xlsx',
        },
      ],
      xapi_enrollments: [
        // same offering + employee as source enrollment 1: the source row wins, this one is dropped
        {
          enrollment_id: -100000010,
          offering_id: 1,
          employee_id: 10,
          status: 'dropped',
          jp_earned: 0,
          statement_count: 1,
          _source: 'xapi:lrs.ndjson',
        },
        {
          enrollment_id: -100000012,
          offering_id: 1,
          employee_id: 12,
          status: 'completed',
          jp_earned: 20,
          completed_at: '2023-12-31T18:00:00Z',
          statement_count: 3,
          _source: 'xapi:lrs.ndjson',
        },
      ],
    });
  });
  afterAll(() => db.close());

  it('unions them, the source row winning for the same offering + employee, with source labels', async () => {
    expect(
      await db.all(
        `select enrollment_id, employee_key, status, jp_earned, start_date, completed_on, year, source,
           agency_code, grade, pre_score, post_score, reaction_relevance, reaction_intent_to_apply, has_reaction
         from marts.fct_enrollments order by enrollment_id`,
      ),
    ).toEqual([
      {
        enrollment_id: -100000012,
        employee_key: employeeKey(3),
        status: 'completed',
        jp_earned: 20,
        start_date: '2023-03-01',
        completed_on: '2024-01-01', // 18:00 UTC on 31 Dec is 01:00 WIB on 1 Jan
        year: 2024,
        source: 'xapi',
        agency_code: 'BKPSDM',
        grade: 'IV/a',
        pre_score: null,
        post_score: null,
        reaction_relevance: null,
        reaction_intent_to_apply: null,
        has_reaction: false,
      },
      {
        enrollment_id: 1,
        employee_key: employeeKey(1),
        status: 'completed',
        jp_earned: 24,
        start_date: '2023-03-01',
        completed_on: '2023-03-03',
        year: 2023,
        source: 'postgres',
        agency_code: 'DISDUKCAPIL',
        grade: 'III/a',
        pre_score: 55,
        post_score: 80,
        reaction_relevance: 5,
        reaction_intent_to_apply: 5,
        has_reaction: true,
      },
      {
        enrollment_id: 2,
        employee_key: employeeKey(2),
        status: 'no_show',
        jp_earned: 0,
        start_date: '2023-03-01',
        completed_on: null,
        year: 2023,
        source: 'files',
        agency_code: 'DISDUKCAPIL',
        grade: 'VII',
        pre_score: null,
        post_score: null,
        reaction_relevance: null,
        reaction_intent_to_apply: null,
        has_reaction: false,
      },
    ]);
  });

  it('marks invitations enrolled from either source, with the winning status', async () => {
    expect(
      await db.all(
        'select invitation_id, enrolled, enrollment_status from marts.fct_invitations order by invitation_id',
      ),
    ).toEqual([
      { invitation_id: 1, enrolled: true, enrollment_status: 'completed' },
      { invitation_id: 2, enrolled: true, enrollment_status: 'no_show' },
      { invitation_id: 3, enrolled: true, enrollment_status: 'completed' },
    ]);
  });
});
