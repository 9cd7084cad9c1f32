import { type FactCoverage, readFactCoverage, windowCoverage } from '../../catalog/coverage.ts';
import type { Db } from '../../db/index.ts';
import { DEFAULT_CONFIDENCE_LEVEL, hedgesG } from '../../stats/index.ts';
import {
  type CohortCell,
  combineMoments,
  EMPTY_MOMENTS,
  loadCohortCells,
  loadCohortCellsByProgram,
  type PairMoments,
} from './cohort-cells.ts';
import { isUnionSpec, leavesOutFewUnits, loadUnionCells } from './cohort-complements.ts';
import {
  type CohortArmSummary,
  type CohortComparisonResult,
  type CohortEstimate,
  type CohortOptions,
  type CohortPreTrend,
  type CohortSpec,
  type CohortWarning,
  OUTCOME_FACTS,
  OUTCOME_UNITS,
} from './cohort-spec.ts';
import { cohortWarnings } from './cohort-warnings.ts';
import { type CohortWindowBounds, dayBefore, reportWindows } from './cohort-windows.ts';
import { type StratifiedDid, type StratumMoments, stratifiedDiffInDiff } from './stratified-did.ts';

export const DEFAULT_MIN_CELL_SIZE = 5;
export const DEFAULT_SMALL_N = 30;
export const DEFAULT_MAX_DROPPED_SHARE = 0.2;
/**
 * Matched trained employees in fewer agencies than this: warning few_agencies (the joint model's
 * wild cluster bootstrap is the check that keeps its size with so few clusters).
 */
export const FEW_AGENCIES = 5;

/** Trained handlers behind the estimate (matched treated units) and their post-window volume. */
export interface MatchedVolume {
  readonly handlers: number;
  /** Completed requests in the post window (service outcomes; 0 for appraisals). */
  readonly postCompleted: number;
}

/** The result plus aggregates warehouse callers need (ROI volumes), and the windows. */
export interface CohortAnalysis {
  readonly result: CohortComparisonResult;
  /** Matched treated units in total and per agency (empty when suppressed). */
  readonly matched: MatchedVolume;
  readonly matchedByAgency: ReadonlyMap<string, MatchedVolume>;
  /** The pre/post/placebo windows, half-open, for follow-up queries over the same months. */
  readonly bounds: CohortWindowBounds;
}

const NO_ESTIMATE: CohortEstimate = { estimate: null, se: null, df: null, pValue: null, ci: null };

function estimateOf(r: StratifiedDid): CohortEstimate {
  return { estimate: r.estimate, se: r.se, df: r.df, pValue: r.pValue, ci: r.ci };
}

/**
 * A count as a suppressed result may carry it: null, unless it is 0 (an empty group hides nobody, and
 * its 0 tells "nobody to compare" from "too few to show"). Unchanged when not suppressed.
 */
function disclosedCount(count: number, suppressed: boolean): number | null {
  return suppressed && count !== 0 ? null : count;
}

function armOf(arm: StratifiedDid['treated'] | undefined, show: boolean): CohortArmSummary {
  if (arm === undefined) return { n: 0, nEffective: 0, meanPre: null, meanPost: null, meanChange: null };
  return {
    n: disclosedCount(arm.n, !show),
    nEffective: disclosedCount(arm.nEffective, !show),
    meanPre: show ? arm.meanPre : null,
    meanPost: show ? arm.meanPost : null,
    meanChange: show ? arm.meanChange : null,
  };
}

/** Cells merged across agencies into matching strata, for one pair of windows. */
function strataOf(cells: readonly CohortCell[], pair: 'did' | 'placebo'): StratumMoments[] {
  const byStratum = new Map<string, { treated: PairMoments; control: PairMoments }>();
  for (const cell of cells) {
    const entry = byStratum.get(cell.stratum) ?? { treated: EMPTY_MOMENTS, control: EMPTY_MOMENTS };
    if (cell.treated) entry.treated = combineMoments(entry.treated, cell[pair]);
    else entry.control = combineMoments(entry.control, cell[pair]);
    byStratum.set(cell.stratum, entry);
  }
  return [...byStratum.entries()].map(([stratum, arms]) => ({ stratum, ...arms }));
}

/**
 * The comparison from per-cell aggregates (pure; `cohortComparison` is this plus the warehouse query).
 *
 * Estimator: difference-in-differences from unit-level changes Δ = post − pre, with exact matching
 * on agency kind × grade group × tenure band: DiD = mean Δ(treated) − Σw·Δ(control)/Σw, control
 * weights w = n_T,s / n_C,s so the control strata reproduce the treated mix (ATT). SE by Welch on
 * the two sets of changes, the control arm with its reliability-weighted variance and Kish effective
 * n; CI from the t distribution with Welch–Satterthwaite df — the estimator of `stats/diffInDiff`,
 * computed from sufficient statistics (`stratifiedDiffInDiff`). Hedges' g compares the same changes
 * (control n = effective n). Pre-trend: the same estimator from the placebo window to pre.
 */
