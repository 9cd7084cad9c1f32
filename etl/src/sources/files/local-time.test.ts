import { Db } from '@asn/warehouse';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('every zone-less shape the TIMESTAMPTZ cast accepts is local time, not only ISO (review of 2026-12-06)', () => {
  it('slashes, one-digit months, days and hours, a T or several spaces, a bare date: all get the offset', async () => {
    const shapes: [string, string][] = [
      ['2024/12/31 23:30', '2024-12-31T23:30:00+07:00'],
      ['2024-1-5 23:30', '2024-01-05T23:30:00+07:00'],
      ['2024/12/31', '2024-12-31T00:00:00+07:00'],
      ['2024/1/5', '2024-01-05T00:00:00+07:00'],
      ['2024\\12\\31 23:30', '2024-12-31T23:30:00+07:00'],
      ['2024 12 31 23:30', '2024-12-31T23:30:00+07:00'],
      ['2024-12-31T9:05', '2024-12-31T09:05:00+07:00'],
      ['2024-12-31  23:5', '2024-12-31T23:05:00+07:00'],
      ['2024-12-31T 23:30:5', '2024-12-31T23:30:05+07:00'],
      ['2024-12-31 23:', '2024-12-31T23:00:00+07:00'],
      ['2024-12-31 23:30:', '2024-12-31T23:30:00+07:00'],
      ['2024-12-31 23:30:15.', '2024-12-31T23:30:15+07:00'],
      ['2024-12-31 23:30:15.1234567', '2024-12-31T23:30:15.1234567+07:00'],
      ['2024-12-31 24:00', '2024-12-31T24:00:00+07:00'],
      ['02024-12-31 023:30', '02024-12-31T23:30:00+07:00'],
    ];
    const { rows } = await csvRows(
      `${HEADER}\n${shapes.map(([v], i) => `${i + 1},10,${100 + i},completed,2,"${v}"`).join('\n')}\n`,
    );
    expect(rows.map((r) => r[5])).toEqual(shapes.map(([, want]) => want));
  });

  it('a value with a zone, and text the cast refuses (mixed separators, 25:00, 30 February, a dotted date), stay as written', () => {
    for (const v of [
      '2024/12/31 23:30Z',
      '2024-1-5 23:30+08',
      '2024-12-31 23:30:15 UTC',
      '2024-12/31 23:30',
      '2024-12-31 25:00',
      '2024-12-31 24:00:01',
      '2024-12-31 23:60',
      '2024-02-30',
      '2024.12.31 23:30',
      '31/12/2024 23:30',
      '2024-12-31t23:30',
      'epoch',
    ])
      expect(withZone(v, 'Asia/Jakarta'), v).toBe(v);
    // Before 1924 Jakarta kept Batavia mean time, +07:07:12: the offset keeps its seconds.
    expect(withZone('1900/1/1 12:00', 'Asia/Jakarta')).toBe('1900-01-01T12:00:00+07:07:12');
  });

  it('XLSX: a text cell typed 2024/12/31 23:30 is local time too', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('enrollments');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([1, 10, 100, 'completed', 2, '2024/12/31 23:30']);
    sheet.addRow([2, 10, 101, 'completed', 2, '2024-1-5']);
    const staged = await readXlsx(new Uint8Array(await book.xlsx.writeBuffer()), { table: 'enrollments' });
    expect(staged.rows.map((r) => r[5])).toEqual(['2024-12-31T23:30:00+07:00', '2024-01-05T00:00:00+07:00']);
    expect(JSON.parse(staged.rawRows[0]!).completed_at).toBe('2024/12/31 23:30');
  });

  describe('against DuckDB itself', () => {
    let db: Db;
    beforeAll(async () => {
      db = await Db.open(':memory:', { mode: 'read-write' });
    });
    afterAll(async () => {
      await db.close();
    });
    /** The cast of one value alone (see the zone-name test below for why alone), in microseconds. */
    const cast = async (value: string, sessionZone: string): Promise<string | null> => {
      await db.exec(`SET TimeZone = '${sessionZone}'`);
      const [row] = await db.all<{ us: string | null }>(
        'SELECT CAST(epoch_us(TRY_CAST(CAST($v AS VARCHAR) AS TIMESTAMPTZ)) AS VARCHAR) AS us',
        { v: value },
      );
      return row?.us ?? null;
    };

    it('after withZone no value the cast accepts depends on the session zone, and each means its wall time in the source zone', async () => {
      // Shapes around each part of DuckDB's grammar: what it accepts and what it refuses.
      const values = new Set<string>([
        'epoch',
        'infinity',
        '2024-12-31 (BC)',
        '-2024-12-31 10:00',
        '9-1-5 9:05',
      ]);
      for (const year of ['2024', '24', '02024', '1943'])
        for (const sep of ['-', '/', '\\', ' ', '.'])
          for (const [month, day] of [
            ['1', '5'],
            ['12', '31'],
            ['2', '30'],
            ['001', '5'],
          ])
            values.add(`${year}${sep}${month}${sep}${day}`);
      for (const date of ['2024-12-31', '2024/1/5'])
        for (const sep of [' ', 'T', '\t', 'T ', '  ', 't', ''])
          for (const time of [
            '9',
            '9:05',
            '23:5',
            '23:',
            '23:30:',
            '23:30:15',
            '23:30:15.',
            '23:30:15.1234567',
            '24:00',
            '24:01',
            '25:00',
            '023:30',
            '23:30.5',
            '23:30:15 ',
          ])
            for (const zone of ['', 'Z', '+08:00', ' UTC']) values.add(`${date}${sep}${time}${zone}`);
      let zoneDependent = 0;
      for (const value of values) {
        const local = await cast(value, 'Asia/Jakarta');
        if (local !== (await cast(value, 'UTC'))) zoneDependent++;
        const pinned = withZone(value, 'Asia/Jakarta');
        expect(
          [await cast(pinned, 'UTC'), await cast(pinned, 'America/New_York')],
          `${value} → ${pinned}`,
        ).toEqual([local, local]);
      }
      // The corpus does reach the shapes that were read as UTC.
      expect(zoneDependent).toBeGreaterThan(100);
    });

    it('a value after one with a zone name is read in that zone by DuckDB 1.5 unless it carries its offset', async () => {
      await db.exec(`SET TimeZone = 'UTC'`);
      const rows = await db.all<{ at: string }>(
        `SELECT CAST(TRY_CAST(v AS TIMESTAMPTZ) AS VARCHAR) AS at FROM (VALUES (1, '2024-12-31 23:30:00 America/New_York'), (2, $v)) AS t(i, v) ORDER BY i`,
        { v: withZone('2024/12/31 23:30', 'Asia/Jakarta') },
      );
      expect(rows.map((r) => r.at)).toEqual(['2025-01-01 04:30:00+00', '2024-12-31 16:30:00+00']);
    });
  });
});
