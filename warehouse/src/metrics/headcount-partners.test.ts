import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/index.ts';
import { agencyScorecard } from './agency-scorecard.metric.ts';
import { jpCompliance, participation } from './guarded-metrics.ts';
import { jpCompliance as bareJp } from './jp-compliance.metric.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { participation as bareParticipation } from './participation.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * Participation and JP compliance publish one table, a year's headcount by the same dimensions, and
 * split it into nested cells (the compliant are participants). Each protects the other's cells too,
 * so both hide the same rows (headcount-partners.ts): chosen apart, a row one showed gave back a row
 * the other hid (a review of 2026-12-07).
 */
const OPTS = { minN: 5 };
const Y2024 = { from: '2024-01-01', to: '2024-12-31' };

let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

/**
 * `count` employees of `agency` in the headcount of `year` (2024), each with one completion of `jp`
 * JP (0: none) of `program` in `month` of that year.
 */
const staff = (agency: string, count: number, jp: number, month = 3, program = 'PRG', year = 2024) =>
  Array.from({ length: count }, (_, i) => ({
    key: `${agency}-${jp}-${month}-${program}-${year}-${i}`,
    agency,
    jp,
    month,
    program,
    year,
  }));

async function world(people: readonly ReturnType<typeof staff>[number][]): Promise<Db> {
  const fresh = await openTestMarts();
  await seed(
    fresh,
    'fct_headcount',
    people.map((p) => ({ employee_key: p.key, year: p.year, agency_code: p.agency })),
  );
  await seed(
    fresh,
    'fct_enrollments',
    people
      .filter((p) => p.jp > 0)
      .map((p) => ({
        employee_key: p.key,
        agency_code: p.agency,
        status: 'completed',
        start_date: `${p.year}-${String(p.month).padStart(2, '0')}-01`,
        completed_on: `${p.year}-${String(p.month).padStart(2, '0')}-10`,
        jp_earned: p.jp,
        program_code: p.program,
      })),
  );
  await buildMetricAggregates(fresh);
  db = fresh;
  return fresh;
}

// A: 16, of whom 15 took a 10-JP course and 1 nothing: 1 non-participant (participation's small
// cell), but no one compliant and 16 below 20 JP (nothing small for JP compliance alone).
// B: 20, of whom 2 reached 20 JP, 8 took 10 JP, 10 nothing: 2 compliant (JP compliance's small cell),
// but 10 participants and 10 not (nothing small for participation alone). C, D, E: nothing small.
const agencies = () => [
  ...staff('A', 15, 10),
  ...staff('A', 1, 0),
  ...staff('B', 2, 20),
  ...staff('B', 8, 10),
  ...staff('B', 10, 0),
  ...staff('C', 6, 20),
  ...staff('C', 6, 0),
  ...staff('D', 15, 20, 5),
  ...staff('D', 15, 0),
  ...staff('E', 10, 20, 8),
  ...staff('E', 5, 10, 8),
  ...staff('E', 10, 0),
];

const hidden = (rows: readonly { isTotal: boolean; keys: Record<string, unknown>; suppressed: boolean }[]) =>
  rows
    .filter((r) => r.suppressed)
    .map((r) => (r.isTotal ? 'total' : String(r.keys.agency)))
    .sort();