export function analyseCohort(
  cells: readonly CohortCell[],
  bounds: CohortWindowBounds,
  spec: CohortSpec,
  options: CohortOptions = {},
  /**
   * Suppress although both arms reach the minimum: the spec's filter leaves out a small group that
   * the comparison without it would reveal by difference (`cohortAnalysis`, `cohort-complements.ts`).
   * The same suppression as a small arm's, with its own reason and warning.
   */
  complementary = false,
): CohortAnalysis {
  const level = options.level ?? DEFAULT_CONFIDENCE_LEVEL;
  const minCell = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  const smallN = options.smallN ?? DEFAULT_SMALL_N;
  const maxDropped = options.maxDroppedShare ?? DEFAULT_MAX_DROPPED_SHARE;

  const did = stratifiedDiffInDiff(strataOf(cells, 'did'), level);
  const treatedEligible = cells.filter((c) => c.treated).reduce((s, c) => s + c.did.n, 0);
  const unmatchedTreated = did?.unmatchedTreated ?? treatedEligible;
  const treatedN = did?.treated.n ?? 0;
  const controlN = did?.control.n ?? 0;
  // Nothing to compare: no trained employee has data in both windows (the window after the training
  // lies beyond the data, or nobody completed). An empty arm hides nobody, so that is no disclosure
  // case and the result says so, unless the untrained side, then shown, is itself small.
  const untrained = cells.filter((c) => !c.treated).reduce((s, c) => s + c.did.n, 0);
  const empty = treatedEligible === 0 && (untrained === 0 || untrained >= minCell);
  const primary = !empty && (did === null || treatedN < minCell || controlN < minCell);
  const suppressed = primary || complementary;
  const estimated = !suppressed && !empty && did !== null ? did : null;

  // Disclosure control: a suppressed result's warnings name no count (nor a share of one).
  const warnings: CohortWarning[] = [];
  if (suppressed)
    warnings.push(
      primary ? cohortWarnings.suppressed(minCell) : cohortWarnings.suppressedComplementary(minCell),
    );
  if (empty) warnings.push(cohortWarnings.nothingToCompare(suppressed));
  else if (treatedN < smallN || controlN < smallN)
    warnings.push(
      suppressed ? cohortWarnings.smallNHidden() : cohortWarnings.smallN(treatedN, controlN, smallN),
    );
  const droppedShare = treatedEligible === 0 ? 0 : unmatchedTreated / treatedEligible;
  if (droppedShare > maxDropped)
    warnings.push(
      suppressed
        ? cohortWarnings.poorOverlapHidden()
        : cohortWarnings.poorOverlap(unmatchedTreated, droppedShare),
    );
  if (estimated !== null && estimated.se === null) warnings.push(cohortWarnings.noSe());

  const h = estimated === null ? null : hedgesG(estimated.treatedSummary, estimated.controlSummary, level);
  const preTrend = preTrendOf(cells, level, minCell, suppressed || empty);
  if (!suppressed && preTrend?.ciExcludesZero === true) warnings.push(cohortWarnings.divergingPreTrends());

  const matchedStrata = new Set(did?.matchedStrata ?? []);
  const byAgency = new Map<string, MatchedVolume>();
  let matched: MatchedVolume = { handlers: 0, postCompleted: 0 };
  if (!suppressed) {
    for (const cell of cells) {
      if (!cell.treated || !matchedStrata.has(cell.stratum) || cell.did.n === 0) continue;
      const add = (v: MatchedVolume | undefined): MatchedVolume => ({
        handlers: (v?.handlers ?? 0) + cell.did.n,
        postCompleted: (v?.postCompleted ?? 0) + cell.postCompleted,
      });
      byAgency.set(cell.agencyCode, add(byAgency.get(cell.agencyCode)));
      matched = add(matched);
    }
  }
  // An estimate from the trained of one or few agencies cannot tell the training from those
  // agencies' own change (PLY-PRIMA 2023 in the demo: every completer in DISDUKCAPIL, compared with
  // staff of other agencies). Not when the whole comparison lies within one agency (a scorecard
  // row, an `agencies` filter of one): there the agency's own change reaches the trained and their
  // comparison alike, and the difference in differences takes it out, so the warning would say
  // something untrue of every such row (a researcher's review of 2026-12-07).
  const comparedAgencies = new Set(
    cells.filter((c) => matchedStrata.has(c.stratum) && c.did.n > 0).map((c) => c.agencyCode),
  );
  if (estimated !== null && byAgency.size > 0 && byAgency.size < FEW_AGENCIES && comparedAgencies.size > 1)
    warnings.push(cohortWarnings.fewAgencies(byAgency.size));

  const result: CohortComparisonResult = {
    selector: spec.selector,
    outcome: spec.outcome,
    unit: OUTCOME_UNITS[spec.outcome],
    treatmentWindow: { from: spec.from, to: spec.to },
    windows: reportWindows(bounds),
    agencies: [...(spec.agencies ?? [])],
    excludeFromControl: [...(spec.excludeFromControl ?? [])],
    contrast: spec.contrast ?? 'vs_rest',
    treated: armOf(did?.treated, !suppressed),
    control: armOf(did?.control, !suppressed),
    did: estimated === null ? NO_ESTIMATE : estimateOf(estimated),
    hedgesG: h ? { g: h.g, se: h.se, ci: h.ci } : null,
    preTrend,
    // Suppressed: every count that is not 0 is null, so that no arm below the minimum can be
    // recovered from the others (n − control, treatedEligible − treatedDropped, a share of them).
    matching: {
      treatedEligible: disclosedCount(treatedEligible, suppressed),
      treatedDropped: disclosedCount(unmatchedTreated, suppressed),
      treatedDroppedShare: disclosedCount(droppedShare, suppressed),
      controlUnused: disclosedCount(
        did?.unusedControl ?? cells.filter((c) => !c.treated).reduce((s, c) => s + c.did.n, 0),
        suppressed,
      ),
      strata: disclosedCount(matchedStrata.size, suppressed),
    },
    n: disclosedCount(treatedN + controlN, suppressed),
    suppressed,
    suppressionReason: primary ? 'primary' : complementary ? 'complementary' : null,
    warnings,
  };
  return { result, matched, matchedByAgency: byAgency, bounds };
}

