/**
 * Elementary steps one disclosure-control call may take (a term of a line visited, a coefficient
 * updated in elimination, a corner tried, a line's bounds propagated): about 2.5 s of one core
 * here (60 M steps ≈ 1 s). On the scale-1 demo, resistance by agency × tenure band per quarter over
 * a year takes 65 M; its decline reasons by agency per month (`byReason`: agency × reason per
 * month), with the dozens of one- to four-person offices, far more (over 1,000 M and 12 s before it
 * ends hiding every cell), so that is refused; the metric
 * benchmark's dashboard queries take under 20 thousand each. Counted, not timed, so a query is
 * refused the same way on every machine and every run.
 */
export const DISCLOSURE_WORK_BUDGET = 150_000_000;

/**
 * Disclosure control of a result would take more work than its budget (`DISCLOSURE_WORK_BUDGET`):
 * many small cells tied together across periods and groups. The API answers QUERY_TOO_COMPLEX
 * (reason DISCLOSURE_TOO_COMPLEX). Nothing is published instead: hiding every cell would say nothing,
 * and a partial solution could give a small count away.
 */
export class DisclosureTooComplexError extends Error {
  readonly code = 'QUERY_TOO_COMPLEX' as const;
  readonly reason = 'DISCLOSURE_TOO_COMPLEX' as const;

  constructor(
    readonly budget: number,
    message = 'Disclosure control of this result is too large to compute: its small cells are tied together across ' +
      'too many periods and groups. Ask for a coarser grain (quarter or year), fewer groupBy dimensions, ' +
      'or a narrower filter.',
  ) {
    super(message);
    this.name = 'DisclosureTooComplexError';
  }
}

/** Counts the steps of one disclosure-control call and stops it at the budget. */
export class WorkMeter {
  private spent = 0;

  constructor(readonly budget: number = DISCLOSURE_WORK_BUDGET) {}

  /** Steps taken so far. */
  get used(): number {
    return this.spent;
  }

  /** Adds `steps`; throws DisclosureTooComplexError once the total passes the budget. */
  spend(steps: number): void {
    this.spent += steps;
    if (this.spent > this.budget) throw new DisclosureTooComplexError(this.budget);
  }
}

/** A meter with no budget, for audits and tests that must run to the end. */
export const UNMETERED: WorkMeter = new WorkMeter(Number.POSITIVE_INFINITY);
