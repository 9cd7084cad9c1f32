import { describe, expect, it } from 'vitest';
import { krejcieMorganSample } from './ikm-sample.ts';

/**
 * Krejcie, R. V. & Morgan, D. W. (1970), "Determining sample size for research activities",
 * Educational and Psychological Measurement 30, 607–610, Table 1 (N → S): every row checked here is
 * printed there. PermenPANRB 14/2017 sets the SKM sample with this table.
 */
const TABLE: [number, number][] = [
  [10, 10],
  [15, 14],
  [20, 19],
  [30, 28],
  [50, 44],
  [75, 63],
  [100, 80],
  [150, 108],
  [200, 132],
  [300, 169],
  [500, 217],
  [750, 254],
  [1000, 278],
  [1500, 306],
  [2000, 322],
  [3000, 341],
  [5000, 357],
  [7000, 364],
  [10000, 370],
  [20000, 377],
  [50000, 381],
  [75000, 382],
  [1000000, 384],
];

describe('krejcieMorganSample: the Krejcie–Morgan table (PermenPANRB 14/2017)', () => {
  it.each(TABLE)('N = %i → S = %i', (population, sample) => {
    expect(krejcieMorganSample(population)).toBe(sample);
  });

  it('never asks for more respondents than the population, nor more than 384', () => {
    for (let n = 1; n <= 100_000; n += n < 200 ? 1 : 97) {
      const s = krejcieMorganSample(n)!;
      expect(s).toBeLessThanOrEqual(n);
      expect(s).toBeLessThanOrEqual(384);
      expect(s).toBeGreaterThanOrEqual(1);
    }
  });

  it('grows with the population (never falls)', () => {
    let last = 0;
    for (let n = 1; n <= 20_000; n++) {
      const s = krejcieMorganSample(n)!;
      expect(s).toBeGreaterThanOrEqual(last);
      last = s;
    }
  });

  it('has no sample for no population', () => {
    expect(krejcieMorganSample(0)).toBeNull();
    expect(krejcieMorganSample(-3)).toBeNull();
    expect(krejcieMorganSample(Number.NaN)).toBeNull();
    expect(krejcieMorganSample(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
