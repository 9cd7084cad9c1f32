import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../source-schema/catalog.ts';
import { type LandingTableName, landingColumns } from './checkedColumns.ts';
import { employeeReferences, NATURAL_REFERENCES } from './naturalReferences.ts';
import { employeeIdRules, tableRules } from './rules.ts';
import { ident, lit } from './sql.ts';

/**
 * The NIP rules follow the catalog's `employee_id` kind, not the employees table: a new table's NIP
 * column is checked as employees.nip is. Judged here with `tableRules` over a landed fixture table
 * (text columns, as the ETL lands them), verdict = the first rule that matches, as in `checkSql`.
 */

/** A table the catalog does not have (never in the real catalog): the review's mentoring sessions. */
const MENTORING: readonly ColumnSpec[] = [
  { name: 'id', type: 'bigint', required: true },
  { name: 'nomor_induk', type: 'text', required: true, personal: 'employee_id' },
  { name: 'session_date', type: 'date', required: true },
  { name: 'hours', type: 'numeric', required: true },
];

/** A MENTORING row with this id and NIP column value. */
const session = (id: string, nomorInduk: string | null) => ({
  id,
  nomor_induk: nomorInduk,
  session_date: '2024-05-01',
  hours: '2',
});

/** Another: a NIP beside the sex the source records for the same person. */
const MENTEES: readonly ColumnSpec[] = [
  { name: 'id', type: 'bigint', required: true },
  { name: 'mentee_nip', type: 'text', required: false, personal: 'employee_id' },
  { name: 'sex', type: 'text', required: false, values: ['M', 'F'] },
];

