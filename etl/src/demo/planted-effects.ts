/**
 * The true parameters of every effect planted in the demo world. The generator reads them
 * from here and the manifest writes them out, so the analytics' recovery tests compare their
 * estimates with exactly the numbers that produced the data.
 */
export const TENURE_BANDS = ['<5', '5-9', '10-19', '20+'] as const;
export type TenureBand = (typeof TENURE_BANDS)[number];

export function tenureBand(years: number): TenureBand {
  return years < 5 ? '<5' : years < 10 ? '5-9' : years < 20 ? '10-19' : '20+';
}

export const METHOD_LIST = ['workshop', 'seminar', 'e_learning', 'classroom', 'coaching'] as const;
export type Method = (typeof METHOD_LIST)[number];

export const PLANTED = {
  /** (a) Service-excellence workshop at Disdukcapil, 2023. */
  serviceTraining: {
    programCode: 'PLY-PRIMA',
    title: 'Workshop Pelayanan Prima',
    rolloutYear: 2023,
    /** Share of Disdukcapil frontline handlers (on 2023-01-01) invited; about half complete. */
    invitedShare: 0.85,
    /** Handling time of requests submitted from the first day of the month after completion. */
    handlingTimeShare: 0.3,
    /** SKP appraisal points added from the period after the completion year (L3). */
    appraisalGain: 3.0,
  },
  /** (b) Resistance: decline probability and reasons by tenure band at invitation. */
  decline: {
    probabilityByTenure: { '<5': 0.1, '5-9': 0.15, '10-19': 0.25, '20+': 0.4 } as Record<TenureBand, number>,
    /** Decline probability multiplier per method (e-learning costs little to accept). */
    methodFactor: { workshop: 1, seminar: 1, e_learning: 0.35, classroom: 1, coaching: 1 } as Record<
      Method,
      number
    >,
    noResponse: { workshop: 0.08, seminar: 0.1, e_learning: 0.03, classroom: 0.06, coaching: 0.04 } as Record<
      Method,
      number
    >,
    reasons: ['workload', 'already_experienced', 'schedule', 'health', 'other'] as const,
    reasonWeightsByTenure: {
      '<5': [0.4, 0.1, 0.3, 0.1, 0.1],
      '5-9': [0.38, 0.2, 0.26, 0.08, 0.08],
      '10-19': [0.3, 0.35, 0.2, 0.08, 0.07],
      '20+': [0.15, 0.65, 0.1, 0.05, 0.05],
    } as Record<TenureBand, readonly number[]>,
  },
  /** (c) Enrollment outcome by method: no-show and completion among enrolled. */
  completion: {
    noShow: { workshop: 0.04, seminar: 0.05, e_learning: 0.07, classroom: 0.03, coaching: 0.02 } as Record<
      Method,
      number
    >,
    /** P(completed | enrolled); the rest of those who showed up dropped out. */
    completed: { workshop: 0.9, seminar: 0.92, e_learning: 0.55, classroom: 0.88, coaching: 0.85 } as Record<
      Method,
      number
    >,
  },
  /** (d) Training budget and offering volume per year, relative to 2022 (2021 cut by 40 %). */
  budget: {
    yearFactor: { 2021: 0.6, 2022: 1.0, 2023: 1.05, 2024: 1.1, 2025: 1.1 } as Record<number, number>,
    /** Offerings per year at scale 1 when the factor is 1. */
    baseOfferings: 170,
    /** Allocated training budget per employee per year at factor 1, IDR. */
    allocatedPerEmployeeIdr: 1_500_000,
  },
  /** (e) L2: pre-test ~ N(55, 12) clipped to 0–100; gain ~ N(mean by method, 8). */
  learning: {
    preMean: 55,
    preSd: 12,
    gainSd: 8,
    gainMean: { coaching: 18, workshop: 15, classroom: 12, e_learning: 8, seminar: 5 } as Record<
      Method,
      number
    >,
  },
  /** (f) SKM answer probabilities (scores 1..4) per unsur at Disdukcapil before/after 2024-01-01. */
  satisfaction: {
    changeOn: '2024-01-01',
    disdukcapilBefore: [
      [0.04, 0.2, 0.56, 0.2],
      [0.05, 0.22, 0.55, 0.18],
      [0.1, 0.3, 0.45, 0.15],
      [0.01, 0.05, 0.44, 0.5],
      [0.04, 0.18, 0.58, 0.2],
      [0.05, 0.22, 0.53, 0.2],
      [0.05, 0.2, 0.53, 0.22],
      [0.05, 0.25, 0.5, 0.2],
      [0.08, 0.27, 0.47, 0.18],
    ],
    disdukcapilAfter: [
      [0.02, 0.12, 0.56, 0.3],
      [0.03, 0.14, 0.55, 0.28],
      [0.02, 0.1, 0.5, 0.38],
      [0.01, 0.04, 0.43, 0.52],
      [0.02, 0.12, 0.58, 0.28],
      [0.01, 0.07, 0.5, 0.42],
      [0.01, 0.06, 0.49, 0.44],
      [0.04, 0.2, 0.54, 0.22],
      [0.04, 0.18, 0.52, 0.26],
    ],
    /** Every other service agency, constant over time. */
    others: Array.from({ length: 9 }, () => [0.04, 0.2, 0.56, 0.2]),
    /** Questionnaires per quarter at scale 1. */
    perQuarter: { DISDUKCAPIL: 150, other: 40 },
  },
  /** (g) Placebo seminar: comparable staff, 2023, zero effect on everything. */
  placebo: {
    programCode: 'PLACEBO-BUDAYA',
    title: 'Seminar Budaya Kerja ASN BerAKHLAK',
    year: 2023,
    /** Share of other service agencies' frontline staff invited (all Disdukcapil handlers not invited to PLY-PRIMA are). */
    otherAgenciesShare: 0.25,
  },
} as const;

/** Expected IKM (PermenPANRB 14/2017, weight 1/9) of a set of per-unsur answer distributions. */
export function expectedIkm(probabilities: readonly (readonly number[])[]): number {
  let sum = 0;
  for (const p of probabilities) sum += p.reduce((acc, pk, k) => acc + pk * (k + 1), 0);
  return (sum / probabilities.length) * 25;
}
