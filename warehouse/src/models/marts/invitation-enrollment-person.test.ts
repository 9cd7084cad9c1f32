import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { DATA_TESTS, runDataTests } from '../../tests/index.ts';
import { buildMiniWorld } from './testing/buildMiniWorld.ts';
import { miniWorld } from './testing/miniWorld.ts';

/**
 * An invitation and the enrollment it led to describe the employee as of the same day, the offering
 * start. Employee 10 moves from BKPSDM to Disdukcapil on 2022-01-01: invited on 2021-12-15 to an
 * offering starting 2022-01-10, the invitation and the enrollment both sit at Disdukcapil. Were the
 * invitation placed by the invitation date, the funnel would count an enrolled employee at BKPSDM that
 * completion counts at Disdukcapil, and the two shown cells' difference would name that one move.
 */
describe('an invitation and its enrollment: one person', () => {
  let db: Db;
  const invariant = DATA_TESTS.find((t) => t.name === 'person_as_of_offering_fct_invitations')!;
  beforeAll(async () => {
    const world = miniWorld();
    db = await buildMiniWorld({
      offerings: [
        ...world.offerings!,
        {
          id: 2,
          program_id: 1,
          organizer_agency_id: 2,
          starts_on: '2022-01-10',
          ends_on: '2022-01-12',
          capacity: 30,
        },
      ],
      invitations: [
        ...world.invitations!,
        { id: 10, offering_id: 2, employee_id: 10, invited_at: '2021-12-15T02:00:00Z', response: 'accepted' },
      ],
      enrollments: [
        ...world.enrollments!,
        {
          id: 10,
          offering_id: 2,
          employee_id: 10,
          status: 'completed',
          jp_earned: 24,
          completed_at: '2022-01-12T09:00:00Z',
        },
      ],
    });
  });
  afterAll(() => db.close());

  it('takes the invitation’s person as of the offering start, and dates it by the invitation', async () => {
    const cells = 'agency_code, agency_kind, grade_group, tenure_band, employment_type';
    expect(
      await db.all(`select invitation_id, invited_on, year, enrolled, ${cells}
                    from marts.fct_invitations where invitation_id = 10`),
    ).toEqual([
      {
        invitation_id: 10,
        invited_on: '2021-12-15',
        year: 2021,
        enrolled: true,
        agency_code: 'DISDUKCAPIL',
        agency_kind: 'dinas',
        grade_group: 'III',
        tenure_band: '10-19',
        employment_type: 'PNS',
      },
    ]);
    expect(await db.all(`select ${cells} from marts.fct_enrollments where enrollment_id = 10`)).toEqual([
      {
        agency_code: 'DISDUKCAPIL',
        agency_kind: 'dinas',
        grade_group: 'III',
        tenure_band: '10-19',
        employment_type: 'PNS',
      },
    ]);
  });

  it('has an error-level data test that fails when the two facts place one employee apart', async () => {
    expect(invariant.severity).toBe('error');
    const before = await runDataTests(db);
    expect(before.find((r) => r.name === invariant.name)).toMatchObject({ status: 'pass', failingRows: 0 });
    await db.run(`update marts.fct_invitations set agency_code = 'BKPSDM', agency_kind = 'badan'
                  where invitation_id = 10`);
    try {
      const after = await runDataTests(db);
      expect(after.find((r) => r.name === invariant.name)).toMatchObject({
        status: 'fail',
        failingRows: 1,
        sample: [{ invitation_id: 10, enrollment_id: 10 }],
      });
    } finally {
      await db.run(`update marts.fct_invitations set agency_code = 'DISDUKCAPIL', agency_kind = 'dinas'
                    where invitation_id = 10`);
    }
  });

  it('checks only the changed rows of either fact against the other in an incremental run', async () => {
    await db.run(`create temp table changed_invitations as
                  select * replace ('BKPSDM' as agency_code) from marts.fct_invitations where invitation_id = 10`);
    await db.run(`create temp table changed_enrollments as
                  select * replace ('BKPSDM' as agency_code) from marts.fct_enrollments where enrollment_id = 10`);
    const delta = (invitations: string | null, enrollments: string | null) =>
      invariant.delta!(
        (m) => (m === 'fct_invitations' ? invitations : m === 'fct_enrollments' ? enrollments : null),
        () => null,
      );
    expect(delta(null, null)).toBeNull();
    // The changed invitation against the enrollments as they stand, and the other way round.
    expect(await db.all(delta('changed_invitations', null)!)).toEqual([
      { invitation_id: 10, enrollment_id: 10 },
    ]);
    expect(await db.all(delta(null, 'changed_enrollments')!)).toEqual([
      { invitation_id: 10, enrollment_id: 10 },
    ]);
    // Both given: each against the other mart finds the same pair, reported once.
    expect(await db.all(delta('changed_invitations', 'changed_enrollments')!)).toEqual([
      { invitation_id: 10, enrollment_id: 10 },
    ]);
    // Unchanged rows of both agree.
    expect(await db.all(delta('marts.fct_invitations', null)!)).toEqual([]);
  });
});
