/**
 * The least number of SKM respondents for a population of service users, per PermenPANRB 14/2017
 * (its appendix sets the sample with the table of Krejcie and Morgan, 1970):
 *
 *   s = χ² N P (1 − P) / (d² (N − 1) + χ² P (1 − P))
 *
 * with χ² = 3.841 (one degree of freedom at 95 % confidence), P = 0.5 (the proportion that makes the
 * sample largest) and d = 0.05 (the margin of error), rounded to the nearest whole respondent, as the
 * published table is (N = 100 → 80, 1,000 → 278, 10,000 → 370; at most 384 for any N).
 * Null for a population below 1 or not a finite number.
 */
export function krejcieMorganSample(population: number): number | null {
  if (!Number.isFinite(population) || population < 1) return null;
  const chiSquare = 3.841;
  const p = 0.5;
  const d = 0.05;
  const pq = p * (1 - p);
  return Math.round((chiSquare * population * pq) / (d * d * (population - 1) + chiSquare * pq));
}
