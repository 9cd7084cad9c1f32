import { badInput } from '../errors/api-errors.ts';
import type { BudgetScenarioInput, CohortSpecInput, RoiSpecInput } from '../metrics/metric-port.ts';
import type { CohortInput } from '../schema/cohort.type.ts';
import type { RoiInput } from '../schema/roi.type.ts';

/** Longest cohort window accepted (months); longer ones are refused before any query runs. */
export const MAX_WINDOW_MONTHS = 120;

/** ROI assumptions that are shares (0–1); every other assumption must be a finite number ≥ 0. */
const SHARE_ASSUMPTIONS = new Set(['confidence', 'attribution']);
/** ROI assumptions that must be > 0 (they divide). */
const POSITIVE_ASSUMPTIONS = new Set(['workingHoursPerMonth', 'jpMinutes']);

/**
 * Checks what the warehouse would otherwise refuse with a plain RangeError (which the API must
 * report as an internal error): a window that ends before it starts, a window length out of
 * range. Throws BAD_USER_INPUT naming the field.
 */
function checkWindow(
  prefix: string,
  from: string,
  to: string,
  windowMonths: number | null | undefined,
): void {
  if (to < from) throw badInput(`${prefix}.to (${to}) is before ${prefix}.from (${from}).`, `${prefix}.to`);
  if (windowMonths !== null && windowMonths !== undefined) {
    if (!Number.isInteger(windowMonths) || windowMonths < 1 || windowMonths > MAX_WINDOW_MONTHS) {
      throw badInput(`${prefix}.windowMonths must be 1 … ${MAX_WINDOW_MONTHS}.`, `${prefix}.windowMonths`);
    }
  }
}

function checkAssumptions(assumptions: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(assumptions)) {
    const field = `input.assumptions.${name}`;
    if (SHARE_ASSUMPTIONS.has(name)) {
      if (!(value >= 0 && value <= 1)) throw badInput(`${field} must be between 0 and 1.`, field);
    } else if (POSITIVE_ASSUMPTIONS.has(name)) {
      if (!(Number.isFinite(value) && value > 0))
        throw badInput(`${field} must be a finite number > 0.`, field);
    } else if (!(Number.isFinite(value) && value >= 0)) {
      throw badInput(`${field} must be a finite number ≥ 0.`, field);
    }
  }
}

/** GraphQL budget input → warehouse input; a negative or non-finite budget is BAD_USER_INPUT. */
export function toBudgetInput(input: {
  readonly agency: string;
  readonly program: string;
  readonly budgetIdr: number;
  readonly year?: number | null;
}): BudgetScenarioInput {
  if (!(Number.isFinite(input.budgetIdr) && input.budgetIdr >= 0)) {
    throw badInput('input.budgetIdr must be a finite amount ≥ 0 (IDR).', 'input.budgetIdr');
  }
  return {
    agencyCode: input.agency,
    programCode: input.program,
    budgetIdr: input.budgetIdr,
    ...(input.year ? { year: input.year } : {}),
  };
}

/** GraphQL input → warehouse spec, leaving out nulls (absent = the metric's default). */
export function toCohortSpec(
  input: Omit<CohortInput, 'windowMonths' | 'agencies'> & Partial<CohortInput>,
  /** Field path prefix for error messages (`cohort` → `cohort.to`). */
  prefix = 'cohort',
): CohortSpecInput {
  checkWindow(prefix, input.from, input.to, input.windowMonths);
  return {
    selector: { kind: input.selector.kind, value: input.selector.value },
    from: input.from,
    to: input.to,
    outcome: input.outcome,
    ...(input.windowMonths ? { windowMonths: input.windowMonths } : {}),
    ...(input.agencies?.length ? { agencies: input.agencies } : {}),
  };
}

export function toRoiSpec(input: RoiInput): RoiSpecInput {
  const assumptions = Object.fromEntries(
    Object.entries(input.assumptions ?? {}).filter(([, v]) => typeof v === 'number'),
  ) as Record<string, number>;
  checkWindow('input', input.from, input.to, input.windowMonths);
  checkAssumptions(assumptions);
  return {
    selector: { kind: input.selector.kind, value: input.selector.value },
    from: input.from,
    to: input.to,
    ...(input.windowMonths ? { windowMonths: input.windowMonths } : {}),
    ...(input.agencies?.length ? { agencies: input.agencies } : {}),
    ...(Object.keys(assumptions).length ? { assumptions } : {}),
  };
}
