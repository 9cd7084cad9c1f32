import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  type ColumnType,
  SOURCE_TABLES,
  type SourceTableName,
  tableSpec,
} from '../../source-schema/catalog.ts';
import { columnGuide } from './column-guide.ts';
import { templateSpecColumns } from './match-header.ts';
import { INSTRUCTIONS_SHEET } from './read-xlsx.ts';

export type TemplateFormat = 'csv' | 'xlsx';

/**
 * The columns a template carries: the catalog's, in order, without `updated_at` — the system
 * stamps it, and a column a person must leave blank only invites mistakes — and without the personal
 * columns the ETL never reads (a name): a template does not ask for what is not needed.
 */
export function templateColumns(table: SourceTableName): string[] {
  return templateSpecColumns(tableSpec(table)).map((c) => c.name);
}

/**
 * Cell formats that stop Excel from "helping": as Text, an 18-digit NIP keeps all its digits
 * (as a number Excel keeps 15) and a kelurahan code keeps its leading zeros.
 */
const NUM_FMT: Partial<Record<ColumnType, string>> = {
  text: '@',
  date: 'yyyy-mm-dd',
  timestamptz: 'yyyy-mm-dd hh:mm:ss',
};

async function xlsxTemplate(table: SourceTableName): Promise<Buffer> {
  const spec = tableSpec(table);
  const book = new ExcelJS.Workbook();
  book.creator = 'asn-training-analytics';
  const sheet = book.addWorksheet(table, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = templateSpecColumns(spec);
  sheet.columns = columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: Math.max(12, c.name.length + 4),
    ...(NUM_FMT[c.type] ? { style: { numFmt: NUM_FMT[c.type]! } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  // The header itself is plain text whatever its column's format.
  header.eachCell((cell) => {
    cell.numFmt = 'General';
  });

  const guide = book.addWorksheet(INSTRUCTIONS_SHEET);
  guide.columns = [
    { header: 'Kolom / Column', key: 'column', width: 24 },
    { header: 'Tipe / Type', key: 'type', width: 44 },
    { header: 'Wajib / Required', key: 'required', width: 24 },
    { header: 'Nilai yang diterima / Accepted values', key: 'accepted', width: 60 },
    { header: 'Catatan / Notes', key: 'notes', width: 70 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const row of columnGuide(spec)) guide.addRow(row);
  guide.addRow({});
  // What one row is: Bahasa Indonesia under "Kolom", English under "Column", as on every guide line.
  guide.addRow({ column: `Lembar data: ${spec.grainId}`, type: `Data sheet: ${spec.grain}` });
  guide.addRow({
    column: 'Baris pertama lembar data adalah judul kolom; jangan diubah.',
    type: 'The first row of the data sheet is the header; keep it as is.',
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * CSV template: UTF-8 with a BOM (without it Excel reads UTF-8 as the ANSI code page and mangles
 * names with accents), comma-separated, CRLF as RFC 4180 says.
 */
function csvTemplate(table: SourceTableName): Buffer {
  return Buffer.from(`\uFEFF${templateColumns(table).join(',')}\r\n`, 'utf8');
}

/** A blank template for a source table, generated from the catalog (never hand-maintained). */
export async function templateBuffer(table: SourceTableName, format: TemplateFormat): Promise<Buffer> {
  return format === 'csv' ? csvTemplate(table) : xlsxTemplate(table);
}

export async function writeTemplate(
  table: SourceTableName,
  format: TemplateFormat,
  outPath: string,
): Promise<void> {
  await writeFile(outPath, await templateBuffer(table, format));
}

/**
 * Every table's template into `dir` as `<table>.csv` / `<table>.xlsx` — names that
 * {@link readDrop} maps back to the table, so a filled template needs no extra option.
 * @returns the written paths
 */
export async function writeAllTemplates(
  dir: string,
  formats: readonly TemplateFormat[] = ['csv', 'xlsx'],
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const table of SOURCE_TABLES) {
    for (const format of formats) {
      const path = join(dir, `${table}.${format}`);
      await writeTemplate(table, format, path);
      written.push(path);
    }
  }
  return written;
}
