import { MetricInputError } from './metric-input-error.ts';

/** Default minimum n for disclosure control (DOMAIN §9; env SUPPRESSION_MIN_N). */
export const DEFAULT_MIN_N = 5;

/** Options every metric accepts. Configuration comes in as parameters, never from the environment. */
export interface MetricOptions {
  /** Rows with 0 < n < minN are suppressed (plus complementary cells). Default 5; 1 disables. */
  readonly minN?: number;
}

export function resolveMinN(options: MetricOptions | undefined): number {
  const minN = options?.minN ?? DEFAULT_MIN_N;
  if (!Number.isInteger(minN) || minN < 1) {
    throw new MetricInputError(`minN must be a positive integer, got ${minN}`, 'minN');
  }
  return minN;
}
