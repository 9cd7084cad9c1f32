/**
 * Wild cluster restricted bootstrap (WCR) of one coefficient of a within (fixed-effects) OLS fit,
 * from per-cluster × per-group sufficient statistics: no unit row needed.
 *
 * With few clusters the CR1 t-test over-rejects (Cameron, Gelbach & Miller 2008; MacKinnon & Webb
 * 2017). The WCR bootstrap-t imposes H0: β_j = 0, fits the restricted model (β̃, residuals ẽ), draws
 * one weight w_g per cluster and builds y* = α̃ + X₋ⱼβ̃ + w_g ẽ, refits the full model on y* and
 * computes its CR1 t-statistic t*; the p-value is the share of draws with |t*| ≥ |t| (symmetric).
 * Weights follow Webb's six-point distribution (±√½, ±1, ±√(3/2), each 1/6), which has enough
 * distinct values for a handful of clusters where Rademacher's ±1 has only 2^(G−1) distinct |t*|.
 * With 6^G ≤ `draws` every weight vector is enumerated (an exact, seed-free p-value); otherwise
 * `draws` vectors come from a seeded generator, so the same input always gives the same p-value.
 *
 * The algebra (as in Roodman, MacKinnon, Nielsen & Webb 2019, "Fast and wild"): with B = (X̃'X̃)⁻¹,
 * u_g = X̃_g'ẽ_g and A_g = X̃_g'X̃_g, the bootstrap coefficient is β̃ + δ with δ = B Σ_h w_h u_h, and
 * its residuals are M_D(w∘ẽ) − X̃δ (M_D demeans within the fixed-effect groups, which may cut across
 * clusters), so cluster g's score is s*_g = w_g u_g − Σ_s X_gs v̄_s − A_g δ, X_gs = Σ_{i∈g∩s} x̃_i and
 * v̄_s = Σ_h w_h E_hs / n_s, E_hs = Σ_{i∈h∩s} ẽ_i. Only b_j's*_g enters the t-statistic of β_j
 * (b_j = row j of B), so each draw costs O(G²) scalars. The CR1 small-sample factor is the same for
 * t and every t*, so it cancels.
 */
import { mulberry32 } from './prng.ts';
import { type GroupCrossProducts, type WithinOlsFit, withinOls } from './within-ols.ts';

/** Sums over the units of one cluster within one group (stratum); `group` indexes the fit's groups. */
export interface ClusterCell {
  readonly cluster: number;
  readonly group: number;
  readonly sums: GroupCrossProducts;
}

/** Webb's six-point weights: ±√(1/2), ±1, ±√(3/2), each with probability 1/6 (mean 0, variance 1). */
export const WEBB_WEIGHTS: readonly number[] = [
  -Math.sqrt(1.5),
  -1,
  -Math.sqrt(0.5),
  Math.sqrt(0.5),
  1,
  Math.sqrt(1.5),
];

/** Default number of bootstrap draws (enumeration when 6^G is not more). */
export const WILD_BOOTSTRAP_DRAWS = 9_999;
/** Default seed of the generator (draws are reproducible: same input, same p-value). */
export const WILD_BOOTSTRAP_SEED = 20_240_601;

/** Relative tolerance under which |t*| counts as equal to |t| (ties are extreme). */
export const TIE_TOLERANCE = 1e-9;

/** Everything a draw needs, prepared once per tested coefficient. */
export interface WildClusterPlan {
  /** Clusters G. */
  readonly clusters: number;
  /** The observed t-statistic of β_j without the CR1 factor (it cancels against every t*). */
  readonly t: number;
  /** p_g = b_j'u_g. */
  readonly p: readonly number[];
  /** d_h[j] = (B u_h)_j: a draw's β*_j is Σ_h w_h d_h[j] (β̃_j = 0). */
  readonly dj: readonly number[];
  /** Q[g][h] = b_j'Σ_s X_gs E_hs / n_s + (A_g b_j)'(B u_h): r_g = w_g p_g − Σ_h w_h Q[g][h]. */
  readonly q: readonly (readonly number[])[];
}

