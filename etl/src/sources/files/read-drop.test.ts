import { mkdtemp, open, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatStaged, HeaderError, isStagedDrop, type StagedTable } from '../staged.ts';
import { type DetectedEncoding, detectEncoding, encodingNote } from './detect-encoding.ts';
import { UnknownTableError } from './infer-table.ts';
import type { FileIdentity } from './open-regular-file.ts';
import { readCsvBatches } from './read-csv.ts';
import { readDrop, readDropBatches, stageDrop, UnsupportedDropError } from './read-drop.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drops-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function drop(name: string, bytes: Buffer | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

// Names with letters outside ASCII: they are what breaks when an encoding is guessed wrong. (Agency
// names: an employee's name is a column the ETL never reads.)
const AGENCIES = [
  ['id', 'code', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to'],
  ['1', 'DISDUKCAPIL', 'Dinas Kependudukan — Ma’rufah', 'dinas', '', '2020-01-01', ''],
  ['2', 'KEC-JKR', 'Kecamatan José Übermann', 'kecamatan', '1', '2020-01-01', '2022-12-31'],
];
const EXPECTED_ROWS = [
  ['1', 'DISDUKCAPIL', 'Dinas Kependudukan — Ma’rufah', 'dinas', null, '2020-01-01', null, null],
  ['2', 'KEC-JKR', 'Kecamatan José Übermann', 'kecamatan', '1', '2020-01-01', '2022-12-31', null],
];
const csv = (rows: string[][], delimiter = ',', eol = '\r\n') =>
  rows.map((r) => r.join(delimiter)).join(eol) + eol;

describe('readDrop: encodings Excel writes', () => {
  const text = csv(AGENCIES);
  const tsv = csv(AGENCIES, '\t');
  const cases: [string, Buffer, string][] = [
    ['UTF-8 without BOM', Buffer.from(text, 'utf8'), 'utf-8'],
    [
      'UTF-8 with BOM ("CSV UTF-8")',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'utf-8',
    ],
    ['UTF-16LE with BOM ("Unicode text", tabs)', iconv.encode(tsv, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['UTF-16BE with BOM', iconv.encode(tsv, 'utf-16be', { addBOM: true }), 'utf-16be'],
    ['UTF-16LE without BOM', iconv.encode(tsv, 'utf-16le'), 'utf-16le'],
    ['Windows-1252 ("CSV" on a Western Windows)', iconv.encode(text, 'windows-1252'), 'windows-1252'],
  ];
  it.each(cases)('%s', async (_label, bytes, encoding) => {
    expect(detectEncoding(bytes).encoding).toBe(encoding);
    const staged = await readDrop(await drop('agencies.csv', bytes));
    expect(staged.rejected).toEqual([]);
    expect(staged.rows).toEqual(EXPECTED_ROWS);
    expect(staged.table).toBe('agencies');
    expect(staged.source).toBe('files:agencies.csv');
    expect(staged.columns.at(-1)).toBe('updated_at');
  });

  it('decodes in-memory bytes the same way as a file', async () => {
    const batches = [];
    for await (const b of readCsvBatches(iconv.encode(text, 'windows-1252'), { table: 'agencies' }))
      batches.push(b);
    expect(batches.map((b) => b.rows)).toEqual([EXPECTED_ROWS]);
  });

  it('treats a file whose only non-ASCII byte sits far into the file as windows-1252', async () => {
    const rows = [AGENCIES[0]!];
    for (let i = 0; i < 30_000; i++)
      rows.push([String(i + 10), `A${i}`, 'Dinas Budi', 'dinas', '', '2020-01-01', '']);
    rows.push(AGENCIES[2]!);
    const staged = await readDrop(await drop('agencies_big.csv', iconv.encode(csv(rows), 'windows-1252')));
    expect(staged.rows.at(-1)?.[2]).toBe('Kecamatan José Übermann');
  });
});

describe('readDrop: the run log names a file read as windows-1252 (a review of 2026-12-06)', () => {
  const header = `${AGENCIES[0]!.join(',')}\r\n`;
  const row = (id: number, name: string) => `${id},A${id},${name},dinas,,2020-01-01,\r\n`;
  async function read(name: string, bytes: Buffer) {
    const warnings: string[] = [];
    const staged = await readDrop(await drop(name, bytes), { onWarning: (m) => warnings.push(m) });
    return { warnings, names: staged.rows.map((r) => r[2]) };
  }

  it('warns of a file that mixes UTF-8 and windows-1252 lines, naming both lines; the decoding stays windows-1252', async () => {
    const utf8 = Buffer.from(header + row(1, 'Kecamatan José'), 'utf8');
    const bytes = Buffer.concat([utf8, iconv.encode(row(2, 'Kecamatan José'), 'windows-1252')]);
    const offset = bytes.indexOf(0xe9);
    expect(offset).toBe(utf8.length + 'x,A2,Kecamatan Jos'.length);
    const { warnings, names } = await read('agencies_mixed.csv', bytes);
    expect(warnings).toEqual([
      `files:agencies_mixed.csv: warning: mixed encodings: not valid UTF-8 (first at line 3, byte offset ${offset}), ` +
        'so read as windows-1252, but it also holds UTF-8 text (first at line 2), which loaded garbled (é as Ã©): ' +
        'save the whole file as "CSV UTF-8" and load it again',
    ]);
    expect(names).toEqual(['Kecamatan JosÃ©', 'Kecamatan José']);
  });

  it('names the encoding of a clean windows-1252 file, without alarm, and says nothing of UTF-8 or UTF-16 files', async () => {
    const text = csv(AGENCIES);
    const bytes = iconv.encode(text, 'windows-1252');
    const first = bytes.findIndex((b) => b >= 0x80);
    const { warnings, names } = await read('agencies.csv', bytes);
    expect(warnings).toEqual([
      `files:agencies.csv: read as windows-1252, Excel's plain "CSV", not UTF-8 (first at line 2, byte offset ${first}); ` +
        'if its accented letters look wrong, save it as "CSV UTF-8" and load it again',
    ]);
    expect(names).toEqual(EXPECTED_ROWS.map((r) => r[2]));
    for (const clean of [
      Buffer.from(text, 'utf8'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      iconv.encode(csv(AGENCIES, '\t'), 'utf-16le', { addBOM: true }),
    ])
      expect((await read('agencies.csv', clean)).warnings).toEqual([]);
    // In-memory bytes get the same note.
    const notes: string[] = [];
    for await (const _ of readCsvBatches(bytes, { table: 'agencies', onWarning: (m) => notes.push(m) }));
    expect(notes).toEqual([warnings[0]!.replace('files:agencies.csv', 'files:inline')]);
  });

  it('finds the place in a file streamed in chunks: a UTF-8 letter split across two, the bad byte far after', async () => {
    // A UTF-8 "é" (C3 A9) across the 1 MiB read boundary, then 30 000 lines on, one windows-1252 "é".
    const lead = header + row(1, 'x'.repeat((1 << 20) - header.length - 'x,A1,'.length - 1));
    const bytes = Buffer.concat([
      Buffer.from(lead.slice(0, (1 << 20) - 1)),
      Buffer.from('é'),
      Buffer.from(lead.slice((1 << 20) - 1)),
      Buffer.from(Array.from({ length: 30_000 }, (_, i) => row(i + 2, 'Dinas')).join('')),
      Buffer.from([0xe9]),
      Buffer.from(row(30_002, 'Dinas')),
    ]);
    expect(bytes.subarray((1 << 20) - 1, (1 << 20) + 1)).toEqual(Buffer.from('é'));
    const detected = detectEncoding(bytes);
    expect(detected.notUtf8).toEqual({ offset: bytes.lastIndexOf(0xe9), line: 30_003, utf8Line: 2 });
    const { warnings } = await read('agencies_split.csv', bytes);
    expect(warnings).toEqual([encodingNote('files:agencies_split.csv', detected)]);
  });

  it('counts lines ended by LF, CRLF or a lone CR, as the CSV scanner does', () => {
    const bytes = Buffer.from('h\r\na\rb\nc\r\n\rd\xe9', 'latin1');
    expect(detectEncoding(bytes).notUtf8).toEqual({ offset: bytes.length - 1, line: 6, utf8Line: null });
  });
});

describe("readDrop: a column the ETL never reads (an employee's name)", () => {
  const header = [
    'id',
    'nip',
    'ni_pppk',
    'full_name',
    'sex',
    'birth_date',
    'employment_type',
    'appointed_on',
  ];
  const row = ['1', '198503302010011002', '', 'Siti Ma’rufah', 'F', '1985-03-30', 'PNS', '2010-01-01'];

  it('is dropped on read: not staged, and not in the raw row a quarantine entry would show', async () => {
    const staged = await readDrop(await drop('employees.csv', csv([header, row])));
    expect(staged.rejected).toEqual([]);
    expect(staged.rows[0]![staged.columns.indexOf('full_name')]).toBeNull();
    expect(staged.rows[0]![staged.columns.indexOf('nip')]).toBe('198503302010011002');
    expect(staged.rawRows[0]).not.toContain('Ma’rufah');
    expect(JSON.parse(staged.rawRows[0]!)).not.toHaveProperty('full_name');
  });

  it('may be left out of the file: the template does not ask for it', async () => {
    const without = (r: string[]) => r.filter((_, i) => i !== 3);
    const staged = await readDrop(await drop('employees_no_name.csv', csv([without(header), without(row)])));
    expect(staged.rejected).toEqual([]);
    expect(staged.rows).toHaveLength(1);
  });
});

describe('readDrop: delimiters', () => {
  it.each([
    ['comma', ','],
    ['semicolon (Indonesian-locale Excel)', ';'],
    ['tab', '\t'],
  ])('%s', async (_label, delimiter) => {
    const staged = await readDrop(await drop('agencies.csv', csv(AGENCIES, delimiter)));
    expect(staged.rows).toEqual(EXPECTED_ROWS);
  });

  it('honours Excel’s `sep=` hint line', async () => {
    const staged = await readDrop(await drop('agencies.csv', `sep=;\n${csv(AGENCIES, ';')}`));
    expect(staged.rows).toEqual(EXPECTED_ROWS);
    expect(staged.rowNumbers).toEqual([3, 4]);
  });

  it('keeps a decimal comma inside a semicolon file as text for SQL to judge', async () => {
    const text = 'id;offering_id;employee_id;status;jp_earned;completed_at\n7;1;2;completed;1,5;2024-03-05\n';
    const staged = await readDrop(await drop('enrollments.csv', text));
    expect(staged.rows).toEqual([['7', '1', '2', 'completed', '1,5', '2024-03-05T00:00:00+07:00', null]]);
  });
});

describe('readDrop: header', () => {
  it('matches header names case-insensitively after trimming, in any order', async () => {
    const text =
      ' EMPLOYEE_ID ,Id,Offering_Id,status,JP_earned,completed_at,Updated_At\n2,7,1,completed,2,,2024-01-01T00:00:00Z\n';
    const staged = await readDrop(await drop('enrollments.csv', text));
    expect(staged.rows).toEqual([['7', '1', '2', 'completed', '2', null, '2024-01-01T00:00:00Z']]);
    expect(JSON.parse(staged.rawRows[0]!)).toMatchObject({ EMPLOYEE_ID: '2', Id: '7' });
  });

  it('throws a HeaderError naming every missing required and unknown column', async () => {
    const text = 'id,offering,employee_id,state,jp_earned\n1,1,1,completed,2\n';
    const error = await readDrop(await drop('enrollments.csv', text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    const h = error as HeaderError;
    expect(h.missing).toEqual(['offering_id', 'status']);
    expect(h.unexpected).toEqual(['offering', 'state']);
    expect(h.message).toMatch(
      /missing required column\(s\): offering_id, status; unexpected column\(s\): offering, state/,
    );
  });

  it('names duplicated columns', async () => {
    const text = 'id,offering_id,employee_id,status,jp_earned,Status\n';
    await expect(readDrop(await drop('enrollments.csv', text))).rejects.toMatchObject({
      duplicate: ['Status'],
    });
  });

  it('lets optional columns and updated_at be absent (they stage as null)', async () => {
    const text = 'id,offering_id,employee_id,status,jp_earned\n1,2,3,dropped,0\n';
    const staged = await readDrop(await drop('enrollments.csv', text));
    expect(staged.rows).toEqual([['1', '2', '3', 'dropped', '0', null, null]]);
  });

  it('matches names with spaces around them (tab, NBSP, zero-width) and in any case', async () => {
    const text = '\tID\u00a0,  Offering_ID ,\u200bemployee_ID,STATUS,jp_earned \n7,1,2,completed,2\n';
    const staged = await readDrop(await drop('enrollments.csv', text));
    expect(staged.rows).toEqual([['7', '1', '2', 'completed', '2', null, null]]);
    expect(Object.keys(JSON.parse(staged.rawRows[0]!))).toEqual([
      'ID',
      'Offering_ID',
      'employee_ID',
      'STATUS',
      'jp_earned',
    ]);
  });

  it('matches nothing else loosely, but says how to rename a column written with spaces for underscores', async () => {
    const text = 'id,offering id,Employee  ID,status,jp_earned\n1,2,3,dropped,0\n';
    const error = await readDrop(await drop('enrollments.csv', text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    expect(error).toMatchObject({
      missing: ['offering_id', 'employee_id'],
      unexpected: ['offering id', 'Employee  ID'],
    });
    expect((error as Error).message).toBe(
      'files:enrollments.csv: header does not match table enrollments: missing required column(s): ' +
        'offering_id, employee_id; unexpected column(s): offering id, Employee  ID; ' +
        'rename "offering id" to offering_id, "Employee  ID" to employee_id',
    );
  });

  it('says which row looks like the header when a title row sits above it', async () => {
    // Excel writes the title's empty cells as delimiters; the header is on row 2.
    const text = `Data Peserta Diklat 2025,,,,\nid,offering_id,employee_id,status,jp_earned\n1,2,3,dropped,0\n`;
    const error = await readDrop(await drop('enrollments.csv', text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    expect((error as Error).message).toBe(
      'files:enrollments.csv: header does not match table enrollments: row 2 looks like the header: ' +
        'delete the title row(s) above it (row 1)',
    );
  });

  it('says the header spans two rows when the row that looks like it lacks names the row above holds', async () => {
    // An XLSX with a two-row header (id … surveyed_on merged over rows 1–2, a group title over
    // u1 … u9) saved as CSV. "Delete row 1 as a title" lost id … surveyed_on.
    const text = [
      'id,agency_id,service_type,surveyed_on,Unsur Pelayanan (1-4),,,,,,,,',
      ',,,,u1,u2,u3,u4,u5,u6,u7,u8,u9',
      '9106,11,ktp_el,2025-01-05,4,3,3,4,3,3,4,3,4',
      '',
    ].join('\n');
    const error = await readDrop(await drop('satisfaction_responses.csv', text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    expect((error as Error).message).toBe(
      'files:satisfaction_responses.csv: header does not match table satisfaction_responses: the header ' +
        'spans rows 1–2: put every column name in one row, row 2, and delete row 1',
    );
    // Done so, it loads.
    const fixed = [
      'id,agency_id,service_type,surveyed_on,u1,u2,u3,u4,u5,u6,u7,u8,u9',
      text.split('\n')[2],
      '',
    ];
    const staged = await readDrop(await drop('satisfaction_responses.csv', fixed.join('\n')));
    expect(staged.rejected).toEqual([]);
    expect(staged.rows).toHaveLength(1);
  });

  it('finds the header under several title rows, in a semicolon file whose title has no delimiter', async () => {
    const text = [
      'Data Peserta Diklat 2025',
      'BKPSDM Kabupaten Contoh',
      '',
      'ID;Offering_ID;Employee_ID;Status;JP_Earned',
      '1;2;3;dropped;0',
      '',
    ].join('\r\n');
    await expect(readDrop(await drop('enrollments.csv', text))).rejects.toThrow(
      /: row 4 looks like the header: delete the title row\(s\) above it \(rows 1–3\)$/,
    );
  });

  it('looks no further than row 5, and not at data: the plain header error otherwise', async () => {
    const titles = [
      'Data Peserta Diklat 2025',
      '',
      '',
      '',
      '',
      'id,offering_id,employee_id,status,jp_earned',
    ];
    const below = await readDrop(await drop('enrollments.csv', `${titles.join('\n')}\n`)).catch((e) => e);
    expect((below as Error).message).toBe(
      'files:enrollments.csv: header does not match table enrollments: missing required column(s): ' +
        'id, offering_id, employee_id, status, jp_earned; 1 unexpected column(s) (not shown: row 1 may be data, not a header)',
    );
    const data = 'nomor,kelas,pegawai,keadaan,jp\n1,2,3,dropped,0\n4,5,6,completed,2\n';
    const plain = await readDrop(await drop('enrollments.csv', data)).catch((e) => e);
    expect((plain as Error).message).not.toMatch(/looks like the header/);
  });

  // A header error reaches the run record, meta.etl_runs, etlRuns.error and the log: no NIP, no name.
  const NIP = '198807082012031777';
  const HEADERLESS = `9601,${NIP},,Bambang Pamungkas,M,1988-07-08,PNS,2012-03-01,S1\n9602,,,Sukarno,M,1970-01-01,PNS,1995-03-01,S2\n`;

  it('says a file without its header row has none, names the columns, and quotes none of its data', async () => {
    const error = await readDrop(await drop('employees.csv', HEADERLESS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    const h = error as HeaderError;
    expect(h.message).toBe(
      'files:employees.csv: header does not match table employees: the file seems to have no header row ' +
        '(row 1 holds values, not column names); the first row must be the header: ' +
        'id, nip, ni_pppk, sex, birth_date, employment_type, appointed_on, education',
    );
    for (const value of [NIP, 'Bambang', 'Pamungkas', '1988-07-08', '9601']) {
      expect(h.message).not.toContain(value);
      expect(JSON.stringify({ ...h })).not.toContain(value);
    }
    expect(h).toMatchObject({ unexpected: [], hidden: 8 });
  });

  it('counts, never quotes, an unknown cell that may be a name, and still names column-like ones', async () => {
    const text = 'id,nip,sex,birth_date,employment_type,appointed_on,catatan,Bambang Pamungkas,Sukarno\n';
    const error = await readDrop(await drop('employees.csv', text)).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'files:employees.csv: header does not match table employees: unexpected column(s): catatan ' +
        'and 2 more (not shown: row 1 may be data, not a header)',
    );
    expect(error).toMatchObject({ unexpected: ['catatan'], hidden: 2 });
  });

  it('names an extra column written like one (`catatan`), and a column of another table', async () => {
    const text = 'id,offering_id,employee_id,status,jp_earned,catatan,program_id\n1,2,3,dropped,0,,\n';
    const error = await readDrop(await drop('enrollments.csv', text)).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'files:enrollments.csv: header does not match table enrollments: unexpected column(s): catatan, program_id',
    );
  });

  it('keeps the rename hint for a column written with a space or in another case', async () => {
    const text = 'id,offering_id,Employee ID,status,jp_earned,Catatan Khusus\n1,2,3,dropped,0,\n';
    const error = await readDrop(await drop('enrollments.csv', text)).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'files:enrollments.csv: header does not match table enrollments: missing required column(s): employee_id; ' +
        'unexpected column(s): Employee ID and 1 more (not shown: row 1 may be data, not a header); ' +
        'rename "Employee ID" to employee_id',
    );
  });

  it('counts the line of the header after Excel’s `sep=` hint', async () => {
    const text = `sep=;\n9601;${NIP};;Bambang Pamungkas;M;1988-07-08;PNS;2012-03-01;S1\n`;
    const error = await readDrop(await drop('employees.csv', text)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/no header row \(row 2 holds values, not column names\)/);
    expect((error as Error).message).not.toContain('Bambang');
  });

  it('does not quote a data row sorted above the header (it reads as a title row)', async () => {
    const text = `9601,${NIP},,Bambang Pamungkas,M,1988-07-08,PNS,2012-03-01,S1\nid,nip,ni_pppk,full_name,sex,birth_date,employment_type,appointed_on,education\n`;
    const error = await readDrop(await drop('employees.csv', text)).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'files:employees.csv: header does not match table employees: row 2 looks like the header: ' +
        'delete the title row(s) above it (row 1)',
    );
  });

  it('treats an empty file as missing every required column', async () => {
    await expect(readDrop(await drop('programs.csv', ''))).rejects.toMatchObject({
      missing: ['id', 'code', 'title', 'competency_area', 'method', 'jp'],
    });
  });
});

describe('readDrop: malformed rows', () => {
  it('rejects rows with the wrong number of fields or broken quoting; the rest load', async () => {
    const text = [
      'id,offering_id,employee_id,status,jp_earned,completed_at',
      '1,10,100,completed,2,2024-03-05',
      '2,10,101,completed', // too few
      '3,10,102,"completed"x,2,', // text after a closing quote
      '4,10,103,dropped,0,,extra', // too many
      '5,10,"104,dropped,0,', // never closed
      '6,10,105,no_show,0,',
      '',
    ].join('\n');
    const staged = await readDrop(await drop('enrollments.csv', text));
    expect(staged.rowNumbers).toEqual([2, 7]);
    expect(staged.rows.map((r) => r[0])).toEqual(['1', '6']);
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason, r.raw])).toEqual([
      [3, 'MALFORMED_ROW', '2,10,101,completed'],
      [4, 'MALFORMED_ROW', '3,10,102,"completed"x,2,'],
      [5, 'MALFORMED_ROW', '4,10,103,dropped,0,,'], // the field past the header withheld
      [6, 'MALFORMED_ROW', '5,10,"104,dropped,0,'],
    ]);
    expect(staged.rejected[0]).toMatchObject({
      source: 'files:enrollments.csv',
      table: 'enrollments',
      detail: 'expected 6 fields, found 4',
    });
  });

  it('reads empty trailing header cells as formatting, as in an XLSX: a row may stop before them (a review of 2026-12-06)', async () => {
    // Every row was MALFORMED_ROW "expected 9 fields, found 7" but the ones padded to the header.
    const text = [
      'id,code,title,competency_area,method,jp,provider,,',
      '9371,SOF-NEW4,Manajemen Waktu,soft_skills,workshop,8,BKPSDM',
      '9372,SOF-NEW5,Manajemen Konflik,soft_skills,workshop,8,BKPSDM,,',
      '9373,SOF-NEW6,Etika,soft_skills,workshop,8,,', // provider empty, one trailing field
      '9374,SOF-NEW7,Arsip,soft_skills,workshop,8,BKPSDM,catatan,', // a value under no header
      '9375,SOF-NEW8,Rapat,soft_skills,workshop,8,BKPSDM,,,', // more fields than the header has
      '9376,SOF-NEW9,Rapat,soft_skills,workshop,8', // fewer than its names
      ',,,,,,,,',
      '',
    ].join('\r\n');
    const staged = await readDrop(await drop('programs.csv', text));
    expect(staged.columns).toEqual([
      'id',
      'code',
      'title',
      'competency_area',
      'method',
      'jp',
      'provider',
      'updated_at',
    ]);
    expect(staged.rows.map((r) => [r[0], r[6]])).toEqual([
      ['9371', 'BKPSDM'],
      ['9372', 'BKPSDM'],
      ['9373', null],
    ]);
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason, r.detail])).toEqual([
      [
        5,
        'MALFORMED_ROW',
        'value in column 8, which has no header; column 8 without a header blanked: may hold a name (a column never read)',
      ],
      [
        6,
        'MALFORMED_ROW',
        'expected 7 to 9 fields, found 10; fields 8, 9, 10 blanked: may hold a name (a column never read)',
      ],
      [7, 'MALFORMED_ROW', 'expected 7 to 9 fields, found 6'],
    ]);
  });

  it('skips blank and delimiter-only rows instead of rejecting them', async () => {
    const text = 'id,offering_id,employee_id,status,jp_earned\n1,2,3,dropped,0\n,,,,\n\n';
    const staged = await readDrop(await drop('enrollments.csv', text));
    expect(staged.rows).toHaveLength(1);
    expect(staged.rejected).toEqual([]);
  });

  it('keeps a formula-looking value as text for the FORMULA_INJECTION rule', async () => {
    const text = 'id,offering_id,employee_id,status,jp_earned\n1,2,3,"=HYPERLINK(""x"")",0\n';
    const staged = await readDrop(await drop('enrollments.csv', text));
    expect(staged.rows[0]?.[3]).toBe('=HYPERLINK("x")');
  });
});

describe('readDropBatches', () => {
  it('yields batches of the requested size with line numbers that continue across them', async () => {
    const lines = ['id,offering_id,employee_id,status,jp_earned'];
    for (let i = 1; i <= 25; i++) lines.push(`${i},1,${i},completed,2`);
    const path = await drop('enrollments_batch.csv', `${lines.join('\n')}\n`);
    const batches = [];
    for await (const b of readDropBatches(path, { batchSize: 10 })) batches.push(b);
    expect(batches.map((b) => b.rows.length)).toEqual([10, 10, 5]);
    expect(batches[2]?.rowNumbers).toEqual([22, 23, 24, 25, 26]);
  });
});

describe('readDrop: which table', () => {
  it('infers the table from <table>_anything, preferring the longest table name', async () => {
    const text =
      'id,employee_id,agency_id,grade,position_type,started_on\n1,2,3,III/a,pelaksana,2020-01-01\n';
    const staged = await readDrop(await drop('employee_assignments_2024-06.csv', text));
    expect(staged.table).toBe('employee_assignments');
  });

  it('takes an explicit table over the file name', async () => {
    const staged = await readDrop(await drop('export.csv', 'id,code,name,kind,valid_from\n'), {
      table: 'agencies',
    });
    expect(staged.table).toBe('agencies');
    expect(staged.rows).toEqual([]);
  });

  it('refuses a file that names no table, and formats it cannot read', async () => {
    await expect(readDrop(await drop('export.csv', 'id\n'))).rejects.toBeInstanceOf(UnknownTableError);
    // It offers only what the CLI can do (there is no option naming the table).
    const unknown = await readDrop(await drop('export.csv', 'id\n')).catch((e: Error) => e.message);
    expect(unknown).toMatch(/name it <table>\.csv .*name its sheet after the table/);
    expect(unknown).not.toMatch(/pass the table/);
    await expect(readDrop(await drop('employees.xls', 'x'))).rejects.toBeInstanceOf(UnsupportedDropError);
  });

  it('lets an unreadable file fail as the infrastructure error it is', async () => {
    await expect(readDrop(join(dir, 'absent', 'employees.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('stageDrop: the encoding found at staging is not detected again at load', () => {
  // A windows-1252 é (E9) is invalid UTF-8: read as windows-1252 it is é, as UTF-8 U+FFFD.
  const rows = (text: string) =>
    `id,code,name,kind,parent_id,valid_from,valid_to\r\n1,X,${text},dinas,,2020-01-01,\r\n`;
  const nameOf = (t: StagedTable) => t.rows[0]?.[2];
  const all = async (batches: AsyncIterable<StagedTable>) => {
    const out: StagedTable[] = [];
    for await (const b of batches) out.push(b);
    return concatStaged(out);
  };

  it('readCsvBatches takes a known encoding only with the state the file must be in', async () => {
    const path = await drop('agencies.csv', Buffer.from(rows('Jos\u00e9'), 'utf8'));
    let identity: FileIdentity | undefined;
    let detected: DetectedEncoding | undefined;
    const first = await all(
      readCsvBatches(path, {
        table: 'agencies',
        onOpen: (id) => {
          identity = id;
        },
        onEncoding: (e) => {
          detected = e;
        },
      }),
    );
    expect(nameOf(first)).toBe('José');
    expect(detected?.encoding).toBe('utf-8');
    const wrong: DetectedEncoding = { encoding: 'windows-1252', bom: false };
    // Trusted for the file in its staged state: the (wrong) known encoding is used, not a scan.
    const trusted = await all(
      readCsvBatches(path, { table: 'agencies', unchangedSince: identity!, knownEncoding: wrong }),
    );
    expect(nameOf(trusted)).toBe('JosÃ©');
    // Without the state it was found in, the file is scanned as always.
    expect(nameOf(await all(readCsvBatches(path, { table: 'agencies', knownEncoding: wrong })))).toBe('José');
  });

  it('the load reads the drop in the encoding staging found', async () => {
    const path = await drop('agencies.csv', Buffer.from(rows('Jos\u00e9'), 'utf8'));
    // A whole second, which utimes puts back exactly.
    const mtime = new Date('2026-01-02T03:04:05Z');
    await utimes(path, mtime, mtime);
    const staged = await stageDrop(path);
    if (!isStagedDrop(staged)) throw new Error('a CSV drop stages as a StagedDrop');
    // Rewritten in place to the same size with its mtime put back (what DROP_CHANGED's identity
    // cannot see): a load that detected again would read windows-1252 and give é.
    const handle = await open(path, 'r+');
    const at = (await readFile(path)).indexOf(Buffer.from('\u00e9', 'utf8'));
    await handle.write(Buffer.from([0xe9, 0x20]), 0, 2, at);
    await handle.close();
    await utimes(path, mtime, mtime);
    expect(nameOf(await all(staged.batches()))).toBe('Jos\ufffd');
  });
});
