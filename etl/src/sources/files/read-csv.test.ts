import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_NAMES_LISTED, HeaderError, type StagedTable } from '../staged.ts';
import { type ReadCsvOptions, readCsvBatches } from './read-csv.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A file is streamed in chunks of this many characters (ASCII: its 1 MiB read buffer). */
const CHUNK = 1 << 20;
const HEADER = 'id,code,name,kind,parent_id,valid_from,valid_to';
const row = (id: number) => `${id},C${id},Dinas ${id},dinas,,2020-01-01,`;

interface Read {
  rows: (string | null)[][];
  rowNumbers: number[];
  rejected: StagedTable['rejected'];
  /** Characters scanned in all, and the longest text handed to the scanner at once. */
  scanned: number;
  longest: number;
}

async function read(text: string, options: Partial<ReadCsvOptions> = {}): Promise<Read> {
  const path = join(dir, 'agencies.csv');
  await writeFile(path, text);
  const out: Read = { rows: [], rowNumbers: [], rejected: [], scanned: 0, longest: 0 };
  const onScan = (n: number) => {
    out.scanned += n;
    out.longest = Math.max(out.longest, n);
  };
  for await (const b of readCsvBatches(path, { table: 'agencies', onScan, ...options })) {
    out.rows.push(...b.rows);
    out.rowNumbers.push(...b.rowNumbers);
    out.rejected.push(...b.rejected);
  }
  return out;
}

