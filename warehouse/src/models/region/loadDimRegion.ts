import type { Db } from '../../db/index.ts';
import { PALANGKA_RAYA_CODE, palangkaRayaKelurahan } from './palangkaRayaKelurahan.ts';

const COLUMNS = [
  'kelurahan_code',
  'kelurahan_name',
  'kecamatan_code',
  'kecamatan_name',
  'city_code',
] as const;

/**
 * Fills `marts.dim_region` (one row per kelurahan of the city) through the appender. The table must
 * exist (see `createMartTables`) and be empty. Returns the number of kelurahan loaded.
 */
export async function loadDimRegion(db: Db, cityCode = PALANGKA_RAYA_CODE): Promise<number> {
  const rows = await palangkaRayaKelurahan(cityCode);
  if (rows.length === 0) throw new Error(`idn-area-data has no kelurahan for city ${cityCode}`);
  return db.appendRows(
    'marts.dim_region',
    COLUMNS,
    rows.map((row) => COLUMNS.map((column) => row[column])),
  );
}
