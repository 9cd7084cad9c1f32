import { roundHalfUp } from '../stats/round-half-up.ts';

export type IkmMutu = 'A' | 'B' | 'C' | 'D';
export type IkmKinerja = 'Sangat Baik' | 'Baik' | 'Kurang Baik' | 'Tidak Baik';

/** One band of the IKM conversion table (nilai interval konversi → mutu, kinerja unit pelayanan). */
export interface IkmBand {
  mutu: IkmMutu;
  kinerja: IkmKinerja;
  /** Lowest IKM (2 decimals) in the band, inclusive. */
  min: number;
  /** Highest IKM (2 decimals) in the band, inclusive. */
  max: number;
}

/** PermenPANRB 14/2017 conversion table, best band first. */
export const IKM_BANDS: readonly IkmBand[] = [
  { mutu: 'A', kinerja: 'Sangat Baik', min: 88.31, max: 100 },
  { mutu: 'B', kinerja: 'Baik', min: 76.61, max: 88.3 },
  { mutu: 'C', kinerja: 'Kurang Baik', min: 65, max: 76.6 },
  { mutu: 'D', kinerja: 'Tidak Baik', min: 25, max: 64.99 },
];

/**
 * Band of an IKM value.
 *
 * The regulation's table is written in 2 decimals with gaps between bands (88.30 | 88.31), so a
 * value must be rounded to 2 decimals before it is banded; otherwise 88.305 falls in no band. The
 * rounding is half-up on the printed decimal (`roundHalfUp`), so the band always agrees with the
 * 2-decimal IKM shown next to it: 88.305 shows as 88.31 and is A.
 *
 * @param ikm IKM on its 25–100 scale, rounded or not.
 * @throws RangeError when the rounded value lies outside 25–100 (not an IKM).
 */
export function ikmBand(ikm: number): IkmBand {
  const rounded = roundHalfUp(ikm, 2);
  for (const band of IKM_BANDS) {
    if (rounded >= band.min && rounded <= band.max) return band;
  }
  throw new RangeError(`IKM must be within 25–100, got ${ikm}`);
}
