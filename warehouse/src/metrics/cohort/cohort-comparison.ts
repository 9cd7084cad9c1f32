import type { Db } from '../../db/index.ts';
import {
  DEFAULT_CONFIDENCE_LEVEL,
  type DidUnit,
  type DiffInDiffResult,
  diffInDiff,
  exactMatchWeights,
  hedgesG,
  preTrendCheck,
  summarize,
} from '../../stats/index.ts';
import {
  type CohortArmSummary,
  type CohortComparisonResult,
  type CohortEstimate,
  type CohortOptions,
  type CohortPreTrend,
  type CohortSpec,
  type CohortWarning,
  OUTCOME_UNITS,
} from './cohort-spec.ts';
import { type CohortUnit, loadCohortUnits } from './cohort-units.ts';
import { cohortWarnings } from './cohort-warnings.ts';
import { type CohortWindowBounds, reportWindows } from './cohort-windows.ts';

export const DEFAULT_MIN_CELL_SIZE = 5;
export const DEFAULT_SMALL_N = 30;
export const DEFAULT_MAX_DROPPED_SHARE = 0.2;

/** The result plus the matched treated units, for callers inside the warehouse (ROI needs volumes). */
export interface CohortAnalysis {
  readonly result: CohortComparisonResult;
  readonly matchedTreated: readonly CohortUnit[];
  /** The pre/post/placebo windows, half-open, for follow-up queries over the same months. */
  readonly bounds: CohortWindowBounds;
}

const NO_ESTIMATE: CohortEstimate = { estimate: null, se: null, df: null, pValue: null, ci: null };

function estimateOf(r: DiffInDiffResult): CohortEstimate {
  return { estimate: r.estimate, se: r.se, df: r.df, pValue: r.pValue, ci: r.ci };
}

function armOf(arm: DiffInDiffResult['treated'] | undefined, show: boolean): CohortArmSummary {
  if (arm === undefined) return { n: 0, nEffective: 0, meanPre: null, meanPost: null, meanChange: null };
  return {
    n: arm.n,
    nEffective: arm.nEffective,
    meanPre: show ? arm.meanPre : null,
    meanPost: show ? arm.meanPost : null,
    meanChange: show ? arm.meanChange : null,
  };
}

/**
 * The comparison from loaded units (pure; `cohortComparison` is this plus the warehouse query).
 *
 * Estimator: difference-in-differences from unit-level changes Δ = post − pre, with exact matching
 * on agency kind × grade group × tenure band: DiD = mean Δ(treated) − Σw·Δ(control)/Σw, control
 * weights w = n_T,s / n_C,s so the control strata reproduce the treated mix (ATT). SE by Welch on
 * the two sets of changes, the control arm with its reliability-weighted variance and Kish effective
 * n; CI from the t distribution with Welch–Satterthwaite df (`stats/diffInDiff`). Hedges' g compares
 * the same changes (control n = effective n). Pre-trend: the same estimator from placebo to pre.
 */
