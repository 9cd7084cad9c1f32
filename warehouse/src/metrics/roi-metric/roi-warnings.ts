import type { RoiWarning, RoiWarningCode } from './roi-spec.ts';

/** Plain-language ROI warnings, Bahasa Indonesia and English. */
export const roiWarnings = {
  noEffectData: (): RoiWarning => ({
    code: 'no_effect_data',
    id: 'Dampak pelatihan pada waktu layanan tidak dapat diukur (data kurang atau disembunyikan, atau data tahun sesudah pelatihan belum ada): sesuai prinsip Phillips, manfaat dianggap nol.',
    en: 'The effect on service time could not be measured (too little or suppressed data, or no data yet for the year after the training): by Phillips’ rule, no benefit is assumed.',
  }),
  ciIncludesZero: (): RoiWarning => ({
    code: 'effect_ci_includes_zero',
    id: 'Selang kepercayaan dampak mencakup nol: skenario rendah menganggap tidak ada manfaat.',
    en: 'The effect’s confidence interval includes zero: the low case assumes no benefit.',
  }),
  noCosts: (): RoiWarning => ({
    code: 'no_costs',
    id: 'Tidak ada biaya tercatat untuk pelatihan ini: ROI tidak dapat dihitung.',
    en: 'No costs are recorded for this training: ROI cannot be computed.',
  }),
};

const BY_CODE: Record<RoiWarningCode, () => RoiWarning> = {
  no_effect_data: roiWarnings.noEffectData,
  effect_ci_includes_zero: roiWarnings.ciIncludesZero,
  no_costs: roiWarnings.noCosts,
};

/** The warning (code, Indonesian and English text) of a code. */
export function roiWarningOf(code: RoiWarningCode): RoiWarning {
  return BY_CODE[code]();
}
