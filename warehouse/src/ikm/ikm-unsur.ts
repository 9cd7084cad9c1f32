/**
 * The nine service elements (unsur) of the public satisfaction survey, PermenPANRB 14/2017, in the
 * order and short wording of the project's DOMAIN.md §3 (the names the dashboard shows). Codes U1..U9 match the survey columns u1..u9; each is answered on
 * a 1–4 scale.
 *
 * The order is the questionnaire's (question 8 on sarana dan prasarana, question 9 on complaint
 * handling, as the regulation's sample questionnaire and the forms agencies print from it ask them),
 * not the regulation's list of scope elements (ruang lingkup), which names complaint handling (h)
 * before sarana dan prasarana (i). The index weights every element equally, so only the labels
 * depend on it.
 */
export const IKM_UNSUR = [
  { code: 'U1', name: 'Persyaratan' },
  { code: 'U2', name: 'Prosedur' },
  { code: 'U3', name: 'Waktu pelayanan' },
  { code: 'U4', name: 'Biaya/Tarif' },
  { code: 'U5', name: 'Produk spesifikasi jenis pelayanan' },
  { code: 'U6', name: 'Kompetensi pelaksana' },
  { code: 'U7', name: 'Perilaku pelaksana' },
  { code: 'U8', name: 'Sarana dan prasarana' },
  { code: 'U9', name: 'Penanganan pengaduan, saran dan masukan' },
] as const;

export type IkmUnsurCode = (typeof IKM_UNSUR)[number]['code'];

/** Number of unsur; the IKM weight of each is exactly 1 / IKM_UNSUR_COUNT. */
export const IKM_UNSUR_COUNT = IKM_UNSUR.length;
