import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { PEOPLE, SPEC, seedCohortWorld } from '../cohort/testing/cohort-fixture.ts';
import { insertMartRows, openTestMarts } from '../cohort/testing/seed-marts.ts';
import { programPortfolio } from '../portfolio/program-portfolio.ts';
import { roi } from './roi.ts';
import { roiByAgency } from './roi-by-agency.ts';
import { hideParticipants, participantsVerdict, relaxedParticipants } from './roi-disclosure.ts';
import { scorecardRoiHook } from './scorecard-roi-hook.ts';
import { type AgencyTrainingCosts, loadTrainingCosts, sumTrainingCosts } from './training-costs.ts';

/** `participants` enrollments of as many employees (keys `<agency>-<i>`). */
const costRow = (agencyCode: string | null, participants: number): AgencyTrainingCosts => ({
  agencyCode,
  programCostsIdr: {},
  participants,
  employees: participants,
  employeeKeys: Array.from({ length: participants }, (_, i) => `${agencyCode}-${i}`),
  completed: participants,
  participantHours: participants * 7.5,
  hoursWithGradeCost: 0,
  hoursTimesMonthlyCostIdr: 0,
});

/** A headcount of `participants` enrollments of `employees` distinct employees (default as many). */
const hc = (participants: number, employees = participants) => ({ participants, employees });

describe('participantsVerdict', () => {
  it('hides 1 … minCellSize − 1 participants (primary), shows 0 and minCellSize', () => {
    expect([0, 1, 4, 5, 6].map((n) => participantsVerdict(hc(n), [], 5))).toEqual([
      null,
      'primary',
      'primary',
      null,
      null,
    ]);
    expect(participantsVerdict(hc(1), [])).toBe('primary'); // default minimum cell size 5
    expect(participantsVerdict(hc(4), [])).toBe('primary');
    expect(participantsVerdict(hc(2), [], 2)).toBeNull();
  });

  it('hides a result a wider query differs from by 1 … minCellSize − 1 participants, either way', () => {
    expect(participantsVerdict(hc(20), [hc(20)], 5)).toBeNull(); // the filter leaves out nobody
    expect(participantsVerdict(hc(20), [hc(21)], 5)).toBe('complementary');
    expect(participantsVerdict(hc(20), [hc(24)], 5)).toBe('complementary');
    expect(participantsVerdict(hc(20), [hc(25)], 5)).toBeNull();
    expect(participantsVerdict(hc(20), [hc(16)], 5)).toBe('complementary'); // a value left out of a list
    expect(participantsVerdict(hc(20), [hc(25), hc(40), hc(19)], 5)).toBe('complementary');
    expect(participantsVerdict(hc(3), [hc(100)], 5)).toBe('primary'); // primary wins
  });

  it('hides on the distinct employees too: 5 enrollments of 2 employees are 2 persons', () => {
    expect(participantsVerdict(hc(5, 2), [], 5)).toBe('primary');
    expect(participantsVerdict(hc(5, 5), [], 5)).toBeNull();
    expect(participantsVerdict(hc(40, 1), [], 5)).toBe('primary');
    // A wider query 5 enrollments but 2 employees away tells those 2.
    expect(participantsVerdict(hc(20, 20), [hc(25, 22)], 5)).toBe('complementary');
    expect(participantsVerdict(hc(20, 20), [hc(25, 25)], 5)).toBeNull();
  });
});

describe('relaxedParticipants', () => {
  const rows = [costRow('A', 10), costRow('B', 3), costRow('C', 40), costRow(null, 0)];

  it('has no relaxation without an agencies filter', () => {
    expect(relaxedParticipants(undefined, rows)).toEqual([]);
    expect(relaxedParticipants([], rows)).toEqual([]);
  });

  it('drops a filter of one agency: every agency’s participants', () => {
    expect(relaxedParticipants(['A'], rows)).toEqual([hc(53)]);
  });

  it('drops a list, then leaves each of its agencies out', () => {
    // {A, B}: all 53; without A → B = 3; without B → A = 10.
    expect(relaxedParticipants(['A', 'B'], rows)).toEqual([hc(53), hc(3), hc(10)]);
    expect(participantsVerdict(hc(13), relaxedParticipants(['A', 'B'], rows), 5)).toBe('complementary');
    // {A, C} leaves B's 3 out of all 53: complementary under 5, shown under 3.
    expect(participantsVerdict(hc(50), relaxedParticipants(['A', 'C'], rows), 5)).toBe('complementary');
    expect(participantsVerdict(hc(50), relaxedParticipants(['A', 'C'], rows), 3)).toBeNull();
  });

  it('counts an employee once across agencies and differences the employees too', () => {
    // B's 6 enrollments are of 2 employees, one of them also enrolled at A (moved): all = 11 + 6 = 17
    // enrollments of 10 + 1 = 11 employees; {A} leaves out 6 enrollments but 1 employee.
    const a = costRow('A', 10);
    const b = { ...costRow('B', 6), employees: 2, employeeKeys: ['A-0', 'B-x'] };
    const rows = [{ ...a, participants: 11 }, b];
    expect(relaxedParticipants(['A'], rows)).toEqual([hc(17, 11)]);
    expect(participantsVerdict(hc(11, 10), relaxedParticipants(['A'], rows), 5)).toBe('complementary');
  });
});