export interface WildClusterBootstrapResult {
  /** Share of draws with |t*| ≥ |t| (two-sided, symmetric). */
  readonly pValue: number;
  /** Draws behind it. */
  readonly draws: number;
  /** True when every Webb weight vector was used (6^G ≤ the draws asked for): exact, no seed. */
  readonly enumerated: boolean;
  /** Clusters G. */
  readonly clusters: number;
}

const dot = (a: readonly number[], b: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};
const matVec = (m: readonly (readonly number[])[], v: readonly number[]): number[] =>
  m.map((row) => dot(row, v));

/** What every test of one model shares: the demeaned cell sums, gathered per cluster. */
interface PreparedModel {
  readonly fit: WithinOlsFit;
  readonly groups: readonly GroupCrossProducts[];
  /** Clusters with a unit. */
  readonly clusters: number;
  /** Per cluster: A_g = X̃_g'X̃_g (k × k) and X̃_g'ỹ_g. */
  readonly a: readonly (readonly number[])[][];
  readonly xy: readonly number[][];
  /** Per cluster: its cells' group, X_gs = Σx̃ and Σỹ. */
  readonly cells: readonly { readonly group: number; readonly x: readonly number[]; readonly ey: number }[][];
  /** Per cluster: the observed score s_g = X̃_g'ê_g. */
  readonly scores: readonly number[][];
}
const PREPARED = new WeakMap<readonly ClusterCell[], PreparedModel>();

function prepare(
  fit: WithinOlsFit,
  groups: readonly GroupCrossProducts[],
  cells: readonly ClusterCell[],
): PreparedModel {
  const known = PREPARED.get(cells);
  if (known && known.fit === fit && known.groups === groups) return known;
  const k = fit.k;
  const clusterIds = [...new Set(cells.filter((c) => c.sums.n > 0).map((c) => c.cluster))].sort(
    (a, b) => a - b,
  );
  const G = clusterIds.length;
  const slot = new Map(clusterIds.map((c, i) => [c, i]));
  const xBar = groups.map((g) => (g.n > 0 ? g.sumX.map((v) => v / g.n) : new Array<number>(k).fill(0)));
  const yBar = groups.map((g) => (g.n > 0 ? g.sumY / g.n : 0));
  const a = Array.from({ length: G }, () => Array.from({ length: k }, () => new Array<number>(k).fill(0)));
  const xy = Array.from({ length: G }, () => new Array<number>(k).fill(0));
  const perCluster: { group: number; x: number[]; ey: number }[][] = Array.from({ length: G }, () => []);
  for (const c of cells) {
    const s = c.sums;
    if (s.n <= 0) continue;
    const g = slot.get(c.cluster) as number;
    const m = xBar[c.group] as number[];
    const my = yBar[c.group] as number;
    // Demeaned cell sums: Σx̃, Σx̃x̃', Σx̃ỹ, Σỹ (x̃ = x less its group's mean over every cluster).
    const ag = a[g] as number[][];
    const xyg = xy[g] as number[];
    for (let i = 0; i < k; i++) {
      const mi = m[i] as number;
      const si = s.sumX[i] as number;
      xyg[i] = (xyg[i] as number) + (s.sumXY[i] as number) - mi * s.sumY - my * si + s.n * mi * my;
      const row = s.sumXX[i] as readonly number[];
      const out = ag[i] as number[];
      for (let b = 0; b < k; b++) {
        const mb = m[b] as number;
        out[b] =
          (out[b] as number) + (row[b] as number) - mi * (s.sumX[b] as number) - si * mb + s.n * mi * mb;
      }
    }
    (perCluster[g] as { group: number; x: number[]; ey: number }[]).push({
      group: c.group,
      x: s.sumX.map((v, i) => v - s.n * (m[i] as number)),
      ey: s.sumY - s.n * my,
    });
  }
  const betaU = fit.coefficients.map((b) => b ?? 0);
  const scores = a.map((ag, g) => {
    const axb = matVec(ag, betaU);
    return (xy[g] as number[]).map((v, i) => v - (axb[i] as number));
  });
  const made = { fit, groups, clusters: G, a, xy, cells: perCluster, scores };
  PREPARED.set(cells, made);
  return made;
}

