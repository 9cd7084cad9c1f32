import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import type { Dimension } from './filter.ts';
import { learning as publishedLearning, resistance as publishedResistance } from './guarded-metrics.ts';
import { invitationFunnel } from './invitation-funnel.metric.ts';
import { resistance } from './resistance.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';
import { seededRandom } from './testing/seeded-random.ts';

/**
 * Counts a row shows beyond its n are protected like n: resistance's declined and no response (not
 * the no-shows), each with the distinct employees behind it; learning's learners at the ceiling are
 * withheld (protected like n, they hid every learning row of the city over 2021–2025 on the scale-1
 * demo, a policy review of 2026-12-06). A statistics audit of 2026-12-06 found them published at 1–4
 * on the scale-1 demo: resistance by agency and year, KEL-62.71.05.1001 in 2022, n 9 showing declined
 * 1 and no-show 1 (while byReason hid the same declines as its total's n; 14 declined, 18 no response
 * and 26 no-show of 1–4 in that answer), and learning for DLH in 2024, n 222 showing atCeiling 1 (one
 * employee's pre-test of 100).
 */

type Invitation = Record<string, string | number | boolean | null>;

/** `count` invitations of one response, each of its own employee (or of `employees` in turn). */
function invitations(
  agency: string,
  count: number,
  response: 'accepted' | 'declined' | 'no_response',
  options: { status?: 'completed' | 'no_show'; employees?: number; reason?: string } = {},
): Invitation[] {
  const employees = options.employees ?? count;
  const tag = `${agency}-${response}-${options.status ?? ''}`;
  return Array.from({ length: count }, (_, i) => ({
    employee_key: `${tag}-${i % employees}`,
    agency_code: agency,
    tenure_band: '5-9',
    invited_on: '2024-03-01',
    year: 2024,
    response,
    decline_reason: response === 'declined' ? (options.reason ?? 'workload') : null,
    enrolled: response === 'accepted',
    enrollment_status: response === 'accepted' ? (options.status ?? 'completed') : null,
  }));
}

const YEAR = { from: '2024-01-01', to: '2024-12-31' };

