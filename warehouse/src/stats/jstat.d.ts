// Minimal types for the parts of `jstat` (1.9.x, CommonJS, ships no types) that stats/ uses.
// Declared here rather than installing @types so the surface we rely on is visible and small:
// if jstat changes these, this file is the one place to look.
declare module 'jstat' {
  interface ContinuousDistribution {
    /** Cumulative distribution function P(X ≤ x). */
    cdf(x: number, ...parameters: number[]): number;
    /** Quantile function (inverse CDF). */
    inv(p: number, ...parameters: number[]): number;
  }
  interface JStat {
    studentt: ContinuousDistribution;
    normal: ContinuousDistribution;
  }
  const jStat: JStat;
  export default jStat;
}
