import { FEW_AGENCIES } from '../cohort/cohort-comparison.ts';
import { groupedInt, idDecimal } from '../roi-metric/id-decimal.ts';
import type { BudgetCaveat } from './budget-scenario-spec.ts';

const idr = (x: number, lang: 'id' | 'en') => `Rp ${groupedInt(x, lang)}`;

/** Days with 2 decimals and a true minus sign, e.g. `−0,05` (id) or `−0.05` (en). */
const days = (x: number, lang: 'id' | 'en') => {
  const r = Math.abs(x) < 0.005 ? 0 : x;
  const text = lang === 'id' ? idDecimal(Math.abs(r), 2) : Math.abs(r).toFixed(2);
  return r < 0 ? `\u2212${text}` : text;
};

/** The 95 % CI of days saved per request (saved = −DiD, so the ends swap), e.g. `−0,05 … 0,07`. */
const savedCi = (ci: { low: number; high: number }, lang: 'id' | 'en') =>
  `${days(-ci.high, lang)} … ${days(-ci.low, lang)}`;

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
  historySuppressed: (): BudgetCaveat => ({
    code: 'history_suppressed',
    id: 'Peserta program ini di masa lalu terlalu sedikit untuk ditampilkan (kurang dari batas sel minimum): biaya per kursi, jumlah kursi dan ROI tidak diperkirakan demi kerahasiaan.',
    en: 'Too few past participants of this program to show (below the minimum cell size): cost per seat, seats and ROI are not estimated (disclosure control).',
  }),
  noAgencyHistory: (): BudgetCaveat => ({
    code: 'no_agency_history',
    id: 'Instansi ini belum pernah, atau baru sedikit pegawainya (di bawah batas sel minimum), mengikuti program ini, atau baru sedikit peserta terdahulunya yang menangani layanan: volume layanan diambil dari seluruh peserta program.',
    en: 'None or only a few (below the minimum cell size) of this agency’s staff have taken part in the program before, or only a few of its past participants handle service requests: service volume is taken from all past participants.',
  }),
  belowOneSeat: (): BudgetCaveat => ({
    code: 'budget_below_one_seat',
    id: 'Anggaran kurang dari biaya satu peserta.',
    en: 'The budget is less than the cost of one participant.',
  }),
  /**
   * The budget buys more seats than the agency has employees. `headcount` null: hidden by disclosure
   * control, so the text does not name it.
   */
  seatsCapped: (
    affordable: number,
    seats: number,
    headcount: number | null,
    year: number,
    leftoverIdr: number,
  ): BudgetCaveat => ({
    code: 'seats_capped_at_headcount',
    id:
      `Anggaran ini cukup untuk ${groupedInt(affordable, 'id')} kursi, lebih dari jumlah pegawai instansi` +
      `${headcount === null ? '' : ` (${groupedInt(headcount, 'id')})`} pada 30 Juni ${year}: ` +
      `yang dihitung ${groupedInt(seats, 'id')} kursi, satu per pegawai, beserta biaya dan manfaatnya; ` +
      `sisa ${idr(leftoverIdr, 'id')} tidak terpakai.`,
    en:
      `The budget would buy ${groupedInt(affordable, 'en')} seats, more than the agency's employees` +
      `${headcount === null ? '' : ` (${groupedInt(headcount, 'en')})`} on 30 June ${year}: ` +
      `${groupedInt(seats, 'en')} seats are priced, one per employee, with their costs and benefits; ` +
      `${idr(leftoverIdr, 'en')} is left unspent.`,
  }),
  /**
   * The agency's headcount is hidden in the published `participation` by agency of that year (a
   * small cell, or one hidden with it): the one-seat-per-employee cap would tell it. The text says
   * only that it is hidden, never that it is small: a complement is hidden in the same words, so the
   * caveat tells no more than the published table does.
   */
  headcountSuppressed: (): BudgetCaveat => ({
    code: 'headcount_suppressed',
    id: 'Jumlah pegawai instansi ini dirahasiakan, seperti pada tabel partisipasi per instansi (perlindungan data pribadi): kursi dan ROI tidak diperkirakan, karena batas satu kursi per pegawai akan mengungkapnya.',
    en: "The agency's headcount is hidden by disclosure control, as in the participation table by agency: seats and ROI are not estimated, as the cap of one seat per employee would give it away.",
  }),
  noHeadcount: (): BudgetCaveat => ({
    code: 'no_headcount',
    id: 'Instansi ini tidak memiliki pegawai tercatat dalam data: tidak ada kursi yang dapat dihitung.',
    en: 'The agency has no employees on record in the data: no seats can be priced.',
  }),
  /** The seats would handle more requests a year than the agency's service units complete. */
  volumeCapped: (wanted: number, agencyRequests: number): BudgetCaveat => ({
    code: 'volume_capped_at_agency_requests',
    id:
      agencyRequests === 0
        ? 'Pegawai layanan instansi ini tidak tercatat menyelesaikan permohonan warga dalam 12 bulan terakhir data: pelatihan pegawainya tidak dapat menghemat hari warga, manfaat dianggap nol.'
        : `Menurut riwayat program, kursi ini akan menangani ${groupedInt(wanted, 'id')} permohonan per tahun, lebih dari ${groupedInt(agencyRequests, 'id')} permohonan yang diselesaikan pegawai layanan instansi ini (permohonan dengan petugas tercatat) dalam 12 bulan terakhir data: manfaat dihitung atas ${groupedInt(agencyRequests, 'id')} permohonan.`,
    en:
      agencyRequests === 0
        ? "The agency's service staff are recorded as completing no citizen requests in the last 12 months of data: training them cannot save citizens days, so no benefit is assumed."
        : `By the program's history these seats would handle ${groupedInt(wanted, 'en')} requests a year, more than the ${groupedInt(agencyRequests, 'en')} the agency's service staff completed (requests with a recorded handler) in the last 12 months of data: the benefits are priced on ${groupedInt(agencyRequests, 'en')} requests.`,
  }),
  /**
   * The effect priced (one year's, or the pooled one) has a CI containing 0: no effect is shown, so
   * the base and high ROI rest on an effect that may be nil. The same code as `roi`'s warning.
   */
  effectCiIncludesZero: (ci: { level: number; low: number; high: number }): BudgetCaveat => ({
    code: 'effect_ci_includes_zero',
    id:
      `Dampak yang dihitung belum terbukti: selang kepercayaan ${Math.round(ci.level * 100)}% hari yang dihemat per permohonan ` +
      `(${savedCi(ci, 'id')}) mencakup nol, jadi program ini mungkin tidak mempercepat layanan sama sekali. ` +
      'ROI dasar dan tinggi hanya berlaku bila dampak itu nyata; ROI rendah menganggap tidak ada manfaat, dan itu sama sesuainya dengan data.',
    en:
      `The effect priced is not shown: the ${Math.round(ci.level * 100)} % confidence interval of days saved per request ` +
      `(${savedCi(ci, 'en')}) includes zero, so the program may not speed up service at all. ` +
      'The base and high ROI hold only if the effect is real; the low ROI assumes no benefit, which fits the data as well.',
  }),
  /** The effect priced has a CI wholly above 0 (service got slower): no benefit in any case. */
  effectAdverse: (ci: { level: number; low: number; high: number }): BudgetCaveat => ({
    code: 'effect_adverse',
    id:
      `Layanan menjadi lebih lambat secara signifikan sesudah program ini (selang kepercayaan ${Math.round(ci.level * 100)}% hari yang dihemat per permohonan: ${savedCi(ci, 'id')}): ` +
      'manfaat dianggap nol di setiap skenario, dan kerugian bagi warga tidak dihitung sebagai uang.',
    en:
      `Service got significantly slower after this program (${Math.round(ci.level * 100)} % confidence interval of days saved per request: ${savedCi(ci, 'en')}): ` +
      'no benefit is assumed in any case, and the harm to citizens is not monetised.',
  }),
  /**
   * A past cohort priced warns few_agencies: its trained work in fewer than FEW_AGENCIES agencies, so
   * a change in those agencies at the same time is priced as the program's effect. As `roi` warns.
   */
  fewAgencies: (): BudgetCaveat => ({
    code: 'few_agencies',
    id: `Peserta terdahulu yang dibandingkan bekerja di kurang dari ${FEW_AGENCIES} instansi: perubahan lain di instansi itu pada waktu yang sama (misalnya sistem atau kebijakan baru) tidak dapat dipisahkan dari dampak program, sehingga ROI ini belum tentu berasal dari pelatihan. Periksa model gabungan dengan galat baku yang diklaster per instansi dan uji bootstrap klasternya.`,
    en: `The past participants compared work in fewer than ${FEW_AGENCIES} agencies: another change there at the same time (a new system or policy, say) cannot be told apart from the program’s effect, so this ROI may not come from the training. Check the joint model with errors clustered by agency and its wild cluster bootstrap.`,
  }),
  /** A past cohort priced warns diverging_pre_trends. As `roi` warns. */
  divergingPreTrends: (): BudgetCaveat => ({
    code: 'diverging_pre_trends',
    id: 'Sebelum pelatihan, peserta terdahulu dan pembandingnya sudah berkembang berbeda (uji tren awal): dampak yang dihitung, dan ROI ini, mungkin bukan akibat pelatihan.',
    en: 'The past participants and their comparison group were already moving apart before the training (pre-trend check): the effect priced, and this ROI, may not be caused by the training.',
  }),
  pooledCohorts: (n: number): BudgetCaveat => ({
    code: 'pooled_cohorts',
    id: `Dampak digabung dari ${n} angkatan (bobot invers varians), dengan asumsi dampaknya sama setiap tahun.`,
    en: `Effect pooled over ${n} cohorts (inverse-variance), assuming the same effect every year.`,
  }),
};
