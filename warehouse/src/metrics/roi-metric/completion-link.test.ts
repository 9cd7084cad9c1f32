import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { insertMartRows, type MartRow, openTestMarts } from '../cohort/testing/seed-marts.ts';
import { completion } from '../guarded-metrics.ts';
import { programPortfolio } from '../portfolio/program-portfolio.ts';
import { hiddenByCompletion, windowGrain } from './completion-link.ts';
import { roi } from './roi.ts';
import { roiByAgency } from './roi-by-agency.ts';

/**
 * 2024: program PX (offering 1, starting 2024-03-04): agency A 20 attended, B 3 (a small cell), C 12
 * (10 completed, 2 dropped), D 30; PZ (offering 2): 10 of each of A–E (so that completion without
 * the program filter hides nothing, and its guard across queries hides nothing more within PX). Completion by agency within PX hides B
 * and, as its complement, another agency.
 * 2025: PX (offering 3) 30 of A; PY (offering 4) 3 of E. Completion by program in 2025 hides PY and,
 * the only other row, PX.
 */
const PX = { program_id: 1, program_code: 'PX', method: 'workshop', competency_area: 'technical' };
const PY = { program_id: 2, program_code: 'PY', method: 'seminar', competency_area: 'soft_skills' };
const PZ = { program_id: 3, program_code: 'PZ', method: 'seminar', competency_area: 'soft_skills' };
// Coaching programs of 2026 and 2027 (the union tests): C1 and C3 of 8 JP, C2 of 12.
const coaching = (id: number) => ({
  program_id: 10 + id,
  program_code: `C${id}`,
  method: 'coaching',
  competency_area: 'leadership',
});
const COACHING_JP = { 1: 8, 2: 12, 3: 8 } as const;

function enrollments(): MartRow[] {
  const rows: MartRow[] = [];
  let id = 0;
  type Program = typeof PX;
  const addOne = (
    program: Program,
    offering: number,
    start: string,
    agency: string,
    key: string,
    dropped: boolean,
  ) => {
    id += 1;
    rows.push({
      enrollment_id: id,
      offering_id: offering,
      ...program,
      employee_key: key,
      agency_code: agency,
      grade: 'III/a',
      start_date: start,
      status: dropped ? 'dropped' : 'completed',
      completed_on: dropped ? null : start,
    });
  };
  /** n enrollments of as many employees (`<agency>-<program>-[<tag>-]<i>`), the first `dropped` dropped. */
  const add = (
    program: Program,
    offering: number,
    start: string,
    agency: string,
    n: number,
    dropped = 0,
    tag = '',
  ) => {
    for (let i = 0; i < n; i++) {
      const key = `${agency}-${program.program_code}-${tag ? `${tag}-` : ''}${i}`;
      addOne(program, offering, start, agency, key, i < dropped);
    }
  };
  add(PX, 1, '2024-03-04', 'A', 20);
  add(PX, 1, '2024-03-04', 'B', 3);
  add(PX, 1, '2024-03-04', 'C', 12, 2);
  add(PX, 1, '2024-03-04', 'D', 30);
  for (const agency of ['A', 'B', 'C', 'D', 'E']) add(PZ, 2, '2024-03-11', agency, 10);
  add(PX, 3, '2025-02-03', 'A', 30);
  add(PY, 4, '2025-02-10', 'E', 3);
  // 2026: C1 40; C2 6 enrollments of 2 of C1's employees (small by persons: hidden; the ROI's own
  // rule, leaving C2 out, sees 6 enrollments and 0 employees fewer); C3 7, its complement. Hidden:
  // C2 (12 JP) and C3 (8 JP).
  add(coaching(1), 11, '2026-05-04', 'A', 40);
  for (let i = 0; i < 6; i++) addOne(coaching(2), 12, '2026-05-11', 'A', `A-C1-${i % 2}`, false);
  add(coaching(3), 13, '2026-05-18', 'A', 7);
  // 2027: C2 40; C3 6 enrollments of 2 of C1's employees; C1 7, its complement. Hidden: C3 and C1,
  // both of 8 JP.
  add(coaching(2), 16, '2027-05-17', 'A', 40, 0, '27');
  for (let i = 0; i < 6; i++) addOne(coaching(3), 15, '2027-05-10', 'A', `A-C1-27-${i % 2}`, false);
  add(coaching(1), 14, '2027-05-03', 'A', 7, 0, '27');
  return rows;
}