describe('resistance and the funnel protect the declined, no response and no-show like n', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(db, 'fct_invitations', [
      // K: 9 invitations of 9 employees, 1 declined, 1 no-show (the audit's KEL-62.71.05.1001).
      ...invitations('K', 1, 'declined'),
      ...invitations('K', 7, 'accepted'),
      ...invitations('K', 1, 'accepted', { status: 'no_show' }),
      // R: 12 of 12, no response 2 (and no-show 0).
      ...invitations('R', 2, 'no_response'),
      ...invitations('R', 10, 'accepted'),
      // P: 20 invitations of 16 employees; 6 declined by 2 employees (3 each).
      ...invitations('P', 6, 'declined', { employees: 2 }),
      ...invitations('P', 14, 'accepted'),
      // M and N: 5 or more of everything, each of its own employee.
      ...['M', 'N'].flatMap((a) => [
        ...invitations(a, 6, 'declined'),
        ...invitations(a, 6, 'no_response'),
        ...invitations(a, 8, 'accepted'),
        ...invitations(a, 5, 'accepted', { status: 'no_show' }),
      ]),
    ]);
  });
  afterAll(() => db.close());

  const query = { filter: YEAR, groupBy: ['agency' as Dimension] };

  it('hides a row with 1–4 declined, no response or no-show, or 1–4 employees declining (shown before)', async () => {
    const { rows } = await resistance(db, query);
    const byAgency = Object.fromEntries(rows.map((r) => [r.isTotal ? 'total' : r.keys.agency, r]));
    // K: declined 1, no-show 1; R: no response 2; P: 6 declines of 2 employees. All primary.
    for (const a of ['K', 'R', 'P']) {
      expect([a, byAgency[a]!.suppressed, byAgency[a]!.suppressionReason]).toEqual([a, true, 'primary']);
      expect([byAgency[a]!.declined, byAgency[a]!.noResponse, byAgency[a]!.noShow]).toEqual([
        null,
        null,
        null,
      ]);
    }
    // No shown row publishes a count of 1–4 of them.
    const small = (v: number | null) => v !== null && v > 0 && v < 5;
    expect(
      rows.filter((r) => !r.suppressed && (small(r.declined) || small(r.noResponse) || small(r.noShow))),
    ).toEqual([]);
    // The total's declines (19 of 15 employees) minus the shown rows' do not give K's 1 or P's 6.
    const total = byAgency.total!;
    if (!total.suppressed) {
      const shown = rows.filter((r) => !r.isTotal && !r.suppressed);
      for (const f of ['declined', 'noResponse', 'noShow'] as const) {
        const rest = total[f]! - shown.reduce((s, r) => s + r[f]!, 0);
        expect(rest === 0 || rest >= 5 || shown.length === 0).toBe(true);
      }
      expect(rows.filter((r) => !r.isTotal && r.suppressed).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('the funnel hides the same cells (its invited less accepted is the declined and no response)', async () => {
    const r = await resistance(db, query, { withReasons: false });
    const f = await invitationFunnel(db, query);
    const hidden = (rows: readonly { suppressed: boolean; keys: object; isTotal: boolean }[]) =>
      rows.filter((x) => x.suppressed).map((x) => JSON.stringify([x.isTotal, x.keys]));
    expect(hidden(f.rows)).toEqual(hidden(r.rows));
    expect(hidden(f.rows)).toEqual(
      expect.arrayContaining(['[false,{"agency":"K"}]', '[false,{"agency":"R"}]']),
    );
  });

  it('byReason hides the declines where the rows hide them, and shows them where they do', async () => {
    const { rows, byReason } = await publishedResistance(db, query);
    expect(rows.some((r) => r.keys.agency === 'K')).toBe(true);
    expect(rows.some((r) => r.suppressed)).toBe(true);
    for (const row of rows) {
      const total = byReason.find(
        (b) => b.isTotal && b.period === row.period && (b.keys.agency ?? null) === (row.keys.agency ?? null),
      );
      if (row.suppressed) expect(total === undefined || total.suppressed).toBe(true);
      // K's declines: hidden in both (before: shown as 1 in the rows, hidden in byReason).
      if (row.keys.agency === 'K') expect([row.suppressed, total?.suppressed]).toEqual([true, true]);
    }
  });
});

describe('learning withholds its learners at the ceiling, and hides no row for them', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const learners = (agency: string, count: number, atCeiling: number) =>
      Array.from({ length: count }, (_, i) => ({
        employee_key: `${agency}-${i}`,
        agency_code: agency,
        program_code: 'P1',
        status: 'completed',
        start_date: '2024-05-01',
        completed_on: '2024-05-20',
        year: 2024,
        pre_score: i < atCeiling ? 100 : 60,
        post_score: i < atCeiling ? 100 : 75,
      }));
    await seed(db, 'fct_enrollments', [
      // D: 12 learners, 1 at the ceiling (the audit's DLH 2024: 222, 1); F: 12, none.
      ...learners('D', 12, 1),
      ...learners('F', 12, 0),
    ]);
  });
  afterAll(() => db.close());

  it('a row with one learner at the ceiling is shown, without the count (it showed atCeiling 1)', async () => {
    const { rows } = await publishedLearning(db, { filter: { ...YEAR, agencies: ['D'] } });
    expect(rows.map((r) => [r.n, r.atCeiling, r.suppressed])).toEqual([[12, null, false]]);
    // Its normalised gain leaves the learner at the ceiling out: 11 learners of (75 − 60) / 40.
    expect(rows[0]!.normalizedGain).toBeCloseTo(15 / 40, 10);
    const all = await publishedLearning(db, { filter: YEAR, groupBy: ['agency'] });
    expect(all.rows.map((r) => r.keys.agency ?? 'total')).toEqual(['D', 'F', 'total']);
    expect(all.rows.every((r) => r.atCeiling === null && !r.suppressed)).toBe(true);
  });
});