/**
 * Prepares the WCR test of H0: β_j = 0 in `fit` (fitted on `groups`), from `cells`: every
 * cluster × group cell's sums, which add up to `groups`. Null when β_j is not identified, there are
 * fewer than 2 clusters or the observed clustered variance is 0. What does not depend on j is
 * computed once per `cells` array (tests of every coefficient of a model pass the same one).
 */
export function wildClusterPlan(
  fit: WithinOlsFit,
  groups: readonly GroupCrossProducts[],
  cells: readonly ClusterCell[],
  j: number,
): WildClusterPlan | null {
  const k = fit.k;
  if (!fit.identified[j] || fit.dfResidual <= 0) return null;
  const model = prepare(fit, groups, cells);
  const G = model.clusters;
  if (G < 2) return null;
  const bj = fit.bread[j] as readonly number[];
  const meat = model.scores.reduce((acc, sg) => acc + dot(bj, sg) ** 2, 0);
  if (!(meat > 0)) return null;
  // The restricted model: the identified columns but j.
  const kept = fit.identified.flatMap((id, a) => (id && a !== j ? [a] : []));
  const restricted = withinOls(
    groups.map((g) => ({
      n: g.n,
      sumX: kept.map((a) => g.sumX[a] as number),
      sumXX: kept.map((a) => kept.map((b) => (g.sumXX[a] as readonly number[])[b] as number)),
      sumY: g.sumY,
      sumXY: kept.map((a) => g.sumXY[a] as number),
      sumYY: g.sumYY,
    })),
    kept.length,
  );
  const betaR = new Array<number>(k).fill(0);
  kept.forEach((a, i) => {
    betaR[a] = restricted.coefficients[i] ?? 0;
  });
  // u_g = X̃_g'ẽ_g = X̃_g'ỹ_g − A_g β̃; d_h = B u_h; A_g b_j.
  const u = model.a.map((ag, g) => {
    const axb = matVec(ag, betaR);
    return (model.xy[g] as number[]).map((v, i) => v - (axb[i] as number));
  });
  const d = u.map((uh) => matVec(fit.bread, uh));
  const aBj = model.a.map((ag) => matVec(ag, bj));
  const p = u.map((ug) => dot(bj, ug));
  const dj = d.map((dh) => dh[j] as number);
  // Per cluster and group: b_j'X_gs, and E_gs = Σỹ − X_gs'β̃ (the restricted residuals' sum).
  const bx = model.cells.map((list) => list.map((c) => ({ group: c.group, bx: dot(bj, c.x) })));
  const eByGroup = model.cells.map((list) => new Map(list.map((c) => [c.group, c.ey - dot(c.x, betaR)])));
  // Q[g][h] = Σ_s b_j'X_gs E_hs / n_s + (A_g b_j)'d_h.
  const q = Array.from({ length: G }, (_, g) =>
    Array.from({ length: G }, (_, h) => {
      let v = dot(aBj[g] as number[], d[h] as number[]);
      const eh = eByGroup[h] as Map<number, number>;
      for (const c of bx[g] as { group: number; bx: number }[]) {
        const e = eh.get(c.group);
        if (e !== undefined) v += (c.bx * e) / (groups[c.group] as GroupCrossProducts).n;
      }
      return v;
    }),
  );
  return { clusters: G, t: (fit.coefficients[j] as number) / Math.sqrt(meat), p, dj, q };
}

/** The bootstrap t-statistic (without the CR1 factor) of one weight vector, one weight per cluster. */
export function wildClusterT(plan: WildClusterPlan, w: readonly number[]): number {
  const G = plan.clusters;
  let beta = 0;
  let meat = 0;
  for (let h = 0; h < G; h++) beta += (w[h] as number) * (plan.dj[h] as number);
  for (let g = 0; g < G; g++) {
    const qg = plan.q[g] as readonly number[];
    let r = (w[g] as number) * (plan.p[g] as number);
    for (let h = 0; h < G; h++) r -= (w[h] as number) * (qg[h] as number);
    meat += r * r;
  }
  return beta / Math.sqrt(meat);
}

/**
 * The Webb weight vectors of a test: all 6^G in lexicographic order when that is at most `draws`,
 * else `draws` vectors from mulberry32(`seed`).
 */
