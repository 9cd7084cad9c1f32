import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/index.ts';
import { participation } from '../guarded-metrics.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { participation as bare } from '../participation.metric.ts';
import { openTestMarts, seed } from '../testing/mart-fixture.ts';

/**
 * Participation without a grain over several years counts distinct employees, so two ranges can be
 * set-differenced (`guardDistinctYears`). World: office A, 16 employees in 2021–2023, of whom
 * `firstOnly` took part in 2021 only and 6 others in every year (and at least 5 in no year, so that
 * those who took part in nothing, the participants' complement, are no small cell of their own);
 * office B, 20 employees, 10 of whom take part every year; office C, 7, none.
 */
const OPTS = { minN: 5 };
const YEARS = [2021, 2022, 2023];
let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

async function world(firstOnly: number, extraA = 0, firstOnlyB = 0): Promise<Db> {
  const fresh = await openTestMarts();
  const staff = [
    ...Array.from({ length: 16 + extraA }, (_, i) => ({
      key: `a${i}`,
      agency: 'A',
      took: i < firstOnly ? [2021] : i < firstOnly + 6 ? YEARS : [],
    })),
    ...Array.from({ length: 20 }, (_, i) => ({
      key: `b${i}`,
      agency: 'B',
      took: i < firstOnlyB ? [2021] : i < firstOnlyB + 10 ? YEARS : [],
    })),
    ...Array.from({ length: 7 }, (_, i) => ({ key: `c${i}`, agency: 'C', took: [] as number[] })),
  ];
  await seed(
    fresh,
    'fct_headcount',
    YEARS.flatMap((year) =>
      staff.map((p) => ({ employee_key: p.key, year, agency_code: p.agency, grade_group: 'III' })),
    ),
  );
  await seed(
    fresh,
    'fct_enrollments',
    staff.flatMap((p) =>
      p.took.map((year) => ({
        employee_key: p.key,
        agency_code: p.agency,
        status: 'completed',
        start_date: `${year}-03-01`,
        completed_on: `${year}-03-10`,
        method: 'workshop',
      })),
    ),
  );
  await buildMetricAggregates(fresh);
  db = fresh;
  return fresh;
}

const RANGES = YEARS.flatMap((c) => YEARS.filter((d) => d >= c).map((d) => [c, d] as const));
const filterOf = ([c, d]: readonly [number, number], extra = {}) => ({
  filter: { from: `${c}-01-01`, to: `${d}-12-31`, ...extra },
});

/** Every published count (n, participants, n − participants) of every range's total row, with its range. */
async function publishedTotals(w: Db, extra = {}) {
  const out: { range: readonly [number, number]; n: number; participants: number; outside: number }[] = [];
  for (const range of RANGES) {
    const r = await participation(w, filterOf(range, extra), OPTS);
    const t = r.rows.find((x) => x.isTotal);
    if (t && !t.suppressed && t.n !== null && t.participants !== null)
      out.push({ range, n: t.n, participants: t.participants, outside: t.n - t.participants });
  }
  return out;
}

/** Differences of a range's counts and a sub-range's, both published, that are small. */
function smallDifferences(totals: Awaited<ReturnType<typeof publishedTotals>>): string[] {
  const small: string[] = [];
  for (const x of totals)
    for (const y of totals) {
      if (x === y || y.range[0] < x.range[0] || y.range[1] > x.range[1]) continue;
      // n and participants only grow with the range; those who took part in nothing can shrink.
      for (const k of ['n', 'participants', 'outside'] as const) {
        const diff = x[k] - y[k];
        if (diff !== 0 && Math.abs(diff) < OPTS.minN) small.push(`${k} ${x.range} − ${y.range} = ${diff}`);
      }
    }
  return small;
}

