import { DEFAULT_MIN_N } from '../../disclosure/index.ts';
import { MetricInputError } from './metric-input-error.ts';

/** Options every metric accepts. Configuration comes in as parameters, never from the environment. */
export interface MetricOptions {
  /** Rows with 0 < n < minN are suppressed (plus complementary cells). Default 5 (DOMAIN §9; env SUPPRESSION_MIN_N); 1 disables. */
  readonly minN?: number;
  /**
   * Aborted when the caller no longer wants the answer (the API's operation timeout): disclosure
   * control running off the main thread stops, and the call rejects with DisclosureAbortedError.
   */
  readonly signal?: AbortSignal;
}

export function resolveMinN(options: MetricOptions | undefined): number {
  const minN = options?.minN ?? DEFAULT_MIN_N;
  if (!Number.isInteger(minN) || minN < 1) {
    throw new MetricInputError(`minN must be a positive integer, got ${minN}`, {
      reason: 'OUT_OF_RANGE',
      field: 'minN',
      min: 1,
    });
  }
  return minN;
}
