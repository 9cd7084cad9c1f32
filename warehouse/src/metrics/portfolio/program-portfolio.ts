import { type FactCoverage, readFactCoverage } from '../../catalog/coverage.ts';
import type { Db } from '../../db/index.ts';
import { type CohortCell, loadCohortCellsByProgram } from '../cohort/cohort-cells.ts';
import { analyseCohort, DEFAULT_MIN_CELL_SIZE } from '../cohort/cohort-comparison.ts';
import type { CohortContrast, CohortOptions, CohortSpec } from '../cohort/cohort-spec.ts';
import type { CohortWindowBounds } from '../cohort/cohort-windows.ts';
import {
  holmAdjust,
  type ProgramEffect,
  type ProgramEffectsResult,
  programEffectsWithCoverage,
} from '../program-effects/program-effects.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import { hiddenRows } from '../roi-metric/completion-link.ts';
import { DEFAULT_JP_MINUTES } from '../roi-metric/participant-time.ts';
import { hideParticipants, participantsVerdict } from '../roi-metric/roi-disclosure.ts';
import { cohortIsolation, jointIsolation, roiFromParts } from '../roi-metric/roi-from-parts.ts';
import type { RoiIsolation, RoiMetricAssumptions, RoiMetricResult, RoiSpec } from '../roi-metric/roi-spec.ts';
import {
  type AgencyTrainingCosts,
  loadTrainingCostsByProgram,
  sumTrainingCosts,
} from '../roi-metric/training-costs.ts';

/**
 * What the matched cohort comparison says about a cohort's effect on service days:
 * - `faster`: the 95 % CI of the DiD lies below 0 (the trained handlers got faster than their matches);
 * - `slower`: the CI lies above 0;
 * - `inconclusive`: the CI contains 0 (no effect shown either way);
 * - `not_estimated`: no estimate (too few units, no service data in a window, or no completer).
 */
export type EffectEvidence = 'faster' | 'slower' | 'inconclusive' | 'not_estimated';

export interface ProgramPortfolioSpec {
  /**
   * Completion years to evaluate; each is one treatment window, 1 January – 31 December. Default:
   * every year in which someone completed a program.
   */
  readonly years?: readonly number[];
  /** Cohort pre/post window length in months (default 12), as in `roi`. */
  readonly windowMonths?: number;
  /**
   * Who each program's cohort is compared with (`CohortContrast`); default `vs_rest`, as in `roi`.
   * `only_vs_untrained` keeps the other programs of the year out of both arms.
   */
  readonly contrast?: CohortContrast;
  /**
   * Which estimate each entry's ROI is priced on (`RoiIsolation`, as `roi`): the cohort comparison
   * (default) or the program's coefficient in the year's joint model. Pricing only: the evidence read
   * from the warehouse is the same.
   */
  readonly isolation?: RoiIsolation;
}

/** One program in one completion year: the ROI page's figures for it, and how strong the evidence is. */
export interface ProgramPortfolioEntry {
  readonly year: number;
  readonly programCode: string;
  readonly evidence: EffectEvidence;
  /**
   * The cohort comparison's DiD p-value, Holm-adjusted over every estimable cohort of the answer
   * (every program and year asked for: the headline reads them together, so about 1 in 20 would look
   * effective by chance at 95 %). Null when not estimated.
   */
  readonly pValueHolm: number | null;
  /**
   * `evidence` after that correction: `faster` / `slower` only when `pValueHolm` < 0.05, else
   * `inconclusive` (a direction shown on the cohort's own CI only); `not_estimated` as `evidence`.
   */
  readonly evidenceAfterHolm: EffectEvidence;
  /** Exactly `roi` for `{ kind: 'program', value: programCode }` over the year, without the IKM lists. */
  readonly roi: RoiMetricResult;
  /**
   * The program in the year's joint model (`programEffects` on service days over the same window,
   * every program of the year in one regression): whether the effect holds with the other programs
   * held fixed. Null when nobody of the population completed it that year (an entry for its costs),
   * and for every program when the year's model is not fitted (`programEffects` lists none then).
   */
  readonly joint: ProgramEffect | null;
}

export const PORTFOLIO_MAX_YEARS = 20;

/** Family-wise error rate of Holm's correction over the portfolio's cohorts. */
export const PORTFOLIO_HOLM_ALPHA = 0.05;

const yearWindow = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The evidence class of a cohort comparison's DiD (service days: negative = faster). */
export function effectEvidence(roi: Pick<RoiMetricResult, 'cohort'>): EffectEvidence {
  const { suppressed, did } = roi.cohort;
  if (suppressed || did.ci === null) return 'not_estimated';
  if (did.ci.high < 0) return 'faster';
  if (did.ci.low > 0) return 'slower';
  return 'inconclusive';
}

