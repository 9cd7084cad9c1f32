import { assertFinite } from './assert-finite.ts';
import { DEFAULT_CONFIDENCE_LEVEL, type DifferenceEstimate, tInference } from './confidence-interval.ts';

/** One row of a published 2×2 difference-in-differences table: a group's mean before and after. */
export interface DidTableGroup {
  pre: number;
  post: number;
  /**
   * Standard error of the change (post − pre). Give this when the same units are observed twice
   * (panel): it includes their correlation, which the separate pre/post SEs cannot.
   */
  changeSe?: number;
  /** SEs of the two means; used only without `changeSe`, assuming independent samples. */
  preSe?: number;
  postSe?: number;
}

export interface DiffInDiffTableResult extends DifferenceEstimate {
  treatedChange: number;
  controlChange: number;
}

function changeSe(group: DidTableGroup): number | null {
  if (group.changeSe !== undefined) return group.changeSe;
  if (group.preSe !== undefined && group.postSe !== undefined) return Math.hypot(group.preSe, group.postSe);
  return null;
}

/**
 * Difference-in-differences from group means: (treated.post − treated.pre) − (control.post − control.pre),
 * SE = √(SEΔ_treated² + SEΔ_control²) (the two groups are independent samples).
 *
 * For published tables and summaries where unit rows are not available. Card & Krueger (1994)
 * Table 3 is the known answer in the tests.
 *
 * @param df degrees of freedom for the interval; default Infinity (normal), as published tables
 *   rarely give one.
 * @param level confidence level, default 0.95.
 */
export function diffInDiffFromTable(
  table: { treated: DidTableGroup; control: DidTableGroup },
  options: { df?: number; level?: number } = {},
): DiffInDiffTableResult {
  for (const [name, g] of Object.entries(table)) {
    assertFinite(g.pre, `${name}.pre`);
    assertFinite(g.post, `${name}.post`);
  }
  const treatedChange = table.treated.post - table.treated.pre;
  const controlChange = table.control.post - table.control.pre;
  const seT = changeSe(table.treated);
  const seC = changeSe(table.control);
  const se = seT === null || seC === null ? null : Math.hypot(seT, seC);
  const inference = tInference(
    treatedChange - controlChange,
    se,
    options.df ?? Number.POSITIVE_INFINITY,
    options.level ?? DEFAULT_CONFIDENCE_LEVEL,
  );
  return { ...inference, treatedChange, controlChange };
}
