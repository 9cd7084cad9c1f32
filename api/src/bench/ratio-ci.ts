/**
 * How sure a ratio of two medians is: the API bench's overhead ratio (HTTP p50 / direct p50) comes
 * from a few dozen timings on a shared machine, and the same code has measured 1.04 in one run and
 * 1.93 in the next. A percentile bootstrap over the timed pairs gives the interval the ratio
 * would fall in if the run were repeated on the same machine state, so a report can tell a missed
 * goal from noise.
 */

/** The median of `xs` (sorted copy; the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * A small deterministic PRNG (mulberry32): the same samples and seed give the same interval, so a
 * report can be reproduced from its JSON.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RatioInterval {
  /** median(numerator) / median(denominator) over all pairs. */
  readonly ratio: number;
  /** The interval's bounds (`level` central coverage, 0.95 by default). */
  readonly lo: number;
  readonly hi: number;
  readonly level: number;
  readonly resamples: number;
}

export interface BootstrapOptions {
  /** Central coverage of the interval. Default 0.95. */
  readonly level?: number;
  /** Bootstrap resamples. Default 2000. */
  readonly resamples?: number;
  /** PRNG seed. Default 1. */
  readonly seed?: number;
}

/**
 * Percentile bootstrap interval of median(numerator) / median(denominator), resampling PAIRS
 * (numerator[i] with denominator[i]): the bench times both sides of a pair back to back, so a
 * moment when the machine was slow slows both, and resampling pairs keeps that shared drift out of
 * the interval's width. Throws on arrays of different length or with fewer than 2 pairs.
 */
export function pairedMedianRatioInterval(
  numerator: readonly number[],
  denominator: readonly number[],
  options: BootstrapOptions = {},
): RatioInterval {
  const n = numerator.length;
  if (n !== denominator.length) {
    throw new Error(`pairedMedianRatioInterval: ${n} numerators but ${denominator.length} denominators`);
  }
  if (n < 2) throw new Error(`pairedMedianRatioInterval: needs at least 2 pairs, got ${n}`);
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? 2000;
  if (!(level > 0 && level < 1)) throw new Error(`pairedMedianRatioInterval: level ${level} not in (0, 1)`);
  const random = mulberry32(options.seed ?? 1);
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n);
      num[i] = numerator[j] as number;
      den[i] = denominator[j] as number;
    }
    ratios[r] = sortedMedian(num.sort()) / sortedMedian(den.sort());
  }
  ratios.sort();
  const tail = (1 - level) / 2;
  return {
    ratio: median(numerator) / median(denominator),
    lo: quantileOfSorted(ratios, tail),
    hi: quantileOfSorted(ratios, 1 - tail),
    level,
    resamples,
  };
}

function sortedMedian(s: Float64Array): number {
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Linear interpolation between order statistics (type 7, as R's and numpy's default). */
function quantileOfSorted(s: Float64Array, q: number): number {
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}
