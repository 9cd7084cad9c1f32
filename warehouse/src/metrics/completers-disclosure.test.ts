import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { completion, invitationFunnel, jpCompliance, participation } from './guarded-metrics.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * The employees who completed a training are the cells of completion, reaction and learning; the
 * metrics that show them as a count beside their n protect them like n.
 *
 * Participation's participants are the distinct employees who completed a training: filtered to a
 * program and grouped by agency, the employees behind completion's (and reaction's) cells of agency ×
 * program. A review of 2026-12-05 found participation(programs: [KEP-CO], groupBy: [agency]) showing
 * DAMKAR's 3 participants of a headcount of 122 in 2024, a cell completion and reaction hide (1,487
 * such rows of 1–4 over 2021–2024 on the scale-1 demo). So participants are protected like n: a row
 * showing 1 … minN − 1 of them is hidden, with complements, and a filter leaving out 1 … minN − 1
 * of them hides its table.
 */
// Each program's method and area (the facts take them from dim_program).
const METHODS: Record<string, { method: string; competency_area: string }> = {
  P1: { method: 'coaching', competency_area: 'technical' },
  P2: { method: 'coaching', competency_area: 'technical' },
  P3: { method: 'workshop', competency_area: 'soft_skills' },
};

describe('participation protects its participants as completion protects its cells', () => {
  let db: Db;
  const year = { from: '2024-01-01', to: '2024-12-31' };
  beforeAll(async () => {
    db = await openTestMarts();
    // 2024: agencies A, B, C of 20 employees each.
    const staff = (agency: string) => Array.from({ length: 20 }, (_, i) => `${agency}${i + 1}`);
    await seed(
      db,
      'fct_headcount',
      ['A', 'B', 'C'].flatMap((a) => staff(a).map((e) => ({ employee_key: e, year: 2024, agency_code: a }))),
    );
    const done = (e: string, program: string, agency: string) => ({
      employee_key: e,
      program_code: program,
      agency_code: agency,
      status: 'completed',
      start_date: '2024-05-01',
      completed_on: '2024-05-10',
      year: 2024,
      // P1 and P2 earn 24 JP (compliant at 20), P3 8.
      jp_earned: program === 'P3' ? 8 : 24,
      ...METHODS[program],
    });
    // Invitations to P1: 12 per agency; of A's, 7 enrolled and 3 completed; of B's and C's, all
    // enrolled and 10 completed.
    await seed(
      db,
      'fct_invitations',
      ['A', 'B', 'C'].flatMap((a) =>
        staff(a)
          .slice(0, 12)
          .map((e, i) => {
            const enrolled = a !== 'A' || i < 7;
            const completed = a === 'A' ? i < 3 : i < 10;
            return {
              employee_key: e,
              program_code: 'P1',
              agency_code: a,
              response: enrolled ? 'accepted' : 'declined',
              enrolled,
              enrollment_status: enrolled ? (completed ? 'completed' : 'dropped') : null,
              invited_on: '2024-04-01',
              year: 2024,
            };
          }),
      ),
    );
    // P1: 3 of A, 8 of B, 10 of C. P2: 12 of C, two of them (C11, C12) in P2 alone. P3: 2 of B.
    await seed(db, 'fct_enrollments', [
      ...staff('A')
        .slice(0, 3)
        .map((e) => done(e, 'P1', 'A')),
      ...staff('B')
        .slice(0, 8)
        .map((e) => done(e, 'P1', 'B')),
      ...staff('C')
        .slice(0, 10)
        .map((e) => done(e, 'P1', 'C')),
      ...staff('C')
        .slice(0, 12)
        .map((e) => done(e, 'P2', 'C')),
      ...staff('B')
        .slice(10, 12)
        .map((e) => done(e, 'P3', 'B')),
    ]);
    await seed(
      db,
      'dim_program',
      Object.entries(METHODS).map(([code, m], i) => ({ program_id: i + 1, program_code: code, ...m })),
    );
    await buildMetricAggregates(db);
  });

  it('by agency within a program: A’s 3 participants are hidden, as completion hides A’s 3 enrollments', async () => {
    const query = { filter: { ...year, programs: ['P1'] }, groupBy: ['agency' as const] };
    const done = await completion(db, query);
    expect(done.rows.find((r) => r.keys.agency === 'A')?.suppressed).toBe(true);
    const { rows } = await participation(db, query);
    const a = rows.find((r) => r.keys.agency === 'A');
    expect(a?.suppressed).toBe(true);
    expect(a?.participants).toBeNull();
    // No shown row tells 1–4 participants, and the shown ones do not give A's back by difference.
    expect(
      rows.filter((r) => !r.suppressed && (r.participants ?? 0) > 0 && (r.participants ?? 0) < 5),
    ).toEqual([]);
    const shown = rows.filter((r) => !r.suppressed);
    const total = shown.find((r) => r.isTotal);
    expect(total === undefined || shown.filter((r) => !r.isTotal).length < 2).toBe(true);
    // Without a program filter A's 3 participants of 20 are still few: hidden, with a complement
    // (the total is shown), and C's 12 are shown.
    const all = await participation(db, { filter: year, groupBy: ['agency'] });
    expect(all.rows.map((r) => [r.keys.agency, r.participants, r.suppressed])).toEqual([
      ['A', null, true],
      ['B', null, true],
      ['C', 12, false],
      [null, 25, false],
    ]);
  });

  it('a program filter leaving out 1–4 participants hides its table', async () => {
    // C's participants: 12 in any program, 10 in P1; P1 alone leaves out C11 and C12.
    const narrowed = await participation(db, { filter: { ...year, programs: ['P1'], agencies: ['C'] } });
    expect(narrowed.rows.length).toBeGreaterThan(0);
    expect(narrowed.rows.every((r) => r.suppressed)).toBe(true);
    const wide = await participation(db, { filter: { ...year, agencies: ['C'] } });
    expect(wide.rows.map((r) => [r.participants, r.headcount, r.suppressed])).toEqual([[12, 20, false]]);
  });

  it('JP compliance within a program: A’s 3 compliant are hidden, and B’s 2 with JP of a smaller program', async () => {
    const p1 = await jpCompliance(db, { filter: { ...year, programs: ['P1'] }, groupBy: ['agency'] });
    expect(p1.rows.find((r) => r.keys.agency === 'A')).toMatchObject({ suppressed: true, compliant: null });
    expect(p1.rows.filter((r) => !r.suppressed && (r.compliant ?? 0) > 0 && (r.compliant ?? 0) < 5)).toEqual(
      [],
    );
    // P3 earns 8 JP: nobody compliant, but JP per employee × employees = 16 JP = B's 2 completions.
    const p3 = await jpCompliance(db, { filter: { ...year, programs: ['P3'] }, groupBy: ['agency'] });
    expect(p3.rows.find((r) => r.keys.agency === 'B')).toMatchObject({
      suppressed: true,
      jpPerEmployee: null,
    });
    expect(p3.rows.filter((r) => !r.suppressed && (r.jpPerEmployee ?? 0) > 0)).toEqual([]);
  });

  it('JP compliance publishes no JP figures with a program filter: sums over programs would give one back', async () => {
    // P1 and P2 earn 24 JP each: JP(P1, P2) − JP(P2) = 24 × P1's completions, whatever is hidden.
    for (const programs of [['P1'], ['P2'], ['P1', 'P2'], ['P3']]) {
      const { rows } = await jpCompliance(db, { filter: { ...year, programs }, groupBy: ['agency'] });
      expect(rows.length, programs.join()).toBeGreaterThan(0);
      expect(
        rows.every((r) => r.jpPerEmployee === null && r.hoursPerEmployee === null && r.medianJp === null),
      ).toBe(true);
    }
    // Without one, the JP per employee is published: 21 P1 and 12 P2 completions of 24 JP, 2 of P3's
    // 8, over 60 employees.
    const all = await jpCompliance(db, { filter: year });
    expect(all.rows[0]).toMatchObject({ suppressed: false, employees: 60 });
    expect(all.rows[0]!.jpPerEmployee).toBeCloseTo((21 * 24 + 12 * 24 + 2 * 8) / 60, 10);
  });

  it('the funnel by agency: A’s 3 completed of 7 enrolled are hidden, as reaction and learning hide them', async () => {
    const { rows } = await invitationFunnel(db, {
      filter: { ...year, programs: ['P1'] },
      groupBy: ['agency'],
    });
    expect(rows.find((r) => r.keys.agency === 'A')).toMatchObject({ suppressed: true, completed: null });
    expect(rows.filter((r) => !r.suppressed && (r.completed ?? 0) > 0 && (r.completed ?? 0) < 5)).toEqual([]);
    expect(rows.find((r) => r.keys.agency === 'C')).toMatchObject({
      suppressed: false,
      enrolled: 12,
      completed: 10,
    });
  });
});

