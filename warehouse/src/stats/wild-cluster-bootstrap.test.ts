import { describe, expect, it } from 'vitest';
import { mulberry32 } from './prng.ts';
import { denseClusterT, denseWildClusterT } from './testing/dense-ols.ts';
import {
  type ClusterCell,
  TIE_TOLERANCE,
  WEBB_WEIGHTS,
  webbWeightVectors,
  wildClusterBootstrap,
  wildClusterPlan,
  wildClusterT,
} from './wild-cluster-bootstrap.ts';
import { crossProductsOf, type GroupCrossProducts, withinOls } from './within-ols.ts';

interface Unit {
  readonly x: number[];
  readonly y: number;
  readonly group: number;
  readonly cluster: number;
}

/** A random world: `clusters` clusters cutting across `groups` groups, cluster shocks, k = 3. */
function world(seed: number, n: number, groups: number, clusters: number) {
  const random = mulberry32(seed);
  const shock = Array.from({ length: clusters }, () => random() - 0.5);
  const units: Unit[] = Array.from({ length: n }, (_, i) => {
    const group = i % groups;
    const cluster = (i * 7 + Math.floor(i / groups)) % clusters;
    const x = [random() < 0.3 + 0.1 * group ? 1 : 0, random() < 0.25 ? 1 : 0, random() * 2];
    const y =
      1 +
      group -
      1.5 * (x[0] as number) +
      0.4 * (x[2] as number) +
      (shock[cluster] as number) +
      random() -
      0.5;
    return { x, y, group, cluster };
  });
  const byGroup = Array.from({ length: groups }, (_, s) => units.filter((u) => u.group === s));
  const sums = byGroup.map((rows) => crossProductsOf(rows, 3));
  const cells: ClusterCell[] = [];
  for (let s = 0; s < groups; s++)
    for (let g = 0; g < clusters; g++) {
      const rows = units.filter((u) => u.group === s && u.cluster === g);
      if (rows.length > 0) cells.push({ cluster: g, group: s, sums: crossProductsOf(rows, 3) });
    }
  return { units, sums, cells, fit: withinOls(sums, 3) };
}

