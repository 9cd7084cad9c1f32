import { describe, expect, it } from 'vitest';
import { poolFixedEffect } from './pool-effects.ts';

describe('poolFixedEffect', () => {
  it('weights by inverse variance (by hand: −2 ± 1 and −4 ± 2 → −2.4, SE √0.8)', () => {
    // w = 1 and 0.25: θ = (−2 − 1) / 1.25 = −2.4; SE = 1 / √1.25.
    const p = poolFixedEffect([
      { estimate: -2, se: 1 },
      { estimate: -4, se: 2 },
    ])!;
    expect(p.estimate).toBeCloseTo(-2.4, 12);
    expect(p.se).toBeCloseTo(Math.sqrt(0.8), 12);
    expect(p.ci.low).toBeCloseTo(-2.4 - 1.959964 * Math.sqrt(0.8), 5);
    expect(p.cohorts).toBe(2);
  });

  it('returns null without a usable SE', () => {
    expect(poolFixedEffect([{ estimate: 1, se: 0 }])).toBeNull();
    expect(poolFixedEffect([])).toBeNull();
  });
});