describe('participation over several years: no set difference of two ranges (guardDistinctYears)', () => {
  it('the leak it closes: 2021–2023 minus 2022–2023 are the 2 who took part in 2021 only', async () => {
    const w = await world(2);
    const q = { agencies: ['A'] };
    const whole = await bare(w, filterOf([2021, 2023], q), OPTS);
    const later = await bare(w, filterOf([2022, 2023], q), OPTS);
    expect((whole.rows[0]?.participants ?? 0) - (later.rows[0]?.participants ?? 0)).toBe(2);
    const guarded = await participation(w, filterOf([2021, 2023], q), OPTS);
    expect(guarded.rows[0]).toMatchObject({
      n: null,
      participants: null,
      suppressed: true,
      suppressionReason: 'complementary',
    });
  });

  it('no combination of published ranges and year rows gives the 2 back', async () => {
    const w = await world(2);
    for (const extra of [{}, { agencies: ['A'] }]) {
      const totals = await publishedTotals(w, extra);
      expect(smallDifferences(totals), JSON.stringify(extra)).toEqual([]);
      // The ranges that reach 2021 and a later year are hidden (A's 2 are in them); 2021 alone shows.
      const shown = totals.map((t) => t.range.join('–'));
      if ('agencies' in extra) expect(shown).toEqual(['2021–2021', '2022–2022', '2022–2023', '2023–2023']);
      // The year rows (grain year) are as the bare metric gives them: they add nothing.
      const yearly = { grain: 'year' as const, ...filterOf([2021, 2023], extra) };
      const y = await participation(w, yearly, OPTS);
      expect(y.rows.filter((r) => r.isTotal).map((r) => r.participants)).toEqual(
        'agencies' in extra ? [8, 6, 6] : [18, 16, 16],
      );
    }
  });

  it('grouped: the hidden row has a second hidden row beside it, so the total does not give it back', async () => {
    const w = await world(2);
    const r = await participation(w, { groupBy: ['agency'], ...filterOf([2021, 2023]) }, OPTS);
    const byAgency = new Map(r.rows.map((x) => [x.isTotal ? 'total' : x.keys.agency, x]));
    // The total differs by A's 2 as well: hidden, and so every share. A and the total are two
    // unknowns on the one line total = Σ rows: B and C give neither back.
    expect(byAgency.get('A')?.suppressed).toBe(true);
    expect(byAgency.get('total')?.suppressed).toBe(true);
    expect(r.rows.filter((x) => x.suppressed).length).toBe(2);
    expect(r.rows.every((x) => x.pctOfTotal === null)).toBe(true);
    expect(byAgency.get('B')).toMatchObject({ suppressed: false, n: 20, participants: 10 });
  });

  it('a lone hidden group takes the smallest other with it, the total shown', async () => {
    // B's 5 who took part in 2021 only make the total's difference 7: the total is shown, A alone
    // is not, so C (the smallest row) is hidden with it.
    const w = await world(2, 0, 5);
    const r = await participation(w, { groupBy: ['agency'], ...filterOf([2021, 2023]) }, OPTS);
    const byAgency = new Map(r.rows.map((x) => [x.isTotal ? 'total' : x.keys.agency, x]));
    expect(Object.fromEntries([...byAgency].map(([k, x]) => [k, x.suppressed]))).toEqual({
      total: false,
      A: true,
      B: false,
      C: true,
    });
    expect(byAgency.get('C')?.suppressionReason).toBe('complementary');
    // 2022–2023: nobody differs (the first-year-only took part in 2021): as the bare metric.
    const later = { groupBy: ['agency' as const], ...filterOf([2022, 2023]) };
    expect(await participation(w, later, OPTS)).toEqual(await bare(w, later, OPTS));
  });

  it('a slice of the table by agency hides what that table hides: A and B less B gives no A back', async () => {
    // B's 5 who took part in 2021 only: A and B together differ by 7 between the ranges (no small
    // set difference of their own), but by agency A is hidden (2) and B shown: A and B less B would be
    // A's row, and A's 8 participants less its 6 in 2022–2023 the 2 again.
    const w = await world(2, 0, 5);
    const q = filterOf([2021, 2023], { agencies: ['A', 'B'] });
    const bareAB = await bare(w, q, OPTS);
    expect(bareAB.rows[0]).toMatchObject({ suppressed: false, n: 36, participants: 23 });
    const byAgency = await participation(w, { groupBy: ['agency'], ...filterOf([2021, 2023]) }, OPTS);
    expect(byAgency.rows.find((r) => r.keys.agency === 'B')).toMatchObject({ suppressed: false, n: 20 });
    expect(byAgency.rows.find((r) => r.keys.agency === 'A')?.suppressed).toBe(true);
    expect((await participation(w, q, OPTS)).rows[0]).toMatchObject({ suppressed: true, n: null });
  });

  it('publishes when the difference is minN or more: 6 who took part in 2021 only', async () => {
    const w = await world(6, 4);
    for (const extra of [{}, { agencies: ['A'] }]) {
      for (const range of RANGES) {
        const q = filterOf(range, extra);
        expect(await participation(w, q, OPTS), JSON.stringify(q)).toEqual(await bare(w, q, OPTS));
      }
      expect(smallDifferences(await publishedTotals(w, extra))).toEqual([]);
    }
  });

  it('costs one query over several years, none for one year or with a grain', async () => {
    const w = await world(2);
    const all = vi.spyOn(w, 'all');
    await participation(w, filterOf([2021, 2023]), OPTS);
    expect(all).toHaveBeenCalledTimes(2);
    all.mockClear();
    await participation(w, filterOf([2022, 2022]), OPTS);
    await participation(w, { grain: 'year', ...filterOf([2021, 2023]) }, OPTS);
    // Nothing for the year masks. Each of these two is one table of JP compliance as well
    // (headcount-partners.ts): its own rows and JP compliance's, which JP compliance as published
    // reads too, once (`sharingReads`): 2 each.
    expect(all).toHaveBeenCalledTimes(4);
  });

  it('reads the years of the population when the range is open, and program filters from the facts', async () => {
    const w = await world(2);
    const open = await participation(w, { filter: { agencies: ['A'] } }, OPTS);
    expect(open.rows[0]?.suppressed).toBe(true);
    const programs = await participation(
      w,
      filterOf([2021, 2023], { agencies: ['A'], methods: ['workshop'] }),
      OPTS,
    );
    expect(programs.rows[0]?.suppressed).toBe(true);
    const later = await participation(w, filterOf([2022, 2023], { methods: ['workshop'] }), OPTS);
    expect(later.rows[0]).toMatchObject({ suppressed: false, participants: 16 });
  });
});