describe('roi, disclosure control of the participant side (hand-checked on the cohort fixture)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
  });
  afterAll(() => db.close());

  const spec = { selector: SPEC.selector, from: SPEC.from, to: SPEC.to };

  it('hides the counts, hours, costs, cases and grade-mix salary of 7 participants under a minimum of 8', async () => {
    const shown = await roi(db, spec, {}, { minCellSize: 7 });
    expect(shown.participants).toBe(7);
    expect(shown.suppressionReason).toBeNull();
    const r = await roi(db, spec, {}, { minCellSize: 8 });
    // Hidden, and not said why (a small count and a complement answer alike).
    expect([r.suppressed, r.suppressionReason]).toEqual([true, null]);
    expect([r.participants, r.completed, r.participantHours, r.n]).toEqual([null, null, null, null]);
    expect([r.costs, r.low, r.base, r.high]).toEqual([null, null, null, null]);
    const byName = new Map(r.assumptions.map((a) => [a.name, a]));
    expect(byName.get('monthlySalaryCostIdr')).toMatchObject({ value: null, source: 'default' });
    expect(byName.get('hourlySalaryCostIdr')).toMatchObject({ value: null, source: 'default' });
    // The default monthly cost's note names the participants' hours without a grade cost (7.5 h
    // here): hidden too, the note says why without a number.
    expect(shown.assumptions.find((a) => a.name === 'monthlySalaryCostIdr')?.note).toMatch(/7\.5 h/);
    const monthly = byName.get('monthlySalaryCostIdr')!;
    expect(`${monthly.note} ${monthly.noteId}`).not.toMatch(/\d/);
    expect(monthly.note).toMatch(/hidden with the participants/);
    // Every other assumption is echoed as before (none comes from the participants).
    for (const a of shown.assumptions)
      if (!a.name.endsWith('SalaryCostIdr')) expect(byName.get(a.name)).toEqual(a);
    expect(r.warnings.map((w) => w.code)).toContain('participants_suppressed');
    expect(r.warnings.map((w) => w.code)).not.toContain('no_costs');
    // The warning's text names no count.
    const last = r.warnings.at(-1)!;
    expect(`${last.id} ${last.en}`).not.toMatch(/\d/);
  });

  it('echoes a salary cost the caller gave even when the participants are hidden', async () => {
    const r = await roi(db, spec, { monthlySalaryCostIdr: 8_125_000 }, { minCellSize: 8 });
    const byName = new Map(r.assumptions.map((a) => [a.name, a]));
    expect(byName.get('monthlySalaryCostIdr')).toMatchObject({ value: 8_125_000, source: 'override' });
    expect(byName.get('hourlySalaryCostIdr')).toMatchObject({ value: 50_000, source: 'override' });
    expect(r.costs).toBeNull();
  });

  it('hides a few participants and a complement of them alike: same warning, no reason given', async () => {
    // PLY-PRIMA 2023 under a minimum of 3: KEC-1's 2 participants are a small cell, DIS-1's 5 are
    // hidden with them (7 − 5 = 2). Which of the two is the small one the answers must not say: the
    // reason and a warning saying "too few" or "below the minimum" used to pin KEC-1 at 1 … 2.
    const small = await roi(db, { ...spec, agencies: ['KEC-1'] }, {}, { minCellSize: 3 });
    const complement = await roi(db, { ...spec, agencies: ['DIS-1'] }, {}, { minCellSize: 3 });
    for (const r of [small, complement]) {
      expect([r.suppressed, r.suppressionReason, r.participants, r.costs]).toEqual([true, null, null, null]);
      expect(r.warnings.find((w) => w.code === 'participants_suppressed')).toEqual({
        code: 'participants_suppressed',
        id: 'Sisi peserta dirahasiakan (perlindungan data pribadi): jumlah peserta, jam, biaya, ROI, BCR dan masa balik modal tidak ditampilkan.',
        en: 'The participant side is hidden by disclosure control: participant counts, hours, costs, ROI, BCR and payback are not shown.',
      });
    }
    for (const w of small.warnings)
      expect(`${w.id} ${w.en}`).not.toMatch(/few|fewer|below|minimum|sedikit|kurang dari|di bawah|batas/i);
    // The scorecard's one-line note says no more.
    const [card] = await scorecardRoiHook(db, {}, { minCellSize: 4 })({ agencies: ['KEC-1'], years: [2023] });
    expect(card!.note?.split('; ')).toContain(
      'participant side hidden (disclosure control): costs and ROI not shown',
    );
  });

  it('hides an agency filter that leaves out a few participants (complementary), in both list forms', async () => {
    // PLY-PRIMA 2023: 7 participants, 2 of them in KEC-1, 5 in DIS-1.
    const dis = await roi(db, { ...spec, agencies: ['DIS-1'] }, {}, { minCellSize: 3 });
    expect([dis.suppressed, dis.participants]).toEqual([true, null]); // 7 − 5 = 2 left out
    expect(dis.costs).toBeNull();
    // {DIS-1, KEC-1} names every agency with participants: it is the unfiltered answer (shown), and
    // against {DIS-1} it leaves out KEC-1's 2, but {DIS-1} is hidden for that by its own check (as the
    // metrics' guards skip such relaxations).
    const both = await roi(db, { ...spec, agencies: ['DIS-1', 'KEC-1'] }, {}, { minCellSize: 3 });
    const all = await roi(db, spec, {}, { minCellSize: 3 });
    expect([both.suppressed, both.participants, all.participants]).toEqual([false, 7, 7]);
    // A list leaving out an agency with participants still is checked against each relaxation: here
    // {DIS-1, BAD-1} (BAD-1 has none) against the unfiltered 7 leaves out KEC-1's 2.
    const some = await roi(db, { ...spec, agencies: ['DIS-1', 'BAD-1'] }, {}, { minCellSize: 3 });
    expect([some.suppressed, some.participants]).toEqual([true, null]);
    // With a minimum of 2 nothing is small: KEC-1's 2 and the 5 left out are both shown.
    const kec = await roi(db, { ...spec, agencies: ['KEC-1'] }, {}, { minCellSize: 2 });
    expect([kec.suppressionReason, kec.participants]).toEqual([null, 2]);
  });

  it('hides a union of programs that one small program would tell by difference (method, area, any)', async () => {
    // Offerings starting in 2023: PLY-PRIMA (workshop) 7 participants, OTHER (seminar) 1. Any
    // training: 8, and 8 minus PLY-PRIMA's shown 7 would give OTHER's hidden 1.
    const any = { selector: { kind: 'any', value: '*' } as const, from: SPEC.from, to: SPEC.to };
    const hidden = await roi(db, any, {}, { minCellSize: 2 });
    expect([hidden.suppressed, hidden.participants, hidden.costs]).toEqual([true, null, null]);
    const open = await roi(db, any, {}, { minCellSize: 1 });
    expect([open.suppressionReason, open.participants]).toEqual([null, 8]);
    // The workshop method is PLY-PRIMA alone: leaving it out leaves nobody, nothing to hide.
    const workshop = { ...any, selector: { kind: 'method', value: 'workshop' } as const };
    const w = await roi(db, workshop, {}, { minCellSize: 2 });
    expect([w.suppressionReason, w.participants]).toEqual([null, 7]);
  });

  it('hides an agency’s row of roiByAgency with a few participants, and its scorecard ROI %', async () => {
    // KEC-1, any training in 2023: 3 participants.
    const rows = await roiByAgency(db, { year: 2023, agencies: ['DIS-1', 'KEC-1'] }, {}, { minCellSize: 4 });
    const kec = rows.find((r) => r.agencyCode === 'KEC-1')!;
    expect(kec).toMatchObject({
      participants: null,
      costsIdr: null,
      benefitsIdr: null,
      roiPercent: { low: null, base: null, high: null },
      bcr: null,
      paybackMonths: null,
      n: null,
      suppressed: true,
    });
    expect(kec.warnings).toContain('participants_suppressed');
    const dis = rows.find((r) => r.agencyCode === 'DIS-1')!;
    expect(dis.participants).toBeGreaterThanOrEqual(4);
    expect(dis.costsIdr).not.toBeNull();
    const [card] = await scorecardRoiHook(db, {}, { minCellSize: 4 })({ agencies: ['KEC-1'], years: [2023] });
    expect(card).toMatchObject({ agency: 'KEC-1', roiPct: null });
    expect(card!.note).toMatch(/participant side hidden \(disclosure control\)/);
  });

  it('hides a small program’s entry in the portfolio exactly as roi does', async () => {
    const entries = await programPortfolio(db, { years: [2023] }, {}, { minCellSize: 8 });
    const ply = entries.find((e) => e.programCode === 'PLY-PRIMA')!;
    expect([ply.roi.suppressed, ply.roi.suppressionReason]).toEqual([true, null]);
    expect([ply.roi.participants, ply.roi.costs, ply.roi.base]).toEqual([null, null, null]);
  });
});

