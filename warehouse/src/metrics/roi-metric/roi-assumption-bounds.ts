import { BUDGET_MAX_IDR } from '../budget/budget-scenario-spec.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import type { RoiMetricAssumptions } from './roi-spec.ts';

/** The inclusive range an ROI assumption accepts. */
export interface RoiAssumptionBound {
  readonly min: number;
  readonly max: number;
}

/**
 * What each ROI assumption accepts, inclusive. Beyond these the figures stop being numbers: a
 * citizen-day of 1e308 IDR makes the benefits Infinity, 1e-320 working hours a month an Infinity
 * hourly cost, a JP of 1e308 minutes a participant-hour count beyond int64 in SQL. The bounds are
 * far beyond any real value yet keep every product finite:
 * - money (IDR) 0 … 1e15, Rp 1,000 trillion, the budget scenario's bound (`BUDGET_MAX_IDR`);
 * - `workingHoursPerMonth` 1 … 744 (31 days × 24 h): it divides the monthly cost, so a lower bound
 *   of one hour keeps the hourly cost ≤ 1e15;
 * - `jpMinutes` 1 … 1440 (a JP no longer than a day);
 * - `confidence` and `attribution` are shares, 0 … 1.
 */
export const ROI_ASSUMPTION_BOUNDS = {
  monthlySalaryCostIdr: { min: 0, max: BUDGET_MAX_IDR },
  hourlySalaryCostIdr: { min: 0, max: BUDGET_MAX_IDR },
  citizenDayValueIdr: { min: 0, max: BUDGET_MAX_IDR },
  workingHoursPerMonth: { min: 1, max: 744 },
  jpMinutes: { min: 1, max: 1440 },
  confidence: { min: 0, max: 1 },
  attribution: { min: 0, max: 1 },
} as const satisfies Record<keyof Required<RoiMetricAssumptions>, RoiAssumptionBound>;

/**
 * Refuses an assumption outside `ROI_ASSUMPTION_BOUNDS` (or not a finite number) with a
 * MetricInputError OUT_OF_RANGE naming `${prefix}.${name}` and the bounds; an assumption the bounds
 * do not name is left to the caller's types.
 */
export function checkRoiAssumptions(assumptions: object, prefix: string): void {
  for (const [name, value] of Object.entries(assumptions)) {
    if (value === undefined || !Object.hasOwn(ROI_ASSUMPTION_BOUNDS, name)) continue;
    const { min, max } = ROI_ASSUMPTION_BOUNDS[name as keyof typeof ROI_ASSUMPTION_BOUNDS];
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) continue;
    const field = prefix ? `${prefix}.${name}` : name;
    throw new MetricInputError(`${field} must be a number from ${min} to ${max}.`, {
      reason: 'OUT_OF_RANGE',
      field,
      min,
      max,
    });
  }
}