export function* webbWeightVectors(clusters: number, draws: number, seed: number): Generator<number[]> {
  if (6 ** clusters <= draws) {
    const index = new Array<number>(clusters).fill(0);
    for (;;) {
      yield index.map((i) => WEBB_WEIGHTS[i] as number);
      let g = clusters - 1;
      while (g >= 0 && index[g] === 5) index[g--] = 0;
      if (g < 0) return;
      index[g] = (index[g] as number) + 1;
    }
  }
  const random = mulberry32(seed);
  for (let b = 0; b < draws; b++)
    yield Array.from({ length: clusters }, () => WEBB_WEIGHTS[Math.floor(random() * 6)] as number);
}

/** The weight vectors of `webbWeightVectors`, row by row, kept for the last few (G, draws, seed). */
interface WeightMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly enumerated: boolean;
}
const WEIGHT_CACHE = new Map<string, WeightMatrix>();
const WEIGHT_CACHE_SIZE = 4;

/** Every test of a model draws the same vectors (common random numbers), built once. */
function weightMatrix(clusters: number, draws: number, seed: number): WeightMatrix {
  const key = `${clusters}:${draws}:${seed}`;
  const known = WEIGHT_CACHE.get(key);
  if (known) return known;
  const enumerated = 6 ** clusters <= draws;
  const rows = enumerated ? 6 ** clusters : draws;
  const data = new Float64Array(rows * clusters);
  let r = 0;
  for (const w of webbWeightVectors(clusters, draws, seed)) data.set(w, clusters * r++);
  const made = { data, rows, enumerated };
  if (WEIGHT_CACHE.size >= WEIGHT_CACHE_SIZE) WEIGHT_CACHE.delete(WEIGHT_CACHE.keys().next().value as string);
  WEIGHT_CACHE.set(key, made);
  return made;
}

/**
 * The WCR bootstrap p-value of H0: β_j = 0 (see the module comment). Null when `wildClusterPlan` is.
 * A draw whose t* is not finite (a bootstrap sample with no clustered variance) counts as extreme,
 * and so does one within TIE_TOLERANCE of |t|. Each draw is O(G²) arithmetic on flat arrays.
 */
export function wildClusterBootstrap(
  fit: WithinOlsFit,
  groups: readonly GroupCrossProducts[],
  cells: readonly ClusterCell[],
  j: number,
  options: { readonly draws?: number; readonly seed?: number } = {},
): WildClusterBootstrapResult | null {
  const draws = options.draws ?? WILD_BOOTSTRAP_DRAWS;
  if (!Number.isInteger(draws) || draws < 1)
    throw new RangeError(`draws must be a positive integer, got ${draws}`);
  const plan = wildClusterPlan(fit, groups, cells, j);
  if (plan === null) return null;
  const G = plan.clusters;
  const { data, rows, enumerated } = weightMatrix(G, draws, options.seed ?? WILD_BOOTSTRAP_SEED);
  const p = Float64Array.from(plan.p);
  const dj = Float64Array.from(plan.dj);
  const q = new Float64Array(G * G);
  plan.q.forEach((row, g) => {
    q.set(row, g * G);
  });
  // |t*| = |t| exactly for every constant weight vector (w = c·1 gives y* = fit + c·ẽ): such ties
  // count as extreme, whichever way rounding tips them. Compared squared: t*² ≥ t²(1 − tol)².
  const observed = (plan.t * (1 - TIE_TOLERANCE)) ** 2;
  let extreme = 0;
  for (let b = 0; b < rows; b++) {
    const o = b * G;
    let beta = 0;
    let meat = 0;
    for (let h = 0; h < G; h++) beta += (data[o + h] as number) * (dj[h] as number);
    for (let g = 0; g < G; g++) {
      let r = (data[o + g] as number) * (p[g] as number);
      const qo = g * G;
      for (let h = 0; h < G; h++) r -= (data[o + h] as number) * (q[qo + h] as number);
      meat += r * r;
    }
    // t*² = β*² / meat ≥ observed, written without dividing (meat 0 counts as extreme).
    if (!(beta * beta < observed * meat)) extreme += 1;
  }
  return { pValue: extreme / rows, draws: rows, enumerated, clusters: G };
}
