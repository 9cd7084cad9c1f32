import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../db/index.ts';
import { createMartTables } from '../marts/contract.ts';
import { loadDimRegion } from './loadDimRegion.ts';
import { normalizeKelurahanCodeSql } from './normalizeKelurahanCodeSql.ts';

describe('dim_region from idn-area-data', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write' });
    await createMartTables((sql) => db.exec(sql));
  });
  afterAll(() => db.close());

  it('loads the 5 kecamatan and 30 kelurahan of Kota Palangka Raya with official names', async () => {
    expect(await loadDimRegion(db)).toBe(30);
    const kecamatan = await db.all(
      `select kecamatan_code, kecamatan_name, count(*) as kelurahan
       from marts.dim_region group by all order by kecamatan_code`,
    );
    expect(kecamatan).toEqual([
      { kecamatan_code: '62.71.01', kecamatan_name: 'Pahandut', kelurahan: 6 },
      { kecamatan_code: '62.71.02', kecamatan_name: 'Bukit Batu', kelurahan: 7 },
      { kecamatan_code: '62.71.03', kecamatan_name: 'Jekan Raya', kelurahan: 4 },
      { kecamatan_code: '62.71.04', kecamatan_name: 'Sabangau', kelurahan: 6 },
      { kecamatan_code: '62.71.05', kecamatan_name: 'Rakumpit', kelurahan: 7 },
    ]);
    expect(
      await db.all(
        `select count(distinct kelurahan_code) as n, min(city_code) as city, max(city_code) as city2
         from marts.dim_region`,
      ),
    ).toEqual([{ n: 30, city: '62.71', city2: '62.71' }]);
    expect(
      await db.all(`select kelurahan_name from marts.dim_region where kelurahan_code = '62.71.03.1002'`),
    ).toEqual([{ kelurahan_name: 'Menteng' }]);
  });

  it('normalises undotted kelurahan codes to the dotted form and keeps unknown ones visible', async () => {
    const rows = await db.all(
      `select ${normalizeKelurahanCodeSql('c')} as code
       from (values ('6271011001'), (' 62.71.01.1001 '), ('99'), (''), (null)) t(c)`,
    );
    expect(rows.map((r) => r.code)).toEqual(['62.71.01.1001', '62.71.01.1001', '99', null, null]);
  });
});