export function analyseCohort(
  units: readonly CohortUnit[],
  bounds: CohortWindowBounds,
  spec: CohortSpec,
  options: CohortOptions = {},
): CohortAnalysis {
  const level = options.level ?? DEFAULT_CONFIDENCE_LEVEL;
  const minCell = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  const smallN = options.smallN ?? DEFAULT_SMALL_N;
  const maxDropped = options.maxDroppedShare ?? DEFAULT_MAX_DROPPED_SHARE;

  const observed = units.filter((u) => u.pre !== null && u.post !== null);
  const didUnits: DidUnit[] = observed.map((u) => ({
    treated: u.treated,
    pre: u.pre!,
    post: u.post!,
    stratum: u.stratum,
  }));
  const { weights, unmatchedTreated, unusedControl } = exactMatchWeights(didUnits);
  const did = diffInDiff(didUnits, level);
  const treatedEligible = didUnits.filter((u) => u.treated).length;
  const treatedN = did?.treated.n ?? 0;
  const controlN = did?.control.n ?? 0;
  const suppressed = did === null || treatedN < minCell || controlN < minCell;
  const matchedTreated = observed.filter((u, i) => u.treated && weights[i]! > 0);

  const warnings: CohortWarning[] = [];
  if (suppressed) warnings.push(cohortWarnings.suppressed(minCell));
  if (treatedN < smallN || controlN < smallN)
    warnings.push(cohortWarnings.smallN(treatedN, controlN, smallN));
  const droppedShare = treatedEligible === 0 ? 0 : unmatchedTreated / treatedEligible;
  if (droppedShare > maxDropped) warnings.push(cohortWarnings.poorOverlap(unmatchedTreated, droppedShare));
  if (!suppressed && did.se === null) warnings.push(cohortWarnings.noSe());

  let g: CohortComparisonResult['hedgesG'] = null;
  if (!suppressed) {
    const changes = (treated: boolean) => {
      const idx = didUnits
        .map((_, i) => i)
        .filter((i) => didUnits[i]!.treated === treated && weights[i]! > 0);
      return summarize(
        idx.map((i) => didUnits[i]!.post - didUnits[i]!.pre),
        treated ? undefined : idx.map((i) => weights[i]!),
      );
    };
    const t = changes(true);
    const c = changes(false);
    const h = t && c ? hedgesG(t, c, level) : null;
    g = h ? { g: h.g, se: h.se, ci: h.ci } : null;
  }

  const preTrend = preTrendOf(units, level, minCell);
  if (!suppressed && preTrend?.ciExcludesZero === true) warnings.push(cohortWarnings.divergingPreTrends());

  const result: CohortComparisonResult = {
    selector: spec.selector,
    outcome: spec.outcome,
    unit: OUTCOME_UNITS[spec.outcome],
    treatmentWindow: { from: spec.from, to: spec.to },
    windows: reportWindows(bounds),
    treated: armOf(did?.treated, !suppressed),
    control: armOf(did?.control, !suppressed),
    did: suppressed ? NO_ESTIMATE : estimateOf(did),
    hedgesG: g,
    preTrend,
    matching: {
      treatedEligible,
      treatedDropped: unmatchedTreated,
      treatedDroppedShare: droppedShare,
      controlUnused: unusedControl,
      strata: new Set(matchedTreated.map((u) => u.stratum)).size,
    },
    n: treatedN + controlN,
    suppressed,
    warnings,
  };
  return { result, matchedTreated: suppressed ? [] : matchedTreated, bounds };
}

function preTrendOf(units: readonly CohortUnit[], level: number, minCell: number): CohortPreTrend | null {
  const check = preTrendCheck(
    units
      .filter((u) => u.placebo !== null && u.pre !== null)
      .map((u) => ({ treated: u.treated, prePeriod1: u.placebo!, prePeriod2: u.pre!, stratum: u.stratum })),
    level,
  );
  if (check === null) return null;
  const nTreated = check.placebo.treated.n;
  const nControl = check.placebo.control.n;
  if (nTreated < minCell || nControl < minCell) {
    return { ...NO_ESTIMATE, nTreated, nControl, ciExcludesZero: null };
  }
  return { ...estimateOf(check.placebo), nTreated, nControl, ciExcludesZero: check.ciExcludesZero };
}

/**
 * Cohort comparison (DESIGN "Metrics"): employees who completed a program, method or competency area
 * in [from, to] against an exactly matched, stratum-weighted control that completed nothing of that
 * selector in the window; pre/post means, DiD with Welch SE and t CI, Hedges' g, pre-trend check,
 * warnings, and disclosure control (estimate suppressed when a group has fewer than `minCellSize`
 * units). See `analyseCohort` for the estimator, `cohortWindowBounds` for the windows and
 * `loadCohortUnits` for the population, matching attributes and outcomes.
 *
 * Grain: one result per (selector, treatment window, outcome); units are employees.
 */
export async function cohortComparison(
  db: Db,
  spec: CohortSpec,
  options: CohortOptions = {},
): Promise<CohortComparisonResult> {
  return (await cohortAnalysis(db, spec, options)).result;
}

/** `cohortComparison` with the matched treated units (warehouse-internal: ROI volumes). */
export async function cohortAnalysis(
  db: Db,
  spec: CohortSpec,
  options: CohortOptions = {},
): Promise<CohortAnalysis> {
  const { units, bounds } = await loadCohortUnits(db, spec);
  return analyseCohort(units, bounds, spec, options);
}
