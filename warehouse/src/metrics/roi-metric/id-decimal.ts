/** `x` with `digits` decimals and the Indonesian decimal comma (75,00), for the texts in Bahasa Indonesia. */
export function idDecimal(x: number, digits: number): string {
  return x.toFixed(digits).replace('.', ',');
}

/** A whole number with thousands separators, for the texts: `7.000.000` (id) or `7,000,000` (en). */
export function groupedInt(x: number, lang: 'id' | 'en'): string {
  const digits = Math.round(Math.abs(x))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'id' ? '.' : ',');
  return x < 0 ? `-${digits}` : digits;
}
