import type { StagedTable } from '../staged.ts';
import { withZone } from './local-time.ts';
import type { HeaderMap } from './match-header.ts';
import { WITHHELD } from './withhold-names.ts';

/** Which catalog columns are timestamps, and the zone a zone-less one is read in. */
export interface LocalTimestamps {
  readonly columns: readonly boolean[];
  readonly timeZone: string;
}

/**
 * Trim, and make blank mean missing: an empty cell and a cell of spaces are the same to a person.
 * So is a lone `-`, how Indonesian sheets write "none" (not a formula: `-5` or `-foo` still is).
 */
export function cleanValue(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' || t === '-' ? null : t;
}

/** Columns a quarantined row's detail lists as blanked at most; the rest are counted. */
const WITHHELD_SHOWN = 10;

/**
 * A row's fields as a quarantined row keeps them: a column the ETL never reads (a name) null, and
 * the text in a column without a header name (a blank header cell between two named ones, or a
 * CSV's empty trailing header cells) withheld, kept by position as `WITHHELD`. No such column is
 * read either, so any may hold a name ("Yulianti Rahayu" typed in a spare column between nip and
 * sex): the raw row kept it until a privacy review of 2026-12-07. `note` says which columns (1-based)
 * were blanked, worded as the CSV and XLSX readers word theirs (`withholdNames`), or is null.
 */
export function withheldFields(
  header: Pick<HeaderMap, 'fileNames' | 'droppedFields'>,
  fields: readonly (string | null)[],
): { fields: (string | null)[]; note: string | null } {
  const blanked: number[] = [];
  const kept = fields.map((f, i) => {
    if (header.droppedFields.includes(i)) return null;
    if (header.fileNames[i] || f === null || f.trim() === '') return f;
    blanked.push(i + 1);
    return WITHHELD;
  });
  if (!blanked.length) return { fields: kept, note: null };
  const shown = blanked.slice(0, WITHHELD_SHOWN);
  const more = blanked.length - shown.length;
  return {
    fields: kept,
    note:
      `column${blanked.length > 1 ? 's' : ''} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''} ` +
      'without a header blanked: may hold a name (a column never read)',
  };
}

/**
 * Append one parsed row to `staged`, or reject it as MALFORMED_ROW when a value sits in a column
 * the header does not name (a stray cell right of the table, or under a blank header) — loading
 * it would silently drop data, rejecting it shows the person where.
 *
 * The raw row is kept as JSON keyed by the file's own header names, so quarantine shows what the
 * person typed, under the names they used; a column the ETL never reads (a name) is left out, and
 * a rejected row keeps its fields by position with those and the columns without a header
 * withheld (`withheldFields`).
 */
export function stageRow(
  staged: StagedTable,
  header: HeaderMap,
  fields: readonly (string | null)[],
  rowNumber: number,
  local?: LocalTimestamps,
): void {
  const raw: Record<string, string | null> = {};
  let stray: number | undefined;
  for (let i = 0; i < fields.length; i++) {
    if (header.droppedFields.includes(i)) continue;
    const name = header.fileNames[i];
    const value = fields[i] ?? null;
    if (name === undefined || name === '') {
      if (cleanValue(value) !== null && stray === undefined) stray = i;
      continue;
    }
    raw[name] = value;
  }
  if (stray !== undefined) {
    // Never-read columns (a name) and the columns without a header are blanked here too: not
    // even a quarantined row holds one.
    const withheld = withheldFields(header, fields);
    const detail = `value in column ${stray + 1}, which has no header`;
    staged.rejected.push({
      source: staged.source,
      table: staged.table,
      rowNumber,
      raw: JSON.stringify(withheld.fields),
      reason: 'MALFORMED_ROW',
      detail: withheld.note ? `${detail}; ${withheld.note}` : detail,
    });
    return;
  }
  staged.rows.push(
    header.fieldIndex.map((i, k) => {
      const value = i < 0 ? null : cleanValue(fields[i]);
      // A zone-less timestamp is the source's wall-clock time (the raw row keeps it as typed).
      return value !== null && local?.columns[k] ? withZone(value, local.timeZone) : value;
    }),
  );
  staged.rowNumbers.push(rowNumber);
  staged.rawRows.push(JSON.stringify(raw));
}
