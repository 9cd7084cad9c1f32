import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import type { Dimension } from './filter.ts';
import { completion, invitationFunnel, resistance } from './guarded-metrics.ts';
import type { MetricRowBase } from './query/metric-row.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * Completion's no-shows and dropped are counts a row shows beyond its n: protected like n, each
 * with the distinct employees behind it. Over the same enrollments completion's no-show is the
 * no-show resistance protects like n (statistics audit of 2026-12-06), so completion showed a
 * no-show of 1 that resistance hid for the same cell (26 no-shows and 12 dropped of 1–4 shown by
 * agency and year 2021–2025 on the scale-1 demo); and its dropped is the funnel's enrolled less
 * completed less resistance's no-show. All three hide the same cells of a table they share.
 */

type Status = 'completed' | 'dropped' | 'no_show';

/**
 * `count` enrollments of `status` in `agency` (starting 2024-04-01), each with its invitation
 * (2024-03-01, accepted, enrolled), of as many employees (or of `employees` in turn).
 */
function enrolled(agency: string, count: number, status: Status, employees = count) {
  const keys = Array.from({ length: count }, (_, i) => `${agency}-${status}-${i % employees}`);
  return {
    enrollments: keys.map((employee_key, i) => ({
      employee_key,
      agency_code: agency,
      program_code: `P${i % 3}`,
      tenure_band: '5-9',
      status,
      start_date: '2024-04-01',
      completed_on: status === 'completed' ? '2024-04-20' : null,
      year: 2024,
    })),
    invitations: keys.map((employee_key, i) => ({
      employee_key,
      agency_code: agency,
      program_code: `P${i % 3}`,
      tenure_band: '5-9',
      invited_on: '2024-03-01',
      year: 2024,
      response: 'accepted',
      decline_reason: null,
      enrolled: true,
      enrollment_status: status,
    })),
  };
}

async function seedWorld(db: Db, parts: ReturnType<typeof enrolled>[]): Promise<void> {
  await seed(
    db,
    'fct_enrollments',
    parts.flatMap((p) => p.enrollments),
  );
  await seed(
    db,
    'fct_invitations',
    parts.flatMap((p) => p.invitations),
  );
}

const YEAR = { from: '2024-01-01', to: '2024-12-31' };
const small = (v: number | null | undefined) => v !== null && v !== undefined && v > 0 && v < 5;
const hidden = (rows: readonly MetricRowBase[]) =>
  rows
    .filter((r) => r.suppressed)
    .map((r) => JSON.stringify([r.period, r.isTotal, r.keys]))
    .sort();

