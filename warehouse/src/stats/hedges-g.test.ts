import { describe, expect, it } from 'vitest';
import { hedgesG } from './hedges-g.ts';

// Borenstein, Hedges, Higgins & Rothstein (2009), Introduction to Meta-Analysis, ch. 4 worked example:
// means 103 vs 100, SDs 5.5 and 4.5, n = 50 each → d = 0.5970, V_d = 0.0418, J = 0.9923,
// g = 0.5924, V_g = 0.0411 (SE 0.2028).
describe('hedgesG: Borenstein et al. (2009) example', () => {
  const r = hedgesG({ n: 50, mean: 103, variance: 5.5 ** 2 }, { n: 50, mean: 100, variance: 4.5 ** 2 })!;

  it('matches the book to its 4 decimals', () => {
    expect(r.d).toBeCloseTo(0.597, 4);
    expect(r.j).toBeCloseTo(0.9923, 4);
    expect(r.g).toBeCloseTo(0.5924, 4);
    expect(r.se ** 2).toBeCloseTo(0.0411, 4);
    expect(r.se).toBeCloseTo(0.2028, 3);
  });

  it('J = 1 − 3 / (4(n₁ + n₂) − 9) and a normal 95 % interval', () => {
    expect(r.j).toBeCloseTo(1 - 3 / (4 * 100 - 9), 14);
    expect(r.ci.low).toBeCloseTo(r.g - 1.959963984540054 * r.se, 10);
    expect(r.ci.level).toBe(0.95);
  });

  it('is null without spread or with too few units', () => {
    expect(hedgesG({ n: 3, mean: 1, variance: 0 }, { n: 3, mean: 1, variance: 0 })).toBeNull();
    expect(hedgesG({ n: 1, mean: 1, variance: null }, { n: 5, mean: 1, variance: 1 })).toBeNull();
  });
});
