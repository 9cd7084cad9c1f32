import { describe, expect, it } from 'vitest';
import { diffInDiffFromTable } from './diff-in-diff-table.ts';

// Card & Krueger (1994), AER 84(4), Table 3: mean FTE employment per store.
// NJ (treated: minimum wage rose) 20.44 → 21.03, change SE 0.54; PA (control) 23.33 → 21.17, SE 1.25.
// Published: NJ change 0.59, PA change −2.16, DiD 2.76 (SE 1.36).
describe('diffInDiffFromTable: Card & Krueger (1994)', () => {
  const r = diffInDiffFromTable({
    treated: { pre: 20.44, post: 21.03, changeSe: 0.54 },
    control: { pre: 23.33, post: 21.17, changeSe: 1.25 },
  });

  it('reproduces the published changes and DiD', () => {
    expect(r.treatedChange).toBeCloseTo(0.59, 10);
    expect(r.controlChange).toBeCloseTo(-2.16, 10);
    // The rounded published means give 2.75; the paper's 2.76 comes from unrounded means.
    expect(r.estimate).toBeCloseTo(2.75, 10);
    expect(Math.abs(r.estimate - 2.76)).toBeLessThanOrEqual(0.01 + 1e-9);
  });

  it('SE = √(0.54² + 1.25²) ≈ 1.36, normal interval by default', () => {
    expect(r.se).toBeCloseTo(Math.sqrt(0.54 ** 2 + 1.25 ** 2), 12);
    expect(r.se).toBeCloseTo(1.36, 2);
    expect(r.df).toBe(Number.POSITIVE_INFINITY);
    expect(r.ci!.low).toBeCloseTo(2.75 - 1.959963984540054 * r.se!, 8);
    expect(r.ci!.high).toBeCloseTo(2.75 + 1.959963984540054 * r.se!, 8);
    expect(r.tStat).toBeCloseTo(2.75 / 1.3616534067, 6);
  });

  it('falls back to independent pre/post SEs, and to no inference without SEs', () => {
    const independent = diffInDiffFromTable({
      treated: { pre: 20.44, post: 21.03, preSe: 0.51, postSe: 0.52 },
      control: { pre: 23.33, post: 21.17, preSe: 1.35, postSe: 0.94 },
    });
    expect(independent.se).toBeCloseTo(Math.sqrt(0.51 ** 2 + 0.52 ** 2 + 1.35 ** 2 + 0.94 ** 2), 12);
    const noSe = diffInDiffFromTable({ treated: { pre: 1, post: 2 }, control: { pre: 1, post: 1 } });
    expect(noSe).toMatchObject({ estimate: 1, se: null, ci: null });
  });

  it('uses a t interval when df is given', () => {
    const t = diffInDiffFromTable(
      { treated: { pre: 0, post: 1, changeSe: 0.3 }, control: { pre: 0, post: 0, changeSe: 0.4 } },
      { df: 10, level: 0.95 },
    );
    expect(t.ci!.high - t.estimate).toBeCloseTo(2.228138851986274 * 0.5, 6);
  });
});
