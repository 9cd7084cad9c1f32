import type { AppraisalTruth } from './appraisals.ts';
import type { PlantedEffect } from './manifest.ts';
import type { SpecialCohorts } from './offerings.ts';
import { PLANTED, TENURE_BANDS } from './planted-effects.ts';
import type { IkmTruth } from './satisfaction.ts';
import { SERVICE_LEVELS } from './service-levels.ts';
import { type HandlingTimeTruth, MONTH_TERM_DAYS, NOISE_SIGMA, YEAR_TERM_DAYS } from './service-requests.ts';
import type { Counter, TrainingTallies } from './training.ts';

/**
 * Turns the planted parameters and the generator's tallies into the manifest's effect list:
 * for each effect the parameters that drove the draw and the realised truth.
 */
export interface RealisedFacts {
  readonly handling: HandlingTimeTruth;
  readonly appraisal: AppraisalTruth;
  readonly tallies: TrainingTallies;
  readonly cohorts: SpecialCohorts;
  readonly plyPrimaCompleters: number;
  readonly placeboCompleters: number;
  readonly allocatedByYear: Record<number, number>;
  readonly participationByYear: Record<number, number>;
  readonly ikm: IkmTruth;
}

const rate = (c: Counter) => (c.n ? round4(c.k / c.n) : null);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const mapValues = <K extends string, V, W>(o: Record<K, V>, f: (v: V) => W) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as V)])) as Record<K, W>;