describe('participation and JP compliance check a method or area as the list of its programs', () => {
  let db: Db;
  const year = { from: '2024-01-01', to: '2024-12-31' };
  beforeAll(async () => {
    db = await openTestMarts();
    const staff = Array.from({ length: 30 }, (_, i) => `D${i + 1}`);
    await seed(
      db,
      'fct_headcount',
      staff.map((e) => ({ employee_key: e, year: 2024, agency_code: 'D' })),
    );
    const done = (e: string, program: string) => ({
      employee_key: e,
      program_code: program,
      agency_code: 'D',
      status: 'completed',
      start_date: '2024-05-01',
      completed_on: '2024-05-10',
      year: 2024,
      jp_earned: 24,
      ...METHODS[program],
    });
    // Coaching (P1, P2): D1–D10 took P1 and P2, D11 and D12 P2 alone. Workshop (P3): D13–D20.
    await seed(db, 'fct_enrollments', [
      ...staff.slice(0, 10).map((e) => done(e, 'P1')),
      ...staff.slice(0, 12).map((e) => done(e, 'P2')),
      ...staff.slice(12, 20).map((e) => done(e, 'P3')),
      // P4: D21–D26 enrolled, D21–D23 completed.
      ...staff
        .slice(20, 26)
        .map((e, i) => ({ ...done(e, 'P4'), ...(i < 3 ? {} : { status: 'dropped', completed_on: null }) })),
    ]);
    await seed(
      db,
      'dim_program',
      Object.entries(METHODS).map(([code, m], i) => ({ program_id: i + 1, program_code: code, ...m })),
    );
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('coaching less P1 would give the 2 who took P2 alone: hidden, as programs [P1, P2] is', async () => {
    // P1's 10 are shown (20 took something); coaching's 12 would be shown against no filter alone.
    const p1 = await participation(db, { filter: { ...year, programs: ['P1'] } });
    expect(p1.rows.map((r) => [r.participants, r.suppressed])).toEqual([[10, false]]);
    for (const filter of [
      { programs: ['P1', 'P2'] },
      { methods: ['coaching'] },
      { competencyAreas: ['technical'] },
    ]) {
      const { rows } = await participation(db, { filter: { ...year, ...filter } });
      expect(rows.map((r) => [r.participants, r.suppressed])).toEqual([[null, true]]);
      const jp = await jpCompliance(db, { filter: { ...year, ...filter } });
      expect(jp.rows.map((r) => [r.compliant, r.suppressed])).toEqual([[null, true]]);
    }
    // A method with every program of the workshop: P3's 8, shown (no program of it left out few).
    const workshop = await participation(db, { filter: { ...year, methods: ['workshop'] } });
    expect(workshop.rows.map((r) => [r.participants, r.suppressed])).toEqual([[8, false]]);
  });

  it('completion hides a row showing 1–4 completed, as the funnel and reaction hide it', async () => {
    // P4: 6 enrolled, 3 completed (review of 2026-12-05: KEP-CO 2022, tenure 20+, n 7, completed 3).
    const { rows } = await completion(db, { filter: { ...year, programs: ['P4'] } });
    expect(rows.map((r) => [r.n, r.completed, r.suppressed])).toEqual([[null, null, true]]);
    // By program, P3 (8, the smallest other) is its complement; P2's 12 of 12 are shown.
    const byProgram = await completion(db, { filter: year, groupBy: ['program'] });
    expect(byProgram.rows.map((r) => [r.keys.program ?? null, r.completed, r.suppressed])).toEqual([
      ['P1', 10, false],
      ['P2', 12, false],
      ['P3', null, true],
      ['P4', null, true],
      [null, 33, false],
    ]);
    const p2 = await completion(db, { filter: { ...year, programs: ['P2'] } });
    expect(p2.rows.map((r) => [r.n, r.completed, r.suppressed])).toEqual([[12, 12, false]]);
  });
});
