/**
 * How the yearly SKP appraisals fall into the placebo, pre and post windows (outcome
 * appraisal_score, Kirkpatrick L3), said alike wherever an L3 window is chosen. Pinned by
 * warehouse/src/metrics/cohort/behaviour-change-windows.test.ts.
 */
export const APPRAISAL_WINDOWS =
  'SKP appraisals are yearly, each dated 31 December of the year it rates: a window holds the appraisal years whose 31 December falls inside it (their mean when several; when none, the employee has no value there and drops out of any comparison needing that window). The treatment window is one calendar year, 1 January to 31 December (RANGE_NOT_ALIGNED otherwise, naming that year’s dates): every window starting and ending in the same years holds the same appraisal years, so two windows a month apart would differ only in a few employees, whose appraisals their difference would give back. With 12-month windows, pre holds the appraisal of the year before the training year and post that of the year after it (2023: pre SKP 2022, post SKP 2024); with 24, the mean of the two years either side; under 12 months, post holds no 31 December (nothing_to_compare).';

/** The same, short, for a treatment window's start argument of an L3 comparison. */
export const APPRAISAL_WINDOW_FROM_NOTE =
  'For L3 (SKP appraisals, dated 31 December): 1 January of the treatment year; the window is one calendar year, 1 January to 31 December, so any other day, a first day of another month included, is refused with RANGE_NOT_ALIGNED naming that year’s dates (see the field’s description).';

/** The same, short, for a treatment window's end argument of an L3 comparison. */
export const APPRAISAL_WINDOW_TO_NOTE =
  'For L3 (SKP appraisals, dated 31 December): the 31 December of the year `from` starts; the window is one calendar year (see the field’s description).';
