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
const NAMES = /Bambang|Pamungkas|Siti|Rahayu|Budi|Santoso|Aminah|198808082012032777/;
/** A run's error as stageSources wrote it before a privacy review of 2026-12-06: the path bare. */
const BARE_PATH_ERROR =
  'files:rekap_Siti_Aminah_198808082012032777.xlsx: /tmp/drops/rekap_Siti_Aminah_198808082012032777.xlsx is a directory: move it out of the drop directory or rename it';

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

  /**
   * Paths the ETL wrote without quotes reached analysts whole (a privacy review of 2026-12-06:
   * `/tmp/x/rekap_Siti_Aminah_198808082012032777.xlsx is a directory`): every absolute path is
   * masked, quoted or not, in each wording that names one, and the rest of the message stays.
   */
  it('masks an absolute path written without quotes, in each wording that names one', () => {
    const drop = '/srv/drops/rekap_Siti_Aminah_198808082012032777.xlsx';
    const cases: [string, string][] = [
      // stageSources' checkRegularFile and openRegularFile's refusal, as they were written (bare) and are now (quoted).
      [
        `files:rekap_Siti_Aminah_198808082012032777.xlsx: ${drop} is a directory: move it out of the drop directory or rename it`,
        'files:<file>: <path> is a directory: move it out of the drop directory or rename it',
      ],
      [
        `files:rekap_Siti_Aminah_198808082012032777.xlsx: '${drop}' is a directory: move it out of the drop directory or rename it`,
        "files:<file>: '<path>' is a directory: move it out of the drop directory or rename it",
      ],
      [
        `files:rekap_Bambang.csv: ${drop} is a symbolic link: copy the file itself into the drop directory`,
        'files:<file>: <path> is a symbolic link: copy the file itself into the drop directory',
      ],
      [
        'xapi:lrs_Siti.ndjson: /srv/lrs/lrs_Siti.ndjson is a FIFO: an xAPI file must be a regular file',
        'xapi:<file>: <path> is a FIFO: an xAPI file must be a regular file',
      ],
      // DropChangedError.
      [
        'files:rekap_Bambang.csv: /srv/drops/rekap_Bambang.csv changed while the run was reading it (another file, size or modification time): run the ETL again once the file is written in full (copy it in under another name, then rename it)',
        'files:<file>: <path> changed while the run was reading it (another file, size or modification time): run the ETL again once the file is written in full (copy it in under another name, then rename it)',
      ],
      [
        "files:rekap_Bambang.csv: '/srv/drops/rekap_Bambang.csv' changed while the run was reading it (another file, size or modification time): run the ETL again once the file is written in full (copy it in under another name, then rename it)",
        "files:<file>: '<path>' changed while the run was reading it (another file, size or modification time): run the ETL again once the file is written in full (copy it in under another name, then rename it)",
      ],
      // readStatements' over-size refusal (etl/src/sources/xapi/read-statements.ts), bare as it was
      // written and quoted as it is now; a run log keeps the old runs' errors.
      [
        'xapi:lrs_Siti.ndjson: /srv/lrs/lrs_Siti.ndjson is 536870913 bytes; an xAPI file may hold at most 536870888 bytes (512 MiB): split the export into smaller files and pass each with its own --xapi',
        'xapi:<file>: <path> is 536870913 bytes; an xAPI file may hold at most 536870888 bytes (512 MiB): split the export into smaller files and pass each with its own --xapi',
      ],
      [
        "xapi:lrs_Siti.ndjson: '/srv/lrs/lrs_Siti.ndjson' is 536870913 bytes; an xAPI file may hold at most 536870888 bytes (512 MiB): split the export into smaller files and pass each with its own --xapi",
        "xapi:<file>: '<path>' is 536870913 bytes; an xAPI file may hold at most 536870888 bytes (512 MiB): split the export into smaller files and pass each with its own --xapi",
      ],
      // Windows and UNC paths; a path at the start, before `: `, in brackets, in a list, after `=`.
      [
        'xapi:lrs_Siti.ndjson: C:\\Users\\Siti\\lrs_Siti.ndjson is a directory',
        'xapi:<file>: <path> is a directory',
      ],
      ['open D:/exports/Budi.csv failed', 'open <path> failed'],
      ['cannot read \\\\fileserver\\drops\\Budi.csv', 'cannot read <path>'],
      ['/srv/drops/Budi.csv: permission denied', '<path>: permission denied'],
      ['cannot read (/srv/drops/Budi.csv), /srv/drops/Siti.csv.', 'cannot read (<path>), <path>.'],
      ['scratch=/srv/drops/Siti_Rahayu', 'scratch=<path>'],
      // A quote inside a quoted path does not end it; a path in quotes may hold spaces.
      ["open '/srv/drops/rekap_O'Budi Santoso.xlsx' failed", "open '<path>' failed"],
      // Unquoted, a path ends at a space: the words after it stay (why the ETL quotes its paths).
      ['cannot read /srv/drops/Rekap (1).xlsx', 'cannot read <path> (1).xlsx'],
    ];
    for (const [text, masked] of cases) expect(withoutFileNames(text), text).toBe(masked);
  });

  it('leaves a slash inside a word, after a label or between numbers alone', () => {
    for (const text of [
      'grade III/a: 3 rows; dates 2024/12/31; 5 / 3 JP; 10 KB/s',
      'cannot concatenate files:<file>/employees onto files:<file>/employees',
    ])
      expect(withoutFileNames(text)).toBe(text);
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
    await writeRunRecord(t.dir, {
      ...record,
      runId: '20261206T030000000Z-f11e',
      startedAt: '2026-12-06T03:00:00.000Z',
      status: 'failed',
      snapshotId: null,
      error: BARE_PATH_ERROR,
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

  it('etlRuns: the analyst reads the error without the file and sheet names and paths, the admin with them', async () => {
    // Newest first: the run whose error names a path without quotes, then the one naming sheets.
    expect(await errors(TOKENS.analyst)).toEqual([
      'files:<file>: <path> is a directory: move it out of the drop directory or rename it',
      withoutFileNames(ERRORS.sheets),
    ]);
    expect(JSON.stringify(await errors(TOKENS.analyst))).not.toMatch(NAMES);
    expect(await errors(TOKENS.admin)).toEqual([BARE_PATH_ERROR, ERRORS.sheets]);
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