describe('hideParticipants', () => {
  it('leaves a result with nothing to hide as it is', async () => {
    const db = await openTestMarts();
    try {
      await seedCohortWorld(db, PEOPLE);
      const r = await roi(
        db,
        { selector: SPEC.selector, from: SPEC.from, to: SPEC.to },
        {},
        { minCellSize: 2 },
      );
      expect(hideParticipants(r, null)).toBe(r);
    } finally {
      await db.close();
    }
  });
});

describe('roi, the participant side hidden on distinct employees, not enrollments', () => {
  // PLY-PRIMA 2023 with KEC-1's t3 and t4 enrolled again (3 repeat enrollments): KEC-1 has 5
  // enrollments of 2 employees; the program 10 enrollments of 7 employees; DIS-1 5 of 5.
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    const ply = {
      program_id: 1,
      program_code: 'PLY-PRIMA',
      method: 'workshop',
      competency_area: 'technical',
    };
    const kec = (id: number, key: string) => ({
      enrollment_id: id,
      offering_id: 1,
      employee_key: key,
      agency_code: 'KEC-1',
      grade: 'II/a',
      ...ply,
      status: 'completed',
      completed_on: '2023-03-20',
    });
    await insertMartRows(db, 'fct_enrollments', [kec(201, 't3'), kec(202, 't3'), kec(203, 't4')]);
  });
  afterAll(() => db.close());

  const spec = { selector: SPEC.selector, from: SPEC.from, to: SPEC.to };

  it('reads the distinct employees beside the enrollments', async () => {
    const rows = await loadTrainingCosts(db, { ...spec, jpMinutes: 45 });
    expect(rows.map((r) => [r.agencyCode, r.participants, r.employees])).toEqual([
      ['DIS-1', 5, 5],
      ['KEC-1', 5, 2],
    ]);
    expect([sumTrainingCosts(rows).participants, sumTrainingCosts(rows).employees]).toEqual([10, 7]);
  });

  it('hides 5 enrollments of 2 employees (primary), with their grade-mix salary', async () => {
    const r = await roi(db, { ...spec, agencies: ['KEC-1'] }, {}, { minCellSize: 5 });
    expect([r.suppressed, r.participants, r.completed, r.participantHours, r.costs]).toEqual([
      true,
      null,
      null,
      null,
      null,
    ]);
    expect(r.assumptions.find((a) => a.name === 'monthlySalaryCostIdr')?.value).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('participants_suppressed');
  });

  it('hides a relaxation that differs by 5 enrollments but 2 employees (complementary)', async () => {
    // DIS-1: 5 enrollments of 5 employees; the whole program 10 of 7: 2 employees left out.
    const r = await roi(db, { ...spec, agencies: ['DIS-1'] }, {}, { minCellSize: 5 });
    expect([r.suppressed, r.participants, r.costs]).toEqual([true, null, null]);
    // The whole program's 7 employees are shown.
    const all = await roi(db, spec, {}, { minCellSize: 5 });
    expect([all.participants, all.suppressionReason]).toEqual([10, null]);
  });

  it('hides the per-agency row, the scorecard ROI % and the portfolio entry on distinct employees', async () => {
    // KEC-1, any training in 2023: 6 enrollments (PLY-PRIMA 5, OTHER 1) of 3 employees.
    const rows = await roiByAgency(db, { year: 2023, agencies: ['KEC-1'] }, {}, { minCellSize: 5 });
    expect(rows[0]).toMatchObject({
      agencyCode: 'KEC-1',
      participants: null,
      costsIdr: null,
      suppressed: true,
    });
    expect(rows[0]!.roiPercent.base).toBeNull();
    const [card] = await scorecardRoiHook(db, {}, { minCellSize: 5 })({ agencies: ['KEC-1'], years: [2023] });
    expect(card).toMatchObject({ agency: 'KEC-1', roiPct: null });
    // PLY-PRIMA 2023: 10 enrollments of 7 employees, hidden under a minimum of 8.
    const entries = await programPortfolio(db, { years: [2023] }, {}, { minCellSize: 8 });
    const ply = entries.find((e) => e.programCode === 'PLY-PRIMA')!;
    expect([ply.roi.suppressed, ply.roi.participants, ply.roi.costs]).toEqual([true, null, null]);
  });
});