/**
 * The pre-trend (placebo) check. Below the minimum cell size in an arm it has no estimate and no
 * count (a 0 stays 0); its counts are hidden too when the comparison itself is suppressed
 * (`comparisonSuppressed`), as the placebo arms are mostly the same employees as its arms.
 */
function preTrendOf(
  cells: readonly CohortCell[],
  level: number,
  minCell: number,
  comparisonSuppressed: boolean,
): CohortPreTrend | null {
  const placebo = stratifiedDiffInDiff(strataOf(cells, 'placebo'), level);
  if (placebo === null) return null;
  const small = placebo.treated.n < minCell || placebo.control.n < minCell;
  const hide = small || comparisonSuppressed;
  const nTreated = disclosedCount(placebo.treated.n, hide);
  const nControl = disclosedCount(placebo.control.n, hide);
  if (small) return { ...NO_ESTIMATE, nTreated, nControl, ciExcludesZero: null };
  const ciExcludesZero = placebo.ci === null ? null : placebo.ci.low > 0 || placebo.ci.high < 0;
  return { ...estimateOf(placebo), nTreated, nControl, ciExcludesZero };
}

/**
 * Cohort comparison (DESIGN "Metrics"): employees who completed a program, method or competency area
 * in [from, to] against an exactly matched, stratum-weighted control that completed nothing of that
 * selector in the window; pre/post means, DiD with Welch SE and t CI, Hedges' g, pre-trend check,
 * warnings, and disclosure control (estimate suppressed when a group has fewer than `minCellSize`
 * units). See `analyseCohort` for the estimator, `cohortWindowBounds` for the windows and
 * `loadCohortUnits` for the population, matching attributes and outcomes.
 *
 * Grain: one result per (selector, treatment window, outcome); units are employees. Two queries (the
 * second, the coverage of the outcome's fact, tells a window after the training beyond the data,
 * `no_post_data`, or partly beyond it, `post_window_incomplete`, and the same before the training,
 * `no_pre_data` and `pre_window_incomplete`, and for the pre-trend check's placebo window
 * `no_placebo_data` and `placebo_window_incomplete`: `placeboCoverageWarnings`). With `agencies` or `excludeFromControl`, one more query
 * per relaxation of them when the arms are large enough to be shown: a comparison whose published
 * counts would differ from the unrestricted one's by 1 … minCellSize − 1 is suppressed as
 * `complementary` (`cohort-complements.ts`).
 */
export async function cohortComparison(
  db: Db,
  spec: CohortSpec,
  options: CohortOptions = {},
): Promise<CohortComparisonResult> {
  const { result, bounds } = await cohortAnalysis(db, spec, options);
  const coverage = await readFactCoverage(db, OUTCOME_FACTS[spec.outcome]);
  const first = windowCoverageWarnings(bounds, coverage);
  const placebo = placeboCoverageWarnings(bounds, coverage);
  if (first.length === 0 && placebo.length === 0) return result;
  return { ...result, warnings: [...first, ...placebo, ...result.warnings] };
}

/** Months since year 0 of an ISO date's month (for counting whole months). */
const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