async function seed(db: Db): Promise<void> {
  await insertMartRows(db, 'dim_program', [
    { ...PX, jp: 10 },
    { ...PY, jp: 4 },
    { ...PZ, jp: 4 },
    ...([1, 2, 3] as const).map((id) => ({ ...coaching(id), jp: COACHING_JP[id] })),
  ]);
  await insertMartRows(db, 'dim_offering', [
    { offering_id: 1, ...PX, starts_on: '2024-03-04', year: 2024 },
    { offering_id: 2, ...PZ, starts_on: '2024-03-11', year: 2024 },
    { offering_id: 3, ...PX, starts_on: '2025-02-03', year: 2025 },
    { offering_id: 4, ...PY, starts_on: '2025-02-10', year: 2025 },
    ...(
      [
        [11, 1, '2026-05-04'],
        [12, 2, '2026-05-11'],
        [13, 3, '2026-05-18'],
        [14, 1, '2027-05-03'],
        [15, 3, '2027-05-10'],
        [16, 2, '2027-05-17'],
      ] as const
    ).map(([offering_id, id, starts_on]) => ({
      offering_id,
      ...coaching(id),
      starts_on,
      year: Number(starts_on.slice(0, 4)),
    })),
  ]);
  await insertMartRows(db, 'fct_costs', [
    { cost_id: 1, offering_id: 1, ...PX, category: 'trainer', amount_idr: 6_500_000, year: 2024 },
  ]);
  await insertMartRows(db, 'fct_enrollments', enrollments());
}

const YEAR = { from: '2024-01-01', to: '2024-12-31' };
const MARCH = { from: '2024-03-01', to: '2024-03-31' };
const px = { kind: 'program', value: 'PX' } as const;

/** The agencies completion (as published) hides within PX by agency over a window. */
async function hiddenAgencies(
  db: Db,
  window: { from: string; to: string },
  grain?: 'month',
): Promise<string[]> {
  const r = await completion(
    db,
    { filter: { ...window, programs: ['PX'] }, groupBy: ['agency'], ...(grain ? { grain } : {}) },
    { minN: 5 },
  );
  return r.rows.filter((x) => !x.isTotal && x.suppressed).map((x) => String(x.keys.agency));
}

