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
    if (inlineCap !== null) {
      inlineCap.spent += steps;
      if (inlineCap.spent > inlineCap.steps) throw new InlineLimitReached();
      inlineCap.calls += 1;
      if ((inlineCap.calls & 15) === 0 && performance.now() > inlineCap.until) throw new InlineLimitReached();
    }
  }
}

/** Thrown by `withInlineLimit` once the steps of every meter in its run pass its limit. */
export class InlineLimitReached extends Error {
  constructor() {
    super('disclosure work passed the inline limit');
    this.name = 'InlineLimitReached';
  }
}

let inlineCap: { readonly steps: number; readonly until: number; spent: number; calls: number } | null = null;

/**
 * Runs `run` (synchronous) with every meter it creates also counting against `limit.steps` steps in
 * all and `limit.ms` of wall time (checked as steps are spent): past either, `InlineLimitReached` is
 * thrown. A budget a meter passes first still throws DisclosureTooComplexError, so a run either
 * ends as it would unlimited or is cut off; the caller then runs it again elsewhere
 * (`runDisclosureTask`), unlimited, from the start. Where it runs depends on time; what it answers
 * (and refuses) depends on the counted steps alone.
 */
export function withInlineLimit<T>(limit: { readonly steps: number; readonly ms: number }, run: () => T): T {
  const outer = inlineCap;
  inlineCap = { steps: limit.steps, until: performance.now() + limit.ms, spent: 0, calls: 0 };
  try {
    return run();
  } finally {
    inlineCap = outer;
  }
}

/** A meter with no budget, for audits and tests that must run to the end. */
export const UNMETERED: WorkMeter = new WorkMeter(Number.POSITIVE_INFINITY);
