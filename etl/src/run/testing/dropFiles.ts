import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** A file drop as a test writes it: header plus rows of cell text (null = empty cell). */
export interface DropSheet {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}

export type DropFormat = 'csv' | 'xlsx';

const csvField = (v: string | null) =>
  v === null ? '' : /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;

/**
 * Writes `<table>.<format>` into `dir` the way an agency would: CSV with RFC 4180 quoting, or an
 * XLSX workbook whose sheet is named after the table and whose cells are all text (so an 18-digit
 * NIP is not rounded by Excel's doubles). A row longer than the header stays longer: the parser
 * must reject it as MALFORMED_ROW in both formats.
 */
export async function writeDrop(
  dir: string,
  table: string,
  format: DropFormat,
  sheet: DropSheet,
): Promise<string> {
  const path = join(dir, `${table}.${format}`);
  if (format === 'csv') {
    const lines = [sheet.header, ...sheet.rows].map((r) => r.map(csvField).join(','));
    await writeFile(path, `${lines.join('\r\n')}\r\n`);
    return path;
  }
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(table);
  ws.addRow([...sheet.header]);
  for (const row of sheet.rows) ws.addRow(row.map((v) => v ?? null));
  await writeFile(path, Buffer.from(await book.xlsx.writeBuffer()));
  return path;
}

/** Writes every table of a fixture in one format. */
export async function writeDrops(
  dir: string,
  format: DropFormat,
  drops: Readonly<Record<string, DropSheet>>,
): Promise<void> {
  for (const [table, sheet] of Object.entries(drops)) await writeDrop(dir, table, format, sheet);
}
