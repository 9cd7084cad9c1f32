/** Field delimiters Excel writes: `,` (CSV), `;` (CSV under a locale with decimal comma, e.g. Indonesian), tab ("Unicode text"). */
export type Delimiter = ',' | ';' | '\t';

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];

/**
 * Detect the delimiter from the header line. Header names are plain identifiers, so the
 * candidate that occurs most often outside quotes wins; a one-column file falls back to comma.
 * Only the header is looked at because data values (decimal commas, free text) would mislead.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch as Delimiter))
      counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of CANDIDATES) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}
