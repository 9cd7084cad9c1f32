/** `x` with `digits` decimals and the Indonesian decimal comma (75,00), for the texts in Bahasa Indonesia. */
export function idDecimal(x: number, digits: number): string {
  return x.toFixed(digits).replace('.', ',');
}
