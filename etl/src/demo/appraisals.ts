import { day, WORLD_YEARS, wibTimestamp } from './calendar.ts';
import { assignmentOn, type Employee } from './employees.ts';
import { PLANTED } from './planted-effects.ts';
import type { Prng } from './prng.ts';

/**
 * Yearly SKP appraisals for everyone in service on 30 June. Score = 80 + personal level +
 * a common additive year drift + noise, plus the planted L3 gain (+3.0) for PLY-PRIMA
 * completers from the period after their completion year. Nothing else moves appraisals:
 * the placebo and every other program have zero effect.
 */
const YEAR_DRIFT: Record<number, number> = { 2021: 0, 2022: 0.5, 2023: 0.8, 2024: 1.2, 2025: 1.5 };

export interface AppraisalTruth {
  /** Mean over PLY-PRIMA completers of mean(actual − counterfactual) across their post periods. */
  realisedAtt: number;
  treatedEmployees: number;
}

export function rating(score: number): string {
  return score >= 91
    ? 'sangat_baik'
    : score >= 76
      ? 'baik'
      : score >= 61
        ? 'butuh_perbaikan'
        : score >= 51
          ? 'kurang'
          : 'sangat_kurang';
}

export function generateAppraisals(
  rng: Prng,
  employees: readonly Employee[],
  plyPrimaCompletedYear: ReadonlyMap<number, number>,
): { rows: unknown[][]; truth: AppraisalTruth } {
  const r = rng.fork('appraisals');
  const rows: unknown[][] = [];
  const perTreated = new Map<number, { n: number; sum: number }>();
  for (const e of employees) {
    for (const year of WORLD_YEARS) {
      if (!assignmentOn(e, day(year, 6, 30))) continue;
      const counterfactual = round2(clamp(80 + e.ability + (YEAR_DRIFT[year] ?? 0) + r.normal(0, 2.5)));
      const completed = plyPrimaCompletedYear.get(e.id);
      const treated = completed !== undefined && year > completed;
      const score = treated
        ? round2(clamp(counterfactual + PLANTED.serviceTraining.appraisalGain))
        : counterfactual;
      if (treated) {
        const acc = perTreated.get(e.id) ?? { n: 0, sum: 0 };
        acc.n++;
        acc.sum += score - counterfactual;
        perTreated.set(e.id, acc);
      }
      rows.push([rows.length + 1, e.id, year, score, rating(score), wibTimestamp(day(year + 1, 1, 31), 10)]);
    }
  }
  let sum = 0;
  for (const acc of perTreated.values()) sum += acc.sum / acc.n;
  return {
    rows,
    truth: { realisedAtt: perTreated.size ? sum / perTreated.size : 0, treatedEmployees: perTreated.size },
  };
}

const clamp = (x: number) => Math.min(100, Math.max(0, x));
const round2 = (x: number) => Math.round(x * 100) / 100;

export const APPRAISAL_COLUMNS = ['id', 'employee_id', 'period', 'score', 'rating', 'updated_at'];
