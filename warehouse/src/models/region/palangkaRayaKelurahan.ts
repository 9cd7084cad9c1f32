import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
 * (kecamatan), `62.71` (city). The marts keep that form (so does the demo generator for
 * service_requests.kelurahan_code); undotted source codes are normalised to it by
 * `normalizeKelurahanCodeSql`.
 *
 * The package's CSV files are read directly and filtered by code prefix: its `getVillages()` API
 * parses all ~84,000 villages of Indonesia (over a second) to hand back our 30.
 */
export async function palangkaRayaKelurahan(cityCode = PALANGKA_RAYA_CODE): Promise<KelurahanRow[]> {
  let rows = cache.get(cityCode);
  if (!rows) {
    rows = readKelurahan(cityCode);
    cache.set(cityCode, rows);
    rows.catch(() => cache.delete(cityCode));
  }
  return [...(await rows)];
}

const cache = new Map<string, Promise<KelurahanRow[]>>();

async function readKelurahan(cityCode: string): Promise<KelurahanRow[]> {
  const [districts, villages] = await Promise.all([
    rowsWithPrefix('districts.csv', `${cityCode}.`),
    rowsWithPrefix('villages.csv', `${cityCode}.`),
  ]);
  // districts.csv: code,regency_code,name; villages.csv: code,district_code,name
  const kecamatan = new Map(
    districts.filter((d) => d[1] === cityCode).map((d) => [d[0] ?? '', d[2] ?? ''] as const),
  );
  return villages
    .filter((v) => kecamatan.has(v[1] ?? ''))
    .map(([code = '', district = '', name = '']) => ({
      kelurahan_code: code,
      kelurahan_name: name,
      kecamatan_code: district,
      kecamatan_name: kecamatan.get(district) ?? '',
      city_code: cityCode,
    }))
    .sort((a, b) => (a.kelurahan_code < b.kelurahan_code ? -1 : a.kelurahan_code > b.kelurahan_code ? 1 : 0));
}

/** The rows of one of the package's data files whose first field starts with `prefix`. */
async function rowsWithPrefix(file: string, prefix: string): Promise<string[][]> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json'));
  const text = await readFile(join(packageDir, 'data', file), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith(prefix))
    .map(parseCsvLine);
}

/** RFC 4180 fields of one line (names may be quoted when they hold a comma or a quote). */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
