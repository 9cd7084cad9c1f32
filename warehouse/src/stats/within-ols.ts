/**
 * Least squares with group fixed effects ("within" OLS), from per-group sufficient statistics.
 *
 * Model: y_i = α_g(i) + x_i'β + e_i, one intercept per group g (e.g. a matching stratum). By the
 * Frisch–Waugh–Lovell theorem β is the OLS of the group-demeaned y on the group-demeaned x, so it
 * needs only, per group, n, Σx, Σxx', Σy, Σxy and Σy²: aggregates a database computes without
 * shipping a unit row. One group with every unit is ordinary OLS with an intercept (the NIST
 * Longley test uses that form).
 *
 * Covariances:
 * - classical: σ²(X̃'X̃)⁻¹, σ² = RSS / (n − G − rank), as `lm` with one dummy per group;
 * - HC1 (White, with the n / (n − p) small-sample factor, p = G + rank as `sandwich::vcovHC(type =
 *   "HC1")` on that `lm`): (X̃'X̃)⁻¹ M (X̃'X̃)⁻¹ · n / (n − p), M = Σ e_i² x̃_i x̃_i'. M needs the residuals,
 *   hence a second pass over the units with β known (`withinMeat` takes its per-group sums).
 *
 * Aliased regressors (a column that is a linear combination of the others once demeaned, e.g. a
 * program whose completers all sit in strata where everyone took it) get a null coefficient, as `lm`
 * reports NA: a column is dropped when its squared norm left after the earlier columns is at most
 * `ALIAS_TOLERANCE` of its own (columns are taken in order).
 */

export const ALIAS_TOLERANCE = 1e-9;

/** Sums over the units of one group; K regressors. */
export interface GroupCrossProducts {
  readonly n: number;
  /** Σ x_k, length K. */
  readonly sumX: readonly number[];
  /** Σ x_j x_k, K × K (symmetric). */
  readonly sumXX: readonly (readonly number[])[];
  readonly sumY: number;
  /** Σ x_k y, length K. */
  readonly sumXY: readonly number[];
  readonly sumYY: number;
}

/** Sums of squared residuals over the units of one group (the second pass, β known). */
export interface GroupResidualMoments {
  /** Σ e². */
  readonly sumE2: number;
  /** Σ e² x_k, length K. */
  readonly sumE2X: readonly number[];
  /** Σ e² x_j x_k, K × K. */
  readonly sumE2XX: readonly (readonly number[])[];
}

export interface WithinOlsFit {
  /** Regressors K. */
  readonly k: number;
  /** Units (groups with n = 0 contribute nothing). */
  readonly n: number;
  /** Groups with at least one unit: the fixed effects estimated. */
  readonly groups: number;
  /** Identified regressors. */
  readonly rank: number;
  /** Residual degrees of freedom, n − groups − rank. */
  readonly dfResidual: number;
  /** β_k, null when the regressor is aliased. */
  readonly coefficients: readonly (number | null)[];
  /** Residual sum of squares. */
  readonly rss: number;
  /** Within (demeaned) total sum of squares of y. */
  readonly tssWithin: number;
  /** RSS / dfResidual (null when dfResidual ≤ 0). */
  readonly sigma2: number | null;
  /** (X̃'X̃)⁻¹ over the identified regressors, embedded K × K (rows/columns of aliased ones are 0). */
  readonly bread: readonly (readonly number[])[];
  readonly identified: readonly boolean[];
}

/** X̃'X̃, X̃'ỹ and ỹ'ỹ summed over groups (group-demeaned cross-products). */
function demeanedCrossProducts(groups: readonly GroupCrossProducts[], k: number) {
  const xx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xy = new Array<number>(k).fill(0);
  let yy = 0;
  let n = 0;
  let used = 0;
  for (const g of groups) {
    if (g.n <= 0) continue;
    if (g.sumX.length !== k || g.sumXY.length !== k || g.sumXX.length !== k)
      throw new RangeError(`group cross-products must have ${k} regressors`);
    n += g.n;
    used += 1;
    for (let a = 0; a < k; a++) {
      const row = g.sumXX[a] as readonly number[];
      const ma = (g.sumX[a] as number) / g.n;
      xy[a] = (xy[a] as number) + (g.sumXY[a] as number) - ma * g.sumY;
      const out = xx[a] as number[];
      for (let b = 0; b < k; b++)
        out[b] = (out[b] as number) + (row[b] as number) - ma * (g.sumX[b] as number);
    }
    yy += g.sumYY - (g.sumY * g.sumY) / g.n;
  }
  return { xx, xy, yy, n, used };
}

