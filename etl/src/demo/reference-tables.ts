import { PNS_GRADES, PPPK_GRADES } from '../source-schema/catalog.ts';
import type { AgencyDirectory } from './agencies.ts';
import { day, WORLD_START, WORLD_YEARS, wibTimestamp } from './calendar.ts';
import { assignmentOn, type Employee } from './employees.ts';
import { PLANTED } from './planted-effects.ts';
import type { Prng } from './prng.ts';

/**
 * Small parameter tables: fully loaded monthly cost per grade (for participants' time in
 * Phillips ROI) and each agency's yearly training budget (planted d: 2021 allocated 40 % less).
 */
export const SALARY_COLUMNS = ['id', 'grade', 'monthly_cost_idr', 'updated_at'];
export function salaryRows(): unknown[][] {
  const rows: unknown[][] = [];
  // Gaji pokok + tunjangan + TPP + employer contributions, rounded to Rp 1,000.
  PNS_GRADES.forEach((g, i) => {
    rows.push([
      rows.length + 1,
      g,
      Math.round((4_200_000 * 1.075 ** i) / 1000) * 1000,
      wibTimestamp(WORLD_START, 8),
    ]);
  });
  PPPK_GRADES.forEach((g, i) => {
    rows.push([
      rows.length + 1,
      g,
      Math.round((3_800_000 * 1.07 ** i) / 1000) * 1000,
      wibTimestamp(WORLD_START, 8),
    ]);
  });
  return rows;
}

export const BUDGET_COLUMNS = [
  'id',
  'agency_id',
  'fiscal_year',
  'allocated_idr',
  'realized_idr',
  'updated_at',
];
export function budgetRows(
  rng: Prng,
  agencies: AgencyDirectory,
  employees: readonly Employee[],
): { rows: unknown[][]; allocatedByYear: Record<number, number> } {
  const r = rng.fork('budgets');
  const rows: unknown[][] = [];
  const allocatedByYear: Record<number, number> = {};
  for (const year of WORLD_YEARS) {
    const headcount = new Map<string, number>();
    for (const e of employees) {
      const a = assignmentOn(e, day(year, 1, 1));
      if (a) headcount.set(a.agencyCode, (headcount.get(a.agencyCode) ?? 0) + 1);
    }
    for (const p of agencies.profiles) {
      if (p.kind === 'kelurahan') continue;
      const n = headcount.get(p.code) ?? 0;
      const factor = PLANTED.budget.yearFactor[year] ?? 1;
      const allocated =
        Math.round((n * PLANTED.budget.allocatedPerEmployeeIdr * factor * r.uniform(0.85, 1.15)) / 1e5) * 1e5;
      const realized = Math.round((allocated * r.uniform(0.78, 0.98)) / 1e3) * 1e3;
      allocatedByYear[year] = (allocatedByYear[year] ?? 0) + allocated;
      rows.push([
        rows.length + 1,
        agencies.versionOn(p.code, day(year, 1, 1)).id,
        year,
        allocated,
        realized,
        wibTimestamp(day(year + 1, 2, 15), 10),
      ]);
    }
  }
  return { rows, allocatedByYear };
}