describe('NIP rules for every employee_id column', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write' });
    await db.exec('CREATE SCHEMA land; CREATE SCHEMA stg;');
  });
  afterAll(() => db.close());

  /**
   * Lands `rows` as text in land.l_<table> and returns `id: REASON: detail` per row ('' = passes).
   * A NIP column's pseudonym (`<name>_key`, which the ETL lands beside the row) stands in as the
   * NIP itself, and stg.employees holds `employees` as its keys (default: every NIP of the rows).
   */
  async function verdicts(
    table: string,
    columns: readonly ColumnSpec[],
    rows: readonly Record<string, string | null>[],
    employees?: readonly string[],
  ): Promise<string[]> {
    const landed = `land.${ident(`l_${table}`)}`;
    const refs = employeeReferences(table, columns);
    const names = [...columns.map((c) => c.name), ...refs.map((r) => r.column)];
    const landedValue = (row: Record<string, string | null>, name: string) =>
      row[refs.find((r) => r.column === name)?.pseudonymOf ?? name] ?? null;
    await db.exec(
      `CREATE OR REPLACE TABLE ${landed} (${names.map((n) => `${ident(n)} VARCHAR`).join(', ')})`,
    );
    for (const row of rows) {
      await db.exec(
        `INSERT INTO ${landed} VALUES (${names.map((n) => (landedValue(row, n) === null ? 'NULL' : lit(landedValue(row, n) as string))).join(', ')})`,
      );
    }
    if (refs.length > 0) {
      const keys =
        employees ??
        rows.flatMap((row) => refs.flatMap((r) => (row[r.pseudonymOf!] ? [row[r.pseudonymOf!]!] : [])));
      await db.exec('CREATE OR REPLACE TABLE stg.employees (employee_key VARCHAR)');
      for (const key of keys) await db.exec(`INSERT INTO stg.employees VALUES (${lit(key)})`);
    }
    const { rules, joins } = tableRules(table as LandingTableName, { dedupe: false }, columns);
    const result = await db.all<{ id: string; verdict: string | null }>(
      `SELECT r.id, CASE ${rules.map((rule) => `WHEN ${rule.when} THEN '${rule.reason}: ' || (${rule.detail})`).join(' ')} END AS verdict
       FROM ${landed} AS r ${joins.map((j) => j.sql).join(' ')} ORDER BY TRY_CAST(r.id AS INTEGER)`,
    );
    return result.map((r) => `${r.id}: ${r.verdict ?? ''}`);
  }

  it('quarantines a malformed NIP in a new table’s employee_id column, and lets NIPs and NI PPPKs through', async () => {
    expect(
      await verdicts('mentoring_sessions', MENTORING, [
        session('1', '199003152015031001'),
        session('2', '199003152022211001'), // an NI PPPK (digits 13–14 are 21): not validated as a NIP
        session('3', '19900315201503100'),
        session('4', '1.99003E+17'),
        session('5', '19900315 201503 1 001'),
        session('6', '199002302015031001'),
        session('7', '199003152015131001'),
        session('8', '199003152015033001'),
        session('9', '199003151989031001'),
        session('10', null),
      ]),
    ).toEqual([
      '1: ',
      '2: ',
      '3: NIP_MALFORMED: nomor_induk is not 18 digits',
      '4: NIP_MALFORMED: nomor_induk is not 18 digits: Excel turned it into a number (format the column as Text and type the NIP or NI PPPK again)',
      '5: NIP_MALFORMED: nomor_induk is not 18 digits: remove the spaces',
      '6: NIP_MALFORMED: nomor_induk birth date part is not a date',
      '7: NIP_MALFORMED: nomor_induk appointment month is not 01..12',
      '8: NIP_MALFORMED: nomor_induk sex digit is not 1 or 2',
      '9: NIP_MALFORMED: nomor_induk appointment month is not after birth month',
      '10: MISSING_REQUIRED: nomor_induk is empty',
    ]);
  });

  it('quarantines a well-formed NIP that names no employee as UNKNOWN_REFERENCE, by its pseudonym, never showing it', async () => {
    expect(
      await verdicts(
        'mentoring_sessions',
        MENTORING,
        [
          session('1', '199003152015031001'), // an employee's
          session('2', '198711022012122001'), // well-formed, nobody's
          session('3', '19900315201503100'), // malformed: that rule first
        ],
        ['199003152015031001'],
      ),
    ).toEqual([
      '1: ',
      '2: UNKNOWN_REFERENCE: nomor_induk names no employee (no valid employees row has this NIP or NI PPPK)',
      '3: NIP_MALFORMED: nomor_induk is not 18 digits',
    ]);
    // Optional and empty: names nobody, refers to nothing.
    expect(
      await verdicts('mentees', MENTEES, [{ id: '1', mentee_nip: null, sex: 'F' }], ['199003152015031001']),
    ).toEqual(['1: ']);
  });

  it('derives the reference from each NIP column of a table other than employees, none in today’s catalog', () => {
    expect(employeeReferences('mentoring_sessions', MENTORING)).toEqual([
      {
        table: 'mentoring_sessions',
        column: 'nomor_induk_key',
        parent: 'employees',
        parentColumn: 'employee_key',
        pseudonymOf: 'nomor_induk',
      },
    ]);
    // employees' own NIP is the key itself, not a reference.
    expect(employeeReferences('employees', landingColumns('employees'))).toEqual([]);
    // The catalog's tables refer to employees by employee_id: no NIP reference today, so the
    // declared references are the whole list (the sweeps read it).
    expect(NATURAL_REFERENCES.filter((r) => r.pseudonymOf !== undefined)).toEqual([]);
  });

  it('checks a NIP against the record columns its table has (NIP_INCONSISTENT)', async () => {
    expect(
      await verdicts('mentees', MENTEES, [
        { id: '1', mentee_nip: '199003152015031001', sex: 'M' },
        { id: '2', mentee_nip: '199003152015031001', sex: 'F' },
        { id: '3', mentee_nip: '199003152015032001', sex: null },
        { id: '4', mentee_nip: null, sex: 'F' },
      ]),
    ).toEqual(['1: ', '2: NIP_INCONSISTENT: mentee_nip sex digit differs from sex', '3: ', '4: ']);
  });

  it('keeps the employees’ rules, and checks ni_pppk for 18 digits only (another layout)', async () => {
    const employee = (id: string, extra: Record<string, string | null>) => ({
      id,
      nip: '198005122005031001',
      ni_pppk: null,
      sex: 'M',
      birth_date: '1980-05-12',
      employment_type: 'PNS',
      appointed_on: '2006-03-01',
      education: null,
      updated_at: '2024-01-01 00:00:00+07',
      ...extra,
    });
    const pppk = { employment_type: 'PPPK', nip: null, appointed_on: '2022-03-01' };
    expect(
      await verdicts('employees', landingColumns('employees'), [
        employee('1', {}),
        employee('2', { nip: '198005122005031001', sex: 'F' }),
        employee('3', { nip: '198005122022211001' }), // an NI PPPK in the nip column is no NIP
        employee('4', { ...pppk, ni_pppk: '198005122022211001' }),
        employee('5', { ...pppk, ni_pppk: '1.98005E+17' }),
        employee('6', { ...pppk, ni_pppk: '298005122022211001' }), // 18 digits: not parsed
      ]),
    ).toEqual([
      '1: ',
      '2: NIP_INCONSISTENT: nip sex digit differs from sex',
      '3: NIP_MALFORMED: nip appointment month is not 01..12',
      '4: ',
      '5: NIP_MALFORMED: ni_pppk is not 18 digits: Excel turned it into a number (format the column as Text and type the NI PPPK again)',
      '6: ',
    ]);
  });

  it('checks the NIP appointment month against appointed_on both ways, with 24 months of tolerance', async () => {
    // NIP 198005122005031001: CPNS appointment 2005-03.
    const employee = (id: string, appointedOn: string, nip = '198005122005031001') => ({
      id,
      nip,
      ni_pppk: null,
      sex: 'M',
      birth_date: '1980-05-12',
      employment_type: 'PNS',
      appointed_on: appointedOn,
      education: null,
      updated_at: '2024-01-01 00:00:00+07',
    });
    expect(
      await verdicts('employees', landingColumns('employees'), [
        employee('1', '2005-03-01'), // the NIP's month
        employee('2', '2005-02-28'), // a month before it: the NIP's appointment came later
        employee('3', '2006-03-01'), // 12 months after (CPNS → PNS)
        employee('4', '2007-03-31'), // 24 months after: the tolerance
        employee('5', '2007-04-01'), // 25 months after
        employee('6', '2015-05-01'), // ten years after: tenure ten years short
        employee('7', '2006-12-01', '198005122004121001'), // NIP 2004-12: 24 months across years
        employee('8', '2007-01-01', '198005122004121001'), // 25 across years
      ]),
    ).toEqual([
      '1: ',
      '2: NIP_INCONSISTENT: nip appointment month is after appointed_on',
      '3: ',
      '4: ',
      '5: NIP_INCONSISTENT: nip appointment month is more than 24 months before appointed_on (2007-04)',
      '6: NIP_INCONSISTENT: nip appointment month is more than 24 months before appointed_on (2015-05)',
      '7: ',
      '8: NIP_INCONSISTENT: nip appointment month is more than 24 months before appointed_on (2007-01)',
    ]);
    // Where a column may hold an NI PPPK (digits 13–14 `21`, no month), it is not compared.
    const ASSIGNED: readonly ColumnSpec[] = [
      { name: 'id', type: 'bigint', required: true },
      { name: 'pegawai', type: 'text', required: true, personal: 'employee_id' },
      { name: 'appointed_on', type: 'date', required: true },
    ];
    expect(
      await verdicts('assigned', ASSIGNED, [
        { id: '1', pegawai: '198005122015211001', appointed_on: '2022-01-01' },
        { id: '2', pegawai: '198005122005031001', appointed_on: '2022-01-01' },
      ]),
    ).toEqual([
      '1: ',
      '2: NIP_INCONSISTENT: pegawai appointment month is more than 24 months before appointed_on (2022-01)',
    ]);
  });

  it('makes no rule for a table without an employee_id column', () => {
    expect(employeeIdRules(landingColumns('agencies'))).toEqual([]);
    expect(employeeIdRules(MENTORING).map((r) => r.reason)).toEqual([
      'NIP_MALFORMED',
      'NIP_MALFORMED',
      'NIP_MALFORMED',
      'NIP_MALFORMED',
      'NIP_MALFORMED',
    ]);
  });
});