/**
 * Cholesky factor of the identified columns of a symmetric PSD matrix, dropping (in order) each column
 * whose remaining squared norm is at most ALIAS_TOLERANCE of its own. Returns L (lower, over the
 * identified columns) and which columns are identified.
 */
function choleskyDropping(a: readonly (readonly number[])[]): { l: number[][]; keep: number[] } {
  const keep: number[] = [];
  const l: number[][] = [];
  for (let j = 0; j < a.length; j++) {
    const ajj = (a[j] as readonly number[])[j] as number;
    if (!(ajj > 0)) continue;
    const row: number[] = [];
    for (let c = 0; c < keep.length; c++) {
      let s = (a[j] as readonly number[])[keep[c] as number] as number;
      const lc = l[c] as number[];
      for (let m = 0; m < c; m++) s -= (row[m] as number) * (lc[m] as number);
      row.push(s / (lc[c] as number));
    }
    let d = ajj;
    for (const v of row) d -= v * v;
    if (!(d > ALIAS_TOLERANCE * ajj)) continue;
    row.push(Math.sqrt(d));
    l.push(row);
    keep.push(j);
  }
  return { l, keep };
}

/** (LL')⁻¹ from a lower-triangular L. */
function inverseFromCholesky(l: readonly (readonly number[])[]): number[][] {
  const r = l.length;
  // Linv: inverse of L (lower).
  const linv = Array.from({ length: r }, () => new Array<number>(r).fill(0));
  for (let i = 0; i < r; i++) {
    const li = l[i] as readonly number[];
    (linv[i] as number[])[i] = 1 / (li[i] as number);
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let m = j; m < i; m++) s += (li[m] as number) * ((linv[m] as number[])[j] as number);
      (linv[i] as number[])[j] = -s / (li[i] as number);
    }
  }
  // (LL')⁻¹ = L⁻ᵀ L⁻¹.
  const inv = Array.from({ length: r }, () => new Array<number>(r).fill(0));
  for (let i = 0; i < r; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = i; m < r; m++)
        s += ((linv[m] as number[])[i] as number) * ((linv[m] as number[])[j] as number);
      (inv[i] as number[])[j] = s;
      (inv[j] as number[])[i] = s;
    }
  return inv;
}

/** The within OLS fit (see the module comment). Throws on a malformed input, never on a rank deficit. */
export function withinOls(groups: readonly GroupCrossProducts[], k: number): WithinOlsFit {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const { xx, xy, yy, n, used } = demeanedCrossProducts(groups, k);
  // Scale to a unit diagonal before factoring (Jacobi): the tolerance then compares like with like.
  const scale = xx.map((row, i) => {
    const d = row[i] as number;
    return d > 0 ? 1 / Math.sqrt(d) : 0;
  });
  const scaled = xx.map((row, i) => row.map((v, j) => v * (scale[i] as number) * (scale[j] as number)));
  const { l, keep } = choleskyDropping(scaled);
  const invScaled = inverseFromCholesky(l);
  const bread = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  keep.forEach((a, ia) => {
    keep.forEach((b, ib) => {
      (bread[a] as number[])[b] =
        ((invScaled[ia] as number[])[ib] as number) * (scale[a] as number) * (scale[b] as number);
    });
  });
  const identified = Array.from({ length: k }, (_, i) => keep.includes(i));
  const beta = new Array<number | null>(k).fill(null);
  for (const a of keep) {
    let s = 0;
    for (const b of keep) s += ((bread[a] as number[])[b] as number) * (xy[b] as number);
    beta[a] = s;
  }
  // RSS = ỹ'ỹ − β'X̃'ỹ (normal equations), floored at 0 against rounding.
  let explained = 0;
  for (const a of keep) explained += (beta[a] as number) * (xy[a] as number);
  const rss = Math.max(0, yy - explained);
  const dfResidual = n - used - keep.length;
  return {
    k,
    n,
    groups: used,
    rank: keep.length,
    dfResidual,
    coefficients: beta,
    rss,
    tssWithin: Math.max(0, yy),
    sigma2: dfResidual > 0 ? rss / dfResidual : null,
    bread,
    identified,
  };
}