/**
 * The program portfolio: the Phillips ROI of every program in every completion year, side by side,
 * so a planner sees which programs changed how fast citizens are served and what a rupiah returned,
 * without asking program by program. Each entry is what `roi` gives for that program and year (the
 * same cohort definition, costs, assumptions and warnings; a test holds them equal), minus the IKM
 * intangibles, which are per agency and descriptive.
 *
 * Contrast. By default (`vs_rest`, as `roi`), a program's comparison group is matched staff who
 * did not complete THAT program in the year, staff trained by other programs included, so one
 * program's strong effect pulls the others toward "slower" (demo world, scale 10: the placebo
 * program of 2023 came out `slower`, +0.07 days, beside PLY-PRIMA's −0.40). `only_vs_untrained`
 * compares those who completed only that program with staff who completed none: at scale 10 the
 * placebo came out `inconclusive`, PLY-PRIMA `faster`, and 6 of 74 estimable cohorts `faster` or
 * `slower`, about what chance gives at 95 % over so many. Each entry also carries the program's
 * coefficient in the year's joint model (`joint`, `programEffects`): every program in one regression,
 * so a program's effect is read with the others held fixed (scale 10, 2023: PLY-PRIMA −0.40 days,
 * the placebo +0.02 with a CI across 0, and only PLY-PRIMA significant after Holm's adjustment).
 *
 * Programs listed for a year: those with a completer in it (a cohort, estimable or not) or an
 * offering starting in it (costs). Ordered by year, then program code.
 *
 * Queries: 2 (completers' programs per year, service-request coverage) + 4 per year, however many
 * programs: the cohorts of one year share their population and outcome windows and are aggregated
 * in one query (`loadCohortCellsByProgram`), their costs in another (`loadTrainingCostsByProgram`),
 * and the joint model takes two (its sums, then its residual sums); and per year one completion call
 * by program (disclosure control, `hiddenByCompletion`).
 */
export async function programPortfolio(
  db: Db,
  spec: ProgramPortfolioSpec = {},
  assumptions: RoiMetricAssumptions = {},
  options: CohortOptions = {},
): Promise<ProgramPortfolioEntry[]> {
  const evidence = await loadPortfolioEvidence(
    db,
    spec,
    assumptions.jpMinutes ?? DEFAULT_JP_MINUTES,
    options,
  );
  return pricePortfolio(evidence, assumptions, options, spec.isolation);
}

/** One completion year's cohorts and costs, as the warehouse holds them (no assumption applied). */
interface YearEvidence {
  readonly year: number;
  readonly cohortSpec: CohortSpec;
  readonly roiSpec: Omit<RoiSpec, 'selector'>;
  readonly bounds: CohortWindowBounds;
  readonly programs: readonly string[];
  readonly cells: ReadonlyMap<string, readonly CohortCell[]>;
  readonly costs: ReadonlyMap<string, readonly AgencyTrainingCosts[]>;
  /** The year's joint program-effects model on service days. */
  readonly joint: ProgramEffectsResult;
  /**
   * Programs whose row the year's completion by program hides: their participants are hidden too
   * (`hiddenByCompletion`, as `roi`).
   */
  readonly hiddenInCompletion: ReadonlySet<string>;
}

/**
 * What the portfolio reads from the warehouse: per year, every program's cohort cells and costs.
 * Everything after it (`pricePortfolio`: the comparison, the ROI under the assumptions) is pure, so
 * a caller may keep this per snapshot and price it again when only the assumptions change. Depends
 * on the spec and the JP length (the costs' participant hours), nothing else.
 */
export interface PortfolioEvidence {
  readonly coverage: FactCoverage | null;
  readonly years: readonly YearEvidence[];
}

