import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { jpCompliance, participation } from './guarded-metrics.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { participation as bareParticipation } from './participation.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * A row of participation or JP compliance is a two-cell table: those who took part (reached 20 JP)
 * and those who did not, headcount − participants. Both cells are protected: 16 employees of whom 15
 * took part showed the one who did not (a privacy review of 2026-12-07: BAPPEDA 2024, 15 of 16 on
 * the demo, and eleven more agencies with 2–4 non-participants), within one answer, between a
 * filtered answer and its relaxations, and between two ranges of years.
 */
const OPTS = { minN: 5 };
const Y2024 = { from: '2024-01-01', to: '2024-12-31' };

let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

interface Person {
  readonly key: string;
  readonly agency: string;
  /** Years in the headcount. */
  readonly years: readonly number[];
  /** Years with a completed training of 20 JP. */
  readonly trained: readonly number[];
}

const people = (agency: string, count: number, years: readonly number[], trained: readonly number[]) =>
  Array.from(
    { length: count },
    (_, i): Person => ({
      key: `${agency}-${years.join('')}-${trained.join('')}-${i}`,
      agency,
      years,
      trained,
    }),
  );

async function world(staff: readonly Person[]): Promise<Db> {
  const fresh = await openTestMarts();
  await seed(
    fresh,
    'fct_headcount',
    staff.flatMap((p) => p.years.map((year) => ({ employee_key: p.key, year, agency_code: p.agency }))),
  );
  await seed(
    fresh,
    'fct_enrollments',
    staff.flatMap((p) =>
      p.trained.map((year) => ({
        employee_key: p.key,
        agency_code: p.agency,
        status: 'completed',
        start_date: `${year}-03-01`,
        completed_on: `${year}-03-10`,
        jp_earned: 20,
      })),
    ),
  );
  await buildMetricAggregates(fresh);
  db = fresh;
  return fresh;
}

const shown = (rows: readonly { isTotal: boolean; keys: Record<string, unknown>; suppressed: boolean }[]) =>
  Object.fromEntries(rows.map((r) => [r.isTotal ? 'total' : String(r.keys.agency), !r.suppressed]));

describe('the complement of a count is a cell too: those who did not take part', () => {
  // A: 16, of whom 15 took part (1 did not); B: 20, 10 did; C: 12, 6 did.
  const agencies = () => [
    ...people('A', 15, [2024], [2024]),
    ...people('A', 1, [2024], []),
    ...people('B', 10, [2024], [2024]),
    ...people('B', 10, [2024], []),
    ...people('C', 6, [2024], [2024]),
    ...people('C', 6, [2024], []),
  ];

  it('participation by agency: 15 of 16 is hidden, with a second row so the total does not give it back', async () => {
    const w = await world(agencies());
    const bare = await bareParticipation(w, { groupBy: ['agency'], filter: Y2024 }, { minN: 1 });
    expect(bare.rows.find((r) => r.keys.agency === 'A')).toMatchObject({ n: 16, participants: 15 });
    const { rows } = await participation(w, { groupBy: ['agency'], filter: Y2024 }, OPTS);
    const a = rows.find((r) => r.keys.agency === 'A')!;
    expect(a).toMatchObject({ suppressed: true, n: null, participants: null, rate: null });
    // The total and the other rows must not give A's cells back: one more row hidden with it.
    expect(shown(rows)).toEqual({ A: false, B: true, C: false, total: true });
    for (const r of rows.filter((x) => !x.suppressed))
      expect((r.n ?? 0) - (r.participants ?? 0), String(r.keys.agency)).toBeGreaterThanOrEqual(5);
  });

  it('JP compliance by agency: 15 of 16 reaching 20 JP is hidden too', async () => {
    const w = await world(agencies());
    const { rows } = await jpCompliance(w, { groupBy: ['agency'], filter: Y2024 }, OPTS);
    const a = rows.find((r) => r.keys.agency === 'A')!;
    expect(a).toMatchObject({ suppressed: true, employees: null, compliant: null });
    expect(shown(rows)).toEqual({ A: false, B: true, C: false, total: true });
  });

  it('between a filtered answer and its relaxation: X and Y less X leaves Y’s 3 who did not take part', async () => {
    // X: 12, 6 took part; Y: 10, 7 took part (3 did not: Y's row by agency is hidden, and Z, the
    // smallest other, with it); Z: 10, 5 took part.
    const w = await world([
      ...people('X', 6, [2024], [2024]),
      ...people('X', 6, [2024], []),
      ...people('Y', 7, [2024], [2024]),
      ...people('Y', 3, [2024], []),
      ...people('Z', 5, [2024], [2024]),
      ...people('Z', 5, [2024], []),
    ]);
    const x = await participation(w, { filter: { ...Y2024, agencies: ['X'] } }, OPTS);
    expect(x.rows[0]).toMatchObject({ suppressed: false, n: 12, participants: 6 });
    // [X, Y] alone: 22, 13 took part, 9 did not, each cell at least 5. Less X's published row, it
    // left Y's 10, 7 and 3: hidden, as the left-out 3 are few.
    const bare = await bareParticipation(w, { filter: { ...Y2024, agencies: ['X', 'Y'] } }, OPTS);
    expect(bare.rows[0]).toMatchObject({ suppressed: false, n: 22, participants: 13 });
    const xy = await participation(w, { filter: { ...Y2024, agencies: ['X', 'Y'] } }, OPTS);
    expect(xy.rows[0]).toMatchObject({ suppressed: true, n: null, participants: null });
  });

  it('a program no one took: its zeros are published, the complement being the whole headcount', async () => {
    const w = await world(agencies());
    const { rows } = await participation(
      w,
      { groupBy: ['agency'], filter: { ...Y2024, programs: ['NONE'] } },
      OPTS,
    );
    expect(rows.map((r) => [r.isTotal ? 'total' : r.keys.agency, r.suppressed, r.participants, r.n])).toEqual(
      [
        ['A', false, 0, 16],
        ['B', false, 0, 20],
        ['C', false, 0, 12],
        ['total', false, 0, 48],
      ],
    );
  });

  it('between two ranges of years: 2021–2023 less 2022–2023 leaves the 2 who left untrained after 2021', async () => {
    // P: 10 stay 2021–2023 (5 take part every year, 5 never); 7 are there in 2021 only, of whom 5
    // took part then and 2 did not. 2021–2023: 17, 10 took part, 7 did not; 2022–2023: 10, 5, 5.
    // The differences: n 7, participants 5, but those who took part in nothing 2.
    const w = await world([
      ...people('P', 5, [2021, 2022, 2023], [2021, 2022, 2023]),
      ...people('P', 5, [2021, 2022, 2023], []),
      ...people('P', 5, [2021], [2021]),
      ...people('P', 2, [2021], []),
    ]);
    const range = (from: number, to: number) => ({ filter: { from: `${from}-01-01`, to: `${to}-12-31` } });
    const whole = await bareParticipation(w, range(2021, 2023), OPTS);
    const later = await bareParticipation(w, range(2022, 2023), OPTS);
    expect([whole.rows[0]!.n, whole.rows[0]!.participants]).toEqual([17, 10]);
    expect([later.rows[0]!.n, later.rows[0]!.participants]).toEqual([10, 5]);
    expect((await participation(w, range(2022, 2023), OPTS)).rows[0]!.suppressed).toBe(false);
    expect((await participation(w, range(2021, 2023), OPTS)).rows[0]).toMatchObject({
      suppressed: true,
      suppressionReason: 'complementary',
      n: null,
      participants: null,
    });
  });
});
