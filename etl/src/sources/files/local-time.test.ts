import { Db } from '@asn/warehouse';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../../env.ts';
import { offsetSeconds, withZone } from './local-time.ts';
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

  it('29 February is a date in a leap year by the proleptic Gregorian rule, 2000 and 1 BC (year 0) among them', () => {
    expect(withZone('2000-02-29 12:00', 'Asia/Jakarta')).toBe('2000-02-29T12:00:00+07:00');
    expect(withZone('2024-02-29', 'Asia/Jakarta')).toBe('2024-02-29T00:00:00+07:00');
    // 1 BC is year 0 (DuckDB counts so): a leap year, as 5 BC (year -4) is.
    expect(withZone('0001-02-29 (BC)', 'Asia/Jakarta')).toBe('0001-02-29 (BC) 00:00:00+07:07:12');
    expect(withZone('0005-02-29 (BC) 08:00', 'Asia/Jakarta')).toBe('0005-02-29 (BC) 08:00:00+07:07:12');
    // Not leap years: stay as written.
    for (const v of ['1900-02-29', '2023-02-29', '0002-02-29 (BC)'])
      expect(withZone(v, 'Asia/Jakarta'), v).toBe(v);
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
        '2000-02-29 12:00',
        '1900-02-29 12:00',
        '0001-02-29 (BC)',
        '0002-02-29 (BC)',
        '0005-02-29 (BC) 08:00',
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

describe('the zone offset is memoised, with the same answers as before (performance review: 50 % of a CSV drop in formatToParts)', () => {
  /** The lookup before the memo, as it was: one formatToParts and a regex per call. The reference. */
  const referenceFormatters = new Map<string, Intl.DateTimeFormat>();
  function referenceOffsetSeconds(zone: string, utcMillis: number): number {
    let f = referenceFormatters.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
      referenceFormatters.set(zone, f);
    }
    const name = f.formatToParts(new Date(utcMillis)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):?(\d{2})?(?::?(\d{2}))?/.exec(name);
    if (!m) return 0;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
  }
  /** What either lookup answers, or the error it throws. */
  const outcome = (f: (zone: string, at: number) => number, zone: string, at: number): number | string => {
    try {
      return f(zone, at);
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };
  /** A seeded generator, so a failure can be replayed. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const FROM = Date.UTC(1850, 0, 1);
  const TO = Date.UTC(2041, 0, 1);
  const zones = [
    'Asia/Jakarta', // pre-1964: LMT +07:07:12, +07:20, +07:30, +09:00 (1942–45), +08:00 …
    'Asia/Makassar',
    'Asia/Jayapura',
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe', // DST of 30 minutes
    'Africa/Monrovia', // -00:44:30 until 1972
    'Europe/Amsterdam', // +00:19:32 until 1937
    'Asia/Kolkata', // LMT +05:53:28, +05:21:10, +06:30
    'Pacific/Kiritimati', // -10:40 to +14:00: a day skipped
    'Africa/Freetown', // tzdata's two closest changes, 95 hours apart (1939)
  ];
  /** Every change of `zone`'s offset from 1850 to 2040 (tzdata's are 95 h apart or more), to the millisecond. */
  const changesOf = new Map<string, number[]>();
  function changes(zone: string): number[] {
    const known = changesOf.get(zone);
    if (known) return known;
    const found: number[] = [];
    changesOf.set(zone, found);
    let before = referenceOffsetSeconds(zone, FROM);
    for (let at = FROM + 2 * DAY; at <= TO; at += 2 * DAY) {
      const now = referenceOffsetSeconds(zone, at);
      if (now === before) continue;
      let lo = at - 2 * DAY;
      let hi = at;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (referenceOffsetSeconds(zone, mid) === before) lo = mid;
        else hi = mid;
      }
      found.push(hi);
      before = now;
    }
    return found;
  }

  it('every change 1850–2040 ±2 h (every 3 minutes, ±1 ms, ±1 s), an hour in 193 in 1900–2040, random instants and the edges of a JS date: equal for 12 zones', () => {
    const next = random(20261207);
    let compared = 0;
    for (const zone of zones) {
      const found = changes(zone);
      // Zones with changes have them found (UTC has none).
      if (zone !== 'UTC') expect(found.length, zone).toBeGreaterThan(0);
      const instants: number[] = [];
      for (const at of found) {
        for (let m = -120; m <= 120; m += 3) instants.push(at + m * 60_000);
        instants.push(
          at - 1,
          at + 1,
          at - 1000,
          at + 1000,
          at + 999,
          at - 1001,
          at - 2 * HOUR - 1,
          at + 2 * HOUR + 1,
        );
      }
      for (let at = Date.UTC(1900, 0, 1); at < TO; at += 193 * HOUR)
        instants.push(at + Math.floor(next() * HOUR));
      for (let i = 0; i < 2000; i++) instants.push(Math.floor(-8.64e15 + next() * 1.728e16));
      for (const edge of [-8.64e15, 8.64e15])
        for (const d of [-2 * HOUR - 1, -2 * HOUR, -HOUR, -1, -0.5, 0, 0.5, 1, HOUR, 2 * HOUR, 2 * HOUR + 1])
          instants.push(edge + d);
      instants.push(0, -1, -0.5, 0.5, 1.5, -1.5, Number.NaN, Number.POSITIVE_INFINITY);
      // A random order, then again: the memo is met cold, warm and in between.
      for (let i = instants.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [instants[i], instants[j]] = [instants[j]!, instants[i]!];
      }
      const want = instants.map((at) => outcome(referenceOffsetSeconds, zone, at));
      const wrong: string[] = [];
      for (const round of [1, 2])
        instants.forEach((at, i) => {
          const got = outcome(offsetSeconds, zone, at);
          if (got !== want[i] && wrong.length < 10)
            wrong.push(`${zone} ${at} round ${round}: ${got}, was ${want[i]}`);
          compared++;
        });
      expect(wrong).toEqual([]);
    }
    expect(compared).toBeGreaterThan(200_000);
  }, 60_000);

  it('withZone writes the offset it wrote before around every change: wall times in gaps (invalid) and overlaps, every 10 minutes ±3 h', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const offsetText = (offset: number) => {
      const abs = Math.abs(offset);
      const hm = `${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}`;
      return `${offset < 0 ? '-' : '+'}${abs % 60 ? `${hm}:${pad(abs % 60)}` : hm}`;
    };
    const wrong: string[] = [];
    let compared = 0;
    for (const zone of zones)
      for (const change of changes(zone)) {
        // The wall times on both sides of the change, read in the offset before it and after it.
        for (const offset of [referenceOffsetSeconds(zone, change - 1), referenceOffsetSeconds(zone, change)])
          for (let m = -180; m <= 180; m += 10) {
            const wall = new Date(Math.floor((change + offset * 1000) / 60_000) * 60_000 + m * 60_000);
            const [date, time] = wall.toISOString().slice(0, 19).split('T') as [string, string];
            const at = wall.getTime();
            const want = offsetText(
              referenceOffsetSeconds(zone, at - referenceOffsetSeconds(zone, at) * 1000),
            );
            const got = withZone(`${date} ${time}`, zone);
            if (got !== `${date}T${time}${want}` && wrong.length < 10)
              wrong.push(`${zone} ${date} ${time}: ${got}, want ${want}`);
            compared++;
          }
      }
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(20_000);
    // Pinned: Jakarta's historical offsets (kept as they were), a New York gap and overlap, Lord Howe's half hour.
    expect(withZone('1930-01-01 00:00', 'Asia/Jakarta')).toBe('1930-01-01T00:00:00+07:20');
    expect(withZone('1943-06-01 12:00', 'Asia/Jakarta')).toBe('1943-06-01T12:00:00+09:00');
    expect(withZone('1850-06-01 12:00', 'Asia/Jakarta')).toBe('1850-06-01T12:00:00+07:07:12');
    expect(withZone('2024-03-10 02:30', 'America/New_York')).toBe('2024-03-10T02:30:00-04:00');
    expect(withZone('2024-11-03 01:30', 'America/New_York')).toBe('2024-11-03T01:30:00-04:00');
    expect(withZone('2024-10-06 02:15', 'Australia/Lord_Howe')).toBe('2024-10-06T02:15:00+10:30');
    expect(withZone('2024-04-07 01:45', 'Australia/Lord_Howe')).toBe('2024-04-07T01:45:00+10:30');
    // Beyond a JS date's years: the offset at its edge, never a throw (a RangeError failed the
    // whole read of a drop with such a cell; DuckDB's cast then decides the value, as for any other).
    expect(withZone('-300000-01-01', 'Asia/Jakarta')).toBe('-300000-01-01T00:00:00+07:07:12');
    expect(withZone('300000-01-01', 'Asia/Jakarta')).toBe('300000-01-01T00:00:00+07:00');
    // The offset at the reach's edge, 13 September 275760: New York's summer time.
    expect(withZone('300000-01-01 08:00', 'America/New_York')).toBe('300000-01-01T08:00:00-04:00');
    expect(withZone('-300000-01-01 08:00', 'America/New_York')).toBe('-300000-01-01T08:00:00-04:56:02');
  }, 60_000);

  it('10,000 timestamps of one month cost a few hundred formatToParts, not two each', () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      let written = 0;
      for (let i = 0; i < 10_000; i++) {
        const value = `2024-03-${pad2(1 + (i % 28))} 08:${pad2(i % 60)}:${pad2(i % 59)}`;
        if (withZone(value, 'Asia/Pontianak').endsWith('+07:00')) written++;
      }
      expect(written).toBe(10_000);
      expect(spy.mock.calls.length).toBeLessThan(300);
    } finally {
      spy.mockRestore();
    }
  });
});

const pad2 = (n: number): string => String(n).padStart(2, '0');
