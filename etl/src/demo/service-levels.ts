import { WORLD_START, wibTimestamp } from './calendar.ts';

/**
 * Public services and their SLA (DOMAIN §6: targets differ by source, so they live in this
 * parameter table, not in code that computes SLA). `baseDays` is the demo world's typical
 * handling time before noise; `dailyVolume` is requests per working day at scale 1.
 * Kecamatan services have no single agency (each kecamatan office provides them).
 */
export interface ServiceLevel {
  readonly serviceType: string;
  readonly name: string;
  /** Providing agency code; null = every kecamatan office. */
  readonly agencyCode: string | null;
  readonly targetDays: number;
  readonly baseDays: number;
  readonly dailyVolume: number;
}

export const SERVICE_LEVELS: readonly ServiceLevel[] = [
  {
    serviceType: 'ktp_el',
    name: 'Kartu Tanda Penduduk Elektronik (KTP-el)',
    agencyCode: 'DISDUKCAPIL',
    targetDays: 1,
    baseDays: 0.9,
    dailyVolume: 150,
  },
  {
    serviceType: 'kk',
    name: 'Kartu Keluarga (KK)',
    agencyCode: 'DISDUKCAPIL',
    targetDays: 1,
    baseDays: 1.0,
    dailyVolume: 140,
  },
  {
    serviceType: 'kia',
    name: 'Kartu Identitas Anak (KIA)',
    agencyCode: 'DISDUKCAPIL',
    targetDays: 1,
    baseDays: 0.8,
    dailyVolume: 60,
  },
  {
    serviceType: 'akta_kelahiran',
    name: 'Akta Kelahiran',
    agencyCode: 'DISDUKCAPIL',
    targetDays: 2,
    baseDays: 1.6,
    dailyVolume: 90,
  },
  {
    serviceType: 'akta_kematian',
    name: 'Akta Kematian',
    agencyCode: 'DISDUKCAPIL',
    targetDays: 2,
    baseDays: 1.6,
    dailyVolume: 25,
  },
  {
    serviceType: 'akta_perkawinan',
    name: 'Akta Perkawinan',
    agencyCode: 'DISDUKCAPIL',
    targetDays: 3,
    baseDays: 2.4,
    dailyVolume: 15,
  },
  {
    serviceType: 'pindah_datang',
    name: 'Surat Keterangan Pindah/Datang',
    agencyCode: 'DISDUKCAPIL',
    targetDays: 2,
    baseDays: 1.5,
    dailyVolume: 95,
  },
  {
    serviceType: 'pbg',
    name: 'Persetujuan Bangunan Gedung (PBG)',
    agencyCode: 'DPMPTSP',
    targetDays: 28,
    baseDays: 20,
    dailyVolume: 8,
  },
  {
    serviceType: 'izin_reklame',
    name: 'Izin Reklame',
    agencyCode: 'DPMPTSP',
    targetDays: 7,
    baseDays: 5,
    dailyVolume: 12,
  },
  {
    serviceType: 'sip_nakes',
    name: 'Surat Izin Praktik Tenaga Kesehatan',
    agencyCode: 'DPMPTSP',
    targetDays: 5,
    baseDays: 3.5,
    dailyVolume: 15,
  },
  {
    serviceType: 'izin_usaha_mikro',
    name: 'Izin Usaha Mikro dan Kecil',
    agencyCode: 'DPMPTSP',
    targetDays: 3,
    baseDays: 2,
    dailyVolume: 35,
  },
  {
    serviceType: 'rekomendasi_bansos',
    name: 'Rekomendasi Bantuan Sosial / Surat Keterangan Tidak Mampu',
    agencyCode: 'DINSOS',
    targetDays: 5,
    baseDays: 3,
    dailyVolume: 25,
  },
  {
    serviceType: 'surat_keterangan_kecamatan',
    name: 'Surat Keterangan dan Legalisasi Kecamatan',
    agencyCode: null,
    targetDays: 1,
    baseDays: 0.6,
    dailyVolume: 60,
  },
  {
    serviceType: 'rekomendasi_izin_kecamatan',
    name: 'Rekomendasi Izin Keramaian dan Usaha (Kecamatan)',
    agencyCode: null,
    targetDays: 3,
    baseDays: 2,
    dailyVolume: 20,
  },
];

export const SERVICE_LEVEL_COLUMNS = [
  'id',
  'service_type',
  'name',
  'agency_code',
  'target_days',
  'updated_at',
];
export function serviceLevelRows(): unknown[][] {
  return SERVICE_LEVELS.map((s, i) => [
    i + 1,
    s.serviceType,
    s.name,
    s.agencyCode,
    s.targetDays,
    wibTimestamp(WORLD_START - 60, 9),
  ]);
}
