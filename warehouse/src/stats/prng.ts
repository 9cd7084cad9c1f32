/**
 * A small deterministic PRNG (mulberry32, 32-bit state), uniform in [0, 1): for randomized tests
 * and resampling that must be reproducible from a seed (Math.random cannot be seeded). Not for
 * anything secret.
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
