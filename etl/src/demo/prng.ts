/**
 * A small, fast, seedable PRNG (sfc32, 128-bit state) with the draws the demo world needs.
 *
 * Math.random cannot be seeded, and one shared stream would make every table depend on the
 * order in which all the others were drawn. Instead each part of the world asks for its own
 * stream by name (`rng.fork('service_requests')`): adding a draw to one table never shifts
 * the contents of another, and the same seed always rebuilds the same world.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;
  readonly key: string;

  constructor(seed: string | number, label = '') {
    this.key = `${seed}/${label}`;
    const [a, b, c, d] = cyrb128(this.key);
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // Warm up: the first outputs of sfc32 from a hashed state are fine, but mixing costs nothing.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** An independent stream named `label` under this one's seed. */
  fork(label: string): Prng {
    return new Prng(this.key, label);
  }

  /** Uniform in [0, 1). */
  next(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  uniform(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller, caching the second draw). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Lognormal with mean exactly 1: exp(σZ − σ²/2). Multiplicative noise that does not bias means. */
  lognormalMean1(sigma: number): number {
    return Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }

  /** Poisson count (Knuth for small means, a rounded normal for large ones). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** `k` distinct items from `items` (k ≤ items.length), in draw order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    const want = Math.min(k, n);
    const out: T[] = [];
    if (want * 3 > n) {
      const copy = items.slice();
      for (let i = 0; i < want; i++) {
        const j = i + Math.floor(this.next() * (n - i));
        const tmp = copy[i] as T;
        copy[i] = copy[j] as T;
        copy[j] = tmp;
        out.push(copy[i] as T);
      }
      return out;
    }
    const taken = new Set<number>();
    while (out.length < want) {
      const j = Math.floor(this.next() * n);
      if (taken.has(j)) continue;
      taken.add(j);
      out.push(items[j] as T);
    }
    return out;
  }
}

/** cyrb128: a fast 128-bit string hash, used only to turn a seed + label into PRNG state. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