describe('participation and JP compliance hide the same cells of their common table', () => {
  it('by agency in 2024: each hides the other’s small cell, and the same complements', async () => {
    const w = await world(agencies());
    const query = { groupBy: ['agency' as const], filter: Y2024 };
    // Each metric's own small cells (minN 1 publishes everything).
    const part = await bareParticipation(w, query, { minN: 1 });
    const jp = await bareJp(w, query, { minN: 1 });
    expect(part.rows.find((r) => r.keys.agency === 'A')).toMatchObject({ n: 16, participants: 15 });
    expect(jp.rows.find((r) => r.keys.agency === 'A')).toMatchObject({ employees: 16, compliant: 0 });
    expect(part.rows.find((r) => r.keys.agency === 'B')).toMatchObject({ n: 20, participants: 10 });
    expect(jp.rows.find((r) => r.keys.agency === 'B')).toMatchObject({ employees: 20, compliant: 2 });

    const p = await bareParticipation(w, query, OPTS);
    const j = await bareJp(w, query, OPTS);
    expect(hidden(p.rows)).toContain('A');
    expect(hidden(p.rows)).toContain('B');
    expect(hidden(j.rows)).toEqual(hidden(p.rows));
    // As published (guarded-metrics.ts): the same.
    const gp = await participation(w, query, OPTS);
    const gj = await jpCompliance(w, query, OPTS);
    expect(hidden(gj.rows)).toEqual(hidden(gp.rows));
    expect(hidden(gp.rows)).toEqual(hidden(p.rows));
  });

  it('at grain year: the same', async () => {
    const w = await world(agencies());
    const query = { groupBy: ['agency' as const], filter: Y2024, grain: 'year' as const };
    const p = await participation(w, query, OPTS);
    const j = await jpCompliance(w, query, OPTS);
    expect(hidden(p.rows)).toEqual(expect.arrayContaining(['A', 'B']));
    expect(hidden(j.rows)).toEqual(hidden(p.rows));
  });

  it('a month or quarter series of participation hides at least what its year hides', async () => {
    const w = await world(agencies());
    const year = await participation(w, { groupBy: ['agency'], filter: Y2024, grain: 'year' }, OPTS);
    const yearHidden = hidden(year.rows);
    for (const grain of ['month', 'quarter'] as const) {
      const series = await participation(w, { groupBy: ['agency'], filter: Y2024, grain }, OPTS);
      for (const agency of yearHidden) {
        const rows = series.rows.filter((r) => (agency === 'total' ? r.isTotal : r.keys.agency === agency));
        expect(rows.length, `${grain} ${agency}`).toBeGreaterThan(0);
        expect(
          rows.every((r) => r.suppressed),
          `${grain} ${agency}`,
        ).toBe(true);
      }
    }
  });

  it('the agency scorecard hides participation and JP compliance together', async () => {
    const w = await world(agencies());
    const cards = await agencyScorecard(w, { agencies: ['A', 'B', 'C', 'D', 'E'], years: [2024] }, OPTS);
    expect(cards).toHaveLength(5);
    for (const card of cards) {
      expect(card.suppressed.includes('participation'), card.agency).toBe(
        card.suppressed.includes('jpCompliance'),
      );
    }
    expect(cards.find((c) => c.agency === 'A')?.suppressed).toContain('jpCompliance');
    expect(cards.find((c) => c.agency === 'B')?.suppressed).toContain('participation');
    // At another JP threshold (10: A's 15 reach it, 1 does not; B's 10 do), participation protects
    // that threshold's cells.
    const at10 = await agencyScorecard(
      w,
      { agencies: ['A', 'B', 'C', 'D', 'E'], years: [2024] },
      { ...OPTS, jpThreshold: 10 },
    );
    for (const card of at10) {
      expect(card.suppressed.includes('participation'), card.agency).toBe(
        card.suppressed.includes('jpCompliance'),
      );
    }
  });

  it('across queries too: a filter participation’s guard hides is hidden in JP compliance', async () => {
    // X: 12, 6 reached 20 JP; Y: 10, 7 took a 10-JP course, 3 nothing; Z: 10, 5 reached 20 JP.
    // agencies [X, Y] less X's published row leaves Y: participation's guard hides [X, Y] for Y's 3
    // who took part in nothing. JP compliance's own guard sees nothing small (Y: 0 compliant, 10
    // below), but its row is the same row of the same table: hidden too.
    const w = await world([
      ...staff('X', 6, 20),
      ...staff('X', 6, 0),
      ...staff('Y', 7, 10),
      ...staff('Y', 3, 0),
      ...staff('Z', 5, 20),
      ...staff('Z', 5, 0),
    ]);
    const xy = { filter: { ...Y2024, agencies: ['X', 'Y'] } };
    const bare = await bareJp(w, xy, OPTS);
    expect(bare.rows[0]).toMatchObject({ suppressed: false, employees: 22, compliant: 6 });
    expect((await participation(w, xy, OPTS)).rows[0]?.suppressed).toBe(true);
    expect((await jpCompliance(w, xy, OPTS)).rows[0]).toMatchObject({
      suppressed: true,
      suppressionReason: 'complementary',
      employees: null,
      compliant: null,
    });
    // At grain year the same.
    const yearly = { ...xy, grain: 'year' as const };
    expect((await participation(w, yearly, OPTS)).rows[0]?.suppressed).toBe(true);
    expect((await jpCompliance(w, yearly, OPTS)).rows[0]?.suppressed).toBe(true);
    // X alone is shown by both.
    const x = { filter: { ...Y2024, agencies: ['X'] } };
    expect((await participation(w, x, OPTS)).rows[0]).toMatchObject({ suppressed: false, n: 12 });
    expect((await jpCompliance(w, x, OPTS)).rows[0]).toMatchObject({ suppressed: false, employees: 12 });
  });

  it('a program filter participation’s guard hides (a few took only the other program) is hidden in JP compliance', async () => {
    // 10 completed P1 (20 JP), 3 only P2 (10 JP), 10 nothing. programs [P1] against the answer
    // without a program filter leaves out the 3 who took only P2: participation's guard hides [P1].
    // For JP compliance the two answers are the same (10 compliant, 13 below): its own guard sees
    // nothing, but its row is the same row of the same table as participation's.
    const w = await world([
      ...staff('A', 10, 20, 3, 'P1'),
      ...staff('A', 3, 10, 3, 'P2'),
      ...staff('A', 10, 0),
    ]);
    const p1 = { filter: { ...Y2024, programs: ['P1'] } };
    const all = { filter: Y2024 };
    expect((await bareParticipation(w, p1, OPTS)).rows[0]).toMatchObject({ n: 23, participants: 10 });
    expect((await bareParticipation(w, all, OPTS)).rows[0]).toMatchObject({ n: 23, participants: 13 });
    expect((await bareJp(w, p1, OPTS)).rows[0]).toMatchObject({
      suppressed: false,
      employees: 23,
      compliant: 10,
    });
    expect((await bareJp(w, all, OPTS)).rows[0]).toMatchObject({
      suppressed: false,
      employees: 23,
      compliant: 10,
    });
    expect((await participation(w, p1, OPTS)).rows[0]?.suppressed).toBe(true);
    expect((await jpCompliance(w, p1, OPTS)).rows[0]).toMatchObject({ suppressed: true, compliant: null });
    // At grain year the same; without the filter both show it.
    const yearly = { ...p1, grain: 'year' as const };
    expect((await participation(w, yearly, OPTS)).rows[0]?.suppressed).toBe(true);
    expect((await jpCompliance(w, yearly, OPTS)).rows[0]?.suppressed).toBe(true);
    expect((await participation(w, all, OPTS)).rows[0]).toMatchObject({
      suppressed: false,
      participants: 13,
    });
    expect((await jpCompliance(w, all, OPTS)).rows[0]).toMatchObject({ suppressed: false, compliant: 10 });
  });

  it('a comparison with a year the partner hides, and a sum over years holding it, are not shown', async () => {
    // 2023 as above (participation's guard hides programs [P1]: 3 took only P2); 2024: 15 took P1,
    // 15 nothing, nothing small. A review of 2026-12-07: JP compliance 2024 with compare showed
    // 2023's rate (10/23) as previousPeriod, and 2023–2024 without a grain (53, 25) less 2024's
    // row (30, 15) gave 2023's.
    const w = await world([
      ...staff('A', 10, 20, 3, 'P1', 2023),
      ...staff('A', 3, 10, 3, 'P2', 2023),
      ...staff('A', 10, 0, 3, 'PRG', 2023),
      ...staff('A', 15, 20, 3, 'P1', 2024),
      ...staff('A', 15, 0, 3, 'PRG', 2024),
    ]);
    const P1 = ['P1'];
    const yearly = await jpCompliance(
      w,
      { grain: 'year', filter: { from: '2023-01-01', to: '2024-12-31', programs: P1 } },
      OPTS,
    );
    expect(yearly.rows.map((r) => [r.period, r.suppressed])).toEqual([
      ['2023-01-01', true],
      ['2024-01-01', false],
    ]);
    for (const metric of [participation, jpCompliance]) {
      const compared = await metric(
        w,
        { grain: 'year', compare: true, filter: { from: '2024-01-01', to: '2024-12-31', programs: P1 } },
        OPTS,
      );
      expect(compared.rows[0]).toMatchObject({ suppressed: false, period: '2024-01-01' });
      expect(compared.rows[0]?.previousPeriod?.value ?? null).toBeNull();
      expect(compared.rows[0]?.samePeriodLastYear?.value ?? null).toBeNull();
    }
    const pooled = await jpCompliance(
      w,
      { filter: { from: '2023-01-01', to: '2024-12-31', programs: P1 } },
      OPTS,
    );
    expect(pooled.rows[0]).toMatchObject({ suppressed: true, employees: null, compliant: null });
  });

  it('without a grain over several years there is no common table: no partner query', async () => {
    const w = await world(agencies());
    const all = vi.spyOn(w, 'all');
    await bareJp(w, { groupBy: ['agency'], filter: { from: '2023-01-01', to: '2024-12-31' } }, OPTS);
    expect(all).toHaveBeenCalledTimes(1);
    all.mockClear();
    await bareJp(w, { groupBy: ['agency'], filter: Y2024 }, OPTS);
    expect(all).toHaveBeenCalledTimes(2);
    all.mockClear();
    // minN 1 hides nothing: no partner either.
    await bareParticipation(w, { groupBy: ['agency'], filter: Y2024 }, { minN: 1 });
    expect(all).toHaveBeenCalledTimes(1);
  });
});
