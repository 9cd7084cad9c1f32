import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../db/index.ts';
import { createMartTables } from '../models/marts/contract.ts';
import { readFilterVocabulary, readYearSpan, unknownValues } from './vocabulary.ts';

describe('filter vocabulary and year span', () => {
  let db: Db;
  let empty: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
    empty = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
    await createMartTables((sql) => db.exec(sql));
    await createMartTables((sql) => empty.exec(sql));
    await db.exec(`
      INSERT INTO marts.dim_agency VALUES
        (1, 'B01', 'Dinas Lama', 'Dinas Baru', 'dinas', NULL, DATE '2020-01-01', DATE '2022-12-31', FALSE),
        (2, 'B01', 'Dinas Baru', 'Dinas Baru', 'dinas', NULL, DATE '2023-01-01', NULL, TRUE),
        (3, 'A01', 'Kecamatan Satu', 'Kecamatan Satu', 'kecamatan', 'B01', DATE '2020-01-01', DATE '2021-06-30', FALSE);
      INSERT INTO marts.dim_program VALUES (10, 'P2', 'Pelayanan Prima', 'technical', 'workshop', 24, NULL);
      INSERT INTO marts.dim_service_type VALUES ('ktp_el', 'KTP-el', 'B01', 1);
      INSERT INTO marts.dim_region VALUES ('62.71.01.1001', 'Pahandut', '62.71.01', 'Pahandut', '62.71');
      INSERT INTO marts.fct_headcount VALUES
        ('k1', 2021, 'B01', 'dinas', 'III', '<5', 'PNS', '<30', 'F'),
        ('k1', 2024, 'B01', 'dinas', 'III', '<5', 'PNS', '<30', 'F'),
        ('k2', 2022, 'B01', 'dinas', 'IV', '20+', 'PNS', '50+', 'M');`);
  });
  afterAll(async () => {
    await db.close();
    await empty.close();
  });

  it('knows every agency code (closed versions too), the programs, service types and kelurahan', async () => {
    const v = await readFilterVocabulary(db);
    expect([...v.agencies].sort()).toEqual(['A01', 'B01']);
    expect([...v.programs]).toEqual(['P2']);
    expect([...v.serviceTypes]).toEqual(['ktp_el']);
    expect([...v.kelurahan]).toEqual(['62.71.01.1001']);
  });

  it('takes fixed domains from the accepted values, rows or no rows', async () => {
    const v = await readFilterVocabulary(empty);
    expect([...v.methods].sort()).toEqual(['classroom', 'coaching', 'e_learning', 'seminar', 'workshop']);
    expect([...v.tenureBands]).toEqual(['<5', '5-9', '10-19', '20+']);
    expect([...v.gradeGroups]).toEqual(['I', 'II', 'III', 'IV', 'PPPK']);
    expect([...v.employmentTypes]).toEqual(['PNS', 'PPPK']);
    expect(v.competencyAreas.has('it')).toBe(true);
    expect(v.agencies.size).toBe(0);
  });

  it("lists a field's unknown values, in order, each once", async () => {
    const v = await readFilterVocabulary(db);
    expect(unknownValues('agencies', undefined, v)).toEqual([]);
    expect(unknownValues('agencies', ['B01', 'A01'], v)).toEqual([]);
    expect(unknownValues('agencies', ['B01', 'X9', 'b01', 'X9'], v)).toEqual(['X9', 'b01']);
    expect(unknownValues('methods', ['e-learning', 'workshop'], v)).toEqual(['e-learning']);
    expect(unknownValues('kelurahan', ['6271011001'], v)).toEqual(['6271011001']);
  });

  it('gives the years of the headcount, or null without facts', async () => {
    expect(await readYearSpan(db)).toEqual({ first: 2021, last: 2024 });
    expect(await readYearSpan(empty)).toBeNull();
  });
});
