import { describe, expect, it } from 'vitest';
import { mulberry32 } from './prng.ts';
import { denseCr1, denseOls } from './testing/dense-ols.ts';
import {
  classicalCovariance,
  clusterMeat,
  clusterScoresOf,
  cr1Covariance,
  crossProductsOf,
  hc1Covariance,
  residualMomentsOf,
  withinMeat,
  withinOls,
} from './within-ols.ts';

/**
 * NIST StRD "Longley" (Longley 1967; higher difficulty, 16 observations, 6 predictors + intercept):
 * y employed, x1 GNP deflator, x2 GNP, x3 unemployed, x4 armed forces, x5 population, x6 year.
 */
const LONGLEY: readonly (readonly number[])[] = [
  [60323, 83.0, 234289, 2356, 1590, 107608, 1947],
  [61122, 88.5, 259426, 2325, 1456, 108632, 1948],
  [60171, 88.2, 258054, 3682, 1616, 109773, 1949],
  [61187, 89.5, 284599, 3351, 1650, 110929, 1950],
  [63221, 96.2, 328975, 2099, 3099, 112075, 1951],
  [63639, 98.1, 346999, 1932, 3594, 113270, 1952],
  [64989, 99.0, 365385, 1870, 3547, 115094, 1953],
  [63761, 100.0, 363112, 3578, 3350, 116219, 1954],
  [66019, 101.2, 397469, 2904, 3048, 117388, 1955],
  [67857, 104.6, 419180, 2822, 2857, 118734, 1956],
  [68169, 108.4, 442769, 2936, 2798, 120445, 1957],
  [66513, 110.8, 444546, 4681, 2637, 121950, 1958],
  [68655, 112.6, 482704, 3813, 2552, 123366, 1959],
  [69564, 114.2, 502601, 3931, 2514, 125368, 1960],
  [69331, 115.7, 518173, 4806, 2572, 127852, 1961],
  [70551, 116.9, 554894, 4007, 2827, 130081, 1962],
];
/** NIST certified values (slopes b1..b6, their standard deviations, residual SD² and R²). */
const CERTIFIED = {
  b: [
    15.0618722713733, -0.35819179292591e-1, -2.02022980381683, -1.03322686717359, -0.511041056535807e-1,
    1829.15146461355,
  ],
  b0: -3482258.63459582,
  se: [
    84.9149257747669, 0.334910077722432e-1, 0.488399681651699, 0.214274163161675, 0.22607320006937,
    455.478499142212,
  ],
  rss: 836424.055505915,
  rSquared: 0.995479004577296,
};
/** White's HC1 standard errors of the same fit, as Stata's `regress, vce(robust)` reports them. */
const HC1_SE = [68.2938, 0.03277, 0.51099, 0.19499, 0.21094, 571.17917];

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** HC1 covariance of a fit from its groups' unit rows (cross-products and residual moments). */
function hc1Of(
  groups: readonly (readonly { readonly x: readonly number[]; readonly y: number }[])[],
  fit: ReturnType<typeof withinOls>,
): number[][] {
  return hc1Covariance(
    fit,
    withinMeat(
      groups.map((r) => crossProductsOf(r, fit.k)),
      groups.map((r) => residualMomentsOf(r, fit)),
      fit.k,
    ),
  ) as number[][];
}

