import v8 from 'node:v8';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { templateBuffer } from './template.ts';
import {
  fileSizeRefusal,
  MAX_XLSX_COMPRESSION_RATIO,
  MAX_XLSX_INFLATED_BYTES,
  RATIO_CHECKED_FROM_BYTES,
  XLSX_HEAP_PER_INFLATED_BYTE,
  xlsxInflatedLimit,
  zipEntries,
  zipRefusal,
} from './zip-guard.ts';

interface Part {
  readonly name: string;
  readonly data: Buffer;
  /** Deflated (else stored). */
  readonly deflate?: boolean;
  /** The inflated size the central directory declares (default: the real one). */
  readonly declared?: number;
}

/**
 * A zip written byte by byte, so its central directory can declare what a test needs (a lie, a
 * ZIP64 size). CRCs are 0: neither jszip (by default) nor the guard checks them.
 */
function zipOf(parts: readonly Part[], { zip64 = false } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const body = p.deflate ? deflateRawSync(p.data) : p.data;
    const declared = p.declared ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(p.deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(Math.min(declared, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(p.deflate ? 8 : 0, 10);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    let extra = Buffer.alloc(0);
    if (zip64) {
      // Both sizes in the ZIP64 extra field, the 32-bit ones saying so.
      central.writeUInt32LE(0xffffffff, 20);
      central.writeUInt32LE(0xffffffff, 24);
      extra = Buffer.alloc(20);
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(declared), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
    } else {
      central.writeUInt32LE(body.length, 20);
      central.writeUInt32LE(declared, 24);
    }
    central.writeUInt16LE(extra.length, 30);
    centrals.push(central, name, extra);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
    // The classic record's fields overflowed: all 1s, as ZIP64 writers leave them.
    eocd.writeUInt16LE(0xffff, 8);
    eocd.writeUInt16LE(0xffff, 10);
    eocd.writeUInt32LE(0xffffffff, 12);
    eocd.writeUInt32LE(0xffffffff, 16);
  } else {
    eocd.writeUInt16LE(parts.length, 8);
    eocd.writeUInt16LE(parts.length, 10);
    eocd.writeUInt32LE(directory.length, 12);
    eocd.writeUInt32LE(offset, 16);
  }
  return Buffer.concat([...locals, directory, ...tail, eocd]);
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const xml = Buffer.from('<?xml version="1.0"?><worksheet/>');

describe('zipEntries', () => {
  it("reads a real workbook's central directory: names and sizes as jszip sees them", async () => {
    const entries = zipEntries(await templateBuffer('agencies', 'xlsx'));
    const names = entries.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(sheet.method).toBe(8);
    expect(sheet.uncompressedSize).toBeGreaterThan(sheet.compressedSize);
  });

  it('reads ZIP64 sizes from the extra field and the ZIP64 end record', () => {
    const entries = zipEntries(
      zipOf([{ name: 'xl/worksheets/sheet1.xml', data: xml, deflate: true, declared: 5 * GiB }], {
        zip64: true,
      }),
    );
    expect(entries).toMatchObject([
      { name: 'xl/worksheets/sheet1.xml', method: 8, uncompressedSize: 5 * GiB, localHeaderOffset: 0 },
    ]);
  });
});

describe('zipRefusal', () => {
  it('lets a real workbook through', async () => {
    expect(await zipRefusal(await templateBuffer('employees', 'xlsx'))).toBeNull();
  });

  it('refuses a zip whose parts declare more than MAX_XLSX_INFLATED_BYTES together, whatever the heap', async () => {
    // Two parts, each under the limit, and a sheet of 3 GiB: 100 bytes on disk.
    const bomb = zipOf([
      { name: 'xl/workbook.xml', data: xml, deflate: true },
      { name: 'xl/worksheets/sheet1.xml', data: xml, deflate: true, declared: 3 * GiB },
    ]);
    // No heap loads it (Node's longest string): raising the heap is not offered.
    expect(await zipRefusal(bomb, xlsxInflatedLimit(64 * GiB))).toBe(
      'the workbook is too large to read in memory: its parts inflate to 3072 MiB ' +
        "(xl/worksheets/sheet1.xml 3072 MiB), over the 512 MiB an XLSX may inflate to (Node's longest string): " +
        'save it as CSV, which streams',
    );
    // The same in ZIP64 form (as Python's zipfile wrote the reviewer's 3 GiB sheet), under this
    // process's own heap.
    expect(
      await zipRefusal(
        zipOf([{ name: 'xl/worksheets/sheet1.xml', data: xml, deflate: true, declared: 3 * GiB }], {
          zip64: true,
        }),
      ),
    ).toMatch(
      /^the workbook is too large to read in memory: its parts inflate to 3072 MiB \(xl\/worksheets\/sheet1\.xml 3072 MiB\), over the \d+ MiB /,
    );
  });

  it('refuses a workbook its parts would inflate past what the heap holds, saying how large a heap would', async () => {
    // 3 MiB of sheet text under a heap of 24 MiB, where a workbook may inflate to 2 MiB.
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `<row r="${i + 2}"><c><v>${i * 7919}</v></c></row>`,
    );
    const sheet = Buffer.from(
      `<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`.padEnd(3 * MiB),
    );
    const book = zipOf([
      { name: 'xl/workbook.xml', data: xml, deflate: true },
      { name: 'xl/worksheets/sheet1.xml', data: sheet, deflate: true },
    ]);
    expect(await zipRefusal(book, xlsxInflatedLimit(24 * MiB))).toBe(
      'the workbook is too large to read in memory: its parts inflate to 3 MiB (xl/worksheets/sheet1.xml 3 MiB), ' +
        'over the 2 MiB this ETL can load (1/12 of its 24 MiB heap): save it as CSV, which streams, ' +
        "or raise the ETL's heap (NODE_OPTIONS=--max-old-space-size=37)",
    );
    // A heap large enough for it lets it through.
    expect(await zipRefusal(book, xlsxInflatedLimit(37 * MiB))).toBeNull();
  });

  it('refuses a part compressed past MAX_XLSX_COMPRESSION_RATIO, as only padding is', async () => {
    const blanks = Buffer.alloc(RATIO_CHECKED_FROM_BYTES * 2, 0x20);
    const refusal = await zipRefusal(
      zipOf([{ name: 'xl/worksheets/sheet1.xml', data: blanks, deflate: true }]),
    );
    expect(refusal).toMatch(
      /^xl\/worksheets\/sheet1\.xml inflates (\d+) to 1 \(16 MiB\), more than the 200 to 1/,
    );
    expect(Number(/inflates (\d+)/.exec(refusal!)![1])).toBeGreaterThan(MAX_XLSX_COMPRESSION_RATIO);
  });

  it('refuses a part that inflates past the size its directory declares, stopping there', async () => {
    // Declared 1 000 bytes, 2 MiB inside: within every declared limit, and jszip would inflate it
    // whole before comparing sizes.
    const lie = zipOf([
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.alloc(2 * 1024 * 1024, 0x61),
        deflate: true,
        declared: 1000,
      },
    ]);
    expect(await zipRefusal(lie)).toBe(
      'xl/worksheets/sheet1.xml inflates to more than the 1000 bytes its zip directory declares',
    );
  });

  it('names a file that is no zip', async () => {
    expect(await zipRefusal(Buffer.from('id,name\n1,Dinas\n'))).toBe(
      'it is not a zip file (an XLSX is one: was another file renamed .xlsx?)',
    );
    expect(await zipRefusal(Buffer.alloc(0))).toMatch(/^it is not a zip file/);
  });
});

describe('xlsxInflatedLimit', () => {
  it('is a twelfth of the heap, at most MAX_XLSX_INFLATED_BYTES', () => {
    expect(XLSX_HEAP_PER_INFLATED_BYTE).toBe(12);
    // Node's default heap here, 4 144 MiB: 345 MiB, under which a 438 MiB workbook ran out of heap.
    expect(xlsxInflatedLimit(4144 * MiB)).toBe(Math.floor((4144 * MiB) / 12));
    expect(Math.round(xlsxInflatedLimit(4144 * MiB) / MiB)).toBe(345);
    expect(xlsxInflatedLimit(2 * GiB)).toBe(Math.floor((2 * GiB) / 12));
    // From a 6 GiB heap up, V8's longest string is the limit.
    expect(xlsxInflatedLimit(6 * GiB)).toBe(MAX_XLSX_INFLATED_BYTES);
    expect(xlsxInflatedLimit(64 * GiB)).toBe(MAX_XLSX_INFLATED_BYTES);
  });

  it("follows this process's heap by default (raised by --max-old-space-size)", () => {
    expect(xlsxInflatedLimit()).toBe(xlsxInflatedLimit(v8.getHeapStatistics().heap_size_limit));
  });
});

describe('fileSizeRefusal', () => {
  it('refuses a file larger than its limit before it is read', () => {
    expect(fileSizeRefusal(MAX_XLSX_INFLATED_BYTES, MAX_XLSX_INFLATED_BYTES)).toBeNull();
    expect(fileSizeRefusal(MAX_XLSX_INFLATED_BYTES + MiB, MAX_XLSX_INFLATED_BYTES)).toBe(
      'the workbook is too large to read in memory: the file is 513 MiB, over the 512 MiB an XLSX may ' +
        "inflate to (Node's longest string): save it as CSV, which streams",
    );
    const limit = xlsxInflatedLimit(4144 * MiB);
    expect(fileSizeRefusal(limit, limit)).toBeNull();
    expect(fileSizeRefusal(400 * MiB, limit)).toBe(
      'the workbook is too large to read in memory: the file is 400 MiB, over the 345 MiB this ETL can ' +
        "load (1/12 of its 4144 MiB heap): save it as CSV, which streams, or raise the ETL's heap " +
        '(NODE_OPTIONS=--max-old-space-size=4800)',
    );
  });

  it('tells a size just over the limit apart from the limit', () => {
    const limit = xlsxInflatedLimit(4144 * MiB); // 345.33 MiB
    expect(fileSizeRefusal(limit + 4096, limit)).toMatch(
      /^the workbook is too large to read in memory: the file is 345\.34 MiB, over the 345\.33 MiB this ETL /,
    );
    expect(fileSizeRefusal(limit + 1, limit)).toMatch(
      new RegExp(`the file is ${limit + 1} bytes, over the ${limit} bytes this ETL `),
    );
    expect(fileSizeRefusal(MAX_XLSX_INFLATED_BYTES + 200 * 1024, MAX_XLSX_INFLATED_BYTES)).toMatch(
      /the file is 512\.2 MiB, over the 512\.0 MiB an XLSX may inflate to/,
    );
  });
});
