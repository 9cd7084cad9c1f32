import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../db/index.ts';
import { normalizeKelurahanCodeSql } from '../region/normalizeKelurahanCodeSql.ts';
import {
  ageBandSql,
  gradeGroupSql,
  kelurahanCodeSql,
  LOCAL_TIME_ZONE,
  localDate,
  positionClassSql,
  tenureBandSql,
} from './sql-fragments.ts';

describe('mart SQL fragments', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
  });
  afterAll(() => db.close());

  const column = async (sql: string) => (await db.all<{ v: unknown }>(sql)).map((r) => r.v);

  it('groups golongan I/x..IV/x by their roman prefix and PPPK grades (no slash) as PPPK', async () => {
    const grades = [
      'I/a',
      'I/d',
      'II/a',
      'II/d',
      'III/a',
      'III/d',
      'IV/a',
      'IV/e',
      'I',
      'VII',
      'XVII',
      'V/a',
      'x',
    ];
    const values = grades.map((g, i) => `(${i}, '${g}')`).join(', ');
    expect(
      await column(`select ${gradeGroupSql('g')} as v from (values ${values}) t(i, g) order by i`),
    ).toEqual(['I', 'I', 'II', 'II', 'III', 'III', 'IV', 'IV', 'PPPK', 'PPPK', 'PPPK', 'unknown', 'unknown']);
  });

  it('classes JPT, administrator and pengawas as managerial', async () => {
    const types = [
      'jpt_utama',
      'jpt_madya',
      'jpt_pratama',
      'administrator',
      'pengawas',
      'fungsional',
      'pelaksana',
    ];
    const values = types.map((p, i) => `(${i}, '${p}')`).join(', ');
    expect(
      await column(`select ${positionClassSql('p')} as v from (values ${values}) t(i, p) order by i`),
    ).toEqual([
      'managerial',
      'managerial',
      'managerial',
      'managerial',
      'managerial',
      'non_managerial',
      'non_managerial',
    ]);
  });

  it('bands tenure by completed years: 4.99 years is <5, exactly 5 years is 5-9', async () => {
    const events = [
      '2010-02-28', // before appointment
      '2015-02-28', // 4 years 364 days
      '2015-03-01', // 5 years
      '2020-02-29', // 9.99
      '2020-03-01', // 10
      '2030-02-28', // 19.99
      '2030-03-01', // 20
    ];
    const values = events.map((d, i) => `(${i}, DATE '${d}')`).join(', ');
    expect(
      await column(
        `select ${tenureBandSql("DATE '2010-03-01'", 'd')} as v from (values ${values}) t(i, d) order by i`,
      ),
    ).toEqual(['<5', '<5', '5-9', '5-9', '10-19', '10-19', '20+']);
  });

  it('bands age from the birth year only', async () => {
    const years = [2014, 2015, 2024, 2025, 2034, 2035];
    const values = years.map((y, i) => `(${i}, make_date(${y}, 6, 30))`).join(', ');
    expect(
      await column(`select ${ageBandSql('1985', 'd')} as v from (values ${values}) t(i, d) order by i`),
    ).toEqual(['<30', '30-39', '30-39', '40-49', '40-49', '50+']);
  });

  it('takes business dates in Palangka Raya time (WIB), whatever the session time zone', async () => {
    expect(await column(`select ${localDate("TIMESTAMPTZ '2024-05-31 17:30:00+00'")} as v`)).toEqual([
      '2024-06-01',
    ]);
    expect(await column(`select ${localDate("TIMESTAMPTZ '2024-05-31 16:59:59.999+00'")} as v`)).toEqual([
      '2024-05-31',
    ]);
    // The fixed offset agrees with the ICU time zone over the years of the data, hour by hour.
    expect(
      await column(
        `select count(*) as v
         from range(TIMESTAMPTZ '1999-12-31 00:00:00+00', TIMESTAMPTZ '2036-01-02 00:00:00+00', INTERVAL 1 HOUR) t(ts)
         where ${localDate('ts')} <> CAST(timezone('${LOCAL_TIME_ZONE}', ts) AS DATE)`,
      ),
    ).toEqual([0]);
  });

  it('normalises kelurahan codes exactly like normalizeKelurahanCodeSql (its fast path included)', async () => {
    // Dotted, undotted, padded with ASCII and Unicode spaces (DuckDB trims the Zs category), tabs
    // (not trimmed), empty, 10 bytes that are not 10 digits, multi-byte characters, NULL.
    const literals = [
      "'62.71.01.1001'",
      "'6271011001'",
      "' 6271011001 '",
      "'  62.71.01.1001'",
      "'62.71.01.1001 '",
      "''",
      "'   '",
      "'627101100x'",
      "'62710110011'",
      "'627101100'",
      "chr(9) || '6271011001'",
      "'6271011001' || chr(10)",
      "chr(160) || '6271011001'",
      "'62.71.01.1001' || chr(12288)",
      "chr(8239) || '62.71' || chr(8239)",
      "'é6271011001'",
      "'62 71 01 1001'",
      "'abc'",
      'NULL',
      ...[32, 160, 5760, 8192, 8202, 8239, 8287, 12288, 9, 10, 11, 12, 13, 133, 8203, 65279].map(
        (c) => `chr(${c}) || '6271011001' || chr(${c})`,
      ),
    ];
    const values = literals.map((l, i) => `(${i}, ${l})`).join(', ');
    const rows = await db.all<{ i: number; fast: string | null; full: string | null }>(
      `select i, ${kelurahanCodeSql('c')} as fast, ${normalizeKelurahanCodeSql('c')} as full
       from (values ${values}) t(i, c) order by i`,
    );
    expect(rows).toHaveLength(literals.length);
    for (const r of rows) expect({ i: r.i, v: r.fast }).toEqual({ i: r.i, v: r.full });
    expect(rows.slice(0, 3).map((r) => r.fast)).toEqual(['62.71.01.1001', '62.71.01.1001', '62.71.01.1001']);
    expect(rows[5]?.fast).toBeNull();
  });
});
