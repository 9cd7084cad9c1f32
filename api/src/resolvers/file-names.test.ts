import { type EtlRunRecord, writeRunMeta, writeRunRecord } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { withoutFileNamesInCounts } from './data-quality.resolver.ts';
import { withoutFileName, withoutFileNames } from './file-names.ts';

/** Run errors as the ETL words them (etl/src/sources/files: HeaderError, AmbiguousSheetsError, …). */
const FILE = 'files:rekap_Bambang Pamungkas.xlsx';
const ERRORS = {
  header: `${FILE}: header does not match table employees: missing required column(s): sex; unexpected column(s): nama`,
  sheets: `${FILE}: 2 sheets hold rows (Data Pak Bambang, Sheet (2)) and none is named employees: put the rows in one sheet, or name the sheet to load "employees"`,
  tableSheets: `${FILE}: 2 sheets named after tables hold rows (employees_Bambang, enrollments Siti): a workbook loads one table; put each table in its own file named after it (employees.xlsx, enrollments.xlsx)`,
  emptyTemplate: `${FILE}: the sheet named after programs holds no rows, but 2 other sheet(s) hold rows under its header (Sheet1, Rekap Bambang): copy the rows into it, or delete it and name the sheet to load "programs"`,
  unsupported: 'files:rekap_Siti_Rahayu.xls: unsupported drop format .xls; use .csv, .tsv, .txt or .xlsx',
  reconcile: 'xapi:lrs_Siti.ndjson: 12 rows parsed but 11 landed',
  concat: 'cannot concatenate files:a_Siti.csv/employees onto files:b_Budi.csv/employees',
  fs: "ENOENT: no such file or directory, open '/srv/drops/rekap_Bambang.xlsx'",
  duckdb: 'IO Error: Error when sniffing file "/srv/drops/Budi Santoso.csv"',
} as const;
const NAMES = /Bambang|Pamungkas|Siti|Rahayu|Budi|Santoso/;

describe('withoutFileNames: a run error below admin', () => {
  it('keeps what went wrong and drops every file name, sheet name and path', () => {
    const out = Object.fromEntries(Object.entries(ERRORS).map(([k, v]) => [k, withoutFileNames(v)]));
    expect(out).toEqual({
      header:
        'files:<file>: header does not match table employees: missing required column(s): sex; unexpected column(s): nama',
      sheets:
        'files:<file>: 2 sheets hold rows (<sheet>, …) and none is named employees: put the rows in one sheet, or name the sheet to load "employees"',
      tableSheets:
        'files:<file>: 2 sheets named after tables hold rows (<sheet>, …): a workbook loads one table; put each table in its own file named after it (employees.xlsx, enrollments.xlsx)',
      emptyTemplate:
        'files:<file>: the sheet named after programs holds no rows, but 2 other sheet(s) hold rows under its header (<sheet>, …): copy the rows into it, or delete it and name the sheet to load "programs"',
      unsupported: 'files:<file>: unsupported drop format .xls; use .csv, .tsv, .txt or .xlsx',
      reconcile: 'xapi:<file>: 12 rows parsed but 11 landed',
      concat: 'cannot concatenate files:<file>/employees onto files:<file>/employees',
      fs: "ENOENT: no such file or directory, open '<path>'",
      duckdb: 'IO Error: Error when sniffing file "<path>"',
    });
    for (const text of Object.values(out)) expect(text).not.toMatch(NAMES);
  });

  it('leaves a message without file names as it is', () => {
    const text = 'data tests failed: privacy_no_nip_like_strings; PSEUDONYM_KEY_CHANGED: run --full';
    expect(withoutFileNames(text)).toBe(text);
    expect(withoutFileName('postgres')).toBe('postgres');
    expect(withoutFileName('files:inline')).toBe('files:<file>');
  });

  it('redacts the file names of a source added later, whatever its label', () => {
    expect(withoutFileName('legacy:rekap_Bambang.csv')).toBe('legacy:<file>');
    expect(withoutFileName('sim_asn:Siti Rahayu.xlsx')).toBe('sim_asn:<file>');
    expect(withoutFileNames('legacy:rekap_Bambang.csv: header does not match table enrollments')).toBe(
      'legacy:<file>: header does not match table enrollments',
    );
    expect(
      withoutFileNames('cannot concatenate legacy:a_Siti.csv/enrollments onto files:b_Budi.csv/enrollments'),
    ).toBe('cannot concatenate legacy:<file>/enrollments onto files:<file>/enrollments');
    // A label followed by a space is prose, not a source (`run --full: …`), and postgres names no file.
    expect(withoutFileNames('data tests failed: unique_dim_employee; postgres: connection refused')).toBe(
      'data tests failed: unique_dim_employee; postgres: connection refused',
    );
  });

  it('sums the quarantine counts of one run, table and reason over the files they came from', () => {
    expect(
      withoutFileNamesInCounts([
        {
          runId: 'R',
          source: 'files:employees_Bambang.csv',
          table: 'employees',
          reason: 'NIP_MALFORMED',
          rows: 2,
        },
        {
          runId: 'R',
          source: 'files:employees_Siti.xlsx',
          table: 'employees',
          reason: 'NIP_MALFORMED',
          rows: 3,
        },
        { runId: 'R', source: 'postgres', table: 'employees', reason: 'NIP_MALFORMED', rows: 1 },
        { runId: 'R', source: 'xapi:lrs_Budi.ndjson', table: 'xapi_statements', reason: 'BAD_TYPE', rows: 4 },
      ]),
    ).toEqual([
      { runId: 'R', source: 'files:<file>', table: 'employees', reason: 'NIP_MALFORMED', rows: 5 },
      { runId: 'R', source: 'postgres', table: 'employees', reason: 'NIP_MALFORMED', rows: 1 },
      { runId: 'R', source: 'xapi:<file>', table: 'xapi_statements', reason: 'BAD_TYPE', rows: 4 },
    ]);
  });
});

