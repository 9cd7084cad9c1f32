/** A documented default for one ROI parameter. Certainty follows DOMAIN.md: H, M, or L (unconfirmed). */
export interface RoiAssumptionDefault {
  value: number;
  unit: string;
  certainty: 'H' | 'M' | 'L';
  note: string;
  /** The note in Bahasa Indonesia (the dashboard's default language). */
  noteId: string;
}

/**
 * Default ROI parameters. Every one is a configurable parameter (pass an override to `computeRoi`),
 * and every one used is echoed back in the result's `assumptions`, so a reader can see what a figure
 * rests on. L means no authoritative source was found: replace it with the agency's own number.
 */
export const ROI_DEFAULT_ASSUMPTIONS = {
  monthlySalaryCostIdr: {
    value: 7_000_000,
    unit: 'IDR/month',
    certainty: 'L',
    note:
      'Average monthly employment cost of one ASN in Palangka Raya (gaji pokok + tunjangan + TPP); ' +
      'placeholder, replace with the BKPSDM/BPKAD figure. Used to value participants’ time.',
    noteId:
      'Rata-rata biaya pegawai per bulan satu ASN di Palangka Raya (gaji pokok + tunjangan + TPP); ' +
      'angka sementara, ganti dengan angka BKPSDM/BPKAD. Dipakai untuk menilai waktu peserta.',
  },
  workingHoursPerMonth: {
    value: 162.5,
    unit: 'hours/month',
    certainty: 'M',
    note: '37.5 working hours per week (Perpres 21/2023) × 52 weeks / 12 months.',
    noteId: '37,5 jam kerja per minggu (Perpres 21/2023) × 52 minggu / 12 bulan.',
  },
  citizenDayValueIdr: {
    value: 130_000,
    unit: 'IDR/day',
    certainty: 'L',
    note:
      'Money value of one citizen-day of waiting saved; placeholder of about one day of a ' +
      'minimum-wage income in Kalimantan Tengah. Replace with a sourced figure.',
    noteId:
      'Nilai uang satu hari warga yang tidak lagi habis untuk menunggu; angka sementara sekitar ' +
      'satu hari penghasilan upah minimum di Kalimantan Tengah. Ganti dengan angka yang bersumber.',
  },
  confidence: {
    value: 0.8,
    unit: 'share (0–1)',
    certainty: 'L',
    note: 'Phillips: adjust benefit estimates for error by the confidence in them.',
    noteId: 'Phillips: manfaat yang diperkirakan dikoreksi dengan tingkat keyakinan atas perkiraan itu.',
  },
  attribution: {
    value: 1,
    unit: 'share (0–1)',
    certainty: 'L',
    note: 'Share of the isolated effect credited to the program; 1 when a matched control group already isolates it.',
    noteId:
      'Bagian efek terisolasi yang diakui sebagai hasil program; 1 bila kelompok pembanding yang sepadan sudah mengisolasinya.',
  },
  horizonMonths: {
    value: 12,
    unit: 'months',
    certainty: 'H',
    note: 'Phillips: short programs count first-year benefits only. Fixed, not a parameter.',
    noteId: 'Phillips: program singkat hanya menghitung manfaat tahun pertama. Tetap, bukan parameter.',
  },
} as const satisfies Record<string, RoiAssumptionDefault>;
