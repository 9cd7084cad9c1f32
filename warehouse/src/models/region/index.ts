export { loadDimRegion } from './loadDimRegion.ts';
export { normalizeKelurahanCodeSql } from './normalizeKelurahanCodeSql.ts';
export { type KelurahanRow, PALANGKA_RAYA_CODE, palangkaRayaKelurahan } from './palangkaRayaKelurahan.ts';