describe('ROI participants follow completion’s suppression of the same cell', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(db);
  });
  afterAll(() => db.close());

  it('reads a window of whole years as one row, whole quarters by quarter, other months by month', () => {
    expect(windowGrain('2024-01-01', '2024-12-31')).toBeUndefined();
    expect(windowGrain('2023-01-01', '2024-12-31')).toBeUndefined();
    expect(windowGrain('2024-04-01', '2024-09-30')).toBe('quarter');
    expect(windowGrain('2024-03-01', '2024-03-31')).toBe('month');
    expect(windowGrain('2024-01-01', '2024-11-30')).toBe('month');
  });

  it('hides an agency’s ROI participants where completion by agency hides the agency, a complement too', async () => {
    const hidden = await hiddenAgencies(db, YEAR);
    // B is small; completion hides at least one other agency so that B cannot be subtracted back.
    expect(hidden).toContain('B');
    const complements = hidden.filter((a) => a !== 'B');
    expect(complements.length).toBeGreaterThan(0);
    for (const agency of ['A', 'B', 'C', 'D']) {
      const r = await roi(db, { selector: px, ...YEAR, agencies: [agency] }, {}, { minCellSize: 5 });
      const shouldHide = hidden.includes(agency);
      expect([agency, r.participants === null, r.completed === null, r.suppressed]).toEqual([
        agency,
        shouldHide,
        shouldHide,
        shouldHide,
      ]);
      if (!shouldHide) expect(r.participants).toBe({ A: 20, C: 12, D: 30 }[agency]);
      if (shouldHide) expect(r.warnings.map((w) => w.code)).toContain('participants_suppressed');
    }
    // Before this rule, a complement of 12 or more passed the ROI's own check (≥ 5 participants).
    const complement = complements[0]!;
    expect(await hiddenByCompletion(db, { selector: px, ...YEAR, agencies: [complement] }, 5)).toBe(true);
    // A list with a hidden agency in it is hidden: its sum less the shown agencies gives it back.
    const shown = ['A', 'C', 'D'].filter((a) => !hidden.includes(a));
    expect(shown.length).toBeGreaterThan(0);
    const mixed = await roi(
      db,
      { selector: px, ...YEAR, agencies: [shown[0]!, complement] },
      {},
      { minCellSize: 5 },
    );
    expect(mixed.participants).toBeNull();
  });

  it('reads a window of one month at grain month', async () => {
    const hidden = await hiddenAgencies(db, MARCH, 'month');
    expect(hidden).toContain('B');
    for (const agency of ['A', 'C', 'D']) {
      expect(await hiddenByCompletion(db, { selector: px, ...MARCH, agencies: [agency] }, 5)).toBe(
        hidden.includes(agency),
      );
    }
  });

  it('hides a program’s ROI where completion by program hides the program (PX is PY’s only complement)', async () => {
    const y2025 = { from: '2025-01-01', to: '2025-12-31' };
    const byProgram = await completion(db, { filter: y2025, groupBy: ['program'] }, { minN: 5 });
    const hidden = byProgram.rows.filter((x) => !x.isTotal && x.suppressed).map((x) => x.keys.program);
    expect(hidden.sort()).toEqual(['PX', 'PY']);
    const r = await roi(db, { selector: px, ...y2025 }, {}, { minCellSize: 5 });
    expect([r.participants, r.costs, r.suppressed]).toEqual([null, null, true]);
    // 30 participants of one agency: the ROI's own check alone would have shown them.
    const open = await roi(db, { selector: px, ...y2025 }, {}, { minCellSize: 1 });
    expect([open.participants, open.completed]).toEqual([30, 30]);
    // The portfolio prices each program as `roi` does: PX's participants hidden in 2025, and in 2024
    // (completion by program shows PX and PZ there) shown.
    const entries = await programPortfolio(db, { years: [2024, 2025] }, {}, { minCellSize: 5 });
    const px2025 = entries.find((e) => e.programCode === 'PX' && e.year === 2025)!;
    expect([px2025.roi.participants, px2025.roi.costs]).toEqual([null, null]);
    const px2024 = entries.find((e) => e.programCode === 'PX' && e.year === 2024)!;
    expect([px2024.roi.participants, px2024.roi.completed]).toEqual([65, 63]);
  });

  it('hides an agency’s row of the scorecard’s ROI where the year’s completion by agency hides it', async () => {
    // 2025: A 30 (PX), E 3 (PY): completion by agency hides E and, the only other row, A.
    const y2025 = { from: '2025-01-01', to: '2025-12-31' };
    const byAgency = await completion(db, { filter: y2025, groupBy: ['agency'] }, { minN: 5 });
    const hidden = byAgency.rows.filter((x) => !x.isTotal && x.suppressed).map((x) => String(x.keys.agency));
    expect(hidden.sort()).toEqual(['A', 'E']);
    const rows = await roiByAgency(db, { year: 2025 }, {}, { minCellSize: 5 });
    expect(rows.map((r) => [r.agencyCode, r.participants, r.costsIdr])).toEqual([
      ['A', null, null],
      ['E', null, null],
    ]);
    expect(rows[0]!.warnings).toContain('participants_suppressed');
    // A's 30 participants alone would have passed: shown without the rule.
    const open = await roiByAgency(db, { year: 2025 }, {}, { minCellSize: 1 });
    expect(open.map((r) => r.participants)).toEqual([30, 3]);
    // 2024: nothing small by agency (every agency has PZ's 10 too): every row shown.
    const y2024 = await roiByAgency(db, { year: 2024 }, {}, { minCellSize: 5 });
    expect(y2024.map((r) => [r.agencyCode, r.participants])).toEqual([
      ['A', 30],
      ['B', 13],
      ['C', 22],
      ['D', 40],
      ['E', 10],
    ]);
  });

  it('hides a method’s ROI when the programs completion hides in it have two JP lengths (hours would split them)', async () => {
    const coachingSel = { kind: 'method', value: 'coaching' } as const;
    const hiddenPrograms = async (year: number) =>
      (
        await completion(
          db,
          { filter: { from: `${year}-01-01`, to: `${year}-12-31` }, groupBy: ['program'] },
          { minN: 5 },
        )
      ).rows
        .filter((x) => !x.isTotal && x.suppressed)
        .map((x) => x.keys.program)
        .sort();
    // 2026: C2 (6 enrollments of 2 employees, 12 JP) and its complement C3 (7, 8 JP) hidden; the
    // method row (the table's total) shows 53.
    expect(await hiddenPrograms(2026)).toEqual(['C2', 'C3']);
    const byMethod = await completion(
      db,
      { filter: { from: '2026-01-01', to: '2026-12-31' }, groupBy: ['method'] },
      { minN: 5 },
    );
    expect(byMethod.rows.find((x) => x.keys.method === 'coaching')).toMatchObject({
      n: 53,
      suppressed: false,
    });
    // Participants 53 and hours (40 × 8 + 6 × 12 + 7 × 8) × 0.75 = 336: with C1's 40 shown, C2 + C3
    // = 13 and 12 C2 + 8 C3 = 128 give C2 = 6, C3 = 7. The ROI's own rules pass it (leaving C2 out
    // takes 6 enrollments and no employee away): hidden by this one.
    const w2026 = { from: '2026-01-01', to: '2026-12-31' };
    const open = await roi(db, { selector: coachingSel, ...w2026 }, {}, { minCellSize: 1 });
    expect([open.participants, open.participantHours]).toEqual([53, (40 * 8 + 6 * 12 + 7 * 8) * 0.75]);
    const r2026 = await roi(db, { selector: coachingSel, ...w2026 }, {}, { minCellSize: 5 });
    expect([r2026.participants, r2026.participantHours, r2026.suppressed]).toEqual([null, null, true]);
    // 2027: C3 (6 of 2 employees) and its complement C1 (7), both of 8 JP: the hours are 8 × 0.75
    // times their participants, nothing more: shown.
    expect(await hiddenPrograms(2027)).toEqual(['C1', 'C3']);
    const w2027 = { from: '2027-01-01', to: '2027-12-31' };
    const r2027 = await roi(db, { selector: coachingSel, ...w2027 }, {}, { minCellSize: 5 });
    expect([r2027.participants, r2027.participantHours]).toEqual([53, (40 * 12 + 6 * 8 + 7 * 8) * 0.75]);
    // `any` is the union of every program: the same rule.
    const any2026 = await roi(
      db,
      { selector: { kind: 'any', value: '' }, from: '2026-01-01', to: '2026-12-31' },
      {},
      { minCellSize: 5 },
    );
    expect(any2026.participants).toBeNull();
    const any2027 = await roi(
      db,
      { selector: { kind: 'any', value: '' }, from: '2027-01-01', to: '2027-12-31' },
      {},
      { minCellSize: 5 },
    );
    expect(any2027.participants).toBe(53);
  });

  it('takes an agencies list naming every agency of the table as no filter (its total)', async () => {
    // 2024 within PX by agency: A B C hidden, D shown; all four listed = the program's total, 65.
    const all = await roi(
      db,
      { selector: px, ...YEAR, agencies: ['A', 'B', 'C', 'D', 'E'] },
      {},
      { minCellSize: 5 },
    );
    expect(all.participants).toBe(65);
    expect(
      await hiddenByCompletion(db, { selector: px, ...YEAR, agencies: ['A', 'B', 'C', 'D', 'E'] }, 5),
    ).toBe(false);
    expect(await hiddenByCompletion(db, { selector: px, ...YEAR, agencies: ['A', 'B', 'C', 'D'] }, 5)).toBe(
      true,
    );
  });
});
