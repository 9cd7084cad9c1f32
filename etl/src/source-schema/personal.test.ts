import { Db, STG_PSEUDONYM_COLUMNS, STG_TABLES, type StgSpec } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYED_TABLES } from '../load/keyFingerprint.ts';
import { pseudonymiseEmployeeIds } from '../load/pseudonymiseLanding.ts';
import { employeeKey } from '../load/pseudonyms.ts';
import { landingColumns, PSEUDONYM_COLUMNS, XAPI_COLUMNS, XAPI_TABLE } from '../validate/checkedColumns.ts';
import { CATALOG, type ColumnSpec, NEVER_READ, SOURCE_TABLES, type TableSpec } from './catalog.ts';
import { personalColumnProblems, pseudonymOutputs } from './personal.ts';

/** The whole catalog as landed, with the xAPI statements' columns. */
const ALL_TABLES = [...CATALOG, { name: XAPI_TABLE, columns: XAPI_COLUMNS }];

/** The reviewer's new table of 2026-12-05, built in memory (never in the real catalog). */
const mentoring = (nomorInduk: Partial<ColumnSpec>): TableSpec =>
  ({
    name: 'mentoring_sessions',
    grain: 'one row per mentoring session',
    grainId: 'satu baris per sesi mentoring',
    columns: [
      { name: 'id', type: 'bigint', required: true },
      { name: 'nomor_induk', type: 'text', required: true, ...nomorInduk },
      { name: 'mentor_employee_id', type: 'bigint', required: true, references: 'employees' },
      { name: 'session_date', type: 'date', required: true },
      { name: 'hours', type: 'numeric', required: true },
      { name: 'updated_at', type: 'timestamptz', required: true },
    ],
  }) as unknown as TableSpec;
const mentoringStg = (idColumn: string): StgSpec => ({
  name: 'mentoring_sessions',
  columns: [
    { name: 'id', type: 'BIGINT', nullable: false },
    { name: idColumn, type: 'VARCHAR', nullable: false },
    { name: 'mentor_employee_id', type: 'BIGINT', nullable: false },
    { name: 'session_date', type: 'DATE', nullable: false },
    { name: 'hours', type: 'DOUBLE', nullable: false },
  ],
});

