/**
 * CSV export for chart tables. Two hazards handled here:
 * - Formula injection: spreadsheet apps execute a cell that starts with `=`, `+`, `-` or `@` (also
 *   tab and CR, which some apps strip before parsing). Such cells get a leading `'`, which makes
 *   Excel and LibreOffice treat them as text. Numbers are written raw (a negative number is data,
 *   not a formula), so only strings are neutralised.
 * - Encoding: Excel assumes the ANSI code page for a BOM-less CSV; a UTF-8 BOM makes it read
 *   "Sekretariat Daerah — Bagian Umum" and "≥" correctly.
 */
export type CsvCell = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (DANGEROUS_START.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text !== text.trim()) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** A whole document: header row, data rows, CRLF line ends (RFC 4180), BOM first. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** File-system-safe name: `partisipasi-per-tahun_20261129T1030.csv`. */
export function csvFileName(title: string, snapshotId: string | null | undefined): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const snap = snapshotId ? `_${snapshotId.replace(/[^A-Za-z0-9]+/g, '')}` : '';
  return `${slug || 'data'}${snap}.csv`;
}
