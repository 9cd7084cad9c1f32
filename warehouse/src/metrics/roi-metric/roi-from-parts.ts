import { type FactCoverage, windowCoverage } from '../../catalog/coverage.ts';
import { computeRoi, type RoiIntangible, type RoiRange } from '../../roi/index.ts';
import type { ConfidenceInterval } from '../../stats/index.ts';
import type { CohortAnalysis } from '../cohort/cohort-comparison.ts';
import type { ProgramEffectsResult } from '../program-effects/program-effects.ts';
import { idDecimal } from './id-decimal.ts';
import type { IkmChange } from './ikm-change.ts';
import { mergeAssumptions, priceParticipantTime } from './participant-time.ts';
import type { RoiEffect, RoiMetricAssumptions, RoiMetricResult, RoiSpec, RoiWarning } from './roi-spec.ts';
import { qualifyingCohortWarnings, roiWarnings } from './roi-warnings.ts';
import type { AgencyTrainingCosts } from './training-costs.ts';

/**
 * Days saved per request from the service-days DiD, as low/base/high for the Phillips arithmetic.
 * The DiD is in days (negative = faster), so saved = −DiD and the CI flips. Conservative rules:
 * base = max(0, saved); low = the CI's less favourable end, but never below 0: when the CI crosses
 * zero the low case is "no benefit" (not a monetised harm: the data do not establish harm either);
 * high = the more favourable end. No estimate (suppressed, or no SE) → null = no data → no benefit.
 */
export function daysSavedFromDid(estimate: number | null, ci: ConfidenceInterval | null): RoiRange | null {
  if (estimate === null || ci === null) return null;
  const base = Math.max(0, -estimate);
  const low = Math.min(base, Math.max(0, -ci.high));
  const high = Math.max(base, -ci.low);
  return { low, base, high };
}

/**
 * The effect the benefits are priced on (Phillips step 3's isolation): the cohort comparison's DiD
 * and its matched handlers' volume, or a joint-model coefficient and its completers' volume.
 */
export interface IsolatedEffect {
  readonly estimate: number | null;
  readonly ci: ConfidenceInterval | null;
  /** Null when hidden by disclosure control (a group below the minimum cell size; a 0 stays 0). */
  readonly handlers: number | null;
  /** Completed requests of those handlers in the post window; 0 when the handlers are hidden. */
  readonly postCompleted: number;
  /**
   * Disclosure control hid the effect (a group below the minimum cell size, or a complement of one):
   * `Roi.suppressed`. No estimate for want of data (nobody completed, nobody with data in both
   * windows, no SE) is not suppression: nothing is hidden, and the warnings say why.
   */
  readonly suppressed: boolean;
}

/**
 * The cohort comparison as the isolated effect. Suppressed: no estimate, no volume, and the handlers
 * as the comparison reports its treated arm (null, or 0 when there is nobody).
 */
export function cohortIsolation(analysis: CohortAnalysis): IsolatedEffect {
  const { did, suppressed, treated } = analysis.result;
  return {
    estimate: suppressed ? null : did.estimate,
    ci: suppressed ? null : did.ci,
    handlers: suppressed ? treated.n : analysis.matched.handlers,
    postCompleted: suppressed ? 0 : analysis.matched.postCompleted,
    suppressed,
  };
}

/**
 * Whether disclosure control hides a joint model. A model not fitted because nobody has data in both
 * windows (a window past the data's end) says `suppressed` too and lists no program, but it hides
 * nobody: its `nothing_to_compare` warning tells it apart (as an empty cohort comparison, which is
 * not suppressed; `assemble` in program-effects.ts gives that warning to this case only).
 */
export function jointModelHides(model: Pick<ProgramEffectsResult, 'suppressed' | 'warnings'>): boolean {
  return model.suppressed && !model.warnings.some((w) => w.code === 'nothing_to_compare');
}