describe('personal columns never reach stg as they are', () => {
  it('holds for the catalog, the xAPI columns and the stg contract as they are', () => {
    expect(personalColumnProblems(ALL_TABLES, STG_TABLES)).toEqual([]);
  });

  it('fails for the review’s nomor_induk: personal: true and a same-named stg column', () => {
    const problems = personalColumnProblems(
      [...ALL_TABLES, mentoring({ personal: true as never })],
      [...STG_TABLES, mentoringStg('nomor_induk')],
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^mentoring_sessions\.nomor_induk is personal \(true\) without a kind/);
    expect(problems[1]).toMatch(
      /^mentoring_sessions\.nomor_induk is personal but stg\.mentoring_sessions declares a column nomor_induk: it would be copied there as it is/,
    );
  });

  it('fails for a declared NIP column still named in stg; passes once stg holds its key instead', () => {
    const nip = mentoring({ personal: 'employee_id' });
    expect(personalColumnProblems([nip], [mentoringStg('nomor_induk')]).map((p) => p.split(':')[0])).toEqual([
      'mentoring_sessions.nomor_induk is personal but stg.mentoring_sessions declares a column nomor_induk',
    ]);
    expect(personalColumnProblems([nip], [mentoringStg('nomor_induk_key')])).toEqual([]);
    expect(pseudonymOutputs('mentoring_sessions', nip.columns)).toEqual(['nomor_induk_key']);
  });

  it('fails for a kind used where the ETL does not handle it', () => {
    const odd = {
      name: 'mentoring_sessions',
      columns: [
        { name: 'mentee_email', type: 'text', required: false, personal: 'lms_identity' },
        { name: 'born_on', type: 'date', required: false, personal: 'birth_date' },
      ],
    } as unknown as TableSpec;
    expect(personalColumnProblems([odd], [])).toEqual([
      expect.stringMatching(/^mentoring_sessions\.mentee_email: lms_identity is keyed only in lms_accounts/),
      'mentoring_sessions.born_on: only a column named birth_date is generalised to birth_year',
    ]);
  });

  it('derives the pseudonym columns and the columns never read from the kinds, as they were declared by hand', () => {
    expect(PSEUDONYM_COLUMNS).toEqual({
      employees: ['employee_key'],
      lms_accounts: ['actor_key', 'account_key', 'mbox_sha1_key'],
      xapi_statements: ['actor_key'],
    });
    // The pseudonym-key check (a full run after PSEUDONYM_KEY changed) covers exactly these tables.
    expect(KEYED_TABLES).toEqual(['employees', 'lms_accounts', 'xapi_statements']);
    expect(NEVER_READ).toEqual({ employees: ['full_name'], reactions: ['comment'] });
    // Every personal column the ETL reads feeds a pseudonym, or is a birth date (birth_year).
    for (const table of [...SOURCE_TABLES, XAPI_TABLE] as const) {
      for (const c of landingColumns(table).filter((col) => col.personal)) {
        if (c.personal === 'birth_date') continue;
        expect(PSEUDONYM_COLUMNS[table]?.length ?? 0, `${table}.${c.name}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('the warehouse’s NIP scan of stg', () => {
  it('spares the 64-hex keys of exactly the pseudonym columns the ETL computes', () => {
    // privacy_no_nip_like_strings matches only the values that are not 64 bytes long in the
    // columns of STG_PSEUDONYM_COLUMNS (warehouse/src/tests/privacyTests.ts) and scans every other
    // `*_key` column in full: a new employee_id column’s `<name>_key` goes there, and a column the
    // ETL copies from a source (a `legacy_key`) never does.
    expect(STG_PSEUDONYM_COLUMNS).toEqual(PSEUDONYM_COLUMNS);
    const withMentoring = {
      ...PSEUDONYM_COLUMNS,
      mentoring_sessions: pseudonymOutputs(
        'mentoring_sessions',
        mentoring({ personal: 'employee_id' }).columns,
      ),
    };
    expect(STG_PSEUDONYM_COLUMNS).not.toEqual(withMentoring);
  });
});

describe('pseudonymiseEmployeeIds', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write' });
  });
  afterAll(() => db.close());

  it('keys a NIP column of a new table as <name>_key, the employee_key of that employee', async () => {
    await db.exec(`CREATE SCHEMA land;
      CREATE TABLE land.l_mentoring_sessions (id VARCHAR, nomor_induk VARCHAR, hours VARCHAR);
      INSERT INTO land.l_mentoring_sessions VALUES
        ('1', '199003152015031001', '2'), ('2', '', '1'), ('3', NULL, '1'), ('4', '199003152022211001', '3')`);
    const secret = 'test-key-0123456789';
    await pseudonymiseEmployeeIds(
      db,
      'mentoring_sessions',
      mentoring({ personal: 'employee_id' }).columns,
      secret,
    );
    const rows = await db.all<{ id: string; nomor_induk_key: string | null }>(
      `SELECT l.id, p.nomor_induk_key FROM land.l_mentoring_sessions l
       JOIN land.p_mentoring_sessions p ON p._rid = l.rowid ORDER BY l.id`,
    );
    expect(rows).toEqual([
      { id: '1', nomor_induk_key: employeeKey(secret, 'PNS', '199003152015031001', null) },
      { id: '2', nomor_induk_key: null },
      { id: '3', nomor_induk_key: null },
      { id: '4', nomor_induk_key: employeeKey(secret, 'PPPK', null, '199003152022211001') },
    ]);
    expect(rows[0]?.nomor_induk_key).toMatch(/^[0-9a-f]{64}$/);
  });
});
