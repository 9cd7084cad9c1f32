import type { HeaderMap } from './match-header.ts';

/** What a blanked field reads as in a quarantined row. */
export const WITHHELD = '';

/** A field as a CSV writer would write it with `delimiter`. */
function quoteField(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The raw text a malformed CSV record may be quarantined with when its header has a column the
 * ETL never reads (`NEVER_READ`: an employee's `full_name`). Names are dropped on read, so not even
 * a quarantined row may hold one; but in a record with the wrong number of fields the columns
 * cannot be told apart: with `d` fields too many (a name written `Hendra;Gunawan` in a `;` file,
 * a stray delimiter anywhere), the name sits somewhere in fields p … p + d, p its header position;
 * with `d` too few, in p − d … p. Those fields are blanked, the others kept (so the row can still
 * be found and fixed), and the record is re-written with the file's delimiter. A record whose
 * fields could not be split at all (a quote never closed) keeps no text. In any table, with `d`
 * fields too many the last `d` (past the header, read by no column) are blanked too. Returns `raw`
 * unchanged when the header has no such column and the record no field past it.
 */
export function withholdNames(
  header: Pick<HeaderMap, 'droppedFields'>,
  width: number,
  fields: readonly string[],
  raw: string,
  delimiter: string,
): { raw: string; withheld: string | null } {
  const d = fields.length - width;
  if (header.droppedFields.length === 0 && (fields.length === 0 || d <= 0)) return { raw, withheld: null };
  if (fields.length === 0)
    return { raw: '', withheld: 'raw text withheld: the row may hold a name (a column never read)' };
  const blank = new Set<number>();
  for (const p of header.droppedFields) {
    const from = d >= 0 ? p : p + d;
    const to = d >= 0 ? p + d : p;
    for (let i = Math.max(0, from); i <= Math.min(fields.length - 1, to); i++) blank.add(i);
  }
  // Fields past the header: text typed right of the last column (a note, a name: `…,2020-01-01,,Siti
  // Aminah`), which no column reads, in any table (a privacy review of 2026-12-07 saw one kept).
  for (let i = Math.max(0, width); i < fields.length; i++) blank.add(i);
  const kept = fields.map((f, i) => (blank.has(i) ? WITHHELD : quoteField(f, delimiter)));
  const which = [...blank].sort((a, b) => a - b).map((i) => i + 1);
  return {
    raw: kept.join(delimiter),
    withheld: `field${which.length > 1 ? 's' : ''} ${which.join(', ')} blanked: may hold a name (a column never read)`,
  };
}