describe('completion protects its no-shows and dropped like n', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedWorld(db, [
      // K: 9 enrollments of 9 employees, 1 no-show (the audit's KEL-62.71.05.1001, no-show 1).
      enrolled('K', 8, 'completed'),
      enrolled('K', 1, 'no_show'),
      // R: 12 of 12, 2 dropped.
      enrolled('R', 10, 'completed'),
      enrolled('R', 2, 'dropped'),
      // P: 20 enrollments of 16 employees; 6 no-shows of 2 employees (3 each).
      enrolled('P', 14, 'completed'),
      enrolled('P', 6, 'no_show', 2),
      // M and N: 5 or more of everything, each of its own employee.
      ...['M', 'N'].flatMap((a) => [
        enrolled(a, 20, 'completed'),
        enrolled(a, 5, 'no_show'),
        enrolled(a, 5, 'dropped'),
      ]),
    ]);
  });
  afterAll(() => db.close());

  const query = { filter: YEAR, groupBy: ['agency' as Dimension] };

  it('hides a row with 1–4 no-shows or dropped, or 1–4 employees behind them (shown before)', async () => {
    const { rows } = await completion(db, query);
    const byAgency = Object.fromEntries(rows.map((r) => [r.isTotal ? 'total' : r.keys.agency, r]));
    // K: no-show 1; R: dropped 2; P: 6 no-shows of 2 employees. All primary, their counts null.
    expect(
      ['K', 'R', 'P'].map((a) => [
        a,
        byAgency[a]!.suppressionReason,
        byAgency[a]!.n,
        byAgency[a]!.noShow,
        byAgency[a]!.dropped,
      ]),
    ).toEqual([
      ['K', 'primary', null, null, null],
      ['R', 'primary', null, null, null],
      ['P', 'primary', null, null, null],
    ]);
    expect(rows.filter((r) => !r.suppressed && (small(r.noShow) || small(r.dropped)))).toEqual([]);
    // M's and N's 5 and 5 are shown (or hidden as complements, never as small).
    for (const a of ['M', 'N'])
      if (!byAgency[a]!.suppressed) expect([byAgency[a]!.noShow, byAgency[a]!.dropped]).toEqual([5, 5]);
    // The total less the shown rows gives back no small count.
    const total = byAgency.total!;
    if (!total.suppressed) {
      const shown = rows.filter((r) => !r.isTotal && !r.suppressed);
      for (const f of ['noShow', 'dropped'] as const) {
        const rest = total[f]! - shown.reduce((s, r) => s + r[f]!, 0);
        expect([f, rest === 0 || rest >= 5]).toEqual([f, true]);
      }
    }
  });

  it('the funnel and resistance hide the same cells (the same enrollments, one period)', async () => {
    const c = await completion(db, query);
    const f = await invitationFunnel(db, query);
    const r = await resistance(db, query, { withReasons: false });
    expect(hidden(c.rows)).toEqual(hidden(f.rows));
    expect(hidden(r.rows)).toEqual(hidden(f.rows));
    // K, R and P, and one of M and N as their complement (the total shows 17 no-shows, 12 dropped).
    expect(hidden(c.rows)).toEqual(
      expect.arrayContaining(['K', 'R', 'P'].map((a) => JSON.stringify([null, false, { agency: a }]))),
    );
    expect(hidden(c.rows)).toHaveLength(4);
  });
});

describe('completion compares its no-shows and dropped across queries', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedWorld(db, [
      // M: 30 (20 completed, 5 no-shows, 5 dropped); Q: 10 (8 completed, 2 no-shows); S: 10 (8
      // completed, 2 dropped).
      enrolled('M', 20, 'completed'),
      enrolled('M', 5, 'no_show'),
      enrolled('M', 5, 'dropped'),
      enrolled('Q', 8, 'completed'),
      enrolled('Q', 2, 'no_show'),
      enrolled('S', 8, 'completed'),
      enrolled('S', 2, 'dropped'),
    ]);
  });
  afterAll(() => db.close());

  const row = async (agencies?: string[]) => {
    const { rows } = await completion(db, { filter: { ...YEAR, ...(agencies ? { agencies } : {}) } });
    return rows.map((r) => [r.n, r.completed, r.noShow, r.dropped, r.suppressed]);
  };

  it('a filter leaving out 1–4 no-shows or dropped hides its table (shown before)', async () => {
    // Unfiltered: 50, 36 completed, 7 no-shows, 7 dropped.
    expect(await row()).toEqual([[50, 36, 7, 7, false]]);
    // Every agency listed is no filter: the same.
    expect(await row(['M', 'Q', 'S'])).toEqual([[50, 36, 7, 7, false]]);
    // Leaving out Q (n 10, completed 8: enough) leaves out its 2 no-shows; S its 2 dropped.
    expect(await row(['M', 'S'])).toEqual([[null, null, null, null, true]]);
    expect(await row(['M', 'Q'])).toEqual([[null, null, null, null, true]]);
    expect(await row(['M'])).toEqual([[null, null, null, null, true]]);
  });

  it('the funnel hides them too (its enrolled less completed is the no-shows and dropped)', async () => {
    for (const agencies of [['M', 'S'], ['M', 'Q'], ['M']]) {
      const f = await invitationFunnel(db, { filter: { ...YEAR, agencies } });
      expect([agencies, f.rows.map((r) => [r.enrolled, r.completed, r.suppressed])]).toEqual([
        agencies,
        [[null, null, true]],
      ]);
    }
    // Resistance publishes the no-shows: leaving out Q's 2 hides it too.
    const r = await resistance(db, { filter: { ...YEAR, agencies: ['M', 'S'] } }, { withReasons: false });
    expect(r.rows.map((x) => [x.noShow, x.suppressed])).toEqual([[null, true]]);
  });
});
