import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../stats/prng.ts';
import { applySuppression } from './apply-suppression.ts';
import { findRecoverableCells } from './find-recoverable-cells.ts';
import type { PeriodGrain } from './period-lines.ts';

// Time series published at several grains: the month, quarter and year queries of the same data.
// The attacker (findRecoverableCells with `periods`) holds all three answers and uses that a
// series' months add up to its quarter and year. It must recover nothing.

const MONTHS = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-01`);
const quarterOf = (month: string) =>
  `${month.slice(0, 5)}${String(Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
const yearOf = (month: string) => `${month.slice(0, 4)}-01-01`;

interface Row {
  g: string | null;
  h?: string | null;
  period: string;
  n: number;
  c?: number;
}

/** The same rows summed per quarter or year. */
function coarsen(rows: readonly Row[], grain: PeriodGrain): Row[] {
  if (grain === 'month') return rows.map((r) => ({ ...r }));
  const to = grain === 'quarter' ? quarterOf : yearOf;
  const sums = new Map<string, Row>();
  for (const r of rows) {
    const key = JSON.stringify([to(r.period), r.g, r.h ?? null]);
    const sum = sums.get(key);
    if (sum) {
      sum.n += r.n;
      if (r.c !== undefined) sum.c = (sum.c ?? 0) + r.c;
    } else sums.set(key, { ...r, period: to(r.period) });
  }
  return [...sums.values()];
}

/** Each grain's query as published, and the attack on all of them together. */
function publishAll(
  months: readonly Row[],
  options: { groupKeys: ('g' | 'h')[]; minN?: number; counts?: 'c'[] },
  grains: readonly PeriodGrain[] = ['month', 'quarter', 'year'],
) {
  const published = grains.flatMap((grain) => {
    const rows = coarsen(months, grain);
    const out = applySuppression(rows, {
      groupKeys: options.groupKeys,
      valueFields: [],
      minN: options.minN ?? 5,
      periods: { key: 'period', grain },
      ...(options.counts ? { counts: options.counts } : {}),
    });
    return rows.map((r, i) => ({
      ...r,
      grain,
      suppressed: out[i]!.suppressed,
      reason: out[i]!.suppressionReason,
    }));
  });
  // Every grain's answer as the API publishes it: `suppressed`, no reason per row.
  const recovered = findRecoverableCells(published, {
    groupKeys: options.groupKeys,
    minN: options.minN ?? 5,
    periods: { key: 'period', grainKey: 'grain' },
  });
  return { published, recovered };
}

const hiddenMonths = (
  published: { grain: string; g: string | null; period: string; suppressed: boolean }[],
  g: string | null,
) => published.filter((r) => r.grain === 'month' && r.g === g && r.suppressed).map((r) => r.period);

describe('suppression over periods: known answers', () => {
  it('the total row alone: a small month gets a second month of its quarter hidden', () => {
    // Only totals (no groupBy): nothing to hide in the month's own table, but the year minus the
    // other months, or the quarter minus its other months, would give March away.
    const months = MONTHS.map((period, i) => ({ g: null, period, n: i === 2 ? 3 : 40 + i }));
    const { published, recovered } = publishAll(months, { groupKeys: [] });
    expect(hiddenMonths(published, null)).toEqual(['2024-01-01', '2024-03-01']); // Jan (40) is the cheapest in Q1
    expect(published.filter((r) => r.grain !== 'month' && r.suppressed)).toEqual([]); // Q1 = 85, year: as they are
    expect(recovered).toEqual([]);
    // Without the rule, year − published months gives March: the attacker finds it.
    const naive = published.map((r) => ({
      ...r,
      suppressed: r.grain === 'month' && r.period === '2024-03-01',
    }));
    expect(
      findRecoverableCells(naive, { groupKeys: [], periods: { key: 'period', grainKey: 'grain' } }),
    ).toEqual([{ rowIndex: 2, n: 3, method: 'linear' }]);
  });

  it('a group row: one small month of one group, every other month large', () => {
    const months: Row[] = [];
    for (const [i, period] of MONTHS.entries()) {
      const a = i === 4 ? 2 : 30 + i; // A, May: 2
      const b = 50 + 2 * i;
      const c = 70 + i;
      months.push({ g: 'A', period, n: a }, { g: 'B', period, n: b }, { g: 'C', period, n: c });
      months.push({ g: null, period, n: a + b + c });
    }
    const { published, recovered } = publishAll(months, { groupKeys: ['g'] });
    // May's table hides A and its cheapest other cell (B); A's quarter (Apr–Jun) needs a second
    // month of A (April, 33), whose table then needs B too: a rectangle A/B × April/May.
    expect(hiddenMonths(published, 'A')).toEqual(['2024-04-01', '2024-05-01']);
    expect(hiddenMonths(published, 'B')).toEqual(['2024-04-01', '2024-05-01']);
    expect(hiddenMonths(published, 'C')).toEqual([]);
    expect(hiddenMonths(published, null)).toEqual([]);
    expect(published.filter((r) => r.grain !== 'month' && r.suppressed)).toEqual([]);
    expect(recovered).toEqual([]);
    // The month rows' decisions: primary only for A/May.
    expect(published.filter((r) => r.reason === 'primary').map((r) => [r.g, r.period])).toEqual([
      ['A', '2024-05-01'],
    ]);
  });

  it('bounds over several lines: five hidden months of 1 under a published year of 5 are not pinned', () => {
    // A red-team case: A had 1 invitation in each of Feb, Mar, Apr, Jul and Sep, none otherwise;
    // its year (5) is published. Each hidden month is at least 1 (zeros are published), so five of
    // them adding up to 5 would each be 1, and its quarters (2, 1, 2) would follow.
    const months: Row[] = [];
    for (const [i, period] of MONTHS.entries()) {
      const a = [1, 2, 3, 6, 8].includes(i) ? 1 : 0;
      const b = 30 + i;
      months.push({ g: 'A', period, n: a }, { g: 'B', period, n: b }, { g: null, period, n: a + b });
    }
    const { published, recovered } = publishAll(months, { groupKeys: ['g'] });
    expect(recovered).toEqual([]);
    expect(published.find((r) => r.grain === 'year' && r.g === 'A')).toMatchObject({
      n: 5,
      suppressed: false,
    });
    // Hiding only the small months, as before rule 6, gives every one of them away.
    const naive = published.map((r) => ({ ...r, suppressed: r.n > 0 && r.n < 5 }));
    const attack = findRecoverableCells(naive, {
      groupKeys: ['g'],
      periods: { key: 'period', grainKey: 'grain' },
    });
    expect(attack.filter((c) => naive[c.rowIndex]!.grain === 'month').map((c) => c.n)).toEqual([
      1, 1, 1, 1, 1,
    ]);
  });

  it('a small quarter: the quarter query hides a second quarter and the month query keeps it hidden', () => {
    // A has 3 in January and nothing else in Q1, 20+ in every other month: Q1 = 3 is small itself.
    const months: Row[] = [];
    for (const [i, period] of MONTHS.entries()) {
      const a = i === 0 ? 3 : i < 3 ? 0 : 20 + i;
      const b = 40 + i;
      months.push({ g: 'A', period, n: a }, { g: 'B', period, n: b }, { g: null, period, n: a + b });
    }
    const { published, recovered } = publishAll(months, { groupKeys: ['g'] });
    const quarters = published
      .filter((r) => r.grain === 'quarter' && r.suppressed)
      .map((r) => [r.g, r.period]);
    expect(quarters).toContainEqual(['A', '2024-01-01']);
    expect(quarters.length).toBeGreaterThanOrEqual(4); // A/Q1, a complement quarter of A, and B's in both tables
    expect(recovered).toEqual([]);
  });

  it('decides a year from its own rows only: the same months hide the same cells whatever else is asked', () => {
    const year = (y: string, small: number): Row[] =>
      MONTHS.flatMap((m, i) => {
        const period = `${y}${m.slice(4)}`;
        const a = i === 6 ? small : 25 + i;
        return [
          { g: 'A', period, n: a },
          { g: 'B', period, n: 35 + i },
          { g: null, period, n: a + 35 + i },
        ];
      });
    const opts = {
      groupKeys: ['g'] as const,
      valueFields: [],
      periods: { key: 'period', grain: 'month' as const },
    };
    const alone = applySuppression(year('2024', 1), { ...opts, groupKeys: ['g'] });
    const withOther = applySuppression([...year('2023', 2), ...year('2024', 1)], {
      ...opts,
      groupKeys: ['g'],
    });
    expect(withOther.slice(36).map((r) => r.suppressed)).toEqual(alone.map((r) => r.suppressed));
  });

  it('protects further counts over time too (each count its own solution, hidden by any)', () => {
    // n is large everywhere, but c (say, completers) is 2 in June for the total.
    const months = MONTHS.map((period, i) => ({ g: null, period, n: 100, c: i === 5 ? 2 : 10 + i }));
    const { published, recovered } = publishAll(months, { groupKeys: [], counts: ['c'] });
    expect(hiddenMonths(published, null)).toEqual(['2024-04-01', '2024-06-01']);
    expect(recovered).toEqual([]); // n: months of 100 against published quarters, two hidden
    const cAttack = findRecoverableCells(
      published.map((r) => ({ ...r, n: r.c! })),
      { groupKeys: [], periods: { key: 'period', grainKey: 'grain' } },
    );
    expect(cAttack).toEqual([]);
  });

  it('rejects a period that is not the first day of its grain', () => {
    expect(() =>
      applySuppression([{ g: null, period: '2024-02-01', n: 3 }], {
        groupKeys: [],
        valueFields: [],
        periods: { key: 'period', grain: 'quarter' },
      }),
    ).toThrow(/does not start a quarter/);
  });
});

/** Counts skewed small: many zeros, ones and small cells, some large ones. */
function count(random: () => number): number {
  const u = random();
  if (u < 0.2) return 0;
  if (u < 0.35) return 1;
  if (u < 0.55) return 1 + Math.floor(random() * 6);
  return Math.floor(random() * 40);
}

describe('ATTACK over periods: month, quarter and year answers together recover nothing (randomized, seeded)', () => {
  it('1-D groups with their total, and the total alone', () => {
    const failures: string[] = [];
    let hiddenSeen = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const random = rng(50_000 + seed);
      const groups = Math.floor(random() * 5); // 0: the total alone
      const months: Row[] = [];
      for (const period of MONTHS) {
        let total = 0;
        for (let g = 0; g < groups; g++) {
          const n = count(random);
          total += n;
          months.push({ g: `g${g}`, period, n });
        }
        months.push({ g: null, period, n: groups === 0 ? count(random) : total });
      }
      const minN = [3, 5, 10][seed % 3]!;
      const { published, recovered } = publishAll(months, { groupKeys: groups === 0 ? [] : ['g'], minN });
      hiddenSeen += published.filter((r) => r.suppressed).length;
      if (recovered.length > 0) failures.push(`seed ${50_000 + seed}: ${JSON.stringify(recovered)}`);
      for (const r of published) {
        if (r.n > 0 && r.n < minN && !r.suppressed) failures.push(`seed ${seed}: small ${r.grain} published`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(hiddenSeen).toBeGreaterThan(1000);
  });

  // Margins as rows, as resistance's byReason has them. (Small margins "published elsewhere" are a
  // limit of any 2-D table, periods or not: see attack.test.ts.)
  it('2-D tables (groups × bands, every margin a row)', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const random = rng(70_000 + seed);
      const rowsN = 2 + Math.floor(random() * 2);
      const colsN = 2 + Math.floor(random() * 2);
      const months: Row[] = [];
      for (const period of MONTHS) {
        const cells: Row[] = [];
        for (let i = 0; i < rowsN; i++)
          for (let j = 0; j < colsN; j++) cells.push({ g: `r${i}`, h: `c${j}`, period, n: count(random) });
        const sum = (pred: (c: Row) => boolean) => cells.filter(pred).reduce((s, c) => s + c.n, 0);
        months.push(...cells, { g: null, h: null, period, n: sum(() => true) });
        for (let i = 0; i < rowsN; i++)
          months.push({ g: `r${i}`, h: null, period, n: sum((c) => c.g === `r${i}`) });
        for (let j = 0; j < colsN; j++)
          months.push({ g: null, h: `c${j}`, period, n: sum((c) => c.h === `c${j}`) });
      }
      const { recovered } = publishAll(months, { groupKeys: ['g', 'h'], minN: 5 });
      if (recovered.length > 0) failures.push(`seed ${70_000 + seed}: ${JSON.stringify(recovered)}`);
    }
    expect(failures.slice(0, 3)).toEqual([]);
  });
});
