import { day, isoDate } from './calendar.ts';
import type { Regions } from './regions.ts';

/**
 * Kota Palangka Raya's perangkat daerah (DOMAIN §7), with the facts the rest of the world
 * hangs on them: how many staff (relative weight), how many of them are women, what share
 * are functional staff (teachers, nurses), and whether they serve the public over a counter.
 *
 * Codes are stable across renames; a rename closes one version (valid_to = its last day)
 * and opens the next with the same code. BKPSDM was BKPP until the end of 2017.
 */
export type AgencyKind = 'dinas' | 'badan' | 'kecamatan' | 'sekretariat' | 'inspektorat' | 'kelurahan';

export interface AgencyProfile {
  readonly code: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly parentCode: string | null;
  /** Headcount at scale 1 (before sampling noise). */
  readonly headcount: number;
  readonly femaleShare: number;
  /** Share of fungsional staff among non-managerial staff. */
  readonly fungsionalShare: number;
  /** Academic title suffix typical of the agency's graduates (names only). */
  readonly titles: readonly string[];
}

export interface AgencyVersion {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly parentId: number | null;
  readonly validFrom: number;
  readonly validTo: number | null;
}

/** All agencies exist from this day on (the world starts long before the 2021–2025 window). */
export const AGENCY_EPOCH = day(1980, 1, 1);
export const BKPSDM_RENAMED_ON = day(2018, 1, 1);

const GENERIC = ['S.E.', 'S.H.', 'S.Sos.', 'S.AP.', 'S.Kom.', 'S.T.'] as const;

const p = (
  code: string,
  name: string,
  kind: AgencyKind,
  headcount: number,
  femaleShare = 0.55,
  fungsionalShare = 0.15,
  titles: readonly string[] = GENERIC,
): AgencyProfile => ({
  code,
  name,
  kind,
  parentCode: kind === 'sekretariat' || kind === 'inspektorat' ? null : 'SETDA',
  headcount,
  femaleShare,
  fungsionalShare,
  titles,
});

export const AGENCY_PROFILES: readonly AgencyProfile[] = [
  p('SETDA', 'Sekretariat Daerah Kota Palangka Raya', 'sekretariat', 260, 0.55),
  p('INSPEKTORAT', 'Inspektorat Kota Palangka Raya', 'inspektorat', 55, 0.55, 0.5, ['S.E.', 'S.Ak.', 'S.H.']),
  p('BAPPEDA', 'Badan Perencanaan Pembangunan Daerah', 'badan', 60, 0.55, 0.3),
  p('BPKAD', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'badan', 90, 0.6, 0.1, ['S.E.', 'S.Ak.']),
  p('BPPRD', 'Badan Pengelola Pajak dan Retribusi Daerah', 'badan', 75, 0.55, 0.1, ['S.E.', 'S.Ak.']),
  p('BKPSDM', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'badan', 70, 0.6, 0.2, [
    'S.Psi.',
    'S.Sos.',
    'S.H.',
  ]),
  p('BPBD', 'Badan Penanggulangan Bencana Daerah', 'badan', 60, 0.3),
  p('DISDIK', 'Dinas Pendidikan', 'dinas', 2400, 0.72, 0.92, ['S.Pd.', 'S.Pd.I.', 'S.Pd.SD.']),
  p('DINKES', 'Dinas Kesehatan', 'dinas', 900, 0.75, 0.85, ['S.Kep.', 'S.KM.', 'S.Farm.', 'S.Keb.']),
  p('DISDUKCAPIL', 'Dinas Kependudukan dan Pencatatan Sipil', 'dinas', 130, 0.6, 0.1),
  p('DINSOS', 'Dinas Sosial', 'dinas', 70, 0.6, 0.3, ['S.Sos.', 'S.Tr.Sos.']),
  p('DISKOMINFO', 'Dinas Komunikasi, Informatika, Statistik dan Persandian', 'dinas', 60, 0.45, 0.3, [
    'S.Kom.',
    'S.T.',
    'S.I.Kom.',
  ]),
  p('DPMPTSP', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'dinas', 65, 0.55, 0.1),
  p(
    'DISDALDUKKBP3APM',
    'Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan, Perlindungan Anak dan Pemberdayaan Masyarakat',
    'dinas',
    110,
    0.7,
    0.4,
  ),
  p('DKPP', 'Dinas Ketahanan Pangan dan Pertanian', 'dinas', 110, 0.45, 0.4, ['S.P.', 'S.Pt.', 'S.TP.']),
  p('DLH', 'Dinas Lingkungan Hidup', 'dinas', 150, 0.35, 0.1, ['S.T.', 'S.Si.']),
  p('DAMKAR', 'Dinas Pemadam Kebakaran dan Penyelamatan', 'dinas', 120, 0.12, 0.05),
  p('SATPOLPP', 'Satuan Polisi Pamong Praja', 'dinas', 200, 0.25, 0.05, ['S.H.', 'S.Sos.']),
];

