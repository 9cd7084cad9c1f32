import { roundHalfUp } from '../stats/round-half-up.ts';
import { type IkmBand, ikmBand } from './ikm-band.ts';
import { IKM_UNSUR_COUNT } from './ikm-unsur.ts';

/** Survey totals for one service unit and period: what SQL returns with `count(*)`, `sum(u1)`..`sum(u9)`. */
export interface IkmInput {
  /** Respondents with a complete answer to all nine unsur. */
  respondents: number;
  /** Sum of the 1–4 scores per unsur, in U1..U9 order (length 9). */
  unsurTotals: readonly number[];
}

export interface IkmResult {
  respondents: number;
  unsurTotals: readonly number[];
  /** Nilai rata-rata (NRR) per unsur = total / respondents, on the 1–4 scale, U1..U9 order. */
  nrr: number[];
  /** IKM on the 25–100 scale, unrounded (for further computation). */
  ikm: number;
  /** IKM rounded half-up to 2 decimals: the value to display, and the one that was banded. */
  ikmRounded: number;
  band: IkmBand;
}

/**
 * Indeks Kepuasan Masyarakat per PermenPANRB 14/2017: NRR per unsur = total / respondents;
 * IKM = (Σ NRR × 1/9) × 25.
 *
 * The regulation prints the unsur weight as 0.111 (= 1/9 rounded). We use exactly 1/9: with 0.111
 * every IKM comes out 0.1 % low (the known answer 91.48 would be 91.38), enough to move a unit across
 * a band boundary. The result is computed as 25·Σtotals / (9·respondents), algebraically identical
 * to the regulation's formula but one division of two exact integers, so a value that is exactly on
 * a 2-decimal half (e.g. 88.305) is represented as such and bands consistently (see `ikmBand`).
 *
 * @returns null with 0 respondents (no survey, not an IKM of 0).
 * @throws RangeError for inputs that can't come from 1–4 answers (wrong length, a total outside
 *   [respondents, 4 × respondents], non-integer counts).
 */
export function ikmFromTotals(input: IkmInput): IkmResult | null {
  const { respondents, unsurTotals } = input;
  if (!Number.isInteger(respondents) || respondents < 0) {
    throw new RangeError(`respondents must be a non-negative integer, got ${respondents}`);
  }
  if (unsurTotals.length !== IKM_UNSUR_COUNT) {
    throw new RangeError(`expected ${IKM_UNSUR_COUNT} unsur totals, got ${unsurTotals.length}`);
  }
  if (respondents === 0) return null;
  let sum = 0;
  unsurTotals.forEach((total, i) => {
    if (!Number.isInteger(total) || total < respondents || total > 4 * respondents) {
      throw new RangeError(
        `U${i + 1} total ${total} is impossible for ${respondents} respondents answering 1–4`,
      );
    }
    sum += total;
  });
  const ikm = (25 * sum) / (IKM_UNSUR_COUNT * respondents);
  return {
    respondents,
    unsurTotals: [...unsurTotals],
    nrr: unsurTotals.map((total) => total / respondents),
    ikm,
    ikmRounded: roundHalfUp(ikm, 2),
    band: ikmBand(ikm),
  };
}