/**
 * A group's declines are published twice: as the rows' `declined` and as byReason's total (its n).
 * Both hide them alike: where the rows hide a group, its breakdown is hidden; where the breakdown
 * is computed, a total is hidden iff its row is (zeros aside). The converse cannot hold everywhere:
 * a breakdown the rows would give away (its two-way protection hid a total as a complement that the
 * rows publish) is withheld whole, every total hidden but the rows' zeros.
 */
describe('the rows and byReason hide a group’s declines alike (random worlds)', () => {
  const AGENCIES = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'];
  const BANDS = ['<5', '5-9', '10-19', '20+'];
  const REASONS = ['workload', 'schedule', 'health', null];
  const dbs: Db[] = [];
  beforeAll(async () => {
    for (let s = 1; s <= 6; s++) {
      const next = seededRandom(100 + s);
      const rows: Invitation[] = [];
      let e = 0;
      for (const agency of AGENCIES) {
        const size = 6 + Math.floor(next() * 30);
        for (let i = 0; i < size; i++) {
          e += 1;
          const u = next();
          const response = u < 0.25 ? 'declined' : u < 0.35 ? 'no_response' : 'accepted';
          const month = 1 + Math.floor(next() * 12);
          rows.push({
            employee_key: `E${e}`,
            agency_code: agency,
            tenure_band: BANDS[Math.floor(next() * BANDS.length)]!,
            invited_on: `${next() < 0.5 ? 2023 : 2024}-${String(month).padStart(2, '0')}-10`,
            response,
            decline_reason: response === 'declined' ? REASONS[Math.floor(next() * REASONS.length)]! : null,
            enrolled: response === 'accepted',
            enrollment_status: response === 'accepted' ? (next() < 0.15 ? 'no_show' : 'completed') : null,
          });
        }
      }
      const db = await openTestMarts();
      await seed(db, 'fct_invitations', rows);
      dbs.push(db);
    }
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it('by agency, by tenure band or none, by year or quarter', async () => {
    const problems: string[] = [];
    let computed = 0;
    let withheldWhole = 0;
    let hiddenBoth = 0;
    for (const grain of ['year', 'quarter'] as const)
      for (const groupBy of [['agency'], ['tenureBand'], []] as Dimension[][])
        for (const [i, db] of dbs.entries()) {
          const what = `world ${i + 1}, ${grain} by ${groupBy.join('') || 'nothing'}`;
          const { rows, byReason } = await publishedResistance(db, {
            filter: { from: '2023-01-01', to: '2024-12-31' },
            grain,
            groupBy,
          });
          const idOf = (r: { period: string | null; keys: Record<string, string | null | undefined> }) =>
            JSON.stringify([r.period, groupBy.map((d) => r.keys[d] ?? null)]);
          const totals = new Map(byReason.filter((b) => b.isTotal).map((b) => [idOf(b), b]));
          const withheld = byReason.every((b) => b.isTotal && (b.suppressed || b.declines === 0));
          if (withheld) withheldWhole += 1;
          else computed += 1;
          for (const row of rows) {
            const t = totals.get(idOf(row));
            const small = row.declined !== null && row.declined > 0 && row.declined < 5;
            if (!row.suppressed && small)
              problems.push(`${what}: ${idOf(row)} shows ${row.declined} declines`);
            if (row.suppressed) {
              if (t !== undefined && !t.suppressed)
                problems.push(`${what}: ${idOf(row)} hidden, its total shown`);
              if (t?.suppressed) hiddenBoth += 1;
            } else if (t === undefined) {
              if (row.declined !== 0) problems.push(`${what}: ${idOf(row)} has no breakdown`);
            } else if (!t.suppressed) {
              if (t.declines !== row.declined) problems.push(`${what}: ${idOf(row)} totals differ`);
            } else if (!withheld) {
              problems.push(`${what}: ${idOf(row)} shown, its total hidden in a computed breakdown`);
            }
          }
        }
    expect(problems).toEqual([]);
    // The worlds exercise both kinds of breakdown and groups hidden in both.
    expect(computed).toBeGreaterThan(5);
    expect(hiddenBoth).toBeGreaterThan(10);
    expect(withheldWhole + computed).toBe(36);
  });
});