/**
 * What the outcome's coverage says about the placebo window (the pre-trend check, placebo to pre):
 * `no_placebo_data` when none of its months has data (the check cannot be run: preTrend is null),
 * `placebo_window_incomplete` when only some have (the check ran on those: how many of how many),
 * counted in whole months as `windowCoverage` counts them. Nothing when the window before the
 * training has no data either (`no_pre_data` already says the comparison cannot be made), nor
 * without coverage. Not part of `windowCoverageWarnings`, which the joint model (no placebo window)
 * shares.
 */
export function placeboCoverageWarnings(
  bounds: CohortWindowBounds,
  coverage: FactCoverage | null,
): CohortWarning[] {
  if (coverage === null || windowCoverage(bounds.pre, coverage) === 'none') return [];
  const placebo = windowCoverage(bounds.placebo, coverage);
  const from = bounds.placebo.start;
  const to = dayBefore(bounds.placebo.end);
  if (placebo === 'none') return [cohortWarnings.noPlaceboData(from, to, coverage.first, coverage.last)];
  if (placebo === 'full') return [];
  const start = monthIndex(bounds.placebo.start);
  const end = monthIndex(bounds.placebo.end); // exclusive
  const covered = Math.min(end, monthIndex(coverage.last) + 1) - Math.max(start, monthIndex(coverage.first));
  return [cohortWarnings.placeboWindowIncomplete(covered, end - start, coverage.first, coverage.last)];
}

/**
 * What the outcome's coverage says about the pre and post windows, the warnings to put first: a
 * window beyond the data (the reason for an empty result: `no_pre_data`, `no_post_data`), then one
 * partly beyond it (its outcome covers only the months with data: `pre_window_incomplete`,
 * `post_window_incomplete`). Empty without coverage (an empty fact).
 */
export function windowCoverageWarnings(
  bounds: CohortWindowBounds,
  coverage: FactCoverage | null,
): CohortWarning[] {
  if (coverage === null) return [];
  const pre = windowCoverage(bounds.pre, coverage);
  const post = windowCoverage(bounds.post, coverage);
  const out: CohortWarning[] = [];
  if (pre === 'none') out.push(cohortWarnings.noPreData(dayBefore(bounds.pre.end), coverage.first));
  if (post === 'none') out.push(cohortWarnings.noPostData(bounds.post.start, coverage.last));
  if (pre === 'partial') out.push(cohortWarnings.preWindowIncomplete(coverage.first));
  if (post === 'partial') out.push(cohortWarnings.postWindowIncomplete(coverage.last));
  return out;
}

/**
 * `cohortComparison` with the matched volumes and windows (warehouse-internal: ROI, budget). One
 * query; with agencies or control exclusions, and arms large enough to be shown, one more per
 * relaxation of them (arm counts only): disclosure control across queries, `leavesOutFewUnits`.
 * A method or area is checked against itself less each of its programs and, where leaving one out
 * changes a count by 1 … minCell − 1, against its programs' own comparisons: both are read with its
 * cells in the one query (`loadUnionCells`, the population read once).
 */
export async function cohortAnalysis(
  db: Db,
  spec: CohortSpec,
  options: CohortOptions = {},
): Promise<CohortAnalysis> {
  const union = isUnionSpec(spec) ? await loadUnionCells(db, spec) : null;
  const { cells, bounds } = union ?? (await loadCohortCells(db, spec));
  const analysis = analyseCohort(cells, bounds, spec, options);
  if (analysis.result.suppressed) return analysis;
  const minCell = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  // The programs of a method or area whose own comparison is hidden as published (read with the
  // union's cells): a small arm, as analyseCohort decides it, or hidden by its own checks across
  // queries (an agencies list leaving few out: `leavesOutFewUnits` on the program, as its
  // cohortAnalysis runs it). A review of 2026-12-05 found competency area it, DPMPTSP 2023, shown
  // beside TIK-SM: TIK-EL's comparison was hidden only as a complement, not for its arms, and the
  // difference gave its 4 completers' mean service days back.
  const membersHidden = async (of: CohortSpec) => {
    const { byProgram, bounds } = union ?? (await loadCohortCellsByProgram(db, of));
    const hidden = new Set<string>();
    for (const [program, programCells] of byProgram) {
      const programSpec: CohortSpec = { ...of, selector: { kind: 'program', value: program } };
      if (
        analyseCohort(programCells, bounds, programSpec, options).result.suppressed ||
        (await leavesOutFewUnits(db, programSpec, programCells, minCell, membersHidden))
      )
        hidden.add(program);
    }
    return hidden;
  };
  if (!(await leavesOutFewUnits(db, spec, cells, minCell, membersHidden, union?.lessEach))) return analysis;
  return analyseCohort(cells, bounds, spec, options, true);
}
