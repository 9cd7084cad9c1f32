import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { completion, invitationFunnel } from '../guarded-metrics.ts';
import { openTestMarts, seed } from '../testing/mart-fixture.ts';
import type { MetricRowBase } from './metric-row.ts';

/**
 * A query whose list filters and groupBy together name three dimensions is a slice of a three-way
 * table, which nothing publishes: each of its two-way views (two dimensions grouped, the third fixed
 * by a list) protected the same cell its own way. The privacy review of 2026-12-05 recovered hidden
 * cells so: REG-KL 2022 by grade group hides PPPK (3 enrolled) and grade II as its complement, and
 * Program.outcomes (the table by program) filtered to grade II and PNS showed REG-KL's 16, with II
 * and PPPK showing no data (0): total 125 − I 0 − III 65 − IV 41 − 16 − 0 = PPPK's 3. This world
 * is that program's: grade groups II, III, IV of PNS and the PPPK, plus another program.
 */
const YEAR = { from: '2022-01-01', to: '2022-12-31' };

function world() {
  const cells: [program: string, grade: string, type: string, n: number][] = [
    ['REG-KL', 'II', 'PNS', 16],
    ['REG-KL', 'III', 'PNS', 65],
    ['REG-KL', 'IV', 'PNS', 41],
    ['REG-KL', 'PPPK', 'PPPK', 3],
    ['TIK-CO', 'II', 'PNS', 12],
    ['TIK-CO', 'III', 'PNS', 30],
    ['TIK-CO', 'IV', 'PNS', 9],
    ['TIK-CO', 'PPPK', 'PPPK', 11],
  ];
  const invitations = [];
  const enrollments = [];
  for (const [program, grade, type, n] of cells)
    for (let i = 0; i < n; i++) {
      const common = {
        employee_key: `${program}/${grade}/${i}`,
        program_code: program,
        grade_group: grade,
        employment_type: type,
        year: 2022,
      };
      invitations.push({
        ...common,
        response: 'accepted',
        enrolled: true,
        enrollment_status: 'completed',
        invited_on: '2022-03-01',
      });
      enrollments.push({ ...common, status: 'completed', start_date: '2022-04-01' });
    }
  return { invitations, enrollments };
}

const shown = (rows: readonly MetricRowBase[]) => rows.filter((r) => !r.suppressed);

describe('slices of three-way tables', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const { invitations, enrollments } = world();
    await seed(db, 'fct_invitations', invitations);
    await seed(db, 'fct_enrollments', enrollments);
  });
  afterAll(() => db.close());

  it('the attack: grade II of REG-KL is hidden by grade group, and no slice by program gives it back', async () => {
    const byGrade = await invitationFunnel(db, {
      filter: { ...YEAR, programs: ['REG-KL'] },
      groupBy: ['gradeGroup'],
    });
    const hidden = byGrade.rows.filter((r) => r.suppressed).map((r) => r.keys.gradeGroup);
    expect(hidden).toContain('PPPK');
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    // Every hidden grade, asked for as two lists (grade and employment type) by program, as
    // Program.outcomes asks: nothing shown for REG-KL.
    for (const grade of hidden)
      for (const type of ['PNS', 'PPPK']) {
        for (const metric of [invitationFunnel, completion]) {
          const slice = await metric(db, {
            filter: { ...YEAR, gradeGroups: [grade!], employmentTypes: [type] },
            groupBy: ['program'],
          });
          expect(
            shown(slice.rows).filter((r) => r.keys.program === 'REG-KL' && (r.n ?? 0) > 0),
            `${grade} × ${type}`,
          ).toEqual([]);
        }
      }
  });

  it('hides every cell of an answer naming three dimensions (its total is a cell of a smaller table), and keeps two', async () => {
    const three = [
      { filter: { ...YEAR, gradeGroups: ['III'], employmentTypes: ['PNS'] }, groupBy: ['program' as const] },
      {
        filter: { ...YEAR, programs: ['TIK-CO'] },
        groupBy: ['gradeGroup' as const, 'employmentType' as const],
      },
      {
        filter: { ...YEAR, programs: ['TIK-CO'], gradeGroups: ['III'] },
        groupBy: ['employmentType' as const],
      },
    ];
    for (const query of three) {
      const answer = await invitationFunnel(db, query);
      expect(answer.rows.filter((r) => !r.isTotal).length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(
        shown(answer.rows).filter((r) => !r.isTotal),
        JSON.stringify(query),
      ).toEqual([]);
    }
    // The total of grade III × PNS over the programs is a cell of the two-way table by grade group
    // × employment type: shown here as there. (A total can still be hidden for its own reasons: the
    // list of one program leaves REG-KL's 3 PPPK out of the table by grade × employment type.)
    const total = (await invitationFunnel(db, three[0]!)).rows.find((r) => r.isTotal);
    expect(total).toMatchObject({ suppressed: false, n: 95 });
    const two = [
      { filter: { ...YEAR, gradeGroups: ['III'] }, groupBy: ['program' as const] },
      { filter: { ...YEAR, programs: ['REG-KL'] }, groupBy: ['gradeGroup' as const] },
      { filter: YEAR, groupBy: ['program' as const, 'gradeGroup' as const] },
      // A list on a dimension the query groups by adds none.
      {
        filter: { ...YEAR, programs: ['TIK-CO', 'REG-KL'] },
        groupBy: ['program' as const, 'gradeGroup' as const],
      },
    ];
    for (const query of two) {
      const answer = await invitationFunnel(db, query);
      expect(shown(answer.rows).filter((r) => !r.isTotal).length, JSON.stringify(query)).toBeGreaterThan(0);
    }
  });
});
