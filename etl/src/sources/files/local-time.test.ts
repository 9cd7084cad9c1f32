import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../env.ts';
import { withZone } from './local-time.ts';
import { readCsvBatches } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

const HEADER = 'id,offering_id,employee_id,status,jp_earned,completed_at';

async function csvRows(text: string, timeZone?: string) {
  const rows: (string | null)[][] = [];
  const raws: string[] = [];
  for await (const b of readCsvBatches(new TextEncoder().encode(text), {
    table: 'enrollments',
    ...(timeZone ? { timeZone } : {}),
  })) {
    rows.push(...b.rows);
    raws.push(...b.rawRows);
  }
  return { rows, raws };
}

describe('spreadsheet timestamps without a zone are Palangka Raya time (WIB, +07:00)', () => {
  it('CSV: 2024-12-31 23:30 is 23:30 WIB, still 2024 (was read as UTC: 2025-01-01 06:30 WIB)', async () => {
    const { rows, raws } = await csvRows(`${HEADER}\n1,10,100,completed,2,2024-12-31 23:30\n`);
    const at = rows[0]![5]!;
    expect(at).toBe('2024-12-31T23:30:00+07:00');
    expect(new Date(at).toISOString()).toBe('2024-12-31T16:30:00.000Z');
    // The raw row keeps what the clerk typed.
    expect(JSON.parse(raws[0]!).completed_at).toBe('2024-12-31 23:30');
  });

  it('a value with its own offset, a bare date and text that is no timestamp are read as written / midnight WIB', async () => {
    const { rows } = await csvRows(
      `${HEADER}\n1,10,100,completed,2,2024-12-31T23:30:00Z\n2,10,101,completed,2,2024-12-31\n3,10,102,completed,2,kemarin\n`,
    );
    expect(rows.map((r) => r[5])).toEqual(['2024-12-31T23:30:00Z', '2024-12-31T00:00:00+07:00', 'kemarin']);
  });

  it('XLSX: an Excel date cell (no zone) gets the zone too', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('enrollments');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([1, 10, 100, 'completed', 2, new Date(Date.UTC(2024, 11, 31, 23, 30))]);
    const staged = await readXlsx(new Uint8Array(await book.xlsx.writeBuffer()), { table: 'enrollments' });
    expect(staged.rows[0]![5]).toBe('2024-12-31T23:30:00+07:00');
  });

  it('the zone is configurable (SOURCE_TIME_ZONE), and follows daylight saving where a zone has it', async () => {
    const { rows } = await csvRows(`${HEADER}\n1,10,100,completed,2,2024-12-31 23:30\n`, 'Asia/Makassar');
    expect(rows[0]![5]).toBe('2024-12-31T23:30:00+08:00');
    expect(withZone('2024-07-01 12:00', 'Europe/Amsterdam')).toBe('2024-07-01T12:00:00+02:00');
    expect(withZone('2024-01-01 12:00:05.25', 'Europe/Amsterdam')).toBe('2024-01-01T12:00:05.25+01:00');
    expect(readEnv({}).SOURCE_TIME_ZONE).toBe('Asia/Jakarta');
    expect(() => readEnv({ SOURCE_TIME_ZONE: 'Mars/Olympus' })).toThrow(/SOURCE_TIME_ZONE/);
  });
});
