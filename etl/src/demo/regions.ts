import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Kota Palangka Raya's kecamatan and kelurahan, read from the official codes shipped in
 * `idn-area-data` (Kemendagri, ODbL) rather than typed in, so the demo world and the
 * region dimension agree on every code. We read the package's CSV files directly: its API
 * parses all ~84,000 villages of Indonesia (≈ 1.5 s) to return our 30.
 */
export const PALANGKA_RAYA = '62.71';

export interface Kecamatan {
  readonly code: string;
  readonly name: string;
}
export interface Kelurahan {
  readonly code: string;
  readonly kecamatanCode: string;
  readonly name: string;
}
export interface Regions {
  readonly kecamatan: readonly Kecamatan[];
  readonly kelurahan: readonly Kelurahan[];
}

let cached: Promise<Regions> | undefined;

export function loadRegions(): Promise<Regions> {
  cached ??= (async () => {
    const districts = (await rowsOf('districts.csv')).filter((d) => d[1] === PALANGKA_RAYA);
    const villages = (await rowsOf('villages.csv')).filter((v) => v[1]?.startsWith(`${PALANGKA_RAYA}.`));
    const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);
    return {
      kecamatan: districts.map(([code = '', , name = '']) => ({ code, name: titleCase(name) })).sort(byCode),
      kelurahan: villages
        .map(([code = '', kecamatanCode = '', name = '']) => ({ code, kecamatanCode, name: titleCase(name) }))
        .sort(byCode),
    };
  })();
  return cached;
}

/** Rows (code, parent code, name) of one of the package's CSV files whose code is in the city. */
async function rowsOf(file: string): Promise<string[][]> {
  const pkg = createRequire(import.meta.url).resolve('idn-area-data/package.json');
  const text = await readFile(join(dirname(pkg), 'data', file), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith(`${PALANGKA_RAYA}.`))
    .map((line) => line.split(',').map((field) => field.replace(/^"|"$/g, '')));
}

function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
