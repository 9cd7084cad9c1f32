import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { PEOPLE, seedCohortWorld } from '../cohort/testing/cohort-fixture.ts';
import { insertMartRows, openTestMarts } from '../cohort/testing/seed-marts.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import { roi } from '../roi-metric/roi.ts';
import { budgetScenario } from './budget-scenario.ts';

// The hand-computed scenario of budget-scenario.test.ts (budget year 2024, one usable cohort: 2023):
// 8 seats at 624,875, 64 requests a year, 3 days saved per request, default confidence 0.8.
const SPEC = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 };
const OPTIONS = { minCellSize: 2 };

describe('budgetScenario, the ROI assumptions a caller sets', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    await insertMartRows(
      db,
      'fct_headcount',
      Array.from({ length: 30 }, (_, i) => ({
        employee_key: `DIS-1-${i}`,
        year: 2024,
        agency_code: 'DIS-1',
      })),
    );
    await db.exec(
      `UPDATE marts.agg_handler_month SET agency_code = CASE WHEN employee_key IN ('t3', 't4', 'c3', 'c4')
         THEN 'KEC-1' ELSE 'DIS-1' END`,
    );
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('prices the benefits at the confidence given, as roi does for the same cohort, and echoes it', async () => {
    const plain = await budgetScenario(db, SPEC, {}, OPTIONS);
    const half = await budgetScenario(db, SPEC, { confidence: 0.5 }, OPTIONS);
    // Known answer: 3 days × 64 requests × 130,000 IDR × confidence.
    expect(plain.roi!.base.benefitsIdr).toBeCloseTo(3 * 64 * 130_000 * 0.8, 4);
    expect(half.roi!.base.benefitsIdr).toBeCloseTo(3 * 64 * 130_000 * 0.5, 4);
    for (const c of ['low', 'base', 'high'] as const)
      expect(half.roi![c].benefitsIdr).toBeCloseTo((plain.roi![c].benefitsIdr * 0.5) / 0.8, 4);
    // Costs do not depend on the confidence; the ROI falls with the benefits.
    expect(half.roi!.costs.totalIdr).toBeCloseTo(plain.roi!.costs.totalIdr, 6);
    expect(half.roi!.base.roiPercent!).toBeLessThan(plain.roi!.base.roiPercent!);
    // The same rule as the roi chain of the one cohort the scenario rests on (2023).
    const chain = {
      selector: { kind: 'program', value: 'PLY-PRIMA' },
      from: '2023-01-01',
      to: '2023-12-31',
    } as const;
    const roiPlain = await roi(db, chain, {}, OPTIONS);
    const roiHalf = await roi(db, chain, { confidence: 0.5 }, OPTIONS);
    expect(roiHalf.base!.benefitsIdr / roiPlain.base!.benefitsIdr).toBeCloseTo(
      half.roi!.base.benefitsIdr / plain.roi!.base.benefitsIdr,
      12,
    );
    const echo = (r: typeof half) => r.assumptions.find((a) => a.name === 'confidence');
    expect(echo(plain)).toMatchObject({ value: 0.8, source: 'default' });
    expect(echo(half)).toMatchObject({ value: 0.5, source: 'override' });
    expect(echo(half)).toMatchObject(
      (({ name, value, source }) => ({ name, value, source }))(
        roiHalf.assumptions.find((a) => a.name === 'confidence')!,
      ),
    );
  });

  it('applies the other overrides as roi does: citizen-day value, attribution, hourly cost, JP length', async () => {
    const plain = await budgetScenario(db, SPEC, {}, OPTIONS);
    const r = await budgetScenario(
      db,
      SPEC,
      { citizenDayValueIdr: 100_000, attribution: 0.5, hourlySalaryCostIdr: 50_000, jpMinutes: 60 },
      OPTIONS,
    );
    expect(r.roi!.base.benefitsIdr).toBeCloseTo(3 * 64 * 100_000 * 0.8 * 0.5, 4);
    // 10 JP a seat: 7.5 h at 45 minutes, 10 h at 60; 8 seats × 10 h at 50,000 an hour.
    expect(plain.history.hoursPerParticipant).toBeCloseTo(7.5, 12);
    expect(r.history.hoursPerParticipant).toBeCloseTo(10, 12);
    expect(r.roi!.costs.participantTimeIdr).toBeCloseTo(8 * 10 * 50_000, 4);
    const used = Object.fromEntries(r.assumptions.map((a) => [a.name, [a.value, a.source]]));
    expect(used).toMatchObject({
      citizenDayValueIdr: [100_000, 'override'],
      attribution: [0.5, 'override'],
      hourlySalaryCostIdr: [50_000, 'override'],
      jpMinutes: [60, 'override'],
      confidence: [0.8, 'default'],
    });
  });

  it('refuses an assumption outside its bounds, as roi does, before any query', async () => {
    for (const [name, value, min, max] of [
      ['confidence', 1.5, 0, 1],
      ['attribution', -0.1, 0, 1],
      ['citizenDayValueIdr', 1e308, 0, 1e15],
      ['workingHoursPerMonth', 0, 1, 744],
      ['jpMinutes', Number.NaN, 1, 1440],
    ] as const) {
      const err = await budgetScenario(db, SPEC, { [name]: value }, OPTIONS).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(MetricInputError);
      expect((err as MetricInputError).detail, name).toEqual({
        reason: 'OUT_OF_RANGE',
        field: `assumptions.${name}`,
        min,
        max,
      });
      const fromRoi = await roi(
        db,
        { selector: { kind: 'program', value: 'PLY-PRIMA' }, from: '2023-01-01', to: '2023-12-31' },
        { [name]: value },
        OPTIONS,
      ).catch((e: unknown) => e);
      expect((fromRoi as MetricInputError).detail, name).toEqual((err as MetricInputError).detail);
    }
  });
});
