import { type CsvCell, csvIdr, csvNumber, isMoneyHeader } from './csv.ts';

/**
 * An Excel workbook (.xlsx, Office Open XML) of one table, written here with no library: a zip of
 * six small XML parts. Why beside the CSV: Excel set to Indonesian reads a double-clicked .csv with
 * its list separator `;` and decimal comma, so a CSV written with `,` and `.` (RFC 4180, what
 * researchers' tools read) opens as one column, or turns 0.3 into text. In a workbook a number is a
 * number, whatever the locale, and Excel shows it with the reader's own separators (a review of the
 * Indonesian copy, 2026-12-07).
 *
 * What it keeps from the CSV (csv.ts): numbers at 15 significant digits, money columns (header
 * ending "(Rp)" or "(IDR)") in whole rupiah, shown with thousands separators; an empty cell for
 * null. What it need not do: guard against formulas. Text is written as inline strings, which a
 * spreadsheet never evaluates, so `=1+1` stays the text `=1+1` with no leading quote.
 *
 * The zip's entries are stored, not deflated: a dashboard table is small, and this keeps the
 * writer synchronous and short. The header row is bold and frozen.
 */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel's limit on a sheet name, and the characters it refuses in one. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

/** Widest column, in characters (Excel's unit), however long its text. */
const MAX_COLUMN_WIDTH = 60;

/** The workbook's bytes: `header` as a bold first row, then `rows`, on one sheet named `sheetName`. */
export function toXlsx(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  sheetName = 'Data',
): Uint8Array {
  const money = header.map(isMoneyHeader);
  const sheet = sheetXml(header, rows, money);
  // Nor may a name start or end with an apostrophe (Excel offers to repair such a file).
  const name =
    sheetName
      .replace(SHEET_NAME_FORBIDDEN, ' ')
      .slice(0, SHEET_NAME_MAX)
      .replace(/^[\s']+|[\s']+$/g, '') || 'Data';
  const encoder = new TextEncoder();
  return zipStored(
    [
      ['[Content_Types].xml', CONTENT_TYPES],
      ['_rels/.rels', ROOT_RELS],
      ['xl/workbook.xml', workbookXml(name)],
      ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
      ['xl/styles.xml', STYLES],
      ['xl/worksheets/sheet1.xml', sheet],
    ].map(([path, text]) => ({ path: path!, data: encoder.encode(text) })),
  );
}

/** Style indices of STYLES' cellXfs: the default, the bold header, whole numbers with thousands separators. */
const STYLE_HEADER = 1;
const STYLE_MONEY = 2;

function sheetXml(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  money: readonly boolean[],
): string {
  const widths = header.map((h) => h.length);
  const cell = (value: CsvCell, row: number, col: number, style?: number): string => {
    const ref = `${columnName(col)}${row}`;
    const s = style === undefined ? '' : ` s="${style}"`;
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      const n = money[col] ? csvIdr(value)! : csvNumber(value);
      widths[col] = Math.max(
        widths[col] ?? 0,
        String(n).length + (money[col] ? Math.floor(String(n).length / 3) : 0),
      );
      return `<c r="${ref}"${money[col] ? ` s="${STYLE_MONEY}"` : s}><v>${n}</v></c>`;
    }
    if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
    widths[col] = Math.max(widths[col] ?? 0, value.length);
    const space = value !== value.trim() ? ' xml:space="preserve"' : '';
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  };
  const rowXml = (cells: readonly CsvCell[], r: number, style?: number) =>
    `<row r="${r}">${cells.map((v, c) => cell(v, r, c, style)).join('')}</row>`;
  const data = [rowXml(header, 1, STYLE_HEADER), ...rows.map((row, i) => rowXml(row, i + 2))].join('');
  const cols = widths
    .map(
      (w, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${Math.min(MAX_COLUMN_WIDTH, Math.max(8, w + 2))}" customWidth="1"/>`,
    )
    .join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${data}</sheetData></worksheet>`
  );
}

/** The column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Text for an XML element: `&`, `<`, `>` and CR escaped, `_xHHHH_` kept literal (ECMA-376's
 * escape for characters XML cannot hold, which Excel decodes), and the characters XML 1.0 cannot hold (C0
 * controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF) dropped: one such
 * character in a cell would make Excel refuse the whole file.
 */
export function xmlText(text: string): string {
  return (
    text
      .replace(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it removes
        /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
        '',
      )
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // A CR would reach the reader as LF (XML normalises line ends): written as a reference, it stays.
      .replace(/\r/g, '&#13;')
      // Excel reads `_x000D_`-like text as an escaped character: its `_` escaped keeps the text as written.
      .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
  );
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

const WORKBOOK_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
  '</Relationships>';

const workbookXml = (sheetName: string) =>
  `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
  `<sheets><sheet name="${xmlText(sheetName).replace(/"/g, '&quot;')}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

/** Fonts: regular, bold. cellXfs: default; bold (the header); built-in format 3, `#,##0` (money). */
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

interface ZipEntry {
  readonly path: string;
  readonly data: Uint8Array;
}

/**
 * A zip archive of `entries`, each stored (method 0) with its CRC-32 (APPNOTE 6.3: local headers,
 * then the central directory, then its end record). UTF-8 names (flag bit 11); a fixed time stamp
 * (1980-01-01), so the same table gives the same bytes.
 */
function zipStored(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.path);
    const crc = crc32(entry.data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    writeCommon(local, 4, crc, entry.data.length, name.length);
    parts.push(new Uint8Array(local.buffer), name, entry.data);
    const record = new DataView(new ArrayBuffer(46));
    record.setUint32(0, 0x02014b50, true);
    record.setUint16(4, 20, true); // made by: version 2.0
    writeCommon(record, 6, crc, entry.data.length, name.length);
    // 32: extra, comment, disk number, internal and external attributes: all 0.
    record.setUint32(42, offset, true);
    central.push(new Uint8Array(record.buffer), name);
    offset += 30 + name.length + entry.data.length;
  }
  const centralSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The fields a local header (at 4) and a central record (at 6) share: version … name length. */
function writeCommon(view: DataView, at: number, crc: number, size: number, nameLength: number): void {
  view.setUint16(at, 20, true); // version needed: 2.0
  view.setUint16(at + 2, 0x0800, true); // flags: UTF-8 names
  view.setUint16(at + 4, 0, true); // method: stored
  view.setUint16(at + 6, 0, true); // time 00:00
  view.setUint16(at + 8, (0 << 9) | (1 << 5) | 1, true); // date 1980-01-01
  view.setUint32(at + 10, crc, true);
  view.setUint32(at + 14, size, true); // compressed size
  view.setUint32(at + 18, size, true); // uncompressed size
  view.setUint16(at + 22, nameLength, true);
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zip uses. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
