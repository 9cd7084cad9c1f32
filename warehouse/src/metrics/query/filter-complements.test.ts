import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../db/index.ts';
import { DisclosureTooComplexError } from '../../disclosure/index.ts';
import { createMartTables } from '../../models/marts/index.ts';
import { mulberry32 } from '../../stats/prng.ts';
import type { MetricQuery } from '../filter.ts';
import { completion, participation } from '../guarded-metrics.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { participation as bare } from '../participation.metric.ts';
import { openTestMarts, seed } from '../testing/mart-fixture.ts';
import { guardFilterComplements, relaxationsOf } from './filter-complements.ts';

// Office A: 10 employees in grade group III each year, plus 1 PPPK in 2024 and 6 in 2025; office B: 8
// in III. Half of A's III and every PPPK complete a course each year.
describe('disclosure control across queries (guardFilterComplements)', () => {
  let db: Db;
  const OPTS = { minN: 5 };
  beforeAll(async () => {
    db = await openTestMarts();
    const people = (prefix: string, count: number, agency: string, grade: string, year: number) =>
      Array.from({ length: count }, (_, i) => ({
        employee_key: `${prefix}${i}`,
        year,
        agency_code: agency,
        grade_group: grade,
      }));
    const headcount = [2024, 2025].flatMap((y) => [
      ...people('a', 10, 'A', 'III', y),
      ...people('p', y === 2024 ? 1 : 6, 'A', 'PPPK', y),
      ...people('b', 8, 'B', 'III', y),
    ]);
    await seed(db, 'fct_headcount', headcount);
    await seed(
      db,
      'fct_enrollments',
      headcount
        .filter(
          (h) => h.employee_key.startsWith('p') || ['a0', 'a1', 'a2', 'a3', 'a4'].includes(h.employee_key),
        )
        .map((h) => ({
          employee_key: h.employee_key,
          status: 'completed',
          completed_on: `${h.year}-06-01`,
          start_date: `${h.year}-05-01`,
          method: 'workshop',
        })),
    );
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  const A_III = { agencies: ['A'], gradeGroups: ['III'] };

  it('the leak it closes: office A minus its grades II–IV is the lone PPPK employee of 2024', async () => {
    const year = { from: '2024-01-01', to: '2024-12-31' };
    const all = await bare(db, { filter: { ...year, agencies: ['A'] } }, OPTS);
    const iii = await bare(db, { filter: { ...year, ...A_III } }, OPTS);
    expect([all.rows[0]?.n, iii.rows[0]?.n]).toEqual([11, 10]);
    expect((all.rows[0]?.participants ?? 0) - (iii.rows[0]?.participants ?? 0)).toBe(1);
  });

  it('suppresses a filtered answer that leaves out fewer than minN units (but some)', async () => {
    const r = await participation(db, { filter: { from: '2024-01-01', to: '2024-12-31', ...A_III } }, OPTS);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({
      n: null,
      participants: null,
      headcount: null,
      rate: null,
      pctOfTotal: null,
      suppressed: true,
      suppressionReason: 'complementary',
    });
    // 2025 leaves out 6 PPPK employees: shown, as the bare metric computes it.
    const y2025 = { filter: { from: '2025-01-01', to: '2025-12-31', ...A_III } };
    expect(await participation(db, y2025, OPTS)).toEqual(await bare(db, y2025, OPTS));
  });

  it('leaves alone what leaves out nobody, or enough: both grade groups, one office of two', async () => {
    for (const filter of [
      { agencies: ['A'], gradeGroups: ['III', 'PPPK'] },
      { agencies: ['A'] },
      { agencies: ['A', 'B'], gradeGroups: ['III', 'PPPK'] },
    ]) {
      const q = { filter: { from: '2024-01-01', to: '2024-12-31', ...filter }, grain: 'year' as const };
      expect(await participation(db, q, OPTS), JSON.stringify(filter)).toEqual(await bare(db, q, OPTS));
    }
  });

  it('hides every row of the period, groups included, and drops comparisons with it', async () => {
    const r = await participation(
      db,
      {
        filter: { from: '2024-01-01', to: '2025-12-31', ...A_III },
        groupBy: ['gradeGroup'],
        grain: 'year',
        compare: true,
      },
      OPTS,
    );
    const y2024 = r.rows.filter((x) => x.period === '2024-01-01');
    expect(y2024.length).toBeGreaterThan(0);
    expect(y2024.every((x) => x.suppressed && x.n === null && x.participants === null)).toBe(true);
    const y2025 = r.rows.filter((x) => x.period === '2025-01-01');
    expect(y2025.length).toBeGreaterThan(0);
    expect(y2025.every((x) => !x.suppressed && x.n === 10)).toBe(true);
    // 2025 against 2024 would give 2024's rate away: no value, no delta.
    for (const x of y2025) {
      expect(x.previousPeriod).toEqual({ value: null, delta: null, deltaPct: null });
      expect(x.samePeriodLastYear).toEqual({ value: null, delta: null, deltaPct: null });
    }
  });

  it('also guards the year a comparison reaches back to, outside the reported range', async () => {
    const q = {
      filter: { from: '2025-01-01', to: '2025-12-31', ...A_III },
      grain: 'year' as const,
      compare: true,
    };
    const guarded = await participation(db, q, OPTS);
    const unguarded = await bare(db, q, OPTS);
    expect(unguarded.rows[0]?.previousPeriod?.value).toBe(0.5);
    expect(guarded.rows[0]).toMatchObject({ n: 10, participants: 5, suppressed: false });
    expect(guarded.rows[0]?.previousPeriod).toEqual({ value: null, delta: null, deltaPct: null });
  });

  it('differencing against dropping two filters at once is guarded too', async () => {
    // agencies [A, B] and grade III leaves out 1 (the 2024 PPPK); dropping either filter alone
    // leaves it out too, or adds it: checked each way and both at once.
    const r = await participation(
      db,
      { filter: { from: '2024-01-01', to: '2024-12-31', agencies: ['A', 'B'], gradeGroups: ['III'] } },
      OPTS,
    );
    expect(r.rows[0]?.suppressed).toBe(true);
  });

  it('costs nothing without a list filter, and does nothing with minN 1', async () => {
    const q = { filter: { from: '2024-01-01', to: '2024-12-31' } };
    expect(await participation(db, q, OPTS)).toEqual(await bare(db, q, OPTS));
    const open = { filter: { from: '2024-01-01', to: '2024-12-31', ...A_III } };
    expect(await participation(db, open, { minN: 1 })).toEqual(await bare(db, open, { minN: 1 }));
  });

  it('counts what a filter leaves out in the further protected counts too (reaction: completers)', async () => {
    // n (respondents) is the same with and without the filter; the completers behind the response
    // rate differ by 2: by difference, 2 completers who did not answer.
    const fake = async (_db: Db, query: MetricQuery, options?: { minN?: number }) => ({
      minN: options?.minN ?? 5,
      rows: [
        {
          keys: {},
          period: null,
          isTotal: true,
          n: 10,
          completed: query.filter?.gradeGroups ? 12 : 14,
          pctOfTotal: 100,
          suppressed: false,
          suppressionReason: null,
          previousPeriod: null,
          samePeriodLastYear: null,
        },
      ],
    });
    const q = { filter: { gradeGroups: ['III'] } };
    expect((await guardFilterComplements(fake, ['completed'])(db, q, OPTS)).rows[0]).toMatchObject({
      suppressed: true,
      n: null,
      completed: null,
    });
    expect((await guardFilterComplements(fake)(db, q, OPTS)).rows[0]?.suppressed).toBe(false);
  });
});

// Two lists that both leave out many: {A, B} and {A} each leave out the large office C, and differ by
// B alone. Offices A (10 employees) and C (30) are large; B and D hold b and d employees (seeded).
// Every employee is in the 2024 headcount and completes one enrollment, started in a seeded month.
describe('disclosure control across queries: one value left out of a list', () => {
  const OPTS = { minN: 5 };
  const YEAR = { from: '2024-01-01', to: '2024-12-31' };
  let db: Db | undefined;
  afterAll(() => db?.close());

  async function world(b: number, d: number, rngSeed: number): Promise<Db> {
    db?.close();
    const rng = mulberry32(rngSeed);
    const fresh = await openTestMarts();
    const people = Object.entries({ A: 10, B: b, C: 30, D: d }).flatMap(([agency, count]) =>
      Array.from({ length: count }, (_, i) => ({ employee_key: `${agency}${i}`, agency_code: agency })),
    );
    await seed(
      fresh,
      'fct_headcount',
      people.map((p) => ({ ...p, year: 2024, grade_group: 'III' })),
    );
    await seed(
      fresh,
      'fct_enrollments',
      people.map((p) => {
        const month = String(1 + Math.floor(rng() * 12)).padStart(2, '0');
        return {
          ...p,
          status: 'completed',
          start_date: `2024-${month}-01`,
          completed_on: `2024-${month}-10`,
          method: 'workshop',
        };
      }),
    );
    await buildMetricAggregates(fresh);
    db = fresh;
    return fresh;
  }

  /** The total n each period's answer publishes (null when hidden), by period. */
  const totals = (rows: readonly { isTotal: boolean; period: string | null; n: number | null }[]) =>
    new Map(rows.filter((r) => r.isTotal).map((r) => [r.period, r.n]));
  const small = (v: number) => v > 0 && v < OPTS.minN;

  it('the attack: {A, B} against {A}, each leaving out C, recovers no small B', async () => {
    for (let seedNo = 1; seedNo <= 8; seedNo++) {
      const b = 1 + (seedNo % 4);
      const w = await world(b, 0, seedNo);
      for (const q of [{}, { grain: 'year' as const }]) {
        const both = await participation(w, { ...q, filter: { ...YEAR, agencies: ['A', 'B'] } }, OPTS);
        const one = await participation(w, { ...q, filter: { ...YEAR, agencies: ['A'] } }, OPTS);
        const label = `b=${b} seed=${seedNo} ${JSON.stringify(q)}`;
        // {A, B} differs from {A} by B: hidden. {A} is A's cell of the table by agency, where A
        // (the next smallest office) is B's complement: hidden as well (shown, it would give B back
        // as that table's total minus C minus A).
        expect(one.rows[0]?.suppressed, label).toBe(true);
        expect(
          both.rows.every((r) => r.suppressed && r.suppressionReason === 'complementary'),
          label,
        ).toBe(true);
      }
      // With a grain, whose counts add up over time: month, quarter and year answers of both lists
      // together give no quarter's (or the year's) B back.
      const byGrain = async (grain: 'quarter' | 'year', agencies: string[]) =>
        totals((await completion(w, { grain, filter: { ...YEAR, agencies } }, OPTS)).rows);
      const [qAB, qA, yAB, yA] = await Promise.all([
        byGrain('quarter', ['A', 'B']),
        byGrain('quarter', ['A']),
        byGrain('year', ['A', 'B']),
        byGrain('year', ['A']),
      ]);
      const known: number[] = [];
      const unknown: string[] = [];
      for (const [period, n] of qAB) {
        const other = qA.get(period);
        if (n !== null && n !== undefined && other !== null && other !== undefined) known.push(n - other);
        else unknown.push(String(period));
      }
      const yearAB = yAB.get('2024-01-01');
      const yearA = yA.get('2024-01-01');
      const yearDiff = yearAB != null && yearA != null ? yearAB - yearA : null;
      const recovered = [...known, ...(yearDiff === null ? [] : [yearDiff])];
      if (yearDiff !== null && unknown.length === 1)
        recovered.push(yearDiff - known.reduce((x, y) => x + y, 0));
      expect(recovered.filter(small), `completion b=${b} seed=${seedNo}`).toEqual([]);
    }
  });

  it('{A, B, D} against {A}: B + D small means B or D is small, and leaving it out hides the answer', async () => {
    for (const [b, d] of [
      [1, 1],
      [2, 2],
      [3, 0],
      [0, 4],
    ] as const) {
      const w = await world(b, d, 100 + b + 10 * d);
      const three = await participation(w, { filter: { ...YEAR, agencies: ['A', 'B', 'D'] } }, OPTS);
      const one = await participation(w, { filter: { ...YEAR, agencies: ['A'] } }, OPTS);
      expect(three.rows[0]?.suppressed, `b=${b} d=${d}`).toBe(true);
      // {A} is A's cell of the table by agency: hidden exactly where that table hides it (as the
      // complement of a lone small office; not when B and D protect each other).
      const byAgency = await participation(w, { filter: YEAR, groupBy: ['agency'] }, OPTS);
      const a = byAgency.rows.find((r) => r.keys.agency === 'A');
      expect(one.rows[0]?.suppressed, `b=${b} d=${d}`).toBe(a?.suppressed);
      if (!one.rows[0]?.suppressed) expect(one.rows[0]?.n).toBe(10);
    }
  });

  it('both publish when the value left out holds enough (B ≥ minN), or the list names everyone', async () => {
    const w = await world(6, 0, 7);
    for (const agencies of [['A', 'B'], ['A'], ['A', 'B', 'C']]) {
      for (const q of [{}, { grain: 'year' as const }]) {
        const query = { ...q, filter: { ...YEAR, agencies } };
        expect(await participation(w, query, OPTS), JSON.stringify(query)).toEqual(
          await bare(w, query, OPTS),
        );
      }
    }
    // {A, B, C, D} names everyone: its answer is the unfiltered one, not hidden for the small D;
    // {A, B, C} (leaving D out) is.
    const w2 = await world(6, 2, 8);
    const every = { filter: { ...YEAR, agencies: ['A', 'B', 'C', 'D'] } };
    expect(await participation(w2, every, OPTS)).toEqual(await bare(w2, every, OPTS));
    const notD = await participation(w2, { filter: { ...YEAR, agencies: ['A', 'B', 'C'] } }, OPTS);
    expect(notD.rows[0]?.suppressed).toBe(true);
  });

  it('lists each relaxation once: a list of one value is dropped, not also left without it', () => {
    expect(
      relaxationsOf({ agencies: ['A', 'B', 'A'], gradeGroups: ['III'] }, ['agencies', 'gradeGroups']),
    ).toEqual([
      { drop: ['agencies'] },
      { drop: ['gradeGroups'] },
      { drop: ['agencies', 'gradeGroups'] },
      { without: { field: 'agencies', value: 'A' } },
      { without: { field: 'agencies', value: 'B' } },
    ]);
    expect(relaxationsOf({ agencies: ['A'] }, ['agencies'])).toEqual([{ drop: ['agencies'] }]);
  });
});

// Grouped rows, not only totals (the red team's case): offices A and B are large in total, but A has
// 3 employees in grade group II. {A, B} by grade group against {B} by grade group differ by 13 in
// total and by A's 3 in grade II, which A's own table hides.
describe('disclosure control across queries: grouped rows', () => {
  const OPTS = { minN: 5 };
  const YEAR = { from: '2024-01-01', to: '2024-12-31' };
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const staff = Object.entries({
      'A|II': 3,
      'A|III': 10,
      'B|II': 10,
      'B|III': 10,
      'C|II': 12,
      'C|III': 12,
    });
    const people = staff.flatMap(([cell, count]) => {
      const [agency, grade] = cell.split('|') as [string, string];
      return Array.from({ length: count }, (_, i) => ({
        employee_key: `${agency}${grade}${i}`,
        agency_code: agency,
        grade_group: grade,
        year: 2024,
      }));
    });
    await seed(db, 'fct_headcount', people);
    await seed(
      db,
      'fct_enrollments',
      people.map((p, i) => ({
        employee_key: p.employee_key,
        agency_code: p.agency_code,
        grade_group: p.grade_group,
        status: 'completed',
        // All in the first quarter: its cells are the year's, large enough to show on their own.
        start_date: `2024-0${1 + (i % 3)}-01`,
        completed_on: `2024-0${1 + (i % 3)}-20`,
        method: 'workshop',
      })),
    );
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  const nOf = (
    rows: readonly { keys: Record<string, unknown>; isTotal: boolean; n: number | null }[],
    g: string,
  ) => rows.find((r) => !r.isTotal && r.keys.gradeGroup === g)?.n ?? null;

  it('the leak: the bare answers differ by a hidden count in one grouped row', async () => {
    const q = (agencies: string[]) => ({ filter: { ...YEAR, agencies }, groupBy: ['gradeGroup' as const] });
    const ab = await bare(db, q(['A', 'B']), OPTS);
    const b = await bare(db, q(['B']), OPTS);
    const a = await bare(db, q(['A']), OPTS);
    expect(nOf(ab.rows, 'II')! - nOf(b.rows, 'II')!).toBe(3);
    expect(nOf(a.rows, 'II')).toBeNull();
  });

  it('hides the filtered table when one grouped row leaves out few, though the totals differ by many', async () => {
    const q = { filter: { ...YEAR, agencies: ['A', 'B'] }, groupBy: ['gradeGroup' as const] };
    const r = await participation(db, q, OPTS);
    expect(r.rows.length).toBe(3);
    expect(r.rows.every((x) => x.suppressed && x.n === null && x.participants === null)).toBe(true);
    // Without the grouping the totals differ by 13 (A): shown.
    const total = await participation(db, { filter: { ...YEAR, agencies: ['A', 'B'] } }, OPTS);
    expect(total.rows[0]).toMatchObject({ n: 33, suppressed: false });
  });

  it('over time too: the months of the hidden year are hidden with it, per grouped line', async () => {
    const q = {
      filter: { ...YEAR, agencies: ['A', 'B'] },
      groupBy: ['gradeGroup' as const],
      grain: 'quarter' as const,
    };
    const r = await completion(db, q, OPTS);
    const b = await completion(db, { ...q, filter: { ...YEAR, agencies: ['B'] } }, OPTS);
    const shown = (rows: typeof r.rows) =>
      new Map(
        rows.filter((x) => !x.isTotal && x.n !== null).map((x) => [`${x.period}|${x.keys.gradeGroup}`, x.n!]),
      );
    // The first quarter holds the whole year: its grade lines (II differs from {B}'s by A's 3) hidden.
    const q1 = r.rows.filter((x) => !x.isTotal && x.period === '2024-01-01');
    expect(q1.map((x) => [x.keys.gradeGroup, x.suppressed, x.n])).toEqual([
      ['II', true, null],
      ['III', true, null],
    ]);
    const ab = shown(r.rows);
    const bOnly = shown(b.rows);
    // The empty quarters stay shown (0), and equal {B}'s: nothing to give away.
    expect(ab.size).toBe(6);
    for (const [k, v] of ab) {
      const other = bOnly.get(k);
      if (other !== undefined) expect(v - other === 0 || v - other >= OPTS.minN, k).toBe(true);
    }
  });

  it('leaves alone a list naming everyone; {B, C} leaves out A’s 3 in grade II: hidden', async () => {
    const all = { filter: { ...YEAR, agencies: ['A', 'B', 'C'] }, groupBy: ['gradeGroup' as const] };
    expect(await participation(db, all, OPTS)).toEqual(await bare(db, all, OPTS));
    const bc = { filter: { ...YEAR, agencies: ['B', 'C'] }, groupBy: ['gradeGroup' as const] };
    expect((await participation(db, bc, OPTS)).rows.every((r) => r.suppressed)).toBe(true);
  });

  it('a one-value filter is a slice of the two-way table: it hides what that table hides', async () => {
    const wide = await participation(db, { filter: YEAR, groupBy: ['agency', 'gradeGroup'] }, OPTS);
    const byAgency = await participation(db, { filter: YEAR, groupBy: ['agency'] }, OPTS);
    const hiddenWide = new Set(
      wide.rows.filter((r) => !r.isTotal && r.suppressed).map((r) => `${r.keys.agency}|${r.keys.gradeGroup}`),
    );
    // A's 3 in grade II, and complements in its row and column.
    expect(hiddenWide.has('A|II')).toBe(true);
    expect(hiddenWide.size).toBeGreaterThanOrEqual(4);
    for (const agency of ['A', 'B', 'C']) {
      const slice = await participation(
        db,
        { filter: { ...YEAR, agencies: [agency] }, groupBy: ['gradeGroup'] },
        OPTS,
      );
      for (const r of slice.rows.filter((x) => !x.isTotal)) {
        expect(r.suppressed, `${agency} ${r.keys.gradeGroup}`).toBe(
          hiddenWide.has(`${agency}|${r.keys.gradeGroup}`),
        );
      }
      // Its total is the agency's cell of the one-way table, shown there (13, 20 and 24).
      const total = slice.rows.find((x) => x.isTotal);
      const margin = byAgency.rows.find((x) => x.keys.agency === agency);
      expect(total?.n, agency).toBe(margin?.n);
    }
  });
});

// The wider tables a slice is checked against are the same for every value of its list (every
// agency's slice reads the table by agency): on a published, read-only snapshot they are kept.
describe('disclosure control across queries: wider answers kept per snapshot', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slices-'));
    file = join(dir, 'snapshot.duckdb');
    const db = await Db.open(file, { mode: 'read-write', threads: 1 });
    await createMartTables((sql) => db.exec(sql));
    const people = ['A', 'B', 'C'].flatMap((agency) =>
      Array.from({ length: 12 }, (_, i) => ({
        employee_key: `${agency}${i}`,
        agency_code: agency,
        grade_group: i < 6 ? 'II' : 'III',
        year: 2024,
      })),
    );
    await seed(db, 'fct_headcount', people);
    await buildMetricAggregates(db);
    db.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('asks for the table by agency once, then answers every agency from it (same answers)', async () => {
    let queries = 0;
    const counted = await Db.open(file, { mode: 'read-only', threads: 1, onQuery: () => void queries++ });
    const q = (agency: string) => ({
      filter: { from: '2024-01-01', to: '2024-12-31', agencies: [agency] },
      groupBy: ['gradeGroup' as const],
    });
    const first = await participation(counted, q('A'), { minN: 5 });
    const firstQueries = queries;
    queries = 0;
    const second = await participation(counted, q('B'), { minN: 5 });
    expect(queries).toBeLessThan(firstQueries);
    counted.close();
    // Another connection to the same snapshot file shares what is kept: the same answers.
    const fresh = await Db.open(file, { mode: 'read-only', threads: 1 });
    expect(await participation(fresh, q('A'), { minN: 5 })).toEqual(first);
    expect(await participation(fresh, q('B'), { minN: 5 })).toEqual(second);
    fresh.close();
  });
});

describe('disclosure control across queries: a wider table too large to protect', () => {
  it('refuses the slice with QUERY_TOO_COMPLEX, saying why and what helps', async () => {
    const row = (n: number) => ({
      keys: {},
      period: null,
      isTotal: true,
      n,
      pctOfTotal: 100,
      suppressed: false,
      suppressionReason: null,
      previousPeriod: null,
      samePeriodLastYear: null,
    });
    // The table by agency (the slice's wider table) is too large; every other query answers.
    const fake = async (_db: Db, query: MetricQuery, options?: { minN?: number }) => {
      if (query.groupBy?.includes('agency')) throw new DisclosureTooComplexError(1);
      return { minN: options?.minN ?? 5, rows: [row(query.filter?.agencies ? 10 : 40)] };
    };
    const guarded = guardFilterComplements(fake);
    const error = await guarded(
      { mode: 'read-write', path: ':memory:' } as unknown as Db,
      { filter: { agencies: ['A'] } },
      {
        minN: 5,
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DisclosureTooComplexError);
    expect((error as Error).message).toMatch(/slice of the same query by agency for every agency/);
    expect((error as Error).message).toMatch(/coarser grain/);
    expect((error as Error).message).not.toMatch(/narrower filter/);
  });
});

describe('rows added for hidden combinations without data', () => {
  it('are added once when two sources name the same row, and never beside the row itself', async () => {
    const { addMissingRows } = await import('./filter-complements.ts');
    const base = {
      period: null,
      n: null,
      pctOfTotal: null,
      suppressed: true,
      suppressionReason: null,
      previousPeriod: null,
      samePeriodLastYear: null,
    };
    const rows = [
      { ...base, keys: { method: 'seminar' }, isTotal: false },
      { ...base, keys: { method: null }, isTotal: true },
    ];
    const hidden: string[] = [];
    const out = addMissingRows(
      rows,
      [
        { period: null, keys: { method: 'classroom' } },
        { period: null, keys: { method: 'classroom' } },
        { period: null, keys: { method: 'seminar' } },
      ],
      ['method'],
      (c) => hidden.push(c),
    );
    expect(out.map((r) => r.keys.method)).toEqual(['classroom', 'seminar', null]);
    expect(new Set(hidden).size).toBe(2);
  });
});