/**
 * The row of `value` (a program code, or a method or area as the model's `by`) in a joint model as
 * the isolated effect. Takes the model, not the row, so that every caller (`roi`, the portfolio)
 * reads its suppression alike. A row whose completers in the model are hidden (fewer than the
 * minimum cell size) prices no volume, names no handlers and is suppressed, and so is a model
 * disclosure control hides (`jointModelHides`: it lists no program, so how many handled requests is
 * hidden, not 0). No row in a model that hides nothing: nobody completed `value` in it, 0 handlers,
 * no estimate, not suppressed.
 */
export function jointIsolation(model: ProgramEffectsResult, value: string): IsolatedEffect {
  const hidden = jointModelHides(model);
  const effect = model.programs.find((p) => p.programCode === value);
  if (!effect)
    return { estimate: null, ci: null, handlers: hidden ? null : 0, postCompleted: 0, suppressed: hidden };
  return {
    estimate: effect.effect.ci === null ? null : effect.effect.estimate,
    ci: effect.effect.ci,
    handlers: effect.n,
    postCompleted: effect.n === null ? 0 : (effect.postCompleted ?? 0),
    suppressed: hidden || effect.n === null,
  };
}

function ikmIntangibles(changes: readonly IkmChange[], spec: RoiSpec): RoiIntangible[] {
  const en = (r: IkmChange['pre'], hidden: boolean) =>
    r ? `${r.ikm.toFixed(2)} (${r.band}, ${r.respondents} respondents)` : hidden ? 'hidden' : 'n/a';
  const id = (r: IkmChange['pre'], hidden: boolean) =>
    r ? `${idDecimal(r.ikm, 2)} (${r.band}, ${r.respondents} responden)` : hidden ? 'dirahasiakan' : 't/a';
  // An agency with both readings withheld says nothing (as one not surveyed): its intangible would
  // only say "hidden → hidden".
  return changes
    .filter((c) => c.pre !== null || c.post !== null)
    .map((c) => ({
      name: `IKM ${c.agencyCode}`,
      description:
        `IKM ${en(c.pre, c.preSuppressed)} → ${en(c.post, c.postSuppressed)}` +
        ` from the year before ${spec.from} to the year after ${spec.to}; descriptive, not attributed to training.`,
      descriptionId:
        `IKM ${id(c.pre, c.preSuppressed)} → ${id(c.post, c.postSuppressed)}` +
        ` dari tahun sebelum ${spec.from} ke tahun sesudah ${spec.to}; deskriptif, tidak diatribusikan ke pelatihan.`,
    }));
}

/**
 * Phillips ROI from its parts (pure): cost inputs, the cohort analysis of service days, IKM changes.
 * Arithmetic by `computeRoi` (warehouse/src/roi). What this adds:
 * - participant time priced per grade (`priceParticipantTime`): Σ hours × dim_grade.monthly_cost_idr /
 *   workingHoursPerMonth, the platform's default monthly cost for grades missing from dim_grade; a
 *   caller's `monthlySalaryCostIdr` replaces the per-grade costs, a caller's `hourlySalaryCostIdr`
 *   all of it; the hourly cost is passed on and echoed with the monthly cost it comes from;
 * - one benefit stream: citizen days saved = days saved per request × requests per year of the
 *   trained handlers × citizenDayValueIdr × confidence × attribution, first year only;
 * - intangibles: IKM change of the agencies concerned, not monetised.
 */
