import { WORLD_START, wibTimestamp } from './calendar.ts';
import { type Method, PLANTED } from './planted-effects.ts';

/**
 * The training catalogue: one program for every competency area × method (so every cell of
 * that grid has data), plus the two planted programs: PLY-PRIMA (the service-excellence
 * workshop with a known effect) and PLACEBO-BUDAYA (a seminar with none).
 */
export type Area = 'technical' | 'soft_skills' | 'regulation' | 'it' | 'leadership';
export const AREAS: readonly Area[] = ['technical', 'soft_skills', 'regulation', 'it', 'leadership'];

export interface Program {
  readonly id: number;
  readonly code: string;
  readonly title: string;
  readonly area: Area;
  readonly method: Method;
  readonly jp: number;
  readonly provider: string;
  /** Generic programs are scheduled at random; planted ones by their own plan. */
  readonly planted: boolean;
}

const TITLES: Record<Area, Record<Method, string>> = {
  technical: {
    workshop: 'Workshop Penyusunan Dokumen Perencanaan dan Anggaran',
    seminar: 'Seminar Inovasi Pelayanan Publik',
    e_learning: 'E-Learning Pengelolaan Arsip Dinamis',
    classroom: 'Pelatihan Pengadaan Barang/Jasa Pemerintah',
    coaching: 'Coaching Penyusunan Standar Pelayanan',
  },
  soft_skills: {
    workshop: 'Workshop Komunikasi Efektif',
    seminar: 'Seminar Etika dan Integritas ASN',
    e_learning: 'E-Learning Manajemen Waktu dan Produktivitas',
    classroom: 'Pelatihan Pengembangan Diri dan Kerja Sama Tim',
    coaching: 'Coaching Kinerja Individu',
  },
  regulation: {
    workshop: 'Workshop Penyusunan Produk Hukum Daerah',
    seminar: 'Sosialisasi UU 20/2023 tentang ASN',
    e_learning: 'E-Learning Pelindungan Data Pribadi (UU 27/2022)',
    classroom: 'Pelatihan Pengelolaan Keuangan Daerah',
    coaching: 'Coaching SAKIP dan Reformasi Birokrasi',
  },
  it: {
    workshop: 'Workshop Pengolahan Data dengan Spreadsheet',
    seminar: 'Seminar Transformasi Digital dan SPBE',
    e_learning: 'E-Learning Literasi Digital ASN',
    classroom: 'Pelatihan Keamanan Informasi',
    coaching: 'Coaching Statistik Sektoral',
  },
  leadership: {
    workshop: 'Workshop Kepemimpinan Pelayanan',
    seminar: 'Seminar Kepemimpinan Perempuan dalam Birokrasi',
    e_learning: 'E-Learning Kepemimpinan Digital',
    classroom: 'Pelatihan Kepemimpinan Pengawas (PKP)',
    coaching: 'Coaching dan Mentoring Pimpinan',
  },
};
const AREA_CODE: Record<Area, string> = {
  technical: 'TEK',
  soft_skills: 'SOF',
  regulation: 'REG',
  it: 'TIK',
  leadership: 'KEP',
};
const METHOD_CODE: Record<Method, string> = {
  workshop: 'WS',
  seminar: 'SM',
  e_learning: 'EL',
  classroom: 'KL',
  coaching: 'CO',
};
export const METHOD_JP: Record<Method, number> = {
  workshop: 16,
  seminar: 4,
  e_learning: 12,
  classroom: 40,
  coaching: 24,
};
const PROVIDERS = [
  'BKPSDM Kota Palangka Raya',
  'BPSDM Provinsi Kalimantan Tengah',
  'Lembaga Administrasi Negara',
  'BKPSDM Kota Palangka Raya',
  'Kanreg VIII BKN Banjarmasin',
] as const;

export function buildPrograms(): Program[] {
  const programs: Program[] = [];
  AREAS.forEach((area, a) => {
    (['workshop', 'seminar', 'e_learning', 'classroom', 'coaching'] as const).forEach((method, m) => {
      programs.push({
        id: programs.length + 1,
        code: `${AREA_CODE[area]}-${METHOD_CODE[method]}`,
        title: TITLES[area][method],
        area,
        method,
        jp: METHOD_JP[method] + ((a + m) % 3) * (method === 'seminar' ? 1 : 4),
        provider: PROVIDERS[(a * 5 + m) % PROVIDERS.length] ?? PROVIDERS[0],
        planted: false,
      });
    });
  });
  programs.push({
    id: programs.length + 1,
    code: PLANTED.serviceTraining.programCode,
    title: PLANTED.serviceTraining.title,
    area: 'soft_skills',
    method: 'workshop',
    jp: 24,
    provider: 'BKPSDM Kota Palangka Raya',
    planted: true,
  });
  programs.push({
    id: programs.length + 1,
    code: PLANTED.placebo.programCode,
    title: PLANTED.placebo.title,
    area: 'soft_skills',
    method: 'seminar',
    jp: 6,
    provider: 'BKPSDM Kota Palangka Raya',
    planted: true,
  });
  return programs;
}

export const PROGRAM_COLUMNS = [
  'id',
  'code',
  'title',
  'competency_area',
  'method',
  'jp',
  'provider',
  'updated_at',
];
export function programRows(programs: readonly Program[]): unknown[][] {
  return programs.map((p) => [
    p.id,
    p.code,
    p.title,
    p.area,
    p.method,
    p.jp,
    p.provider,
    wibTimestamp(WORLD_START - 30, 9),
  ]);
}
