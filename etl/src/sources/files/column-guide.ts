import type { ColumnSpec, ColumnType, TableSpec } from '../../source-schema/catalog.ts';
import { templateSpecColumns } from './match-header.ts';

/** One line of the "Petunjuk" (instructions) sheet: Bahasa Indonesia first, English after the slash. */
export interface GuideRow {
  readonly column: string;
  readonly type: string;
  readonly required: string;
  readonly accepted: string;
  readonly notes: string;
}

const TYPE_TEXT: Record<ColumnType, string> = {
  int: 'bilangan bulat / whole number',
  bigint: 'bilangan bulat (ID) / whole number (id)',
  numeric: 'angka, desimal pakai titik (1.5) / number, decimal point',
  text: 'teks / text',
  date: 'tanggal TTTT-BB-HH (2024-03-05) / date YYYY-MM-DD',
  timestamptz: 'tanggal dan jam (2024-03-05 08:30) / date and time, ISO 8601',
  boolean: 'true atau false / true or false',
};

function acceptedText(column: ColumnSpec): string {
  if (column.values) return `salah satu / one of: ${column.values.join(', ')}`;
  if (column.range) return `${column.range[0]} – ${column.range[1]}`;
  return '';
}

function notesText(column: ColumnSpec): string {
  const notes: string[] = [];
  if (column.references)
    notes.push(`id pada tabel ${column.references} / an id in table ${column.references}`);
  if (column.personal) {
    notes.push('data pribadi, disamarkan saat dimuat / personal data, pseudonymised on load');
  }
  if (column.name === 'nip') notes.push('18 digit, format sel Teks / 18 digits, keep the cell as Text');
  if (column.type === 'text') {
    notes.push('jangan diawali = + - @ / must not start with = + - @');
  }
  return notes.join('; ');
}

/** The instructions for every column a drop of this table may carry, in catalog order. */
export function columnGuide(spec: TableSpec): GuideRow[] {
  return templateSpecColumns(spec).map((c) => ({
    column: c.name,
    type: TYPE_TEXT[c.type],
    required: c.required ? 'wajib / required' : 'boleh kosong / optional',
    accepted: acceptedText(c),
    notes: notesText(c),
  }));
}
