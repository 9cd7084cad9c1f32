/**
 * How the yearly SKP appraisals fall into the placebo, pre and post windows (outcome
 * appraisal_score, Kirkpatrick L3), said alike wherever an L3 window is chosen. Pinned by
 * warehouse/src/metrics/cohort/behaviour-change-windows.test.ts.
 */
export const APPRAISAL_WINDOWS =
  'SKP appraisals are yearly, each dated 31 December of the year it rates: a window holds the appraisal years whose 31 December falls inside it (their mean when several; when none, the employee has no value there and drops out of any comparison needing that window). So unless the treatment window ends in December, a post window reaching 31 December of the year the treatment window ends in holds that year’s appraisal: the training year itself (rating all of it, the months before and during the training included), not a year after it. With 12-month windows, pre holds exactly the year before the treatment window starts and post exactly the year in which it ends: 2023-01-01 … 2023-12-31 gives post SKP 2024, but 2023-01-01 … 2023-06-30 gives post 2023-07-01 … 2024-06-30, holding SKP 2023 only, so the change is that of the training year. A window shorter than 12 months may hold no 31 December at all: after a July–December treatment window, 6-month windows put pre and post in January–June, with no appraisal in either (nothing_to_compare). For the year after the training, end the treatment window in December.';

/** The same, short, for a treatment window's end argument of an L3 comparison. */
export const APPRAISAL_WINDOW_TO_NOTE =
  'For L3 (SKP appraisals, dated 31 December): unless this is a 31 December, the post window holds the appraisal of the year this date is in, the training year itself, not the year after (see the field’s description).';
