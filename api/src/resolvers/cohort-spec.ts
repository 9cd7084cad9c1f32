import {
  BUDGET_MAX_IDR,
  CALENDAR_YEARS,
  checkAnalysisWindow,
  checkAppraisalGap,
  checkAppraisalWindow,
  checkRoiAssumptions,
  PORTFOLIO_MAX_YEARS,
} from '@asn/warehouse';
import { badInput } from '../errors/api-errors.ts';
import type {
  BudgetScenarioInput,
  CohortSpecInput,
  PortfolioInput,
  ProgramEffectsInput,
  RoiSpecInput,
} from '../metrics/metric-port.ts';
import type { CohortInput } from '../schema/cohort.type.ts';
import type { RoiAssumptionsInput, RoiInput } from '../schema/roi.type.ts';

/** Longest cohort window accepted (months); longer ones are refused before any query runs. */
export const MAX_WINDOW_MONTHS = 120;

/** Longest gap accepted between the pre window and the treatment window (months). */
export const MAX_GAP_MONTHS = 60;

/**
 * Checks a gap before any query runs: a whole number 0 … MAX_GAP_MONTHS (else OUT_OF_RANGE), and for
 * outcome appraisal_score whole years (the warehouse's `checkAppraisalGap`: RANGE_NOT_ALIGNED).
 */
function checkGap(prefix: string, gapMonths: number | null | undefined, outcome?: string | null): void {
  if (gapMonths === null || gapMonths === undefined) return;
  if (!Number.isInteger(gapMonths) || gapMonths < 0 || gapMonths > MAX_GAP_MONTHS)
    throw badInput(`${prefix}.gapMonths must be 0 … ${MAX_GAP_MONTHS}.`, {
      reason: 'OUT_OF_RANGE',
      field: `${prefix}.gapMonths`,
      min: 0,
      max: MAX_GAP_MONTHS,
    });
  if (outcome === 'appraisal_score') checkAppraisalGap(gapMonths, prefix);
}

/**
 * Checks the window before any query runs: one that ends before it starts, a length out of range
 * (which the warehouse would refuse with a plain RangeError, an internal error), and one that cuts a
 * month, or for outcome appraisal_score one that is not a calendar year (the warehouse's
 * `checkAnalysisWindow`, `checkAppraisalWindow`: RANGE_NOT_ALIGNED, naming the aligned dates either
 * side). Throws BAD_USER_INPUT naming the field.
 */
function checkWindow(
  prefix: string,
  from: string,
  to: string,
  windowMonths: number | null | undefined,
  outcome?: string | null,
): void {
  if (to < from)
    throw badInput(`${prefix}.to (${to}) is before ${prefix}.from (${from}).`, {
      reason: 'RANGE_REVERSED',
      field: `${prefix}.to`,
      startField: `${prefix}.from`,
      endField: `${prefix}.to`,
      start: from,
      end: to,
    });
  // SKP appraisals are yearly: an L3 window is one calendar year (the warehouse's rule).
  if (outcome === 'appraisal_score') checkAppraisalWindow(from, to, prefix);
  else checkAnalysisWindow(from, to, prefix);
  if (windowMonths !== null && windowMonths !== undefined) {
    if (!Number.isInteger(windowMonths) || windowMonths < 1 || windowMonths > MAX_WINDOW_MONTHS) {
      throw badInput(`${prefix}.windowMonths must be 1 … ${MAX_WINDOW_MONTHS}.`, {
        reason: 'OUT_OF_RANGE',
        field: `${prefix}.windowMonths`,
        min: 1,
        max: MAX_WINDOW_MONTHS,
      });
    }
  }
}

/**
 * GraphQL budget input → warehouse input; a budget outside 0 … BUDGET_MAX_IDR (Rp 1,000 trillion) or
 * not finite, a year outside 1990 … 2100, or an assumption outside its bounds (as `roi`'s, field
 * input.assumptions.<name>) is BAD_USER_INPUT.
 */
export function toBudgetInput(input: {
  readonly agency: string;
  readonly program: string;
  readonly budgetIdr: number;
  readonly year?: number | null;
  readonly contrast?: 'vs_rest' | 'only_vs_untrained' | null;
  readonly isolation?: 'cohort' | 'joint' | null;
  readonly assumptions?: RoiAssumptionsInput | null;
}): BudgetScenarioInput {
  if (!(Number.isFinite(input.budgetIdr) && input.budgetIdr >= 0 && input.budgetIdr <= BUDGET_MAX_IDR)) {
    throw badInput('input.budgetIdr must be an amount from 0 to 1e15 IDR (Rp 1,000 trillion).', {
      reason: 'OUT_OF_RANGE',
      field: 'input.budgetIdr',
      min: 0,
      max: BUDGET_MAX_IDR,
    });
  }
  const year = input.year ?? null;
  if (year !== null && (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max))
    throw badInput(`input.year ${year} is out of range (${CALENDAR_YEARS.min} … ${CALENDAR_YEARS.max}).`, {
      reason: 'OUT_OF_RANGE',
      field: 'input.year',
      min: CALENDAR_YEARS.min,
      max: CALENDAR_YEARS.max,
    });
  const assumptions = assumptionsOf(input.assumptions, 'input.assumptions');
  return {
    agencyCode: input.agency,
    programCode: input.program,
    budgetIdr: input.budgetIdr,
    ...(year !== null ? { year } : {}),
    ...(input.contrast ? { contrast: input.contrast } : {}),
    ...(input.isolation ? { isolation: input.isolation } : {}),
    ...(Object.keys(assumptions).length ? { assumptions } : {}),
  };
}

