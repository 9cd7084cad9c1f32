import type { Db } from '../../db/index.ts';
import { cohortComparison } from './cohort-comparison.ts';
import type { CohortComparisonResult, CohortOptions, CohortSpec } from './cohort-spec.ts';

export type BehaviourChangeSpec = Omit<CohortSpec, 'outcome'>;

/**
 * Kirkpatrick L3 (behaviour): change in SKP appraisal score, trained vs matched untrained, i.e. the
 * cohort comparison with `appraisal_score` as outcome (same estimator, windows and warnings). With
 * the default 12-month windows and a calendar-year treatment window, pre = the year before and post
 * = the year after training, each rated by its year-end appraisal.
 */
export function behaviourChange(
  db: Db,
  spec: BehaviourChangeSpec,
  options: CohortOptions = {},
): Promise<CohortComparisonResult> {
  return cohortComparison(db, { ...spec, outcome: 'appraisal_score' }, options);
}
