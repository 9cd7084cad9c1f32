import type { CohortWarning } from './cohort-spec.ts';

const pct = (share: number) => `${Math.round(share * 100)}%`; // as the dashboard writes percentages, in both languages

/** Plain-language warnings, Bahasa Indonesia first (the dashboard's default language). */
export const cohortWarnings = {
  smallN: (treated: number, control: number, min: number): CohortWarning => ({
    code: 'small_n',
    id: `Jumlah pegawai kecil (dilatih ${treated}, pembanding ${control}; disarankan minimal ${min} per kelompok): hasil bisa berubah banyak karena kebetulan.`,
    en: `Small groups (trained ${treated}, comparison ${control}; at least ${min} each is advised): the result may be chance.`,
  }),
  /** `small_n` of a suppressed comparison: no count (disclosure control), not even the advised minimum. */
  smallNHidden: (): CohortWarning => ({
    code: 'small_n',
    id: 'Jumlah pegawai dalam kelompok di bawah batas minimum: jumlahnya dirahasiakan (perlindungan data pribadi).',
    en: 'The groups are below the minimum size: their counts are hidden (disclosure control).',
  }),
  poorOverlap: (dropped: number, share: number): CohortWarning => ({
    code: 'poor_overlap',
    id: `${dropped} pegawai terlatih (${pct(share)}) tidak punya pembanding dengan jenis instansi, golongan dan masa kerja yang sama, sehingga tidak dihitung: hasil hanya berlaku untuk sisanya.`,
    en: `${dropped} trained employees (${pct(share)}) have no comparison employee of the same agency kind, grade group and tenure band and were left out: the result describes only the rest.`,
  }),
  /** `poor_overlap` of a suppressed comparison: neither the count nor the share (disclosure control). */
  poorOverlapHidden: (): CohortWarning => ({
    code: 'poor_overlap',
    id: 'Sebagian pegawai terlatih tidak punya pembanding dengan jenis instansi, golongan dan masa kerja yang sama, sehingga tidak dihitung (jumlahnya dirahasiakan).',
    en: 'Some trained employees have no comparison employee of the same agency kind, grade group and tenure band and were left out (their count is hidden).',
  }),
  /**
   * The matched trained employees work in fewer than FEW_AGENCIES agencies: the comparison cannot
   * tell the training from a change in those agencies at the same time (a shared shock); the joint
   * model's clustered check and wild cluster bootstrap are the ones to read. Not given when the whole
   * comparison lies within one agency, where such a change reaches both groups (`analyseCohort`).
   */
  fewAgencies: (agencies: number): CohortWarning => ({
    code: 'few_agencies',
    id: `Pegawai terlatih yang dibandingkan hanya bekerja di ${agencies} instansi: perubahan lain di ${agencies === 1 ? 'instansi itu' : 'instansi-instansi itu'} pada waktu yang sama (misalnya sistem atau kebijakan baru) tidak dapat dipisahkan dari dampak pelatihan. Periksa model gabungan dengan galat baku yang diklaster per instansi dan uji bootstrap klasternya.`,
    en: `The trained employees compared work in only ${agencies} ${agencies === 1 ? 'agency' : 'agencies'}: another change there at the same time (a new system or policy, say) cannot be told apart from the training's effect. Check the joint model with errors clustered by agency and its wild cluster bootstrap.`,
  }),
  divergingPreTrends: (): CohortWarning => ({
    code: 'diverging_pre_trends',
    id: 'Sebelum pelatihan, kedua kelompok sudah berkembang berbeda (uji tren awal): selisih setelah pelatihan mungkin bukan akibat pelatihan.',
    en: 'The two groups were already moving apart before training (pre-trend check): the difference after training may not be caused by it.',
  }),
  suppressed: (min: number): CohortWarning => ({
    code: 'suppressed',
    id: `Hasil dirahasiakan: kurang dari ${min} pegawai dalam satu kelompok (perlindungan data pribadi).`,
    en: `Result suppressed: fewer than ${min} employees in a group (disclosure control).`,
  }),
  /**
   * `suppressed` for a comparison whose arms are large enough, but whose filter (agencies, control
   * exclusions), or one program of whose method or area, leaves out a small group: no count either,
   * the minimum only.
   */
  suppressedComplementary: (min: number): CohortWarning => ({
    code: 'suppressed',
    id: `Hasil dirahasiakan: dibandingkan dengan analisis yang sama tanpa filter ini (instansi atau pengecualian pembanding), atau tanpa salah satu program dari metode atau bidang ini, selisihnya akan mengungkap kelompok kurang dari ${min} pegawai (perlindungan data pribadi).`,
    en: `Result suppressed: against the same analysis without this filter (agencies or control exclusions), or without one of the method's or area's programs, the difference would reveal a group of fewer than ${min} employees (disclosure control).`,
  }),
  /**
   * No trained employee has data in both windows: n = 0, no estimate; nothing hidden unless the
   * result is suppressed for another reason (`suppressed`: its own warning says which).
   */
  nothingToCompare: (suppressed = false): CohortWarning => ({
    code: 'nothing_to_compare',
    id: `Tidak ada pegawai terlatih dengan data di jendela sebelum dan sesudah pelatihan: tidak ada yang dapat dibandingkan${suppressed ? '.' : ' (tidak ada yang dirahasiakan).'}`,
    en: `No trained employee has data in both the window before and the window after the training: there is nothing to compare${suppressed ? '.' : ' (nothing is hidden).'}`,
  }),
  noSe: (): CohortWarning => ({
    code: 'no_se',
    id: 'Ketidakpastian tidak dapat dihitung (terlalu sedikit pegawai atau tidak ada variasi): jangan tarik kesimpulan.',
    en: 'The uncertainty cannot be estimated (too few employees or no variation): draw no conclusion.',
  }),
  noPostData: (postStart: string, lastDay: string): CohortWarning => ({
    code: 'no_post_data',
    id: `Jendela sesudah pelatihan (mulai ${postStart}) berada di luar data snapshot (data hasil ini sampai ${lastDay}): dampaknya belum dapat diukur. Pilih jendela pelatihan yang lebih awal.`,
    en: `The window after the training (from ${postStart}) lies beyond the snapshot's data (this outcome's data ends on ${lastDay}): its effect cannot be measured yet. Pick an earlier training window.`,
  }),
  postWindowIncomplete: (lastDay: string): CohortWarning => ({
    code: 'post_window_incomplete',
    id: `Jendela sesudah pelatihan melewati akhir data snapshot (data hasil ini sampai ${lastDay}): hasil sesudah pelatihan hanya memakai bulan yang sudah ada datanya.`,
    en: `The window after the training runs past the end of the snapshot's data (this outcome's data ends on ${lastDay}): the result after training uses only the months with data.`,
  }),
  noPreData: (preEnd: string, firstDay: string): CohortWarning => ({
    code: 'no_pre_data',
    id: `Jendela sebelum pelatihan (sampai ${preEnd}) berada sebelum data snapshot (data hasil ini mulai ${firstDay}): tanpa nilai sebelum pelatihan, dampaknya tidak dapat diukur. Pilih jendela pelatihan yang lebih akhir.`,
    en: `The window before the training (up to ${preEnd}) lies before the snapshot's data (this outcome's data starts on ${firstDay}): without a value before the training its effect cannot be measured. Pick a later training window.`,
  }),
  preWindowIncomplete: (firstDay: string): CohortWarning => ({
    code: 'pre_window_incomplete',
    id: `Jendela sebelum pelatihan dimulai sebelum data snapshot (data hasil ini mulai ${firstDay}): hasil sebelum pelatihan hanya memakai bulan yang sudah ada datanya.`,
    en: `The window before the training starts before the snapshot's data (this outcome's data starts on ${firstDay}): the result before training uses only the months with data.`,
  }),
  /**
   * The placebo window (the one before the window before the training, for the pre-trend check)
   * lies wholly outside the outcome's data: the pre-trend could not be checked.
   */
  noPlaceboData: (
    placeboFrom: string,
    placeboTo: string,
    firstDay: string,
    lastDay: string,
  ): CohortWarning => ({
    code: 'no_placebo_data',
    id: `Uji tren sebelum pelatihan (placebo) tidak dapat dijalankan: jendelanya (${placeboFrom} s.d. ${placeboTo}) berada di luar data snapshot (data hasil ini ${firstDay} s.d. ${lastDay}). Tidak diketahui apakah kedua kelompok sudah berkembang berbeda sebelum pelatihan.`,
    en: `The pre-trend (placebo) check could not be run: its window (${placeboFrom} to ${placeboTo}) lies outside the snapshot's data (this outcome's data runs from ${firstDay} to ${lastDay}). Whether the two groups were already moving apart before the training is unknown.`,
  }),
  /** The placebo window only partly overlaps the outcome's data: the check ran on the months with data. */
  placeboWindowIncomplete: (
    covered: number,
    months: number,
    firstDay: string,
    lastDay: string,
  ): CohortWarning => ({
    code: 'placebo_window_incomplete',
    id: `Uji tren sebelum pelatihan (placebo) hanya memakai ${covered} dari ${months} bulan jendelanya: sisanya berada di luar data snapshot (data hasil ini ${firstDay} s.d. ${lastDay}).`,
    en: `The pre-trend (placebo) check used only ${covered} of the ${months} months of its window: the rest lie outside the snapshot's data (this outcome's data runs from ${firstDay} to ${lastDay}).`,
  }),
};
