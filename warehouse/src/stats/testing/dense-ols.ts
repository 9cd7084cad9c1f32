/**
 * Least squares from a dense design matrix by the textbook formulas — β = (X'X)⁻¹X'y, classical
 * covariance σ²(X'X)⁻¹ and White's HC1 (X'X)⁻¹ X'diag(e²)X (X'X)⁻¹ · n/(n − p) — with X'X inverted
 * by Gauss–Jordan elimination with partial pivoting. A reference for tests of the sufficient-
 * statistics forms (`within-ols.ts`, the joint program-effects model); X must have full rank.
 */
export function denseOls(
  x: readonly (readonly number[])[],
  y: readonly number[],
): { beta: number[]; rss: number; df: number; classical: number[][]; hc1: number[][] } {
  const n = x.length;
  const p = (x[0] as readonly number[]).length;
  const col = (r: readonly number[], a: number) => r[a] as number;
  const xtx = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) => x.reduce((s, r) => s + col(r, a) * col(r, b), 0)),
  );
  const inv = invert(xtx);
  const xty = Array.from({ length: p }, (_, a) => x.reduce((s, r, i) => s + col(r, a) * (y[i] as number), 0));
  const beta = inv.map((row) => row.reduce((s, v, b) => s + v * (xty[b] as number), 0));
  const e = x.map((r, i) => (y[i] as number) - r.reduce((s, v, b) => s + v * (beta[b] as number), 0));
  const rss = e.reduce((s, v) => s + v * v, 0);
  const df = n - p;
  const meat = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) =>
      x.reduce((s, r, i) => s + (e[i] as number) ** 2 * col(r, a) * col(r, b), 0),
    ),
  );
  return {
    beta,
    rss,
    df,
    classical: inv.map((row) => row.map((v) => (v * rss) / df)),
    hc1: multiply(multiply(inv, meat), inv).map((row) => row.map((v) => (v * n) / df)),
  };
}

/**
 * CR1 cluster-robust covariance by the textbook formula, as `sandwich::vcovCL(type = "HC1")`:
 * (X'X)⁻¹ (Σ_g X_g'e_g e_g'X_g) (X'X)⁻¹ · G/(G − 1) · (n − 1)/(n − p).
 */
export function denseCr1(
  x: readonly (readonly number[])[],
  y: readonly number[],
  cluster: readonly (string | number)[],
): number[][] {
  const n = x.length;
  const p = (x[0] as readonly number[]).length;
  const xtx = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) => x.reduce((s, r) => s + (r[a] as number) * (r[b] as number), 0)),
  );
  const inv = invert(xtx);
  const { beta } = denseOls(x, y);
  const e = x.map((r, i) => (y[i] as number) - r.reduce((s, v, b) => s + v * (beta[b] as number), 0));
  const scores = new Map<string | number, number[]>();
  x.forEach((r, i) => {
    const g = cluster[i] as string | number;
    const s = scores.get(g) ?? new Array<number>(p).fill(0);
    for (let a = 0; a < p; a++) s[a] = (s[a] as number) + (r[a] as number) * (e[i] as number);
    scores.set(g, s);
  });
  const meat = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) =>
      [...scores.values()].reduce((t, s) => t + (s[a] as number) * (s[b] as number), 0),
    ),
  );
  const G = scores.size;
  const factor = (G / (G - 1)) * ((n - 1) / (n - p));
  return multiply(multiply(inv, meat), inv).map((row) => row.map((v) => v * factor));
}

/**
 * The cluster-robust t-statistic of β_j by the textbook formulas on the dummy-variable regression
 * (one dummy per group, as a reference for `wild-cluster-bootstrap.ts`): β_j / √[(X'X)⁻¹ Σ_g X_g'e_g e_g'X_g (X'X)⁻¹]_jj, without the CR1 factor.
 */
export function denseClusterT(
  design: readonly (readonly number[])[],
  y: readonly number[],
  cluster: readonly (string | number)[],
  j: number,
): number {
  const p = (design[0] as readonly number[]).length;
  const xtx = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) => design.reduce((s, r) => s + (r[a] as number) * (r[b] as number), 0)),
  );
  const inv = invert(xtx);
  const { beta } = denseOls(design, y);
  const scores = new Map<string | number, number[]>();
  design.forEach((r, i) => {
    const e = (y[i] as number) - r.reduce((s, v, b) => s + v * (beta[b] as number), 0);
    const s = scores.get(cluster[i] as string | number) ?? new Array<number>(p).fill(0);
    for (let a = 0; a < p; a++) s[a] = (s[a] as number) + (r[a] as number) * e;
    scores.set(cluster[i] as string | number, s);
  });
  const meat = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) =>
      [...scores.values()].reduce((t, s) => t + (s[a] as number) * (s[b] as number), 0),
    ),
  );
  const v = multiply(multiply(inv, meat), inv);
  return (beta[j] as number) / Math.sqrt((v[j] as number[])[j] as number);
}

/**
 * The WCR bootstrap t* of one weight vector by brute force (units in groups 0…groups − 1, clusters
 * 0…G − 1, one weight per cluster): the restricted dummy-variable regression
 * (column j left out), y* = its fit + w_g · its residual, and the full regression's clustered t on y*.
 */
export function denseWildClusterT(
  units: readonly {
    readonly x: readonly number[];
    readonly y: number;
    readonly group: number;
    readonly cluster: number;
  }[],
  groups: number,
  j: number,
  w: readonly number[],
): number {
  const dummies = (u: { readonly group: number }) =>
    Array.from({ length: groups }, (_, s) => (u.group === s ? 1 : 0));
  const design = units.map((u) => [...u.x, ...dummies(u)]);
  const restricted = units.map((u) => [...u.x.filter((_, a) => a !== j), ...dummies(u)]);
  const y = units.map((u) => u.y);
  const { beta } = denseOls(restricted, y);
  const yStar = units.map((u, i) => {
    const fitted = (restricted[i] as number[]).reduce((s, v, b) => s + v * (beta[b] as number), 0);
    return fitted + (w[u.cluster] as number) * ((y[i] as number) - fitted);
  });
  return denseClusterT(
    design,
    yStar,
    units.map((u) => u.cluster),
    j,
  );
}

/** Inverse of a non-singular square matrix (Gauss–Jordan, partial pivoting). */
export function invert(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[pivot] as number[])[c] as number))
        pivot = r;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const d = (a[c] as number[])[c] as number;
    a[c] = (a[c] as number[]).map((v) => v / d);
    const pr = a[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = (a[r] as number[])[c] as number;
      a[r] = (a[r] as number[]).map((v, j) => v - f * (pr[j] as number));
    }
  }
  return a.map((row) => row.slice(n));
}

/** Matrix product. */
export function multiply(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  return a.map((row) =>
    (b[0] as readonly number[]).map((_, j) =>
      row.reduce((s, v, c) => s + v * ((b[c] as readonly number[])[j] as number), 0),
    ),
  );
}
