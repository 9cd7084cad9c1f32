/**
 * Type-7 quantile (as DuckDB `quantile_cont`, R's default) of a histogram: `values` ascending, each
 * occurring `counts[i]` times. Equals `quantile_cont` over the expanded values, without expanding.
 * @returns null for an empty histogram.
 */
export function histogramQuantile(
  values: readonly number[],
  counts: readonly number[],
  p: number,
): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const h = (total - 1) * p;
  const lo = Math.floor(h);
  const at = (rank: number): number => {
    let cumulative = 0;
    for (let i = 0; i < values.length; i += 1) {
      cumulative += counts[i]!;
      if (cumulative > rank) return values[i]!;
    }
    return values[values.length - 1]!;
  };
  const low = at(lo);
  return h === lo ? low : low + (h - lo) * (at(Math.min(lo + 1, total - 1)) - low);
}

/**
 * A histogram read from SQL as `list({d: value, n: count})` (unordered: sorting here is cheaper than
 * an ORDER BY inside the aggregate) → [values ascending, counts], as `histogramQuantile` takes them.
 */
export function histogramPairs(value: unknown): [number[], number[]] {
  if (!Array.isArray(value)) return [[], []];
  const pairs = (value as { d: unknown; n: unknown }[])
    .map((p) => [Number(p.d), Number(p.n)] as const)
    .sort((a, b) => a[0] - b[0]);
  return [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
}
