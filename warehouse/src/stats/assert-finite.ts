/**
 * Guards for caller mistakes. A NaN that slips into a mean turns every downstream number into NaN
 * without saying where it came from, so inputs are checked at the boundary and fail readably.
 */
export function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}`);
}

export function assertFiniteAll(values: readonly number[], what: string): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) throw new RangeError(`${what}[${i}] must be a finite number, got ${value}`);
  }
}

export function assertProbability(p: number, what: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${what} must be in [0, 1], got ${p}`);
}

/** Confidence level for an interval: strictly between 0 and 1 (0.95 for a 95 % interval). */
export function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}
