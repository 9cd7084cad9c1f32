import type { Db } from '../../db/index.ts';
import { cohortComparison } from './cohort-comparison.ts';
import type { CohortComparisonResult, CohortOptions, CohortSpec } from './cohort-spec.ts';

export type BehaviourChangeSpec = Omit<CohortSpec, 'outcome'>;

/**
 * Kirkpatrick L3 (behaviour): change in SKP appraisal score, trained vs matched untrained, i.e. the
 * cohort comparison with `appraisal_score` as outcome (same estimator, windows and warnings).
 *
 * Appraisals are yearly, each dated 31 December of the year it rates (`cohort-units.ts`); a window
 * holds the years whose 31 December falls in it. With the default 12-month windows, pre = the
 * appraisal of the year before the treatment window starts and post = that of the year in which it
 * ends. So only a treatment window ending in December gives "the year after training" (2023
 * calendar year: pre 2022, post 2024). Any other end month puts the training year's own appraisal
 * in post, rating months before and during the training too: 2023-01-01 … 2023-06-30 gives post
 * 2023-07-01 … 2024-06-30 = SKP 2023. Windows under 12 months may hold no 31 December: July–December
 * with `windowMonths` 6 has pre and post in January–June, no appraisal in either (nothing_to_compare).
 * Known answers: `behaviour-change-windows.test.ts`. The API says the same (APPRAISAL_WINDOWS).
 */
export function behaviourChange(
  db: Db,
  spec: BehaviourChangeSpec,
  options: CohortOptions = {},
): Promise<CohortComparisonResult> {
  return cohortComparison(db, { ...spec, outcome: 'appraisal_score' }, options);
}
