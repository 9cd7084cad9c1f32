import type { Cell, CellValue } from 'exceljs';

/**
 * An Excel date as ISO text. Excel dates carry no time zone (exceljs hands them over as UTC), so
 * the wall-clock value is written without an offset; `stageRow` gives a timestamp column's value
 * the source's zone (`withZone`, local-time.ts: Asia/Jakarta unless `SOURCE_TIME_ZONE` says otherwise).
 * Times are rounded to the second because Excel stores them as fractions of a day and the float
 * leaves millisecond noise (08:29:59.999 for 08:30).
 */
export function excelDateText(date: Date): string {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  const iso = rounded.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** Plain decimal text: `String()` would write 1e+21 or 1e-7, which no later cast wants. */
export function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function valueText(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return excelDateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return valueText(value.text as CellValue);
  if ('error' in value) return value.error;
  return null;
}

/**
 * A cell as the raw text the SQL validation expects. A formula cell yields its formula with a
 * leading `=`, not its cached result: a drop is data, and a formula in it is exactly what the
 * FORMULA_INJECTION rule must see (the result would hide it, and may be stale anyway).
 */
export function cellText(cell: Cell): string | null {
  const value = cell.value;
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const formula = cell.formula || ('formula' in value ? value.formula : value.sharedFormula);
    return formula ? `=${formula}` : null;
  }
  return valueText(value);
}
