import type { Db, SqlParam } from '../../db/index.ts';
import { ikmFromTotals } from '../../ikm/index.ts';
import { roundHalfUp } from '../../stats/round-half-up.ts';
import type { CohortWindowBounds } from '../cohort/cohort-windows.ts';

export interface IkmSnapshot {
  /** IKM 25–100 (PermenPANRB 14/2017), rounded half-up to 2 decimals. */
  readonly ikm: number;
  /** Mutu band A–D. */
  readonly band: string;
  readonly respondents: number;
}

/** IKM of one agency in the pre and post windows: an intangible, reported and never monetised. */
export interface IkmChange {
  readonly agencyCode: string;
  readonly pre: IkmSnapshot | null;
  readonly post: IkmSnapshot | null;
  /**
   * post.ikm − pre.ikm in IKM points: the difference of the two readings as shown (each rounded to 2
   * decimals), rounded to 2 decimals itself (79.60 − 72.73 is 6.87, not the float 6.86999999999999);
   * null unless both exist.
   */
  readonly change: number | null;
}

/**
 * IKM per agency in the cohort's pre and post windows, from fct_satisfaction (one query for all
 * agencies). Descriptive only: an agency's IKM moves for many reasons besides training.
 */
export async function loadIkmChanges(
  db: Db,
  agencies: readonly string[],
  bounds: CohortWindowBounds,
): Promise<IkmChange[]> {
  if (agencies.length === 0) return [];
  const params: Record<string, SqlParam> = {
    pre_start: bounds.pre.start,
    pre_end: bounds.pre.end,
    post_start: bounds.post.start,
    post_end: bounds.post.end,
  };
  agencies.forEach((code, i) => {
    params[`a${i}`] = code;
  });
  const sums = Array.from({ length: 9 }, (_, i) => `sum(u${i + 1}) AS u${i + 1}`).join(', ');
  const rows = await db.all<Record<string, number | string>>(
    `SELECT agency_code,
       CASE WHEN surveyed_on < $pre_end::DATE THEN 'pre' ELSE 'post' END AS win,
       count(*) AS respondents, ${sums}
     FROM marts.fct_satisfaction
     WHERE agency_code IN (${agencies.map((_, i) => `$a${i}`).join(', ')})
       AND ((surveyed_on >= $pre_start::DATE AND surveyed_on < $pre_end::DATE)
         OR (surveyed_on >= $post_start::DATE AND surveyed_on < $post_end::DATE))
     GROUP BY ALL`,
    params,
  );
  const snapshot = (code: string, win: 'pre' | 'post'): IkmSnapshot | null => {
    const row = rows.find((r) => r.agency_code === code && r.win === win);
    if (!row) return null;
    const result = ikmFromTotals({
      respondents: Number(row.respondents),
      unsurTotals: Array.from({ length: 9 }, (_, i) => Number(row[`u${i + 1}`])),
    });
    return result && { ikm: result.ikmRounded, band: result.band.mutu, respondents: result.respondents };
  };
  return [...agencies].sort().map((agencyCode) => {
    const pre = snapshot(agencyCode, 'pre');
    const post = snapshot(agencyCode, 'post');
    // The readings have 2 decimals, so their difference has too: rounding only drops float noise.
    return { agencyCode, pre, post, change: pre && post ? roundHalfUp(post.ikm - pre.ikm, 2) : null };
  });
}
