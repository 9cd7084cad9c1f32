import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import type { CohortWindowBounds } from '../cohort/cohort-windows.ts';
import { satisfaction } from '../guarded-metrics.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { openTestMarts, seed } from '../testing/mart-fixture.ts';
import { loadIkmChanges } from './ikm-change.ts';

const BOUNDS: CohortWindowBounds = {
  placebo: { start: '2021-01-01', end: '2022-01-01' },
  pre: { start: '2022-01-01', end: '2023-01-01' },
  post: { start: '2024-01-01', end: '2025-01-01' },
};

let nextId = 1;
/** `count` questionnaires of `agency` on `day`, respondent i scoring `score(i, unsur)`. */
function forms(agency: string, day: string, count: number, score: (i: number, u: number) => number) {
  return Array.from({ length: count }, (_, i) => ({
    response_id: nextId++,
    agency_code: agency,
    service_type: 'KTP',
    surveyed_on: day,
    year: Number(day.slice(0, 4)),
    ...Object.fromEntries(Array.from({ length: 9 }, (_, u) => [`u${u + 1}`, score(i, u)])),
  }));
}

describe('loadIkmChanges', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const month = (m: number) => `2025-${String(m).padStart(2, '0')}-10`;
    await seed(db, 'fct_satisfaction', [
      // DISDUKCAPIL 2022: 11 respondents, every unsur total 32 (ten 3s and one 2): IKM 72.727… → 72.73.
      ...forms('DISDUKCAPIL', '2022-03-10', 11, (i) => (i < 10 ? 3 : 2)),
      // 2024: 29 respondents, totals 92 (unsur 1–8) and 95 (unsur 9): IKM 79.597… → 79.60.
      ...forms('DISDUKCAPIL', '2024-05-10', 29, (i, u) => (i < (u < 8 ? 5 : 8) ? 4 : 3)),
      // TIE (numerical audit): 2022, 10 respondents, unsur totals summing to 91 (all 1s, one 2):
      // IKM 25.2777… → 25.28; 2024, 16 respondents, totals 64 × 5, 26, 16 × 3 = 394: 68.4027… → 68.40.
      ...forms('TIE', '2022-04-10', 10, (i, u) => (i === 0 && u === 0 ? 2 : 1)),
      ...forms('TIE', '2024-04-10', 16, (i, u) => (u < 5 ? 4 : u === 5 && i < 10 ? 2 : 1)),
      // A is surveyed only in 2024 (no pre reading).
      ...forms('A', '2024-06-10', 11, () => 3),
      // 2025: KEC and DINSOS, 10 questionnaires a month, but KEC only 4 in November (a small cell;
      // DINSOS's November is its complement in satisfaction by agency per month).
      ...Array.from({ length: 12 }, (_, m) => [
        ...forms('KEC', month(m + 1), m + 1 === 11 ? 4 : 10, (i) => (m + 1 === 11 ? 4 : i < 5 ? 3 : 2)),
        ...forms('DINSOS', month(m + 1), 10, () => 3),
      ]).flat(),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('change is the difference of the readings as shown, to their 2 decimals (79.60 − 72.73 = 6.87)', async () => {
    // In floats 79.6 − 72.73 is 6.86999999999999.
    const [c] = await loadIkmChanges(db, ['DISDUKCAPIL'], BOUNDS, 5);
    expect(c?.pre?.ikm).toBe(72.73);
    expect(c?.post?.ikm).toBe(79.6);
    expect(c?.change).toBe(6.87);
    expect([c?.preSuppressed, c?.postSuppressed]).toEqual([false, false]);
  });

  it('change is the difference of the readings as shown, not of the unrounded IKMs (68.40 − 25.28 = 43.12)', async () => {
    // A numerical audit read 43.12 as a mis-rounded tie: the unrounded IKMs differ by exactly
    // 25 × (394 × 10 − 91 × 16) / (9 × 10 × 16) = 43.125, which rounds half-up to 43.13. But the
    // change is defined (and published) on the readings shown, 68.40 and 25.28, so that pre, post
    // and change agree on screen: 43.12, off by 0.01 from the unrounded difference, as documented.
    const [c] = await loadIkmChanges(db, ['TIE'], BOUNDS, 5);
    expect([c?.pre?.respondents, c?.pre?.ikm]).toEqual([10, 25.28]);
    expect([c?.post?.respondents, c?.post?.ikm]).toEqual([16, 68.4]);
    expect(c?.change).toBe(43.12);
  });

  it('change is null unless both windows have an IKM', async () => {
    const [c] = await loadIkmChanges(db, ['A'], BOUNDS, 5);
    expect(c?.pre).toBeNull();
    expect(c?.post?.respondents).toBe(11);
    expect(c?.change).toBeNull();
    expect(c?.preSuppressed).toBe(false);
  });

  it('withholds a window holding a month satisfaction hides, so two windows cannot give it back', async () => {
    // Privacy review of 2026-12-05: the same ROI `to` with windowMonths 12 and 11 gave the post
    // windows December–November and December–October, whose respondents differed by November's.
    const bounds = (months: number): CohortWindowBounds => ({
      placebo: { start: '2022-12-01', end: '2023-12-01' },
      pre: { start: '2023-12-01', end: '2024-12-01' },
      post: { start: '2024-12-01', end: `2025-${String(months + 1).padStart(2, '0')}-01` },
    });
    // What satisfaction publishes by agency per month: November of KEC (4) hidden, and as its
    // complements DINSOS's November and both Octobers (the fourth quarter is published too).
    const published = await satisfaction(
      db,
      { filter: { from: '2025-01-01', to: '2025-12-31' }, grain: 'month', groupBy: ['agency'] },
      { minN: 5 },
    );
    const hidden = published.rows
      .filter((r) => !r.isTotal && r.suppressed)
      .map((r) => [r.keys.agency, r.period]);
    expect(hidden).toEqual([
      ['DINSOS', '2025-10-01'],
      ['KEC', '2025-10-01'],
      ['DINSOS', '2025-11-01'],
      ['KEC', '2025-11-01'],
    ]);
    const twelve = await loadIkmChanges(db, ['DINSOS', 'KEC'], bounds(11), 5);
    const eleven = await loadIkmChanges(db, ['DINSOS', 'KEC'], bounds(10), 5);
    const ten = await loadIkmChanges(db, ['DINSOS', 'KEC'], bounds(9), 5);
    // With November or October: withheld for both (a reading less the other window's would be
    // November's, 4 questionnaires of KEC, or October's).
    for (const c of [...twelve, ...eleven]) {
      expect(c.post).toBeNull();
      expect(c.postSuppressed).toBe(true);
      expect(c.change).toBeNull();
    }
    // Without them: shown, a sum of months satisfaction shows (10 a month, January–September).
    expect(ten.map((c) => [c.agencyCode, c.post?.respondents, c.postSuppressed])).toEqual([
      ['DINSOS', 90, false],
      ['KEC', 90, false],
    ]);
  });

  it('withholds a window of fewer than minN respondents', async () => {
    const november: CohortWindowBounds = {
      placebo: { start: '2025-08-01', end: '2025-09-01' },
      pre: { start: '2025-09-01', end: '2025-10-01' },
      post: { start: '2025-11-01', end: '2025-12-01' },
    };
    const [kec] = await loadIkmChanges(db, ['KEC'], november, 5);
    expect(kec?.pre?.respondents).toBe(10);
    expect([kec?.post, kec?.postSuppressed]).toEqual([null, true]);
  });
});