describe('readCsvBatches: long records (a review of 2026-12-06)', () => {
  it('scans a line spanning many chunks in linear time, not once per chunk', async () => {
    // Rescanned from its start on every chunk, an 8-chunk line cost 1 + 2 + … + 8 = 36 chunks.
    const long = `1,C1,${'x'.repeat(8 * CHUNK)},dinas,,2020-01-01,`;
    const text = `${HEADER}\n${long}\n${row(2)}\n`;
    const got = await read(text, { maxRowChars: 10 * CHUNK });
    expect(got.rejected).toEqual([]);
    expect(got.rowNumbers).toEqual([2, 3]);
    expect(got.rows[0]?.[2]).toHaveLength(8 * CHUNK);
    expect(got.scanned).toBeGreaterThan(text.length);
    expect(got.scanned).toBeLessThanOrEqual(2 * (text.length + CHUNK));
  });

  it('quarantines a line over the row limit while reading, keeps its head only, and loads the rows after it', async () => {
    const limit = 100_000;
    // Its CRLF straddles two chunks; the next row's line number must still be right.
    const head = `${HEADER}\r\n${row(1)}\r\n`;
    const long = `2,C2,${'y'.repeat(2 * CHUNK - head.length - 6)}`;
    const text = `${head}${long}\r\n${row(3)}\r\n${row(4)}\r\n`;
    expect(text.slice(2 * CHUNK - 1, 2 * CHUNK + 1)).toBe('\r\n');
    const got = await read(text, { maxRowChars: limit });
    expect(got.rowNumbers).toEqual([2, 4, 5]);
    expect(got.rows.map((r) => r[0])).toEqual(['1', '3', '4']);
    expect(got.rejected.map((r) => [r.rowNumber, r.reason, r.detail, r.raw])).toEqual([
      [
        3,
        'MALFORMED_ROW',
        `row too long: over ${limit} characters (the row size limit)`,
        `${long.slice(0, 2000)}…`,
      ],
    ]);
    // The line is never held whole: no text scanned at once is over the limit plus a chunk.
    expect(got.longest).toBeLessThanOrEqual(limit + CHUNK);
  });

  it('quarantines a line over the limit that the file ends in, without a line break (the 2 GiB case, scaled down)', async () => {
    const got = await read(`${HEADER}\n${row(1)}\n9,${'z'.repeat(3 * CHUNK)}`, { maxRowChars: 50_000 });
    expect(got.rowNumbers).toEqual([2]);
    expect(got.rejected.map((r) => [r.rowNumber, r.detail, r.raw.length])).toEqual([
      [3, 'row too long: over 50000 characters (the row size limit)', 2001],
    ]);
    expect(got.longest).toBeLessThanOrEqual(50_000 + CHUNK);
  });

  it('costs a stray quote in a file bigger than the row limit only its own row, as in a small file', async () => {
    const limit = 100_000;
    const n = 60_000; // about 2.4 MB: the quote would swallow the rest of the file
    const lines = [HEADER, '9001,"X,Dinas,dinas,,,'];
    for (let i = 1; i <= n; i++) lines.push(row(i));
    const text = `${lines.join('\n')}\n`;
    const got = await read(text, { maxRowChars: limit });
    expect(got.rejected.map((r) => [r.rowNumber, r.reason, r.detail, r.raw])).toEqual([
      [
        2,
        'MALFORMED_ROW',
        `a quoted field opened on line 2 is not closed within ${limit} characters (the row size limit); the lines after it are read as rows`,
        '9001,"X,Dinas,dinas,,,',
      ],
    ]);
    // read = loaded + quarantined, every row under its own line number.
    expect(got.rows).toHaveLength(n);
    expect(got.rowNumbers.slice(0, 2)).toEqual([3, 4]);
    expect(got.rowNumbers.at(-1)).toBe(n + 2);
    expect(got.rows.at(-1)?.[0]).toBe(String(n));
    expect(got.longest).toBeLessThanOrEqual(limit + CHUNK);
    expect(got.scanned).toBeLessThanOrEqual(3 * text.length);
  });

  it('loses a record up to the end of the line its unclosed quote opened on, when that is not its first', async () => {
    const limit = 1000;
    // Line 5 starts a record whose quoted value closes on line 6, where another quote opens.
    const lines = [HEADER, '1,C1,"two', 'lines",dinas,,2020-01-01,', row(2), '3,C3,"x', 'y",dinas,"oops,,'];
    for (let i = 4; i < 400; i++) lines.push(row(i));
    const got = await read(`${lines.join('\n')}\n`, { maxRowChars: limit });
    expect(got.rejected.map((r) => [r.rowNumber, r.detail, r.raw])).toEqual([
      [
        5,
        `a quoted field opened on line 6 is not closed within ${limit} characters (the row size limit); the lines after it are read as rows`,
        '3,C3,"x\ny",dinas,"oops,,',
      ],
    ]);
    expect(got.rowNumbers.slice(0, 3)).toEqual([2, 4, 7]);
    expect(got.rows).toHaveLength(2 + 396);
    expect(got.rowNumbers.at(-1)).toBe(402);
  });

  it('lists at most the first unexpected column names of a huge header, each once (a review of 2026-12-06)', async () => {
    // Names a message may show (no run of four digits: that may be a NIP or a year), each twice.
    const name = (i: number) => `extra_${i.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!)}`;
    const extra = Array.from({ length: 50_000 }, (_, i) => name(i % 25_000));
    const error = await read(`${HEADER},${extra.join(',')}\n${row(1)}\n`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    const message = (error as HeaderError).message;
    const listed = Array.from({ length: HEADER_NAMES_LISTED }, (_, i) => name(i)).join(', ');
    expect(message).toContain(`unexpected column(s): ${listed} and ${25_000 - HEADER_NAMES_LISTED} more`);
    expect(message.length).toBeLessThan(2000);
  });
});

describe('readCsvBatches: the rename hint of a huge header (a review of 2026-12-06)', () => {
  const headerError = async (names: readonly string[]): Promise<HeaderError> => {
    const error = await read(`${names.join(',')}\n${row(1)}\n`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    return error as HeaderError;
  };
  const withParent = (aliases: readonly string[]) => [
    ...HEADER.split(',').filter((n) => n !== 'parent_id'),
    ...aliases,
  ];

  // A header of a million copies of a column written with a space made a hint of a million renames.
  it('names each alias once, however often the header repeats it', async () => {
    const { message } = await headerError(withParent(Array.from({ length: 100_000 }, () => 'Parent ID')));
    expect(message).toMatch(/; rename "Parent ID" to parent_id$/);
    expect(message.split('rename').length).toBe(2);
    expect(message.length).toBeLessThan(1000);
  });

  it('lists at most HEADER_NAMES_LISTED renames, then how many more', async () => {
    // 30 spellings of parent_id, 100 000 cells.
    const spelling = (i: number) => `Parent${'_'.repeat(2 + (i % 30))}ID`;
    const { message } = await headerError(withParent(Array.from({ length: 100_000 }, (_, i) => spelling(i))));
    const renames = Array.from({ length: HEADER_NAMES_LISTED }, (_, i) => `"${spelling(i)}" to parent_id`);
    expect(message).toMatch(
      new RegExp(`; rename ${renames.join(', ')} and ${30 - HEADER_NAMES_LISTED} more$`),
    );
    expect(message.length).toBeLessThan(4000);
  });
});

describe('readCsvBatches: a UTF-8 BOM over invalid UTF-8 is read as UTF-8, and the run log says so', () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const bytes = (...parts: (string | number[] | Uint8Array)[]): Buffer =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Uint8Array.from(p))));
  const readBytes = async (data: Uint8Array, asPath = true) => {
    const warnings: string[] = [];
    const rows: (string | null)[][] = [];
    const path = join(dir, 'agencies.csv');
    if (asPath) await writeFile(path, data);
    for await (const b of readCsvBatches(asPath ? path : data, {
      table: 'agencies',
      onWarning: (m) => warnings.push(m),
    })) {
      rows.push(...b.rows);
    }
    return { warnings, rows };
  };
  const note = (source: string, line: number, offset: number, count: number) =>
    `${source}: warning: not valid UTF-8 although its byte-order mark says UTF-8 (first at line ${line}, ` +
    `byte offset ${offset}): read as UTF-8, with ${count} invalid byte sequence(s) replaced by U+FFFD (�), ` +
    'which loaded in their place: correct the text there and save the file as "CSV UTF-8" again';

  // A windows-1252 é (E9) and a cut sequence (C3 before "("); the U+FFFD written as text is no replacement.
  const BROKEN = bytes(
    BOM,
    `${HEADER}\n1,C1,Dinas \uFFFD é,dinas,,2020-01-01,\n2,C2,Dinas `,
    [0xe9],
    ' 2,dinas,,2020-01-01,\n3,C3,Caf',
    [0xc3],
    '(,dinas,,2020-01-01,\n',
  );

  it('names the line and byte offset of the first invalid sequence and how many were replaced', async () => {
    const got = await readBytes(BROKEN);
    expect(got.warnings).toEqual([note('files:agencies.csv', 3, BROKEN.indexOf(0xe9), 2)]);
    expect(got.rows.map((r) => r[2])).toEqual(['Dinas \uFFFD é', 'Dinas \uFFFD 2', 'Caf\uFFFD(']);
  });

  it('says the same of the bytes of a file', async () => {
    const got = await readBytes(BROKEN, false);
    expect(got.warnings).toEqual([note('files:inline', 3, BROKEN.indexOf(0xe9), 2)]);
    expect(got.rows).toHaveLength(3);
  });

  it('counts every replacement in a file read in chunks, a written U+FFFD split across two', async () => {
    const head = bytes(BOM, `${HEADER}\n1,C1,`);
    // The written U+FFFD (EF BF BD) starts one byte before the end of the first 1 MiB chunk.
    const pad = 'x'.repeat(CHUNK - 1 - head.length);
    const data = bytes(
      head,
      `${pad}\uFFFD,dinas,,2020-01-01,\n2,C2,A`,
      [0xff],
      ',dinas,,2020-01-01,\n3,C3,B',
      [0xf0, 0x9f],
      ',dinas,,2020-01-01,\n4,C4,C',
      [0xed, 0xa0, 0x80],
      ',dinas,,2020-01-01,\n',
    );
    expect(data.indexOf(Buffer.from('\uFFFD'))).toBe(CHUNK - 1);
    const got = await readBytes(data);
    // ED A0 80 (a surrogate) is three replacements, as the decoder reads it.
    expect(got.warnings).toEqual([note('files:agencies.csv', 3, data.indexOf(0xff), 5)]);
    const replaced = got.rows.map((r) => r[2]!.split('\uFFFD').length - 1);
    expect(replaced).toEqual([1, 1, 1, 3]);
  });

  it('says nothing of a clean UTF-8 file with a BOM, also one holding U+FFFD as text', async () => {
    const clean = bytes(BOM, `${HEADER}\n1,C1,Dinas \uFFFD é,dinas,,2020-01-01,\n`);
    expect((await readBytes(clean)).warnings).toEqual([]);
    expect((await readBytes(clean, false)).warnings).toEqual([]);
    expect((await readBytes(clean)).rows.map((r) => r[2])).toEqual(['Dinas \uFFFD é']);
  });
});
