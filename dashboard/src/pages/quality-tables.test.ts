import { describe, expect, it } from 'vitest';
import { cellText, tableToCsv } from '../charts/chart-table.ts';
import { translator } from '../i18n/translate.ts';
import { dataTestsTable, modeLabel, runTable } from './quality-tables.ts';

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
