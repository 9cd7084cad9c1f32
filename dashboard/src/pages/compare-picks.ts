/** Most agencies set side by side on Instansi. */
export const MAX_PICK = 4;

/**
 * The agencies a `cmp` list picks: codes in order, each once, at most `MAX_PICK`. Once the catalogue
 * is known (`known`, empty while it loads), codes it does not know are left out and returned in
 * `unknown`, so they neither count as picks nor use one of the four places.
 */
export function comparePicks(cmp: string, known: readonly string[]): { picked: string[]; unknown: string[] } {
  const codes = [...new Set(cmp.split(',').filter(Boolean))];
  if (known.length === 0) return { picked: codes.slice(0, MAX_PICK), unknown: [] };
  const set = new Set(known);
  return {
    picked: codes.filter((c) => set.has(c)).slice(0, MAX_PICK),
    unknown: codes.filter((c) => !set.has(c)),
  };
}