/** Classical covariance σ²(X̃'X̃)⁻¹ (null when σ² is not estimable). */
export function classicalCovariance(fit: WithinOlsFit): number[][] | null {
  const s2 = fit.sigma2;
  if (s2 === null) return null;
  return fit.bread.map((row) => row.map((v) => v * s2));
}

/**
 * M = Σ e² x̃ x̃' from per-group residual sums: with m = Σx / n of the group,
 * Σ e²(x − m)(x − m)' = Σe²xx' − m(Σe²x)' − (Σe²x)m' + Σe² mm'. `groups[i]` and `moments[i]` are
 * the same group.
 */
export function withinMeat(
  groups: readonly GroupCrossProducts[],
  moments: readonly GroupResidualMoments[],
  k: number,
): number[][] {
  if (groups.length !== moments.length) throw new RangeError('one residual moment per group');
  const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  groups.forEach((g, i) => {
    if (g.n <= 0) return;
    const r = moments[i] as GroupResidualMoments;
    const m = g.sumX.map((s) => s / g.n);
    for (let a = 0; a < k; a++) {
      const out = meat[a] as number[];
      const row = r.sumE2XX[a] as readonly number[];
      for (let b = 0; b < k; b++) {
        out[b] =
          (out[b] as number) +
          (row[b] as number) -
          (m[a] as number) * (r.sumE2X[b] as number) -
          (r.sumE2X[a] as number) * (m[b] as number) +
          r.sumE2 * (m[a] as number) * (m[b] as number);
      }
    }
  });
  return meat;
}

/** HC1 covariance: bread · M · bread · n / (n − groups − rank) (null when that df is ≤ 0). */
export function hc1Covariance(fit: WithinOlsFit, meat: readonly (readonly number[])[]): number[][] | null {
  if (fit.dfResidual <= 0) return null;
  return sandwich(fit, meat, fit.n / fit.dfResidual);
}

/**
 * The cluster-robust meat Σ_g s_g s_g' from each cluster's score s_g = Σ_{i∈g} x̃_i e_i, x̃ the
 * regressors less their group (stratum) means and e the within residuals. Clusters may cut across
 * groups: by Frisch–Waugh–Lovell these are the regressors' rows of the dummy-variable regression's
 * scores, so the sandwich equals that regression's for β.
 */
export function clusterMeat(scores: readonly (readonly number[])[], k: number): number[][] {
  const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const s of scores) {
    for (let a = 0; a < k; a++) {
      const out = meat[a] as number[];
      for (let b = 0; b < k; b++) out[b] = (out[b] as number) + (s[a] as number) * (s[b] as number);
    }
  }
  return meat;
}

/**
 * CR1 cluster-robust covariance, as `sandwich::vcovCL(type = "HC1")` on the dummy-variable regression
 * and Stata's `vce(cluster)`: bread · M · bread · G/(G − 1) · (n − 1)/(n − groups − rank), M from
 * `clusterMeat` over G clusters. Null with fewer than 2 clusters or no residual df.
 */
export function cr1Covariance(
  fit: WithinOlsFit,
  meat: readonly (readonly number[])[],
  clusters: number,
): number[][] | null {
  if (fit.dfResidual <= 0 || clusters < 2) return null;
  return sandwich(fit, meat, (clusters / (clusters - 1)) * ((fit.n - 1) / fit.dfResidual));
}