export const KECAMATAN_HEADCOUNT = 50;
export const KELURAHAN_HEADCOUNT = 5;

export interface AgencyDirectory {
  readonly versions: readonly AgencyVersion[];
  readonly profiles: readonly AgencyProfile[];
  /** The version of `code` valid on day `d`. */
  versionOn(code: string, d: number): AgencyVersion;
  /** Every version of `code`, oldest first. */
  versionsOf(code: string): readonly AgencyVersion[];
  profile(code: string): AgencyProfile;
}

export function kecamatanAgencyCode(kecamatanCode: string): string {
  return `KEC-${kecamatanCode}`;
}

export function buildAgencies(regions: Regions): AgencyDirectory {
  const profiles: AgencyProfile[] = [...AGENCY_PROFILES];
  for (const k of regions.kecamatan)
    profiles.push({
      ...p(kecamatanAgencyCode(k.code), `Kecamatan ${k.name}`, 'kecamatan', KECAMATAN_HEADCOUNT, 0.5, 0.05),
    });
  for (const k of regions.kelurahan)
    profiles.push({
      ...p(`KEL-${k.code}`, `Kelurahan ${k.name}`, 'kelurahan', KELURAHAN_HEADCOUNT, 0.5, 0),
      parentCode: kecamatanAgencyCode(k.kecamatanCode),
    });

  const versions: AgencyVersion[] = [];
  const byCode = new Map<string, AgencyVersion[]>();
  const add = (v: Omit<AgencyVersion, 'id'>) => {
    const version = { ...v, id: versions.length + 1 };
    versions.push(version);
    byCode.set(v.code, [...(byCode.get(v.code) ?? []), version]);
  };
  const parentId = (code: string | null) => {
    if (code === null) return null;
    const list = byCode.get(code);
    const current = list?.[list.length - 1];
    if (!current) throw new Error(`parent ${code} must be listed before its children`);
    return current.id;
  };
  for (const prof of profiles) {
    const base = { code: prof.code, kind: prof.kind, parentId: parentId(prof.parentCode) };
    if (prof.code === 'BKPSDM') {
      add({
        ...base,
        name: 'Badan Kepegawaian, Pendidikan dan Pelatihan (BKPP)',
        validFrom: AGENCY_EPOCH,
        validTo: BKPSDM_RENAMED_ON - 1,
      });
      add({ ...base, name: prof.name, validFrom: BKPSDM_RENAMED_ON, validTo: null });
    } else {
      add({ ...base, name: prof.name, validFrom: AGENCY_EPOCH, validTo: null });
    }
  }
  const profileByCode = new Map(profiles.map((prof) => [prof.code, prof]));
  return {
    versions,
    profiles,
    versionsOf(code) {
      const list = byCode.get(code);
      if (!list) throw new Error(`unknown agency ${code}`);
      return list;
    },
    versionOn(code, d) {
      const list = this.versionsOf(code);
      const v = list.find((x) => x.validFrom <= d && (x.validTo === null || d <= x.validTo));
      if (!v) throw new Error(`agency ${code} has no version on ${isoDate(d)}`);
      return v;
    },
    profile(code) {
      const prof = profileByCode.get(code);
      if (!prof) throw new Error(`unknown agency ${code}`);
      return prof;
    },
  };
}
