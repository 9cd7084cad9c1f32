import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { findRecoverableCells } from '../../disclosure/index.ts';
import type { MetricQuery, TimeGrain } from '../filter.ts';
import { invitationFunnel, resistance } from '../guarded-metrics.ts';
import { eachOwnEmployee, openTestMarts, seed } from '../testing/mart-fixture.ts';
import type { MetricRowBase } from './metric-row.ts';

// Disclosure control across periods, grains and ranges, through the metrics as published. A reader
// who asks the same question per month, per quarter and per year holds three answers whose rows add
// up (a group's months to its quarters and year); no hidden count may follow from all of them.

const MONTHS = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);

/** Invitations of 2024: A, B and C every month; A has 2 in May, everything else is large. */
function invitations2024(): Record<string, string | boolean | null>[] {
  const rows: Record<string, string | boolean | null>[] = [];
  MONTHS.forEach((month, i) => {
    const counts: Record<string, number> = { A: i === 4 ? 2 : 20 + i, B: 30 + 2 * i, C: 40 + i };
    for (const [agency_code, k] of Object.entries(counts)) {
      for (let j = 0; j < k; j++) {
        rows.push({
          invited_on: `${month}-${String(1 + (j % 28)).padStart(2, '0')}`,
          agency_code,
          grade_group: 'III',
          response: 'accepted',
        });
      }
    }
  });
  return rows;
}

interface AuditRow {
  grain: TimeGrain;
  period: string;
  g: string | null;
  n: number;
  suppressed: boolean;
}

/** Each grain's answer as published next to the true n (minN 1), as rows for the attacker. */
async function answers(
  db: Db,
  run: typeof invitationFunnel,
  query: MetricQuery,
  grains: readonly TimeGrain[] = ['month', 'quarter', 'year'],
): Promise<{ rows: AuditRow[]; published: Map<TimeGrain, MetricRowBase[]> }> {
  const rows: AuditRow[] = [];
  const published = new Map<TimeGrain, MetricRowBase[]>();
  for (const grain of grains) {
    const shown = (await run(db, { ...query, grain })).rows;
    const truth = (await run(db, { ...query, grain }, { minN: 1 })).rows;
    published.set(grain, shown);
    truth.forEach((r, i) => {
      rows.push({
        grain,
        period: r.period!,
        g: r.isTotal ? null : (r.keys.agency ?? null),
        n: r.n ?? 0,
        suppressed: shown[i]!.suppressed,
      });
    });
  }
  return { rows, published };
}

const attack = (rows: readonly AuditRow[], groupKeys: ('g' | never)[]) =>
  findRecoverableCells(rows, { groupKeys, periods: { key: 'period', grainKey: 'grain' } });

const hidden = (rows: readonly MetricRowBase[]) =>
  rows.filter((r) => r.suppressed).map((r) => [r.period, r.isTotal ? null : (r.keys.agency ?? null)]);

describe('disclosure control over periods (invitation funnel by agency)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(db, 'fct_invitations', eachOwnEmployee(invitations2024()));
  });
  afterAll(() => db.close());

  const year = { from: '2024-01-01', to: '2024-12-31' };

  it('hides a second month of the small one, and the month, quarter and year answers give nothing away', async () => {
    const { rows, published } = await answers(db, invitationFunnel, { filter: year, groupBy: ['agency'] });
    // May's table hides A (2) and its cheapest other cell (B, 38); A's second quarter needs another
    // month of A (April, 23) and April's table then B: a rectangle A/B × April/May.
    expect(hidden(published.get('month')!)).toEqual([
      ['2024-04-01', 'A'],
      ['2024-04-01', 'B'],
      ['2024-05-01', 'A'],
      ['2024-05-01', 'B'],
    ]);
    // The coarser rows are large: published as they are.
    expect(hidden(published.get('quarter')!)).toEqual([]);
    expect(hidden(published.get('year')!)).toEqual([]);
    expect(attack(rows, ['g'])).toEqual([]);
    // Before this rule only May's table was protected (A and B in May): the year row of A minus
    // A's published months gave A's May away.
    const before = rows.map((r) => ({
      ...r,
      suppressed: r.grain === 'month' && r.period === '2024-05-01' && (r.g === 'A' || r.g === 'B'),
    }));
    expect(attack(before, ['g']).map((r) => [rows[r.rowIndex]!.g, r.n])).toContainEqual(['A', 2]);
  });

  it('decides on the whole year whatever range is asked: a quarter of months hides what the year of months hides', async () => {
    const q2 = await invitationFunnel(db, {
      filter: { from: '2024-04-01', to: '2024-06-30' },
      groupBy: ['agency'],
      grain: 'month',
    });
    expect(q2.rows.map((r) => r.period)).toEqual(
      ['2024-04-01', '2024-05-01', '2024-06-01'].flatMap((p) => [p, p, p, p]),
    );
    expect(hidden(q2.rows)).toEqual([
      ['2024-04-01', 'A'],
      ['2024-04-01', 'B'],
      ['2024-05-01', 'A'],
      ['2024-05-01', 'B'],
    ]);
  });

  it('protects the total row the same way (no groupBy: a small month of the whole city)', async () => {
    const { rows, published } = await answers(db, invitationFunnel, {
      filter: { ...year, agencies: ['A'] },
    });
    // Only A: May (2) is the total; the year minus the other months would tell it. A second month
    // of its quarter (April, the cheapest) is hidden with it.
    expect(hidden(published.get('month')!)).toEqual([
      ['2024-04-01', null],
      ['2024-05-01', null],
    ]);
    expect(attack(rows, [])).toEqual([]);
  });

  it('nulls a comparison with a hidden period (same period last year, previous period)', async () => {
    await seed(
      db,
      'fct_invitations',
      eachOwnEmployee(
        Array.from({ length: 25 }, (_, j) => ({
          invited_on: `2025-05-${String(1 + j).padStart(2, '0')}`,
          agency_code: 'A',
          response: j % 2 === 0 ? 'accepted' : 'declined',
        })),
      ),
    );
    const { rows } = await invitationFunnel(db, {
      filter: { from: '2025-05-01', to: '2025-05-31', agencies: ['A'] },
      grain: 'month',
      compare: true,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ period: '2025-05-01', n: 25, suppressed: false });
    // May 2024 (2 invitations) is hidden: no value to compare with; April 2025 had none at all.
    expect(rows[0]!.samePeriodLastYear).toEqual({ value: null, delta: null, deltaPct: null });
    expect(rows[0]!.previousPeriod).toEqual({ value: null, delta: null, deltaPct: null });
  });

  it('refuses a range that cuts a period of the grain, and names the aligned dates', async () => {
    await expect(
      invitationFunnel(db, { filter: { from: '2024-01-01', to: '2024-03-30' }, grain: 'quarter' }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'RANGE_NOT_ALIGNED',
      field: 'filter.to',
      detail: { unit: 'quarter', value: '2024-03-30', earlier: '2023-12-31', later: '2024-03-31' },
    });
    await expect(invitationFunnel(db, { filter: { from: '2024-02-01' } })).rejects.toThrow(
      /filter.from must be the first day of a year \(no grain: a row then covers whole years; with grain month or quarter, where the metric has them, a range may cover part of a year\), got 2024-02-01: use 2024-01-01 or 2025-01-01/,
    );
  });
});

