import { checkAnalysisWindow } from '../query/plan-query.ts';
import type { CohortWindow, CohortWindows } from './cohort-spec.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** First day of the month of `iso`, shifted by `months` (may be negative), as an ISO date. */
export function addMonths(iso: string, months: number): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`expected an ISO date YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The day before an ISO date (turns a half-open end into an inclusive one). */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Half-open month-aligned window [start, end) as used in SQL. */
export interface HalfOpenWindow {
  readonly start: string;
  readonly end: string;
}

export interface CohortWindowBounds {
  readonly placebo: HalfOpenWindow;
  readonly pre: HalfOpenWindow;
  readonly post: HalfOpenWindow;
}

/**
 * The three comparison windows of a treatment window [from, to] of whole months
 * (`checkAnalysisWindow`: RANGE_NOT_ALIGNED, RANGE_REVERSED), each `months` whole months:
 * - pre: the `months` months before the month of `from` (nobody in it is trained yet);
 * - post: a FIXED calendar window starting the month after the month of `to`, the same for treated
 *   and control. Why fixed: every treated unit is fully exposed in it, and the control gets the very
 *   same calendar months, so seasonality and city-wide shocks cancel without having to invent a
 *   "completion date" for people who were not trained. The cost: units trained early in a long
 *   window are observed later after training than units trained late (the estimate is the effect
 *   in that calendar window, a weighted mix of exposure lengths).
 * - placebo: the `months` months before pre. The pre-trend check is the same DiD from placebo to
 *   pre, where the true effect is 0 by construction.
 *
 * `gapMonths` (default 0) ends pre that many months before the month of `from` (placebo moves with
 * it): the months just before training are left out of the baseline, where the trainees' outcome
 * may already have moved (Ashenfelter's dip: a slump that puts people into training, or a build-up
 * to it), which would otherwise count as part of the effect.
 */
export function cohortWindowBounds(from: string, to: string, months = 12, gapMonths = 0): CohortWindowBounds {
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`windowMonths must be ≥ 1, got ${months}`);
  if (!Number.isInteger(gapMonths) || gapMonths < 0)
    throw new RangeError(`gapMonths must be a whole number ≥ 0, got ${gapMonths}`);
  // Whole months, in order (MetricInputError: a caller's mistake, BAD_USER_INPUT over the API).
  checkAnalysisWindow(from, to);
  const preEnd = addMonths(from, -gapMonths);
  const postStart = addMonths(to, 1);
  return {
    placebo: { start: addMonths(preEnd, -2 * months), end: addMonths(preEnd, -months) },
    pre: { start: addMonths(preEnd, -months), end: preEnd },
    post: { start: postStart, end: addMonths(postStart, months) },
  };
}

const inclusive = (w: HalfOpenWindow): CohortWindow => ({ from: w.start, to: dayBefore(w.end) });

/** The windows as inclusive ISO dates, for reporting. */
export function reportWindows(bounds: CohortWindowBounds): CohortWindows {
  return { placebo: inclusive(bounds.placebo), pre: inclusive(bounds.pre), post: inclusive(bounds.post) };
}
