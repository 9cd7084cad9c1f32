import type { StagedTable } from '../staged.ts';
import { withZone } from './local-time.ts';
import type { HeaderMap } from './match-header.ts';

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

/**
 * Append one parsed row to `staged`, or reject it as MALFORMED_ROW when a value sits in a column
 * the header does not name (a stray cell right of the table, or under a blank header) — loading
 * it would silently drop data, rejecting it shows the person where.
 *
 * The raw row is kept as JSON keyed by the file's own header names, so quarantine shows what the
 * person typed, under the names they used; a column the ETL never reads (a name) is left out.
 */
export function stageRow(
  staged: StagedTable,
  header: HeaderMap,
  fields: readonly (string | null)[],
  rowNumber: number,
  rawLine?: string,
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
    staged.rejected.push({
      source: staged.source,
      table: staged.table,
      rowNumber,
      // Never-read columns (a name) are blanked here too: not even a quarantined row holds one.
      raw: rawLine ?? JSON.stringify(fields.map((f, i) => (header.droppedFields.includes(i) ? null : f))),
      reason: 'MALFORMED_ROW',
      detail: `value in column ${stray + 1}, which has no header`,
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
