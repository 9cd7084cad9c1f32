import type { BudgetCaveat } from './budget-scenario-spec.ts';

/** Plain-language caveats, Bahasa Indonesia and English. */
export const budgetCaveats = {
  noCostHistory: (): BudgetCaveat => ({
    code: 'no_cost_history',
    id: 'Belum ada riwayat biaya program ini: jumlah kursi dan ROI tidak dapat diperkirakan.',
    en: 'This program has no cost history: seats and ROI cannot be estimated.',
  }),
  noEffectHistory: (): BudgetCaveat => ({
    code: 'no_effect_history',
    id: 'Belum ada angkatan terdahulu dengan dampak terukur: manfaat dianggap nol (prinsip Phillips).',
    en: 'No past cohort with a measurable effect: no benefit is assumed (Phillips).',
  }),
  noAgencyHistory: (): BudgetCaveat => ({
    code: 'no_agency_history',
    id: 'Instansi ini belum pernah mengikuti program ini: volume layanan diambil dari seluruh peserta program.',
    en: 'This agency has not taken part in the program before: service volume is taken from all past participants.',
  }),
  belowOneSeat: (): BudgetCaveat => ({
    code: 'budget_below_one_seat',
    id: 'Anggaran kurang dari biaya satu peserta.',
    en: 'The budget is less than the cost of one participant.',
  }),
  pooledCohorts: (n: number): BudgetCaveat => ({
    code: 'pooled_cohorts',
    id: `Dampak digabung dari ${n} angkatan (bobot invers varians), dengan asumsi dampaknya sama setiap tahun.`,
    en: `Effect pooled over ${n} cohorts (inverse-variance), assuming the same effect every year.`,
  }),
};
