import { type IkmResult, ikmFromTotals } from './ikm.ts';

/** One survey form: the nine unsur scores, null when left blank. */
export interface IkmResponse {
  u1: number | null;
  u2: number | null;
  u3: number | null;
  u4: number | null;
  u5: number | null;
  u6: number | null;
  u7: number | null;
  u8: number | null;
  u9: number | null;
}

export interface IkmRejectedResponse {
  /** Position in the input array. */
  index: number;
  reason: string;
}

const UNSUR_KEYS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;

/**
 * IKM from raw survey forms. Only complete forms with every score an integer 1–4 count: the
 * regulation divides every unsur by the same respondent count, which is only right if each respondent
 * answered all nine. Other forms come back in `rejected` (row problems are data, not exceptions) so
 * the caller can report how many were left out.
 *
 * @returns `result` null when no valid form remains.
 */
export function ikmFromResponses(responses: readonly IkmResponse[]): {
  result: IkmResult | null;
  rejected: IkmRejectedResponse[];
} {
  const totals = UNSUR_KEYS.map(() => 0);
  const rejected: IkmRejectedResponse[] = [];
  let respondents = 0;
  responses.forEach((response, index) => {
    const bad = UNSUR_KEYS.find((key) => {
      const score = response[key];
      return score === null || !Number.isInteger(score) || score < 1 || score > 4;
    });
    if (bad !== undefined) {
      rejected.push({ index, reason: `${bad} is ${response[bad]}, expected an integer 1–4` });
      return;
    }
    UNSUR_KEYS.forEach((key, i) => {
      totals[i] = totals[i]! + response[key]!;
    });
    respondents++;
  });
  return { result: ikmFromTotals({ respondents, unsurTotals: totals }), rejected };
}
