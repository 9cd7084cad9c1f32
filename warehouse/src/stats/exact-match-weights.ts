/** A unit as exact matching sees it: which arm it is in and its matching cell. */
export interface MatchableUnit {
  treated: boolean;
  /**
   * Matching cell, e.g. `${agencyKind}|${gradeGroup}|${tenureBand}`. Undefined puts the unit in one
   * shared cell (no matching).
   */
  stratum?: string;
}

/** Per-unit weights plus what matching had to drop. */
export interface ExactMatchWeights {
  /** Aligned with the input: treated 1 (0 if unmatched), control n_T,s / n_C,s (0 if unused). */
  weights: number[];
  /** Treated units in cells without any control unit: no comparison exists, so they are left out. */
  unmatchedTreated: number;
  /** Control units in cells without any treated unit: they describe nobody we compare against. */
  unusedControl: number;
}

/**
 * Exact-matching weights for the effect on the treated (ATT): each control unit in cell s gets
 * n_T,s / n_C,s, so the weighted control group has the same cell mix as the treated group and a
 * difference between them can't come from a different mix of agencies, grades or tenure.
 *
 * Treated units in cells without controls are dropped rather than compared to other cells: that is
 * what "exact" matching means, and the dropped count is reported so a caller can warn when coverage
 * is poor.
 */
export function exactMatchWeights(units: readonly MatchableUnit[]): ExactMatchWeights {
  const treatedPerCell = new Map<string | undefined, number>();
  const controlPerCell = new Map<string | undefined, number>();
  for (const unit of units) {
    const counts = unit.treated ? treatedPerCell : controlPerCell;
    counts.set(unit.stratum, (counts.get(unit.stratum) ?? 0) + 1);
  }
  let unmatchedTreated = 0;
  let unusedControl = 0;
  const weights = units.map((unit) => {
    const treatedInCell = treatedPerCell.get(unit.stratum) ?? 0;
    const controlInCell = controlPerCell.get(unit.stratum) ?? 0;
    if (unit.treated) {
      if (controlInCell === 0) unmatchedTreated++;
      return controlInCell === 0 ? 0 : 1;
    }
    if (treatedInCell === 0) unusedControl++;
    return treatedInCell / controlInCell;
  });
  return { weights, unmatchedTreated, unusedControl };
}
