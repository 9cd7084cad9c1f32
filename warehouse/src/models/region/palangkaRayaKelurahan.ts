import { getDistricts, getVillages } from 'idn-area-data';

/** Kemendagri code of Kota Palangka Raya (BPS 6271), in idn-area-data's dotted format. */
export const PALANGKA_RAYA_CODE = '62.71';

/** One kelurahan with its kecamatan: a `marts.dim_region` row. */
export interface KelurahanRow {
  readonly kelurahan_code: string;
  readonly kelurahan_name: string;
  readonly kecamatan_code: string;
  readonly kecamatan_name: string;
  readonly city_code: string;
}

/**
 * The kelurahan of one city (default Palangka Raya) from `idn-area-data` (official Kemendagri codes
 * and names), sorted by code so the dimension loads identically every time.
 *
 * Code format: the package's dotted Kemendagri form, `62.71.01.1001` (kelurahan), `62.71.01`
 * (kecamatan), `62.71` (city). The marts keep that form; undotted source codes are normalised to it
 * by `normalizeKelurahanCodeSql`.
 */
export async function palangkaRayaKelurahan(cityCode = PALANGKA_RAYA_CODE): Promise<KelurahanRow[]> {
  let rows = cache.get(cityCode);
  if (!rows) {
    // Parsing the package's 80,000 villages takes a few hundred ms; the data never changes in a process.
    rows = readKelurahan(cityCode);
    cache.set(cityCode, rows);
    rows.catch(() => cache.delete(cityCode));
  }
  return [...(await rows)];
}

const cache = new Map<string, Promise<KelurahanRow[]>>();

async function readKelurahan(cityCode: string): Promise<KelurahanRow[]> {
  const [districts, villages] = await Promise.all([getDistricts(), getVillages()]);
  const kecamatan = new Map(
    districts.filter((d) => d.regency_code === cityCode).map((d) => [d.code, d.name] as const),
  );
  return villages
    .filter((v) => kecamatan.has(v.district_code))
    .map((v) => ({
      kelurahan_code: v.code,
      kelurahan_name: v.name,
      kecamatan_code: v.district_code,
      kecamatan_name: kecamatan.get(v.district_code) ?? '',
      city_code: cityCode,
    }))
    .sort((a, b) => (a.kelurahan_code < b.kelurahan_code ? -1 : a.kelurahan_code > b.kelurahan_code ? 1 : 0));
}
