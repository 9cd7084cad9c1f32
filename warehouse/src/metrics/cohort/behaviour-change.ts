import type { Db } from '../../db/index.ts';
import { cohortComparison } from './cohort-comparison.ts';
import type { CohortComparisonResult, CohortOptions, CohortSpec } from './cohort-spec.ts';

export type BehaviourChangeSpec = Omit<CohortSpec, 'outcome'>;

/**
 * Kirkpatrick L3 (behaviour): change in SKP appraisal score, trained vs matched untrained, i.e. the
 * cohort comparison with `appraisal_score` as outcome (same estimator, windows and warnings).
 *
 * Appraisals are yearly, each dated 31 December of the year it rates (`cohort-units.ts`); a window
 * holds the years whose 31 December falls in it. The treatment window is one calendar year
 * (`checkAppraisalWindow`: windows a month apart hold the same appraisal years, and their
 * difference gave a few employees' appraisals back). With the default 12-month windows, pre = the
 * appraisal of the year before the training year and post = that of the year after (2023: pre
 * 2022, post 2024); windows under 12 months hold no 31 December after it (nothing_to_compare).
 * Known answers: `behaviour-change-windows.test.ts`. The API says the same (APPRAISAL_WINDOWS).
 */
export function behaviourChange(
  db: Db,
  spec: BehaviourChangeSpec,
  options: CohortOptions = {},
): Promise<CohortComparisonResult> {
  return cohortComparison(db, { ...spec, outcome: 'appraisal_score' }, options);
}