/** The portfolio's queries (see `programPortfolio`): 2 + 4 per year, and a completion call per year. */
export async function loadPortfolioEvidence(
  db: Db,
  spec: ProgramPortfolioSpec = {},
  jpMinutes: number = DEFAULT_JP_MINUTES,
  options: CohortOptions = {},
): Promise<PortfolioEvidence> {
  const completers = await completerPrograms(db);
  const years = spec.years
    ? [...new Set(spec.years)].sort((a, b) => a - b)
    : [...completers.keys()].sort((a, b) => a - b);
  if (years.length > PORTFOLIO_MAX_YEARS)
    throw new MetricInputError(`years: at most ${PORTFOLIO_MAX_YEARS} years per request`, {
      reason: 'LIST_LENGTH',
      field: 'years',
      max: PORTFOLIO_MAX_YEARS,
    });
  for (const y of years)
    if (!Number.isInteger(y) || y < 1900 || y > 2999)
      throw new MetricInputError(`years: ${y} is not a calendar year`, {
        reason: 'OUT_OF_RANGE',
        field: 'years',
        min: 1900,
        max: 2999,
      });
  const coverage = await readFactCoverage(db, 'fct_service_requests');
  const shared = {
    ...(spec.windowMonths === undefined ? {} : { windowMonths: spec.windowMonths }),
    ...(spec.contrast === undefined ? {} : { contrast: spec.contrast }),
  };
  const out: YearEvidence[] = [];
  for (const year of years) {
    const window = yearWindow(year);
    const every = { kind: 'any', value: '*' } as const;
    const cohortSpec: CohortSpec = { selector: every, ...window, outcome: 'service_days', ...shared };
    const { byProgram, bounds } = await loadCohortCellsByProgram(db, cohortSpec);
    const costs = await loadTrainingCostsByProgram(db, { selector: every, ...window, jpMinutes });
    const programs = [...new Set([...(completers.get(year) ?? []), ...costs.keys()])].sort();
    const joint = await programEffectsWithCoverage(
      db,
      {
        ...window,
        outcome: 'service_days',
        ...(spec.windowMonths === undefined ? {} : { windowMonths: spec.windowMonths }),
      },
      options,
      coverage,
    );
    const hiddenInCompletion = await hiddenRows(
      db,
      window,
      'program',
      options.minCellSize ?? DEFAULT_MIN_CELL_SIZE,
    );
    out.push({
      year,
      hiddenInCompletion,
      cohortSpec,
      roiSpec: { ...window, ...shared },
      bounds,
      programs,
      cells: byProgram,
      costs,
      joint,
    });
  }
  return { coverage, years: out };
}

/** The portfolio from its evidence (pure): each program's comparison and ROI under `assumptions`. */
export function pricePortfolio(
  evidence: PortfolioEvidence,
  assumptions: RoiMetricAssumptions = {},
  options: CohortOptions = {},
  isolation: RoiIsolation = 'cohort',
): ProgramPortfolioEntry[] {
  const entries: ProgramPortfolioEntry[] = [];
  for (const y of evidence.years) {
    for (const programCode of y.programs) {
      const selector = { kind: 'program', value: programCode } as const;
      const analysis = analyseCohort(
        y.cells.get(programCode) ?? [],
        y.bounds,
        { ...y.cohortSpec, selector },
        options,
      );
      const joint = y.joint.programs.find((p) => p.programCode === programCode) ?? null;
      const costs = sumTrainingCosts(y.costs.get(programCode) ?? []);
      // As `roi` without an agencies filter: a program with a few participants, or hidden in the
      // year's completion by program, hides its costs.
      const roi = hideParticipants(
        roiFromParts(
          { selector, ...y.roiSpec, ...(isolation === 'joint' ? { isolation } : {}) },
          analysis,
          costs,
          [],
          assumptions,
          evidence.coverage,
          isolation === 'joint' ? jointIsolation(y.joint, programCode) : cohortIsolation(analysis),
        ),
        participantsVerdict(costs, [], options.minCellSize) ??
          (y.hiddenInCompletion.has(programCode) ? 'complementary' : null),
      );
      const shows = effectEvidence(roi);
      entries.push({
        year: y.year,
        programCode,
        evidence: shows,
        pValueHolm: null,
        evidenceAfterHolm: shows,
        roi,
        joint,
      });
    }
  }
  return withHolm(entries);
}

/**
 * Holm's correction over the answer's estimable cohorts: each one's adjusted p-value, and its
 * evidence kept only when that is below `PORTFOLIO_HOLM_ALPHA`. Many programs and years are tested
 * at once (62 cohorts on the demo world), so an unadjusted p of 0.011 is what chance gives.
 */
export function withHolm(entries: readonly ProgramPortfolioEntry[]): ProgramPortfolioEntry[] {
  const p = entries.map((e) => (e.evidence === 'not_estimated' ? null : (e.roi.cohort.did.pValue ?? null)));
  const adjusted = holmAdjust(p);
  return entries.map((e, i) => {
    const holm = adjusted[i] ?? null;
    const directional = e.evidence === 'faster' || e.evidence === 'slower';
    const evidenceAfterHolm: EffectEvidence =
      e.evidence === 'not_estimated'
        ? 'not_estimated'
        : directional && holm !== null && holm < PORTFOLIO_HOLM_ALPHA
          ? e.evidence
          : 'inconclusive';
    return { ...e, pValueHolm: holm, evidenceAfterHolm };
  });
}

/** The programs someone completed, per completion year. */
async function completerPrograms(db: Db): Promise<Map<number, string[]>> {
  const rows = await db.all<{ year: number; program_code: string }>(
    `SELECT DISTINCT year(completed_on) AS year, program_code FROM marts.fct_enrollments
     WHERE status = 'completed' AND completed_on IS NOT NULL ORDER BY 1, 2`,
  );
  const byYear = new Map<number, string[]>();
  for (const r of rows) {
    const year = Number(r.year);
    const list = byYear.get(year) ?? [];
    list.push(r.program_code);
    byYear.set(year, list);
  }
  return byYear;
}