/**
 * The role boundary: file and sheet names (chosen by people: `rekap_Bambang_Pamungkas.xlsx`) reach
 * the admin, who needs them to find the file, and no role below.
 */
describe('etlRuns and dataQuality name drop files to the admin only', () => {
  const runId = '20261206T010000000Z-f11e';
  const record: EtlRunRecord = {
    runId,
    mode: 'incremental',
    sources: ['postgres', 'files'],
    status: 'succeeded',
    startedAt: '2026-12-06T01:00:00.000Z',
    finishedAt: '2026-12-06T01:00:01.000Z',
    durationMs: 1000,
    watermarks: {},
    tables: [],
    dataTests: null,
    snapshotId: 'snap',
    error: null,
    pid: 1,
  };
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, undefined, async (db) => {
      await writeRunMeta(db, [record], {}, [
        {
          runId,
          source: 'files:employees_Bambang.csv',
          table: 'employees',
          reason: 'NIP_MALFORMED',
          rows: 2,
        },
        { runId, source: 'files:employees_Siti.xlsx', table: 'employees', reason: 'NIP_MALFORMED', rows: 3 },
        { runId, source: 'postgres', table: 'employees', reason: 'NIP_MALFORMED', rows: 1 },
      ]);
    });
    await writeRunRecord(t.dir, {
      ...record,
      runId: '20261206T020000000Z-f11e',
      startedAt: '2026-12-06T02:00:00.000Z',
      status: 'failed',
      snapshotId: null,
      error: ERRORS.sheets,
    });
  });
  afterAll(() => t?.close());

  const errors = async (token: string) =>
    (
      await gql<{ etlRuns: { items: { error: string | null }[] } }>(
        t.url,
        '{ etlRuns { items { error } } }',
        {
          token,
        },
      )
    ).body.data?.etlRuns.items.map((r) => r.error);
  const counts = async (token?: string) =>
    (
      await gql<{ dataQuality: { quarantineCounts: { source: string; rows: number }[] } }>(
        t.url,
        '{ dataQuality { quarantineCounts { source rows } } }',
        token ? { token } : {},
      )
    ).body.data?.dataQuality.quarantineCounts;

  it('etlRuns: the analyst reads the error without the file and sheet names, the admin with them', async () => {
    expect(await errors(TOKENS.analyst)).toEqual([withoutFileNames(ERRORS.sheets)]);
    expect(JSON.stringify(await errors(TOKENS.analyst))).not.toMatch(NAMES);
    expect(await errors(TOKENS.admin)).toEqual([ERRORS.sheets]);
  });

  it('dataQuality.quarantineCounts: public, planner and analyst get files:<file> (summed), the admin each file', async () => {
    const redacted = [
      { source: 'files:<file>', rows: 5 },
      { source: 'postgres', rows: 1 },
    ];
    expect(await counts()).toEqual(redacted);
    expect(await counts(TOKENS.planner)).toEqual(redacted);
    expect(await counts(TOKENS.analyst)).toEqual(redacted);
    expect(await counts(TOKENS.admin)).toEqual([
      { source: 'files:employees_Bambang.csv', rows: 2 },
      { source: 'files:employees_Siti.xlsx', rows: 3 },
      { source: 'postgres', rows: 1 },
    ]);
  });
});
