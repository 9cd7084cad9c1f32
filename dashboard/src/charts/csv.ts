/**
 * CSV export for chart tables. Hazards handled here:
 * - Formula injection: spreadsheet apps execute a cell that starts with `=`, `+`, `-` or `@` (also
 *   tab and CR, which some apps strip before parsing). Such cells get a leading `'`, which makes
 *   Excel and LibreOffice treat them as text; a cell holding `;` or a tab is quoted, since Excel
 *   may split on those (its list separator in the Indonesian locale is `;`). Numbers are written raw (a negative number is data,
 *   not a formula), so only strings are neutralised.
 * - Encoding: Excel assumes the ANSI code page for a BOM-less CSV; a UTF-8 BOM makes it read
 *   "Sekretariat Daerah — Bagian Umum" and "≥" correctly.
 * - Float noise: a sum of costs comes out of binary floating point as 437000000.00000006. Numbers
 *   are written at 15 significant digits (what a double holds for certain), which drops the noise
 *   and keeps every real digit: 0.1 + 0.2 is written 0.3.
 * - Money: rupiah has no subunit in use, so a column whose header declares rupiah ("(IDR)" or
 *   "(Rp)", as `csvUnit('idr')` writes it) is written in whole rupiah: a cost per participant of
 *   1389974707.6923075 is 1389974708.
 * Numbers keep the ASCII "-" (spreadsheets parse it); the UI's typographic minus is format.ts's.
 */
export type CsvCell = string | number | boolean | null | undefined;

/** A table to download: its header row and data rows, written as CSV (`toCsv`) or as a workbook (xlsx.ts). */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvCell[])[];
}

export const UTF8_BOM = '\uFEFF';
const DANGEROUS_START = /^[=+\-@\t\r]/;

/** `value` without binary floating-point noise: 15 significant digits, and never -0. */
export function csvNumber(value: number): number {
  if (!Number.isFinite(value)) return value;
  // `|| 0`: -0 (and a noise-only value that rounds to it) is written 0.
  return Number(value.toPrecision(15)) || 0;
}

/** An amount in whole rupiah (half away from zero), for money cells. */
export function csvIdr(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const whole = Math.sign(value) * Math.round(Math.abs(value));
  return whole === 0 ? 0 : whole;
}

/** True for a header that declares its column as rupiah: `Biaya penuh (Rp)`, `Total biaya (IDR)`. */
export function isMoneyHeader(header: string): boolean {
  return /\((IDR|Rp)\)\s*$/.test(header);
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(csvNumber(value)) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (DANGEROUS_START.test(text)) text = `'${text}`;
  // Quoted also for `;` and tab: Excel in the Indonesian locale splits an opened .csv on `;`, so
  // `Badan;=1+1;Daerah` unquoted became three cells, the second a formula (OWASP CSV injection: a
  // separator inside a value starts a new cell; a review of 2026-12-06). Quotes hold under any split.
  if (/[",;\t\r\n]/.test(text) || text !== text.trim()) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/**
 * A whole document: header row, data rows, CRLF line ends (RFC 4180), BOM first. Numbers in a
 * money column (see `isMoneyHeader`) are written in whole rupiah.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const money = header.map(isMoneyHeader);
  const lines = [
    header.map(csvCell).join(','),
    ...rows.map((row) =>
      row.map((cell, i) => csvCell(money[i] && typeof cell === 'number' ? csvIdr(cell) : cell)).join(','),
    ),
  ];
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * File-system-safe name: `partisipasi-per-tahun_20261129T1030.csv`; with the filters the data was
 * read under (`filterPart`, see `csvFilterPart`) between the two, so a filtered file is not saved
 * over the city-wide one: `hari-layanan-dari-waktu-ke-waktu_DISDUKCAPIL_2024_20261129T1030.csv`.
 */
export function csvFileName(
  title: string,
  snapshotId: string | null | undefined,
  filterPart?: string | null,
  extension: 'csv' | 'xlsx' = 'csv',
): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const snap = snapshotId ? `_${snapshotId.replace(/[^A-Za-z0-9]+/g, '')}` : '';
  const filters = filterPart ? `_${filterPart}` : '';
  return `${slug || 'data'}${filters}${snap}.${extension}`;
}

/** Longest filter part of a file name; a longer one keeps its start and says how many values. */
const MAX_FILTER_PART = 60;

/**
 * The filters a card's data was read under, short, for its CSV's file name: the values of each list
 * filter (codes as in the URL, joined by `+`), then the years (`2024`, `2022-2023`, `2022-`, `-2023`),
 * parts joined by `_`, only file-name-safe characters. Empty without filters. A long part (many
 * agencies) is cut and ends with the number of values it holds (`…_12v`).
 */
export function csvFilterPart(
  lists: readonly (readonly string[])[],
  fromYear: number | null,
  toYear: number | null,
): string {
  const safe = (v: string) => v.replace(/[^A-Za-z0-9.-]+/g, '-');
  const parts = lists.filter((l) => l.length > 0).map((l) => l.map(safe).join('+'));
  if (fromYear !== null || toYear !== null) {
    parts.push(
      fromYear !== null && fromYear === toYear ? String(fromYear) : `${fromYear ?? ''}-${toYear ?? ''}`,
    );
  }
  const part = parts.join('_');
  if (part.length <= MAX_FILTER_PART) return part;
  const count = `_${lists.reduce((n, l) => n + l.length, 0)}v`;
  return `${part.slice(0, MAX_FILTER_PART - count.length).replace(/[_+-]+$/, '')}${count}`;
}
