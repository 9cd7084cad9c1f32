import { describe, expect, it } from 'vitest';
import { type ChartTable, cellText, tableToCsv } from '../charts/chart-table.ts';
import { translator } from '../i18n/translate.ts';
import { dataTestsTable, modeLabel, quarantineTables, runTable, snapshotTables } from './quality-tables.ts';

const id = translator('id');
const run = (over: Record<string, unknown> = {}) => ({
  runId: 'R1',
  mode: 'incremental',
  sources: ['postgres'],
  status: 'succeeded',
  startedAt: '2026-12-02T13:26:35.938Z',
  finishedAt: '2026-12-02T13:27:35.938Z',
  durationMs: 60_000,
  tables: [{ table: 'employees', read: 10, loaded: 9, quarantined: 1 }],
  dataTests: null,
  snapshotId: '20261202T132635938Z-a717',
  error: null,
  ...over,
});

describe('the ETL run table', () => {
  const table = runTable(
    [run(), run({ mode: 'full', status: 'failed', error: 'boom', snapshotId: null })],
    id,
    'id',
  );
  const col = (key: string) => table.columns.find((c) => c.key === key)!;

  it('shows the start in WIB and the mode and status in Indonesian', () => {
    const first = table.rows[0]!.values;
    expect(cellText(col('started'), first.started, 'id')).toBe('2 Des 2026 20:26 WIB');
    expect(cellText(col('mode'), first.mode, 'id')).toBe('inkremental');
    expect(cellText(col('mode'), table.rows[1]!.values.mode, 'id')).toBe('penuh');
    expect(cellText(col('status'), first.status, 'id')).toBe('berhasil');
    expect(cellText(col('status'), table.rows[1]!.values.status, 'id')).toBe('gagal');
  });

  it('writes ISO timestamps and raw codes to the CSV, with one snapshot column of each meaning', () => {
    const lines = tableToCsv(table, 'S-LIVE').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Mulai,Mode,Status,Kesalahan,Durasi (s),Dibaca,Dimuat,Dikarantina,Snapshot yang diterbitkan,n,suppressed,suppression_reason,snapshot',
    );
    expect(lines[1]).toBe(
      '2026-12-02T13:26:35.938Z,incremental,succeeded,,60,10,9,1,20261202T132635938Z-a717,,false,,S-LIVE',
    );
    expect(lines[2]?.startsWith('2026-12-02T13:26:35.938Z,full,failed,boom,')).toBe(true);
  });

  it('has no error column when no run failed', () => {
    expect(runTable([run()], id, 'id').columns.some((c) => c.key === 'error')).toBe(false);
  });
});

describe('the data test table', () => {
  it('shows level and result in words, keeps the codes in the CSV', () => {
    const table = dataTestsTable(
      [
        { name: 'b_test', model: 'm', severity: 'warn', status: 'fail', failingRows: 2, checkedAt: '' },
        { name: 'a_test', model: 'm', severity: 'error', status: 'pass', failingRows: 0, checkedAt: '' },
      ],
      id,
    );
    const severity = table.columns.find((c) => c.key === 'severity')!;
    const status = table.columns.find((c) => c.key === 'status')!;
    expect(table.rows.map((r) => cellText(severity, r.values.severity, 'id'))).toEqual([
      'peringatan',
      'kesalahan (menghentikan penerbitan)',
    ]);
    expect(table.rows.map((r) => cellText(status, r.values.status, 'id'))).toEqual(['gagal', 'lulus']);
    expect(tableToCsv(table, null).split('\r\n')[1]).toBe('b_test,m,warn,fail,2,,false,,');
  });
});

describe('ETL modes', () => {
  it('are worded in both languages, an unknown one kept as it is', () => {
    expect(modeLabel(id, 'full')).toBe('penuh');
    expect(modeLabel(translator('en'), 'incremental')).toBe('incremental');
    expect(modeLabel(id, 'replay')).toBe('replay');
  });
});

describe('the quarantine tables', () => {
  const counts = [
    { runId: 'R1', table: 'employees', reason: 'NIP_MALFORMED', source: 'postgres', rows: 3 },
    { runId: 'R1', table: 'enrollments', reason: 'FK_UNKNOWN', source: 'postgres', rows: 7 },
    { runId: 'R1', table: 'employees', reason: 'NIP_MALFORMED', source: 'files', rows: 2 },
  ];
  const { byReason, detail } = quarantineTables(counts, id);

  it('sums each reason over tables and sources, most rows first', () => {
    expect(byReason.rows.map((r) => [r.values.reason, r.values.rows])).toEqual([
      ['FK_UNKNOWN', 7],
      ['NIP_MALFORMED', 5],
    ]);
    expect(byReason.columns.map((c) => c.label)).toEqual(['Alasan', 'Baris']);
  });

  it('keeps one detail row per table, reason and source, in the order given', () => {
    expect(detail.rows.map((r) => [r.values.table, r.values.source, r.values.rows])).toEqual([
      ['employees', 'postgres', 3],
      ['enrollments', 'postgres', 7],
      ['employees', 'files', 2],
    ]);
  });
});