describe('withinOls', () => {
  const rows = LONGLEY.map((r) => ({ y: r[0] as number, x: r.slice(1) }));

  it('reproduces the NIST Longley certified values (one group = OLS with an intercept)', () => {
    const group = crossProductsOf(rows, 6);
    const fit = withinOls([group], 6);
    expect(fit.rank).toBe(6);
    expect(fit.dfResidual).toBe(9);
    fit.coefficients.forEach((b, i) => {
      expect(rel(b as number, CERTIFIED.b[i] as number)).toBeLessThan(1e-7);
    });
    const intercept =
      group.sumY / group.n -
      fit.coefficients.reduce<number>(
        (s, b, i) => s + (b as number) * ((group.sumX[i] as number) / group.n),
        0,
      );
    expect(rel(intercept, CERTIFIED.b0)).toBeLessThan(1e-7);
    expect(rel(fit.rss, CERTIFIED.rss)).toBeLessThan(1e-6);
    expect(rel(1 - fit.rss / fit.tssWithin, CERTIFIED.rSquared)).toBeLessThan(1e-9);
    const v = classicalCovariance(fit) as number[][];
    CERTIFIED.se.forEach((se, i) => {
      expect(rel(Math.sqrt((v[i] as number[])[i] as number), se)).toBeLessThan(1e-6);
    });
  });

  it("reproduces Stata's HC1 robust standard errors on Longley", () => {
    const group = crossProductsOf(rows, 6);
    const fit = withinOls([group], 6);
    const meat = withinMeat([group], [residualMomentsOf(rows, fit)], 6);
    const v = hc1Covariance(fit, meat) as number[][];
    HC1_SE.forEach((se, i) => {
      // Stata prints 5 significant digits.
      expect(rel(Math.sqrt((v[i] as number[])[i] as number), se)).toBeLessThan(1e-4);
    });
  });

  it('equals least squares with one dummy per group, classical and HC1 (random data, 4 groups)', () => {
    const random = mulberry32(7);
    const k = 3;
    const units = Array.from({ length: 120 }, () => {
      const g = Math.floor(random() * 4);
      const x = [random() < 0.3 ? 1 : 0, random() < 0.5 ? 1 : 0, random() * 4];
      const y =
        2 * g -
        1.5 * (x[0] as number) +
        0.4 * (x[1] as number) +
        0.8 * (x[2] as number) +
        (random() - 0.5) * (1 + g);
      return { g, x, y };
    });
    const byGroup = [0, 1, 2, 3].map((g) => units.filter((u) => u.g === g));
    const fit = withinOls(
      byGroup.map((r) => crossProductsOf(r, k)),
      k,
    );
    // Dense reference: columns x1..x3 then the four group dummies.
    const design = units.map((u) => [...u.x, ...[0, 1, 2, 3].map((g) => (u.g === g ? 1 : 0))]);
    const {
      beta,
      rss,
      df,
      classical: classicalDense,
      hc1: hcDense,
    } = denseOls(
      design,
      units.map((u) => u.y),
    );
    for (let a = 0; a < k; a++) expect(fit.coefficients[a]).toBeCloseTo(beta[a] as number, 10);
    expect(fit.rss).toBeCloseTo(rss, 8);
    expect(fit.dfResidual).toBe(df);
    const classical = classicalCovariance(fit) as number[][];
    const hc1 = hc1Of(byGroup, fit);
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) {
        expect((classical[a] as number[])[b]).toBeCloseTo((classicalDense[a] as number[])[b] as number, 10);
        expect((hc1[a] as number[])[b]).toBeCloseTo((hcDense[a] as number[])[b] as number, 10);
      }
  });

  it('gives CR1 cluster-robust errors equal to vcovCL on the dummy regression, clusters across groups', () => {
    const random = mulberry32(11);
    const k = 2;
    // 6 clusters (agencies) cutting across 3 groups (strata), a shock per cluster.
    const shock = [0.9, -0.4, 0.2, -1.1, 0.6, 0.1];
    const units = Array.from({ length: 150 }, () => {
      const g = Math.floor(random() * 3);
      const c = Math.floor(random() * 6);
      const x = [random() < 0.25 + 0.1 * c ? 1 : 0, random() * 3];
      const y = g - 2 * (x[0] as number) + 0.5 * (x[1] as number) + (shock[c] as number) + (random() - 0.5);
      return { g, x, y, cluster: `A${c}` };
    });
    const byGroup = [0, 1, 2].map((g) => units.filter((u) => u.g === g));
    const fit = withinOls(
      byGroup.map((r) => crossProductsOf(r, k)),
      k,
    );
    const scores = clusterScoresOf(byGroup, fit);
    expect(scores.size).toBe(6);
    const cr1 = cr1Covariance(fit, clusterMeat([...scores.values()], k), scores.size) as number[][];
    const dense = denseCr1(
      units.map((u) => [...u.x, ...[0, 1, 2].map((g) => (u.g === g ? 1 : 0))]),
      units.map((u) => u.y),
      units.map((u) => u.cluster),
    );
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++)
        expect((cr1[a] as number[])[b]).toBeCloseTo((dense[a] as number[])[b] as number, 10);
    // The cluster shocks make the clustered error of x1 differ from the heteroskedasticity-robust one.
    const hc1 = hc1Of(byGroup, fit);
    expect(
      Math.abs(((cr1[0] as number[])[0] as number) / ((hc1[0] as number[])[0] as number) - 1),
    ).toBeGreaterThan(0.05);
    // One cluster: no clustered covariance.
    expect(cr1Covariance(fit, clusterMeat([[1, 1]], k), 1)).toBeNull();
  });

  it('gives CR1 equal to HC1 when every unit is its own cluster (G/(G−1)·(n−1)/df = n/df)', () => {
    const random = mulberry32(5);
    const k = 2;
    const groups = [0, 1].map((g) =>
      Array.from({ length: 25 }, (_, i) => {
        const x = [random() < 0.4 ? 1 : 0, random()];
        return { x, y: g + (x[0] as number) - (x[1] as number) + random(), cluster: `${g}-${i}` };
      }),
    );
    const fit = withinOls(
      groups.map((r) => crossProductsOf(r, k)),
      k,
    );
    const scores = clusterScoresOf(groups, fit);
    const cr1 = cr1Covariance(fit, clusterMeat([...scores.values()], k), scores.size) as number[][];
    const hc1 = hc1Of(groups, fit);
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++)
        expect((cr1[a] as number[])[b]).toBeCloseTo((hc1[a] as number[])[b] as number, 12);
  });

  it('gives an aliased regressor a null coefficient and fits the rest (as lm reports NA)', () => {
    const random = mulberry32(11);
    const units = Array.from({ length: 60 }, (_, i) => {
      const a = i % 3 === 0 ? 1 : 0;
      const x = [a, random(), a]; // the third column repeats the first
      return { x, y: 1 + 2 * a + (x[1] as number) + (random() - 0.5) };
    });
    const fit = withinOls([crossProductsOf(units, 3)], 3);
    const alone = withinOls(
      [
        crossProductsOf(
          units.map((u) => ({ x: u.x.slice(0, 2), y: u.y })),
          2,
        ),
      ],
      2,
    );
    expect(fit.coefficients[2]).toBeNull();
    expect(fit.identified).toEqual([true, true, false]);
    expect(fit.rank).toBe(2);
    expect(fit.coefficients[0]).toBeCloseTo(alone.coefficients[0] as number, 10);
    expect(fit.coefficients[1]).toBeCloseTo(alone.coefficients[1] as number, 10);
    expect(fit.dfResidual).toBe(alone.dfResidual);
  });

  it('drops a regressor constant within every group (absorbed by the fixed effects)', () => {
    const units = [0, 1, 2, 3, 4, 5].map((i) => ({ g: i % 2, x: [i % 2, i], y: i * 0.5 + (i % 2) }));
    const fit = withinOls(
      [0, 1].map((g) =>
        crossProductsOf(
          units.filter((u) => u.g === g),
          2,
        ),
      ),
      2,
    );
    expect(fit.coefficients[0]).toBeNull();
    expect(fit.coefficients[1]).toBeCloseTo(0.5, 12);
    expect(fit.groups).toBe(2);
    expect(fit.dfResidual).toBe(6 - 2 - 1);
  });

  it('has no covariance without residual degrees of freedom', () => {
    const units = [
      { x: [0], y: 1 },
      { x: [1], y: 3 },
    ];
    const fit = withinOls([crossProductsOf(units, 1)], 1);
    expect(fit.coefficients[0]).toBeCloseTo(2, 12);
    expect(fit.dfResidual).toBe(0);
    expect(classicalCovariance(fit)).toBeNull();
    expect(hc1Covariance(fit, [[0]])).toBeNull();
  });
});
