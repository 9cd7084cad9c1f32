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

function enrollments(): MartRow[] {
  const rows: MartRow[] = [];
  let id = 0;
  const add = (
    program: typeof PX,
    offering: number,
    start: string,
    agency: string,
    n: number,
    dropped = 0,
  ) => {
    for (let i = 0; i < n; i++) {
      id += 1;
      rows.push({
        enrollment_id: id,
        offering_id: offering,
        ...program,
        employee_key: `${agency}-${program.program_code}-${i}`,
        agency_code: agency,
        grade: 'III/a',
        start_date: start,
        status: i < dropped ? 'dropped' : 'completed',
        completed_on: i < dropped ? null : start,
      });
    }
  };
  add(PX, 1, '2024-03-04', 'A', 20);
  add(PX, 1, '2024-03-04', 'B', 3);
  add(PX, 1, '2024-03-04', 'C', 12, 2);
  add(PX, 1, '2024-03-04', 'D', 30);
  for (const agency of ['A', 'B', 'C', 'D', 'E']) add(PZ, 2, '2024-03-11', agency, 10);
  add(PX, 3, '2025-02-03', 'A', 30);
  add(PY, 4, '2025-02-10', 'E', 3);
  return rows;
}

async function seed(db: Db): Promise<void> {
  await insertMartRows(db, 'dim_program', [
    { ...PX, jp: 10 },
    { ...PY, jp: 4 },
    { ...PZ, jp: 4 },
  ]);
  await insertMartRows(db, 'dim_offering', [
    { offering_id: 1, ...PX, starts_on: '2024-03-04', year: 2024 },
    { offering_id: 2, ...PZ, starts_on: '2024-03-11', year: 2024 },
    { offering_id: 3, ...PX, starts_on: '2025-02-03', year: 2025 },
    { offering_id: 4, ...PY, starts_on: '2025-02-10', year: 2025 },
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
});
