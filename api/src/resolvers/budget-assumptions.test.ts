import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMartRows, PROGRAMS, publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { insertServiceHandlers } from '../testing/service-handlers.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * budgetScenario's `assumptions` input, on the fixture snapshot with its 2023 offerings (PLY-PRIMA's:
 * Rp 15,000,000, so seats have a cost) plus 40 DISDUKCAPIL handlers of whom every third completed
 * PLY-PRIMA in 2023 and is 2 days faster after it: the budget year 2024 prices that one cohort, so its
 * benefits are positive.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await publishFixture(t.dir, 'budget-assumptions', async (db) => {
    await insertMartRows(
      db,
      'dim_offering',
      PROGRAMS.map((program_code, p) => ({
        offering_id: 20230 + p,
        program_id: p + 1,
        program_code,
        method: p ? 'e_learning' : 'workshop',
        competency_area: p ? 'it' : 'soft_skills',
        organizer_agency_code: 'BKPSDM',
        starts_on: '2023-01-10',
        ends_on: '2023-01-12',
        year: 2023,
        capacity: 40,
      })),
    );
    await insertMartRows(db, 'dim_grade', [
      { grade: 'III/a', grade_group: 'III', monthly_cost_idr: 6_500_000 },
    ]);
    await insertServiceHandlers(db, { digi: () => false });
  });
});
afterAll(() => t?.close());

type Case = { benefitsIdr: number; roiPercent: number | null };
type Cases = { low: Case; base: Case; high: Case };
type Echo = { name: string; value: number; source: string };
type Scenario = {
  history: { cohorts: { year: number; pooled: boolean }[] };
  roi: { costs: { totalIdr: number } } & Cases;
  assumptions: Echo[];
};
const SCENARIO = `history { cohorts { year pooled } }
  roi { costs { totalIdr } low { benefitsIdr roiPercent } base { benefitsIdr roiPercent } high { benefitsIdr roiPercent } }
  assumptions { name value source }`;
const INPUT = { agency: 'DISDUKCAPIL', program: 'PLY-PRIMA', budgetIdr: 1e8, year: 2024 };
const echo = (list: readonly Echo[], name: string) => list.find((a) => a.name === name);

describe('budgetScenario with assumptions', () => {
  it('prices with the assumptions the input sets, as roi does for the one cohort, and echoes them', async () => {
    // All in one request: the per-request key of the scenario includes its assumptions.
    const res = await gql<{ plain: Scenario; half: Scenario; jp: Scenario }>(
      t.url,
      `query B($p: BudgetScenarioInput!, $h: BudgetScenarioInput!, $j: BudgetScenarioInput!) {
        plain: budgetScenario(input: $p) { ${SCENARIO} }
        half: budgetScenario(input: $h) { ${SCENARIO} }
        jp: budgetScenario(input: $j) { ${SCENARIO} } }`,
      {
        token: TOKENS.planner,
        variables: {
          p: INPUT,
          h: { ...INPUT, assumptions: { confidence: 0.5 } },
          j: { ...INPUT, assumptions: { jpMinutes: 60 } },
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
    const { plain, half, jp } = res.body.data!;
    expect(plain.history.cohorts.filter((c) => c.pooled).map((c) => c.year)).toEqual([2023]);
    expect(plain.roi.base.benefitsIdr).toBeGreaterThan(0);
    // Known answer: every benefit × 0.5 / 0.8 (the default confidence), costs unchanged.
    for (const c of ['low', 'base', 'high'] as const)
      expect(half.roi[c].benefitsIdr, c).toBeCloseTo((plain.roi[c].benefitsIdr * 0.5) / 0.8, 4);
    expect(half.roi.costs.totalIdr).toBeCloseTo(plain.roi.costs.totalIdr, 4);
    expect(half.roi.base.roiPercent!).toBeLessThan(plain.roi.base.roiPercent!);
    expect(echo(plain.assumptions, 'confidence')).toEqual({
      name: 'confidence',
      value: 0.8,
      source: 'default',
    });
    expect(echo(half.assumptions, 'confidence')).toEqual({
      name: 'confidence',
      value: 0.5,
      source: 'override',
    });
    // A JP length the request sets is its own (override), and prices the seats' hours longer.
    expect(echo(jp.assumptions, 'jpMinutes')).toEqual({ name: 'jpMinutes', value: 60, source: 'override' });
    expect(echo(plain.assumptions, 'jpMinutes')).toEqual({ name: 'jpMinutes', value: 45, source: 'default' });
    expect(jp.roi.costs.totalIdr).toBeGreaterThan(plain.roi.costs.totalIdr);

    // The roi chain of that cohort (2023) scales its benefits by the same factor, and echoes the same.
    const chain = (assumptions: Record<string, number> | null) =>
      gql<{ roi: Cases & { assumptions: Echo[] } }>(
        t.url,
        `query R($a: RoiAssumptionsInput) { roi(input: { selector: { kind: program, value: "PLY-PRIMA" },
          from: "2023-01-01", to: "2023-12-31", assumptions: $a }) {
          base { benefitsIdr roiPercent } assumptions { name value source } } }`,
        { token: TOKENS.planner, variables: { a: assumptions } },
      );
    const [c8, c5] = [(await chain(null)).body.data!.roi, (await chain({ confidence: 0.5 })).body.data!.roi];
    expect(c8.base.benefitsIdr).toBeGreaterThan(0);
    expect(c5.base.benefitsIdr / c8.base.benefitsIdr).toBeCloseTo(
      half.roi.base.benefitsIdr / plain.roi.base.benefitsIdr,
      12,
    );
    expect(echo(c5.assumptions, 'confidence')).toEqual(echo(half.assumptions, 'confidence'));
  });

  it('refuses an assumption outside its bounds as roi does: BAD_USER_INPUT naming input.assumptions.*', async () => {
    for (const [name, value, min, max] of [
      ['confidence', 1.5, 0, 1],
      ['attribution', -1, 0, 1],
      ['citizenDayValueIdr', 1e308, 0, 1e15],
      ['workingHoursPerMonth', 0.5, 1, 744],
      ['jpMinutes', 2000, 1, 1440],
    ] as const) {
      const res = await gql<{ budgetScenario: { seats: number | null } }>(
        t.url,
        'query B($i: BudgetScenarioInput!) { budgetScenario(input: $i) { seats } }',
        { token: TOKENS.planner, variables: { i: { ...INPUT, assumptions: { [name]: value } } } },
      );
      expect(res.body.data ?? null, name).toBeNull();
      expect(res.body.errors, name).toHaveLength(1);
      expect(res.body.errors![0]!.extensions, name).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'OUT_OF_RANGE',
        field: `input.assumptions.${name}`,
        min,
        max,
      });
    }
  });
});