describe('wild cluster restricted bootstrap', () => {
  const w = world(7, 150, 3, 6);

  it('gives the t-statistic of the clustered dummy-variable regression', () => {
    const dummies = (u: Unit) => [0, 1, 2].map((s) => (u.group === s ? 1 : 0));
    const design = w.units.map((u) => [...u.x, ...dummies(u)]);
    for (const j of [0, 1, 2]) {
      const plan = wildClusterPlan(w.fit, w.sums, w.cells, j);
      const dense = denseClusterT(
        design,
        w.units.map((u) => u.y),
        w.units.map((u) => u.cluster),
        j,
      );
      expect(plan?.t).toBeCloseTo(dense, 9);
    }
  });

  it('gives every draw the t* of brute-force refits on y* = restricted fit + w_g · residual', () => {
    const random = mulberry32(99);
    for (const j of [0, 1, 2]) {
      const plan = wildClusterPlan(w.fit, w.sums, w.cells, j);
      if (plan === null) throw new Error('no plan');
      expect(plan.clusters).toBe(6);
      for (let b = 0; b < 25; b++) {
        const weights = Array.from({ length: 6 }, () => WEBB_WEIGHTS[Math.floor(random() * 6)] as number);
        const expected = denseWildClusterT(w.units, 3, j, weights);
        expect(Math.abs(wildClusterT(plan, weights) - expected)).toBeLessThan(
          1e-9 * Math.max(1, Math.abs(expected)),
        );
      }
    }
  });

  it('enumerates all 6^G Webb vectors when they fit in the draws: the exact p-value of brute force', () => {
    const small = world(3, 80, 2, 4);
    const j = 0;
    const result = wildClusterBootstrap(small.fit, small.sums, small.cells, j);
    expect(result).toMatchObject({ draws: 6 ** 4, enumerated: true, clusters: 4 });
    const dummies = (u: Unit) => [0, 1].map((s) => (u.group === s ? 1 : 0));
    const observed = Math.abs(
      denseClusterT(
        small.units.map((u) => [...u.x, ...dummies(u)]),
        small.units.map((u) => u.y),
        small.units.map((u) => u.cluster),
        j,
      ),
    );
    let extreme = 0;
    for (const weights of webbWeightVectors(4, 9_999, 1)) {
      if (Math.abs(denseWildClusterT(small.units, 2, j, weights)) >= observed * (1 - TIE_TOLERANCE))
        extreme += 1;
    }
    expect(result?.pValue).toBe(extreme / 6 ** 4);
    // The six constant vectors reproduce |t| exactly (y* = fit ± c·ẽ): ties, counted as extreme.
    expect(result?.pValue).toBeGreaterThanOrEqual(6 / 6 ** 4);
    // The planted effect (−1.5 on x0) is found.
    expect(result?.pValue).toBeLessThan(0.05);
  });

  it('draws from a seeded generator when 6^G exceeds the draws: same input, same p-value', () => {
    const a = wildClusterBootstrap(w.fit, w.sums, w.cells, 0, { draws: 999 });
    const b = wildClusterBootstrap(w.fit, w.sums, w.cells, 0, { draws: 999 });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ draws: 999, enumerated: false, clusters: 6 });
    expect(wildClusterBootstrap(w.fit, w.sums, w.cells, 0, { draws: 999, seed: 5 })?.draws).toBe(999);
    // 6^6 = 46,656 vectors fit in 50,000 draws: enumerated.
    expect(wildClusterBootstrap(w.fit, w.sums, w.cells, 0, { draws: 50_000 })).toMatchObject({
      draws: 46_656,
      enumerated: true,
    });
  });

  it('enumerates each Webb vector once, lexicographically', () => {
    const all = [...webbWeightVectors(2, 36, 0)];
    expect(all).toHaveLength(36);
    expect(new Set(all.map((v) => v.join(','))).size).toBe(36);
    expect(all[0]).toEqual([WEBB_WEIGHTS[0], WEBB_WEIGHTS[0]]);
    expect(all[1]).toEqual([WEBB_WEIGHTS[0], WEBB_WEIGHTS[1]]);
    // Mean 0, variance 1.
    expect(WEBB_WEIGHTS.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
    expect(WEBB_WEIGHTS.reduce((s, v) => s + v * v, 0) / 6).toBeCloseTo(1, 12);
  });

  it('keeps its size where CR1 does not: few treated clusters (MacKinnon & Webb 2017)', () => {
    // 400 worlds under H0 (x0 has no effect), 8 clusters with shared shocks, x0 only in the first
    // `treated` clusters. CR1 with t(G − 1) rejects far too often with 1 or 2 treated clusters;
    // WCR does not (it is conservative there), and both are near 5 % from 3 on.
    const rates = (treated: number) => {
      const random = mulberry32(11 + treated);
      let wcr = 0;
      let cr1 = 0;
      const R = 400;
      for (let r = 0; r < R; r++) {
        const shock = Array.from({ length: 8 }, () => (random() - 0.5) * 2);
        const units: Unit[] = Array.from({ length: 120 }, (_, i) => {
          const group = i % 2;
          const cluster = Math.floor(random() * 8);
          const x = [cluster < treated && random() < 0.5 ? 1 : 0, random()];
          return {
            x,
            y: group + 0.5 * (x[1] as number) + (shock[cluster] as number) + random() - 0.5,
            group,
            cluster,
          };
        });
        const sums = [0, 1].map((s) =>
          crossProductsOf(
            units.filter((u) => u.group === s),
            2,
          ),
        );
        const cells: ClusterCell[] = [];
        for (let s = 0; s < 2; s++)
          for (let g = 0; g < 8; g++) {
            const rows = units.filter((u) => u.group === s && u.cluster === g);
            if (rows.length > 0) cells.push({ cluster: g, group: s, sums: crossProductsOf(rows, 2) });
          }
        const fit = withinOls(sums, 2);
        if ((wildClusterBootstrap(fit, sums, cells, 0, { draws: 399 })?.pValue ?? 1) < 0.05) wcr += 1;
        // CR1's t is the plan's t · √(G/(G − 1) · (n − 1)/df)⁻¹; reject at t(0.975, 7) = 2.364624.
        const t = wildClusterPlan(fit, sums, cells, 0)?.t ?? 0;
        const factor = (8 / 7) * ((fit.n - 1) / fit.dfResidual);
        if (Math.abs(t) / Math.sqrt(factor) > 2.364624) cr1 += 1;
      }
      return { wcr: wcr / R, cr1: cr1 / R };
    };
    const one = rates(1);
    const two = rates(2);
    const four = rates(4);
    expect(one.cr1).toBeGreaterThan(0.3);
    expect(two.cr1).toBeGreaterThan(0.1);
    expect(one.wcr).toBeLessThan(0.05);
    expect(two.wcr).toBeLessThan(0.06);
    expect(four.wcr).toBeGreaterThan(0.02);
    expect(four.wcr).toBeLessThan(0.09);
  });

  it('has no test with one cluster or for an aliased coefficient', () => {
    const one = w.cells.map((c) => ({ ...c, cluster: 0 }));
    expect(wildClusterPlan(w.fit, w.sums, one, 0)).toBeNull();
    // x1 duplicated as x2: the second copy is aliased.
    const dup = (s: GroupCrossProducts): GroupCrossProducts => ({
      ...s,
      sumX: [s.sumX[0] as number, s.sumX[1] as number, s.sumX[1] as number],
      sumXY: [s.sumXY[0] as number, s.sumXY[1] as number, s.sumXY[1] as number],
      sumXX: [0, 1, 1].map((a) => [0, 1, 1].map((b) => (s.sumXX[a] as readonly number[])[b] as number)),
    });
    const sums = w.sums.map(dup);
    const fit = withinOls(sums, 3);
    expect(fit.identified).toEqual([true, true, false]);
    const cells = w.cells.map((c) => ({ ...c, sums: dup(c.sums) }));
    expect(wildClusterBootstrap(fit, sums, cells, 2)).toBeNull();
    expect(wildClusterBootstrap(fit, sums, cells, 1, { draws: 99 })?.draws).toBe(99);
  });
});
