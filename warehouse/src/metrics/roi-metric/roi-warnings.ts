import { FEW_AGENCIES } from '../cohort/cohort-comparison.ts';
import type { RoiWarning, RoiWarningCode } from './roi-spec.ts';

/** Plain-language ROI warnings, Bahasa Indonesia and English. */
export const roiWarnings = {
  noEffectData: (): RoiWarning => ({
    code: 'no_effect_data',
    id: 'Dampak pelatihan pada waktu layanan tidak dapat diukur (data kurang atau dirahasiakan): sesuai prinsip Phillips, manfaat dianggap nol.',
    en: 'The effect on service time could not be measured (too little or suppressed data): by Phillips’ rule, no benefit is assumed.',
  }),
  noDataAfter: (): RoiWarning => ({
    code: 'no_data_after_training',
    id: 'Dampak pelatihan belum dapat diukur: data sesudah jendela pelatihan belum ada. Sesuai prinsip Phillips, manfaat dianggap nol; ROI ini bukan kerugian yang terukur.',
    en: 'The effect cannot be measured yet: the data ends before the window after the training. By Phillips’ rule no benefit is assumed; this ROI is not a measured loss.',
  }),
  noDataBefore: (): RoiWarning => ({
    code: 'no_data_before_training',
    id: 'Dampak pelatihan tidak dapat diukur: data layanan sebelum jendela pelatihan tidak ada (data dimulai sesudahnya). Sesuai prinsip Phillips, manfaat dianggap nol; ROI ini bukan kerugian yang terukur.',
    en: 'The effect cannot be measured: the service data starts after the window before the training. By Phillips’ rule no benefit is assumed; this ROI is not a measured loss.',
  }),
  windowIncomplete: (): RoiWarning => ({
    code: 'post_window_incomplete',
    id: 'Jendela sesudah pelatihan melewati akhir data: volume permohonan disetahunkan atas seluruh jendela, sehingga manfaat cenderung terlalu rendah (sisi konservatif).',
    en: 'The window after the training runs past the end of the data: the request volume is annualised over the whole window, so the benefits are likely understated (the conservative side).',
  }),
  ciIncludesZero: (): RoiWarning => ({
    code: 'effect_ci_includes_zero',
    id: 'Selang kepercayaan dampak mencakup nol: skenario rendah menganggap tidak ada manfaat.',
    en: 'The effect’s confidence interval includes zero: the low case assumes no benefit.',
  }),
  adverseEffect: (): RoiWarning => ({
    code: 'effect_adverse',
    id: 'Layanan menjadi lebih lambat secara signifikan sesudah pelatihan (seluruh selang kepercayaan dampak menunjukkan waktu layanan lebih lama): manfaat dianggap nol di setiap skenario, dan kerugian bagi warga tidak dihitung sebagai uang, sehingga ROI ini tidak menunjukkan seberapa besar kerugiannya. Perlambatan juga bisa berasal dari kelompok pembanding (misalnya pegawai yang dilatih program lain menjadi lebih cepat): periksa dengan pembanding only_vs_untrained atau model gabungan.',
    en: 'Service got significantly slower after the training (the whole confidence interval of the effect is a slowdown): no benefit is assumed in any case, and the harm to citizens is not monetised, so this ROI does not show how large the loss is. A slowdown can also come from the comparison group (e.g. staff trained by another program who got faster): check it with the only_vs_untrained contrast or the joint model.',
  }),
  /**
   * The cohort behind the effect warns few_agencies: its matched trained employees work in fewer than
   * FEW_AGENCIES agencies, so a change in those agencies at the same time is priced as the training's
   * benefit. No count (the cohort's own warning names it).
   */
  fewAgencies: (): RoiWarning => ({
    code: 'few_agencies',
    id: `Pegawai terlatih yang dibandingkan bekerja di kurang dari ${FEW_AGENCIES} instansi: perubahan lain di instansi itu pada waktu yang sama (misalnya sistem atau kebijakan baru) tidak dapat dipisahkan dari dampak pelatihan, sehingga manfaat yang dihitung belum tentu berasal dari pelatihan. Periksa model gabungan dengan galat baku yang diklaster per instansi dan uji bootstrap klasternya.`,
    en: `The trained employees compared work in fewer than ${FEW_AGENCIES} agencies: another change there at the same time (a new system or policy, say) cannot be told apart from the training’s effect, so the benefits priced may not come from the training. Check the joint model with errors clustered by agency and its wild cluster bootstrap.`,
  }),
  /** The cohort behind the effect warns diverging_pre_trends: the groups already moved apart before. */
  divergingPreTrends: (): RoiWarning => ({
    code: 'diverging_pre_trends',
    id: 'Sebelum pelatihan, kelompok terlatih dan pembanding sudah berkembang berbeda (uji tren awal): dampak yang dihitung, dan manfaatnya, mungkin bukan akibat pelatihan.',
    en: 'The trained and comparison groups were already moving apart before the training (pre-trend check): the effect priced, and its benefits, may not be caused by the training.',
  }),
  noCosts: (): RoiWarning => ({
    code: 'no_costs',
    id: 'Tidak ada biaya tercatat untuk pelatihan ini: ROI tidak dapat dihitung.',
    en: 'No costs are recorded for this training: ROI cannot be computed.',
  }),
  /**
   * The participant side hidden (`hideParticipants`), a small count or a complement of one alike: the
   * text says only that it is hidden. Saying "too few" would tell which hidden ROIs are the small
   * ones, which no published table tells (their rows say `suppressed`, never why).
   */
  participantsSuppressed: (): RoiWarning => ({
    code: 'participants_suppressed',
    id: 'Sisi peserta dirahasiakan (perlindungan data pribadi): jumlah peserta, jam, biaya, ROI, BCR dan masa balik modal tidak ditampilkan.',
    en: 'The participant side is hidden by disclosure control: participant counts, hours, costs, ROI, BCR and payback are not shown.',
  }),
};

const BY_CODE: Record<RoiWarningCode, () => RoiWarning> = {
  no_effect_data: roiWarnings.noEffectData,
  no_data_after_training: roiWarnings.noDataAfter,
  no_data_before_training: roiWarnings.noDataBefore,
  post_window_incomplete: roiWarnings.windowIncomplete,
  effect_ci_includes_zero: roiWarnings.ciIncludesZero,
  effect_adverse: roiWarnings.adverseEffect,
  no_costs: roiWarnings.noCosts,
  participants_suppressed: roiWarnings.participantsSuppressed,
  few_agencies: roiWarnings.fewAgencies,
  diverging_pre_trends: roiWarnings.divergingPreTrends,
};

/** The warning (code, Indonesian and English text) of a code. */
export function roiWarningOf(code: RoiWarningCode): RoiWarning {
  return BY_CODE[code]();
}

/**
 * The cohort warnings that qualify an effect that is priced, as ROI warnings: few_agencies (the
 * trained work in fewer than FEW_AGENCIES agencies: an agency's own change poses as the effect) and
 * diverging_pre_trends (the groups already moved apart before the training). The other cohort
 * warnings either leave no effect to price or are already in the effect's CI.
 */
export function qualifyingCohortWarnings(cohort: readonly { readonly code: string }[]): RoiWarning[] {
  const codes = new Set(cohort.map((w) => w.code));
  return QUALIFYING.filter((code) => codes.has(code)).map(roiWarningOf);
}

const QUALIFYING: readonly RoiWarningCode[] = ['few_agencies', 'diverging_pre_trends'];