export function plantedEffects(f: RealisedFacts): PlantedEffect[] {
  const s = PLANTED.serviceTraining;
  const t = f.tallies;
  return [
    {
      id: 'a_service_training',
      description:
        'PLY-PRIMA (Workshop Pelayanan Prima) rolled out at Disdukcapil in 2023 cuts the handling time of requests handled by each completer by a fixed share, from the first day of the month after completion; it also raises their SKP appraisal score from the next period (L3).',
      parameters: {
        programCode: s.programCode,
        rolloutYear: s.rolloutYear,
        invitedShareOfDisdukcapilHandlers: s.invitedShare,
        handlingTimeShare: s.handlingTimeShare,
        appraisalGainPoints: s.appraisalGain,
        appraisalGainFrom: 'periods after the completion year',
        handlingTimeModel:
          'days = baseDays(service) × speed(handler, lognormal mean 1, σ 0.25) × noise (lognormal mean 1, σ 0.5) + monthTerm + yearTerm; treated post: × (1 − share)',
        baseDays: Object.fromEntries(SERVICE_LEVELS.map((l) => [l.serviceType, l.baseDays])),
        noiseSigma: NOISE_SIGMA,
        monthTermDays: [...MONTH_TERM_DAYS],
        yearTermDays: YEAR_TERM_DAYS,
        matchingNote:
          'untrained Disdukcapil handlers (agency kind dinas) and handlers at DPMPTSP, Dinas Sosial and the kecamatan overlap the trained in grade group and tenure band',
      },
      truth: {
        disdukcapilHandlersOn20230101: f.cohorts.disdukcapilHandlers.length,
        invited: f.cohorts.plyPrimaInvited.length,
        completers: f.plyPrimaCompleters,
        handlingTime: {
          attDaysPerTrainedEmployee: round4(f.handling.attDaysPerEmployee),
          attDaysPerRequest: round4(f.handling.attDaysPerRequest),
          meanCounterfactualPostDays: round4(f.handling.meanCounterfactualPostDays),
          slaMetRateEffectPerTrainedEmployee: round4(f.handling.slaMetRateEffectPerEmployee),
          trainedHandlersWithPostRequests: f.handling.treatedHandlers,
          treatedPostRequests: f.handling.treatedPostRequests,
        },
        appraisal: {
          attPointsPerTrainedEmployee: round4(f.appraisal.realisedAtt),
          trainedEmployeesWithPostAppraisals: f.appraisal.treatedEmployees,
        },
      },
    },
    {
      id: 'b_resistance_by_tenure',
      description:
        'The probability of declining an invitation rises with tenure band at invitation; already_experienced is the majority decline reason at 20+ years and a minority for juniors. No-response and no-show also occur.',
      parameters: {
        declineProbabilityByTenure: PLANTED.decline.probabilityByTenure,
        declineMethodFactor: PLANTED.decline.methodFactor,
        noResponseByMethod: PLANTED.decline.noResponse,
        noShowByMethod: PLANTED.completion.noShow,
        reasons: PLANTED.decline.reasons,
        reasonWeightsByTenure: PLANTED.decline.reasonWeightsByTenure,
      },
      truth: {
        invitationsByTenure: Object.fromEntries(TENURE_BANDS.map((b) => [b, t.declineByTenure[b].n])),
        declineRateByTenure: Object.fromEntries(TENURE_BANDS.map((b) => [b, rate(t.declineByTenure[b])])),
        declineRateByTenureExcludingELearning: Object.fromEntries(
          TENURE_BANDS.map((b) => [b, rate(t.declineByTenureNonElearning[b])]),
        ),
        reasonSharesByTenure: Object.fromEntries(
          TENURE_BANDS.map((b) => {
            const counts = t.reasonsByTenure[b];
            const total = Object.values(counts).reduce((a, c) => a + c, 0);
            return [b, mapValues(counts, (c) => (total ? round4(c / total) : null))];
          }),
        ),
      },
    },
    {
      id: 'c_elearning_uptake',
      description: 'E-learning has higher acceptance and lower completion than workshops.',
      parameters: {
        acceptance: 'accepted = 1 − declineProbability(tenure) × methodFactor − noResponse(method)',
        completedGivenEnrolled: PLANTED.completion.completed,
        noShowGivenEnrolled: PLANTED.completion.noShow,
      },
      truth: {
        acceptanceRateByMethod: mapValues(t.acceptanceByMethod, rate),
        completionRateByMethod: mapValues(t.completionByMethod, rate),
      },
    },
    {
      id: 'd_budget_cut_2021',
      description:
        'Training budgets were cut by 40 % in 2021: fewer offerings and lower participation than in 2022.',
      parameters: {
        yearFactor: PLANTED.budget.yearFactor,
        baseOfferingsAtScale1: PLANTED.budget.baseOfferings,
      },
      truth: {
        offeringsByYear: t.offeringsByYear,
        allocatedIdrByYear: f.allocatedByYear,
        participationRateByYear: f.participationByYear,
      },
    },
    {
      id: 'e_l2_gain_by_method',
      description: 'Learning gains (post − pre) differ by method with known means.',
      parameters: {
        pre: `N(${PLANTED.learning.preMean}, ${PLANTED.learning.preSd}) clipped to 0–100, rounded`,
        gainMeanByMethod: PLANTED.learning.gainMean,
        gainSd: PLANTED.learning.gainSd,
        exception: `${PLANTED.placebo.programCode} (a seminar) has gain mean 0`,
      },
      truth: {
        meanGainByMethod: mapValues(t.gainByMethod, (g) => (g.n ? round4(g.sum / g.n) : null)),
        completedWithBothTests: mapValues(t.gainByMethod, (g) => g.n),
      },
    },
    {
      id: 'f_ikm_disdukcapil',
      description: "Disdukcapil's IKM (SKM) rises after the rollout; other agencies stay flat.",
      parameters: {
        changeOn: PLANTED.satisfaction.changeOn,
        disdukcapilBefore: PLANTED.satisfaction.disdukcapilBefore,
        disdukcapilAfter: PLANTED.satisfaction.disdukcapilAfter,
        otherAgencies: PLANTED.satisfaction.others,
      },
      truth: f.ikm as unknown as Record<string, unknown>,
    },
    {
      id: 'g_placebo',
      description:
        'PLACEBO-BUDAYA, a 2023 seminar for comparable staff (Disdukcapil handlers not invited to PLY-PRIMA, and handlers at DPMPTSP, Dinas Sosial and the kecamatan), has zero effect on handling time, appraisals and anything else. Exclude PLY-PRIMA completers from its control group.',
      parameters: { programCode: PLANTED.placebo.programCode, year: PLANTED.placebo.year },
      truth: {
        invited: f.cohorts.placeboInvited.length,
        completers: f.placeboCompleters,
        handlersWithPostRequests: f.handling.placeboHandlers,
        handlingTimeAttDays: 0,
        appraisalAttPoints: 0,
        l2GainMean: 0,
      },
    },
  ];
}