/** GraphQL input → warehouse spec, leaving out nulls (absent = the metric's default). */
export function toCohortSpec(
  input: Omit<CohortInput, 'windowMonths' | 'gapMonths' | 'agencies'> & Partial<CohortInput>,
  /** Field path prefix for error messages (`cohort` → `cohort.to`). */
  prefix = 'cohort',
): CohortSpecInput {
  checkWindow(prefix, input.from, input.to, input.windowMonths, input.outcome);
  checkGap(prefix, input.gapMonths, input.outcome);
  return {
    selector: { kind: input.selector.kind, value: input.selector.value },
    from: input.from,
    to: input.to,
    outcome: input.outcome,
    ...(input.windowMonths ? { windowMonths: input.windowMonths } : {}),
    ...(input.gapMonths ? { gapMonths: input.gapMonths } : {}),
    ...(input.agencies?.length ? { agencies: input.agencies } : {}),
    ...(input.contrast ? { contrast: input.contrast } : {}),
  };
}

/** GraphQL program-effects input → warehouse spec (window checked as the cohort's). */
export function toProgramEffectsInput(input: {
  readonly from: string;
  readonly to: string;
  readonly outcome?: ProgramEffectsInput['outcome'] | null;
  readonly by?: ProgramEffectsInput['by'] | null;
  readonly windowMonths?: number | null;
  readonly gapMonths?: number | null;
  readonly agencies?: readonly string[] | null;
}): ProgramEffectsInput {
  checkWindow('input', input.from, input.to, input.windowMonths, input.outcome);
  checkGap('input', input.gapMonths, input.outcome);
  return {
    from: input.from,
    to: input.to,
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(input.by ? { by: input.by } : {}),
    ...(input.windowMonths ? { windowMonths: input.windowMonths } : {}),
    ...(input.gapMonths ? { gapMonths: input.gapMonths } : {}),
    ...(input.agencies?.length ? { agencies: input.agencies } : {}),
  };
}

/**
 * The numeric overrides set in a GraphQL assumptions input, each checked against the warehouse's
 * `ROI_ASSUMPTION_BOUNDS` (BAD_USER_INPUT / OUT_OF_RANGE with `min` and `max` otherwise) before any
 * query runs: unbounded, a 1e308 citizen-day value or a 1e-320 hour month gave Infinity figures.
 */
function assumptionsOf(
  input: RoiAssumptionsInput | null | undefined,
  prefix: string,
): Record<string, number> {
  const assumptions = Object.fromEntries(
    Object.entries(input ?? {}).filter(([, v]) => typeof v === 'number'),
  ) as Record<string, number>;
  checkRoiAssumptions(assumptions, prefix);
  return assumptions;
}

export function toRoiSpec(input: RoiInput): RoiSpecInput {
  checkWindow('input', input.from, input.to, input.windowMonths);
  const assumptions = assumptionsOf(input.assumptions, 'input.assumptions');
  return {
    selector: { kind: input.selector.kind, value: input.selector.value },
    from: input.from,
    to: input.to,
    ...(input.windowMonths ? { windowMonths: input.windowMonths } : {}),
    ...(input.agencies?.length ? { agencies: input.agencies } : {}),
    ...(input.contrast ? { contrast: input.contrast } : {}),
    ...(input.isolation ? { isolation: input.isolation } : {}),
    ...(Object.keys(assumptions).length ? { assumptions } : {}),
  };
}

/** GraphQL portfolio arguments → warehouse input; years, window and assumptions checked. */
export function toPortfolioInput(args: {
  readonly years?: readonly number[] | null;
  readonly windowMonths?: number | null;
  readonly contrast?: 'vs_rest' | 'only_vs_untrained' | null;
  readonly isolation?: 'cohort' | 'joint' | null;
  readonly assumptions?: RoiAssumptionsInput | null;
}): PortfolioInput {
  const years = args.years ?? null;
  if (years !== null) {
    if (years.length === 0 || years.length > PORTFOLIO_MAX_YEARS)
      throw badInput(`years must list 1 … ${PORTFOLIO_MAX_YEARS} years (or be null for every year).`, {
        reason: 'LIST_LENGTH',
        field: 'years',
        min: 1,
        max: PORTFOLIO_MAX_YEARS,
      });
    const odd = years.find((y) => y < 1990 || y > 2100);
    if (odd !== undefined)
      throw badInput(`years: ${odd} is out of range (1990 … 2100).`, {
        reason: 'OUT_OF_RANGE',
        field: 'years',
        min: 1990,
        max: 2100,
      });
  }
  const windowMonths = args.windowMonths ?? null;
  if (windowMonths !== null && (windowMonths < 1 || windowMonths > MAX_WINDOW_MONTHS))
    throw badInput(`windowMonths must be 1 … ${MAX_WINDOW_MONTHS}.`, {
      reason: 'OUT_OF_RANGE',
      field: 'windowMonths',
      min: 1,
      max: MAX_WINDOW_MONTHS,
    });
  const assumptions = assumptionsOf(args.assumptions, 'assumptions');
  return {
    ...(years ? { years } : {}),
    ...(windowMonths ? { windowMonths } : {}),
    ...(args.contrast ? { contrast: args.contrast } : {}),
    ...(args.isolation ? { isolation: args.isolation } : {}),
    ...(Object.keys(assumptions).length ? { assumptions } : {}),
  };
}
