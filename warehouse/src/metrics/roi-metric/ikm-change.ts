import type { Db, SqlParam } from '../../db/index.ts';
import { ikmFromTotals } from '../../ikm/index.ts';
import { roundHalfUp } from '../../stats/round-half-up.ts';
import { type CohortWindowBounds, dayBefore, type HalfOpenWindow } from '../cohort/cohort-windows.ts';
import { guardedSatisfaction as satisfaction } from '../guarded-metrics.ts';
import { windowGrain } from './completion-link.ts';

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
  /**
   * The pre (post) reading is withheld by disclosure control (then `pre` (`post`) is null): its
   * window holds a month `satisfaction` by agency per month hides for the agency, or fewer than
   * minN respondents (`hiddenInSatisfaction`).
   */
  readonly preSuppressed: boolean;
  readonly postSuppressed: boolean;
}

/**
 * IKM per agency in the cohort's pre and post windows, from fct_satisfaction (one query for all
 * agencies). Descriptive only: an agency's IKM moves for many reasons besides training.
 *
 * A window's reading is a sum over its months of what `satisfaction` publishes by agency per
 * month, so it is withheld where that table hides one of its months for the agency (as a small
 * cell or a complement): two windows differing by one month (the same `to`, `windowMonths` 12 and
 * 11) would otherwise give that month's respondents and IKM back (privacy review of 2026-12-05:
 * KEC-62.71.04, November 2025, 145 − 141 = 4 questionnaires and their IKM 77.8, a cell
 * satisfaction hides, and its five complements). A window with no hidden month is a sum of shown
 * cells: nothing more. Read as published (`guarded-metrics`' satisfaction, the whole table by
 * agency, its guards across queries included) at the coarsest grain the window is whole periods of.
 */
export async function loadIkmChanges(
  db: Db,
  agencies: readonly string[],
  bounds: CohortWindowBounds,
  minN: number,
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
  const surveyed = (win: 'pre' | 'post') => rows.some((r) => r.win === win);
  const hidden = {
    pre: surveyed('pre') ? await hiddenInSatisfaction(db, bounds.pre, minN) : new Set<string>(),
    post: surveyed('post') ? await hiddenInSatisfaction(db, bounds.post, minN) : new Set<string>(),
  };
  const withheld = (code: string, win: 'pre' | 'post'): boolean => {
    const row = rows.find((r) => r.agency_code === code && r.win === win);
    const respondents = row ? Number(row.respondents) : 0;
    return hidden[win].has(code) || (respondents > 0 && respondents < minN);
  };
  const snapshot = (code: string, win: 'pre' | 'post'): IkmSnapshot | null => {
    const row = rows.find((r) => r.agency_code === code && r.win === win);
    if (!row || withheld(code, win)) return null;
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
    return {
      agencyCode,
      pre,
      post,
      change: pre && post ? roundHalfUp(post.ikm - pre.ikm, 2) : null,
      preSuppressed: withheld(agencyCode, 'pre'),
      postSuppressed: withheld(agencyCode, 'post'),
    };
  });
}

/**
 * The agencies whose row `satisfaction` (as published, by agency, no other filter) hides in any
 * period of the window: read without a grain for whole years, else by quarter or by month.
 */
export async function hiddenInSatisfaction(
  db: Db,
  window: HalfOpenWindow,
  minN: number,
): Promise<Set<string>> {
  const from = window.start;
  const to = dayBefore(window.end);
  const grain = windowGrain(from, to);
  const { rows } = await satisfaction(
    db,
    { filter: { from, to }, groupBy: ['agency'], ...(grain ? { grain } : {}) },
    { minN },
  );
  const hidden = new Set<string>();
  for (const row of rows) {
    const agency = row.keys.agency;
    if (!row.isTotal && row.suppressed && typeof agency === 'string') hidden.add(agency);
  }
  return hidden;
}