describe('across queries: a filter and the periods together', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    // Grade III: 30 a month. Grade II: 10 a month, but 2 in January. "Grade III" against "all
    // grades" leaves out grade II: 2 in January, too few to show by difference.
    const rows: Record<string, string>[] = [];
    MONTHS.forEach((month, i) => {
      const grades: [string, number][] = [
        ['III', 30],
        ['II', i === 0 ? 2 : 10],
      ];
      for (const [grade_group, k] of grades)
        for (let j = 0; j < k; j++)
          rows.push({ invited_on: `${month}-10`, agency_code: 'A', grade_group, response: 'accepted' });
    });
    await seed(db, 'fct_invitations', eachOwnEmployee(rows));
  });
  afterAll(() => db.close());

  it("hides January's table and a complement in its quarter, so the year minus the months tells nothing", async () => {
    const filter = { from: '2024-01-01', to: '2024-12-31', gradeGroups: ['III'] };
    const { published } = await answers(db, invitationFunnel, { filter });
    expect(hidden(published.get('month')!)).toEqual([
      ['2024-01-01', null],
      ['2024-02-01', null],
    ]);
    expect(hidden(published.get('quarter')!)).toEqual([]);
    // The attacker's unknowns: the units grade III leaves out, per month; the left-out totals of
    // the published quarters and year are known (filtered and unfiltered totals both shown).
    const leftOut = (grain: TimeGrain) =>
      published.get(grain)!.map((r) => ({
        grain,
        period: r.period!,
        g: null,
        n:
          grain === 'month'
            ? r.period === '2024-01-01'
              ? 2
              : 10
            : grain === 'quarter'
              ? r.period === '2024-01-01'
                ? 22
                : 30
              : 112,
        suppressed: r.suppressed,
      }));
    expect(attack([...leftOut('month'), ...leftOut('quarter'), ...leftOut('year')], [])).toEqual([]);
  });
});

describe('without a grain, over several years', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    // A: 2 declines in 2023, 30 in 2024; B: 40 and 40.
    const rows: Record<string, string>[] = [];
    for (const [year, a] of [
      ['2023', 2],
      ['2024', 30],
    ] as const) {
      for (let j = 0; j < a; j++)
        rows.push({ invited_on: `${year}-06-01`, agency_code: 'A', response: 'declined' });
      for (let j = 0; j < 40; j++)
        rows.push({ invited_on: `${year}-06-01`, agency_code: 'B', response: 'declined' });
    }
    await seed(db, 'fct_invitations', eachOwnEmployee(rows));
  });
  afterAll(() => db.close());

  it('publishes a row over several years only when every year row of its group is published', async () => {
    const both = { filter: { from: '2023-01-01', to: '2024-12-31' }, groupBy: ['agency'] as const };
    // Per year, A's 2023 (2) is hidden, with B's 2023 as its complement.
    const yearly = await resistance(db, { ...both, grain: 'year' });
    expect(hidden(yearly.rows)).toEqual([
      ['2023-01-01', 'A'],
      ['2023-01-01', 'B'],
    ]);
    // Both years together: A = 32, B = 80, each ≥ minN, but A − A's 2024 (30) = 2. So both are
    // hidden (and the total's breakdown shares with them).
    const pooled = await resistance(db, both);
    expect(pooled.rows.map((r) => [r.keys.agency, r.n, r.pctOfTotal, r.suppressionReason])).toEqual([
      ['A', null, null, 'complementary'],
      ['B', null, null, 'complementary'],
      [null, 112, 100, null],
    ]);
    const aReasons = pooled.byReason.filter((r) => r.keys.agency === 'A');
    expect(aReasons.length).toBeGreaterThan(0);
    expect(aReasons.every((r) => r.suppressed)).toBe(true);
    // One year is that year's own table: nothing more to hide.
    const only2024 = await resistance(db, { ...both, filter: { from: '2024-01-01', to: '2024-12-31' } });
    expect(only2024.rows.map((r) => r.suppressed)).toEqual([false, false, false]);
  });
});