/** bread · M · bread · factor. */
function sandwich(fit: WithinOlsFit, meat: readonly (readonly number[])[], factor: number): number[][] {
  const k = fit.k;
  const bm = fit.bread.map((row) =>
    Array.from({ length: k }, (_, b) => {
      let s = 0;
      for (let c = 0; c < k; c++) s += (row[c] as number) * ((meat[c] as readonly number[])[b] as number);
      return s;
    }),
  );
  return bm.map((row) =>
    Array.from({ length: k }, (_, b) => {
      let s = 0;
      for (let c = 0; c < k; c++)
        s += (row[c] as number) * ((fit.bread[c] as readonly number[])[b] as number);
      return s * factor;
    }),
  );
}

/** Cross-products of one group from unit rows (tests, and callers holding rows in memory). */
export function crossProductsOf(
  rows: readonly { readonly x: readonly number[]; readonly y: number }[],
  k: number,
) {
  const sumX = new Array<number>(k).fill(0);
  const sumXY = new Array<number>(k).fill(0);
  const sumXX = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let sumY = 0;
  let sumYY = 0;
  for (const { x, y } of rows) {
    sumY += y;
    sumYY += y * y;
    for (let a = 0; a < k; a++) {
      const xa = x[a] as number;
      sumX[a] = (sumX[a] as number) + xa;
      sumXY[a] = (sumXY[a] as number) + xa * y;
      const out = sumXX[a] as number[];
      for (let b = 0; b < k; b++) out[b] = (out[b] as number) + xa * (x[b] as number);
    }
  }
  return { n: rows.length, sumX, sumXX, sumY, sumXY, sumYY } satisfies GroupCrossProducts;
}

/**
 * Each cluster's score s_g = Σ_{i∈g} x̃_i e_i from unit rows in groups and a fit (tests; the metric
 * computes them in SQL): x̃ the regressors less their group means, e the within residuals.
 */
export function clusterScoresOf(
  groups: readonly (readonly {
    readonly x: readonly number[];
    readonly y: number;
    readonly cluster: string;
  }[])[],
  fit: WithinOlsFit,
): Map<string, number[]> {
  const k = fit.k;
  const scores = new Map<string, number[]>();
  for (const rows of groups) {
    if (rows.length === 0) continue;
    const xBar = Array.from(
      { length: k },
      (_, a) => rows.reduce((s, r) => s + (r.x[a] as number), 0) / rows.length,
    );
    const u = rows.map(({ x, y }) => {
      let v = y;
      fit.coefficients.forEach((b, a) => {
        if (b !== null) v -= b * (x[a] as number);
      });
      return v;
    });
    const uBar = u.reduce((s, v) => s + v, 0) / rows.length;
    rows.forEach((r, i) => {
      const e = (u[i] as number) - uBar;
      const s = scores.get(r.cluster) ?? new Array<number>(k).fill(0);
      for (let a = 0; a < k; a++) s[a] = (s[a] as number) + ((r.x[a] as number) - (xBar[a] as number)) * e;
      scores.set(r.cluster, s);
    });
  }
  return scores;
}

/** Residual moments of one group from unit rows and a fit (tests; the metric computes them in SQL). */
export function residualMomentsOf(
  rows: readonly { readonly x: readonly number[]; readonly y: number }[],
  fit: WithinOlsFit,
): GroupResidualMoments {
  const k = fit.k;
  const u = rows.map(({ x, y }) => {
    let v = y;
    fit.coefficients.forEach((b, a) => {
      if (b !== null) v -= b * (x[a] as number);
    });
    return v;
  });
  const uBar = u.reduce((s, v) => s + v, 0) / Math.max(1, rows.length);
  const e2 = u.map((v) => (v - uBar) ** 2);
  const sumE2X = new Array<number>(k).fill(0);
  const sumE2XX = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  rows.forEach(({ x }, i) => {
    const w = e2[i] as number;
    for (let a = 0; a < k; a++) {
      sumE2X[a] = (sumE2X[a] as number) + w * (x[a] as number);
      const out = sumE2XX[a] as number[];
      for (let b = 0; b < k; b++) out[b] = (out[b] as number) + w * (x[a] as number) * (x[b] as number);
    }
  });
  return { sumE2: e2.reduce((s, v) => s + v, 0), sumE2X, sumE2XX };
}