describe('the snapshot tables', () => {
  const tables = snapshotTables(
    {
      id: 'S1',
      publishedAt: '2026-12-02T13:27:35.938Z',
      mode: 'full',
      basedOn: null,
      runId: 'R1',
      watermarks: [
        { table: 'service_requests', watermark: '2024-12-31T10:00:00Z' },
        { table: 'enrollments', watermark: '2025-12-31 07:05:51.000000+00' },
        { table: '_source_xmin', watermark: '757' },
      ],
      rowCounts: [{ table: 'fct_service_requests', rows: 1_000_000 }],
      coverage: [
        {
          fact: 'fct_service_requests',
          grain: 'day',
          first: '2022-01-03',
          last: '2024-12-31',
          rows: 1_000_000,
        },
        { fact: 'fct_budget', grain: 'year', first: '2022', last: '2024', rows: 115 },
      ],
    },
    id,
    'id',
  );

  it('names the coverage grain in words and keeps the dates as the API gives them', () => {
    expect(tables.coverage.rows.map((r) => [r.values.table, r.values.grain, r.values.first])).toEqual([
      ['fct_service_requests', id('kualitas.coverageDaily'), '2022-01-03'],
      ['fct_budget', id('kualitas.coverageYearly'), '2022'],
    ]);
  });

  it('lists row counts and watermarks per table', () => {
    expect(tables.rowCounts.rows[0]!.values).toEqual({ table: 'fct_service_requests', rows: 1_000_000 });
    expect(tables.watermarks.rows[0]!.values).toEqual({
      table: 'service_requests',
      watermark: '2024-12-31T10:00:00Z',
    });
    expect(tableToCsv(tables.rowCounts, 'S1').split('\r\n')[1]).toBe(
      'fct_service_requests,1000000,,false,,S1',
    );
  });
});

describe('the snapshot tables on screen', () => {
  const snapshot: Parameters<typeof snapshotTables>[0] = {
    id: 'S1',
    publishedAt: '2026-12-02T13:27:35.938Z',
    mode: 'full',
    basedOn: null,
    runId: 'R1',
    watermarks: [
      { table: 'enrollments', watermark: '2025-12-31 07:05:51.000000+00' },
      { table: '_source_xmin', watermark: '757' },
    ],
    rowCounts: [],
    coverage: [
      { fact: 'fct_service_requests', grain: 'day', first: '2022-01-03', last: '2024-12-31', rows: 10 },
      { fact: 'fct_budget', grain: 'year', first: '2022', last: '2024', rows: 1 },
    ],
  };
  const cells = (table: ChartTable, lang: 'id' | 'en') =>
    table.rows.map((r) => table.columns.map((c) => cellText(c, r.values[c.key] ?? null, lang)));

  it("shows coverage dates and watermarks in the reader's date format, the CSV keeping ISO", () => {
    const idT = snapshotTables(snapshot, id, 'id');
    expect(cells(idT.coverage, 'id')[0]).toEqual([
      'fct_service_requests',
      'harian',
      '3 Jan 2022',
      '31 Des 2024',
      '10',
    ]);
    expect(cells(idT.coverage, 'id')[1]?.slice(2, 4)).toEqual(['2022', '2024']);
    expect(cells(idT.watermarks, 'id')[0]).toEqual(['enrollments', '31 Des 2025 14:05 WIB']);
    const enT = snapshotTables(snapshot, translator('en'), 'en');
    expect(cells(enT.watermarks, 'en')[0]?.[1]).toBe('31 Dec 2025 14:05 WIB');
    expect(tableToCsv(idT.coverage, 'S1').split('\r\n')[1]).toContain('2022-01-03,2024-12-31');
  });

  it('names the ETL transaction marker in words instead of _source_xmin (the CSV keeps the code)', () => {
    const idT = snapshotTables(snapshot, id, 'id');
    const [label, value] = cells(idT.watermarks, 'id')[1]!;
    expect(label).toMatch(/^Penanda transaksi sumber/);
    expect(label).not.toContain('_source_xmin');
    expect(value).toBe('757');
    expect(tableToCsv(idT.watermarks, 'S1').split('\r\n')[2]).toMatch(/^_source_xmin,757,/);
  });
});