export function roiFromParts(
  spec: RoiSpec,
  analysis: CohortAnalysis,
  costs: AgencyTrainingCosts,
  ikmChanges: readonly IkmChange[],
  assumptions: RoiMetricAssumptions = {},
  /**
   * The coverage of the service requests (`readFactCoverage`): tells "no data after (or before) the
   * training" apart from "too little data". Null = unknown: nothing is said about it.
   */
  coverage: FactCoverage | null = null,
  /**
   * The effect to price when it is not the cohort comparison's (`isolation: 'joint'`: the selector's
   * row of the window's joint model, `jointIsolation`). Default: `cohortIsolation(analysis)`. Its
   * `suppressed` is the answer's (the participant side hidden adds to it, `hideParticipants`).
   */
  isolated: IsolatedEffect = cohortIsolation(analysis),
): RoiMetricResult {
  const windowMonths = spec.windowMonths ?? 12;
  const isolation = spec.isolation ?? 'cohort';
  const priced = priceParticipantTime(costs, assumptions);
  const hours = costs.participantHours;

  const saved = daysSavedFromDid(isolated.estimate, isolated.ci);
  const volume = (isolated.postCompleted * 12) / windowMonths;
  const lib = computeRoi(
    {
      programCostsIdr: costs.programCostsIdr,
      participantHours: hours,
      benefits: [
        {
          name: 'citizen days saved',
          nameId: 'hari warga yang dihemat',
          effect: saved,
          effectUnit: 'days saved per request',
          effectUnitId: 'hari dihemat per permohonan',
          volumePerYear: volume,
        },
      ],
      intangibles: ikmIntangibles(ikmChanges, spec),
    },
    priced.parameters,
  );

  const assumptionsOut = mergeAssumptions(lib.assumptions, priced, [
    {
      name: 'windowMonths',
      value: windowMonths,
      unit: 'months',
      source: spec.windowMonths === undefined ? 'default' : 'override',
      note: 'Cohort pre/post window length; the post-window request volume is annualised × 12 / windowMonths.',
      noteId:
        'Panjang jendela sebelum/sesudah kohort; volume permohonan jendela sesudah disetahunkan × 12 / windowMonths.',
    },
  ]);

  const warnings: RoiWarning[] = [];
  const post = windowCoverage(analysis.bounds.post, coverage);
  if (saved === null)
    warnings.push(
      post === 'none'
        ? roiWarnings.noDataAfter()
        : windowCoverage(analysis.bounds.pre, coverage) === 'none'
          ? roiWarnings.noDataBefore()
          : roiWarnings.noEffectData(),
    );
  else if (isolated.ci !== null) {
    // The CI of service days: wholly above 0 is a shown slowdown, not "no effect shown".
    if (isolated.ci.low > 0) warnings.push(roiWarnings.adverseEffect());
    else if (isolated.ci.high >= 0) warnings.push(roiWarnings.ciIncludesZero());
  }
  // What the cohort says qualifies the effect priced: carried, so the ROI is not read as shown alone.
  if (saved !== null) warnings.push(...qualifyingCohortWarnings(analysis.result.warnings));
  // The window after the training starts within the data but runs past its end: its volume, annualised
  // over the whole window, understates the benefits (the conservative side).
  if (post === 'partial' && coverage !== null && analysis.bounds.post.start >= coverage.first)
    warnings.push(roiWarnings.windowIncomplete());
  if (lib.costs.totalIdr === 0) warnings.push(roiWarnings.noCosts());

  const effect: RoiEffect = {
    isolation,
    // The cohort's DiD as reported even when only its CI is missing (no SE), as before.
    didDays: isolation === 'cohort' ? analysis.result.did.estimate : isolated.estimate,
    daysSavedPerRequest: saved,
    handlers: isolated.handlers,
    requestsPerYear: volume,
  };
  return {
    selector: spec.selector,
    treatmentWindow: { from: spec.from, to: spec.to },
    windows: analysis.result.windows,
    participants: costs.participants,
    completed: costs.completed,
    participantHours: hours,
    effect,
    costs: lib.costs,
    streams: lib.streams,
    low: lib.low,
    base: lib.base,
    high: lib.high,
    intangibles: lib.intangibles,
    ikmChanges,
    assumptions: assumptionsOut,
    cohort: analysis.result,
    warnings,
    n: costs.participants,
    // Disclosure control only: no estimate for want of data is said by the warnings (no_effect_data …).
    suppressed: isolated.suppressed,
    suppressionReason: null,
  };
}
