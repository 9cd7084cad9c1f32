import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { cohortComparison } from '../cohort/cohort-comparison.ts';
import { PEOPLE, seedCohortWorld } from '../cohort/testing/cohort-fixture.ts';
import { smallCounts } from '../cohort/testing/disclosure.ts';
import { insertMartRows, openTestMarts } from '../cohort/testing/seed-marts.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { participation } from '../participation.metric.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import { budgetScenario, pricedEffect, seatsForBudget } from './budget-scenario.ts';
import { BUDGET_MAX_IDR } from './budget-scenario-spec.ts';

// Hand computation, budget year 2024 (history = offerings starting before 2024; see cohort fixture):
// costs 4,000,000 (offering 1, 7 attended) + 999,000 (offering 2, c1) = 4,999,000 / 8 = 624,875 per seat.
// Hours 8 × 7.5 = 60; time cost 1,973,076.92… (offering 1) + 300,000 (c1, III/a) → 37,884.615… IDR/h.
// Effect: only the 2023 cohort is estimable (2022's post window has no data): −3 days, t CI ± 2.446912 √⅓.
// Volume, DIS-1: 2023 matched treated t1, t2 × 20 requests = 40 / 5 DIS-1 participants = 8 per seat.
const HALF = 2.446912 * Math.sqrt(1 / 3);
const HOURLY = (1_200_000 + 450_000 + (7.5 * 7_000_000) / 162.5 + 300_000) / 60;

/** `n` employees of `agency` on 30 June of `year` (fct_headcount): the seat cap. */
const staff = (agency: string, year: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    employee_key: `${agency}-${year}-${i}`,
    year,
    agency_code: agency,
  }));

describe('budgetScenario, hand-computed', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    // Seat caps: DIS-1 has 25 employees in 2022 and 30 in 2024, KEC-1 3, NEW-1 5; NO-STAFF none.
    await insertMartRows(db, 'fct_headcount', [
      ...staff('DIS-1', 2022, 25),
      ...staff('DIS-1', 2024, 30),
      ...staff('KEC-1', 2023, 3),
      ...staff('NEW-1', 2023, 5),
    ]);
    // The requests' service units (the fixture leaves them blank): KEC-1 serves stratum B's handlers.
    // The last 12 months of service data before 2024 run July 2021 – June 2022: DIS-1 completed
    // 7 handlers (t1, t2, t5, c1, c2, c5, late) × 20 = 140 requests in them.
    await db.exec(
      `UPDATE marts.agg_handler_month SET agency_code = CASE WHEN employee_key IN ('t3', 't4', 'c3', 'c4')
         THEN 'KEC-1' ELSE 'DIS-1' END`,
    ); // The published tables (participation by agency reads them): which headcounts they hide.
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('estimates the past cohorts with the contrast asked for', async () => {
    const spec = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 };
    const only = await budgetScenario(db, { ...spec, contrast: 'only_vs_untrained' }, {}, { minCellSize: 2 });
    const rest = await budgetScenario(db, spec, {}, { minCellSize: 2 });
    const cohort2023 = {
      selector: { kind: 'program', value: 'PLY-PRIMA' },
      from: '2023-01-01',
      to: '2023-12-31',
    } as const;
    for (const [r, contrast] of [
      [only, 'only_vs_untrained'],
      [rest, 'vs_rest'],
    ] as const) {
      const direct = await cohortComparison(
        db,
        { ...cohort2023, outcome: 'service_days', contrast },
        { minCellSize: 2 },
      );
      expect(r.history.cohorts[1]).toMatchObject({
        year: 2023,
        didDays: direct.did.estimate,
        se: direct.did.se,
      });
    }
    // c3 (another program in 2023) leaves the comparison: same DiD (−3), another SE.
    expect(only.history.cohorts[1]!.se).not.toBe(rest.history.cohorts[1]!.se);
  });

  it('buys seats at the historic cost per participant and prices the expected ROI', async () => {
    const r = await budgetScenario(
      db,
      { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 },
      {},
      { minCellSize: 2 },
    );
    expect(r.history).toMatchObject({
      participants: 8,
      programCostsIdr: 4_999_000,
      costPerParticipantIdr: 624_875,
    });
    expect(r.history.hoursPerParticipant).toBeCloseTo(7.5, 12);
    expect(r.history.hourlyCostIdr).toBeCloseTo(HOURLY, 6);
    expect(r.history.cohorts.map((c) => [c.year, c.suppressed, c.n])).toEqual([
      [2022, false, 0], // nobody with data after 2022: nothing to compare, nobody hidden
      [2023, false, 8],
    ]);
    expect(r.seats).toBe(8);
    expect(r).toMatchObject({ seatsCapped: false, headcount: 30, headcountYear: 2024 });
    expect(r).toMatchObject({ agencyRequestsPerYear: 140, requestsPerYear: 64, volumeCapped: false });
    expect(r.leftoverIdr).toBeCloseTo(1_000, 6);
    expect(r.daysSavedPerRequest!.base).toBeCloseTo(3, 12);
    expect(r.daysSavedPerRequest!.low).toBeCloseTo(3 - HALF, 5);
    expect(r.volumeBasis).toBe('agency');
    expect(r.requestsPerSeatPerYear).toBe(8);
    const costs = 4_999_000 + 60 * HOURLY;
    const benefits = 3 * 8 * 8 * 130_000 * 0.8; // 19,968,000
    expect(r.roi!.costs.totalIdr).toBeCloseTo(costs, 4);
    expect(r.roi!.base.benefitsIdr).toBeCloseTo(benefits, 4);
    expect(r.roi!.base.roiPercent).toBeCloseTo(((benefits - costs) / costs) * 100, 8); // ≈ 174.6 %
    expect(r.roi!.low.benefitsIdr).toBeCloseTo((3 - HALF) * 64 * 104_000, -1);
    // The 2023 cohort's trained handlers work in two agencies (DIS-1, KEC-1): fewer than FEW_AGENCIES.
    expect(r.caveats.map((c) => c.code)).toEqual(['few_agencies']);
    expect(r.evidence).toBe('faster');
    expect(r.assumptions.map((a) => a.name)).toContain('citizenDayValueIdr');
  });

  it('takes no agency volume per seat from 2 matched handlers under a minimum of 3', async () => {
    // DIS-1's 5 participants and their employees pass a minimum of 3; its volume (40 requests)
    // rests on t1 and t2 alone, and 8 per seat × the 5 participants `roi` shows would give it back.
    const r = await budgetScenario(
      db,
      { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 },
      {},
      { minCellSize: 3 },
    );
    expect(r.history.cohorts[1]).toMatchObject({ year: 2023, suppressed: false });
    expect(r.volumeBasis).toBe('program');
    expect(r.caveats.map((c) => c.code)).toContain('no_agency_history');
  });

  it('names no count of a past cohort below the minimum cell size', async () => {
    const spec = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 };
    // Default minimum 5: 2023's 4 treated are too few, so the cohort's 8 units are not named either.
    for (const isolation of ['cohort', 'joint'] as const) {
      const r = await budgetScenario(db, { ...spec, isolation });
      expect(r.history.cohorts.map((c) => [c.year, c.suppressed, c.n])).toEqual([
        [2022, false, 0],
        [2023, true, null],
      ]);
      expect(smallCounts(r.history.cohorts, 5)).toEqual([]);
    }
  });

  it('pools the joint model’s coefficient with isolation joint, volume still from the cohort', async () => {
    const spec = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 };
    const joint = await budgetScenario(db, { ...spec, isolation: 'joint' }, {}, { minCellSize: 2 });
    const cohort = await budgetScenario(db, spec, {}, { minCellSize: 2 });
    expect(cohort.isolation).toBe('cohort');
    expect(cohort.history.cohorts.map((c) => c.joint)).toEqual([null, null]);
    expect(joint.isolation).toBe('joint');
    // The cohort comparisons are still reported; 2023's joint model (see program-effects.test.ts):
    // β = −3, HC1 variance 0.9, df 4; 2022 has no post window, so no estimate.
    expect(joint.history.cohorts.map((c) => [c.year, c.didDays, c.suppressed])).toEqual(
      cohort.history.cohorts.map((c) => [c.year, c.didDays, c.suppressed]),
    );
    const y2023 = joint.history.cohorts[1]!.joint!;
    expect(y2023.programCode).toBe('PLY-PRIMA');
    expect(y2023.effect.estimate).toBeCloseTo(-3, 10);
    expect(y2023.effect.se).toBeCloseTo(Math.sqrt(0.9), 10);
    expect(joint.history.cohorts[0]!.joint?.effect.ci ?? null).toBeNull();
    expect(joint.history.cohorts.map((c) => c.pooled)).toEqual([false, true]);
    expect(cohort.history.cohorts.map((c) => c.pooled)).toEqual([false, true]);
    const half = 2.776445 * Math.sqrt(0.9); // t(0.975, 4)
    expect(joint.daysSavedPerRequest!.base).toBeCloseTo(3, 10);
    expect(joint.daysSavedPerRequest!.low).toBeCloseTo(3 - half, 5);
    // Seats, costs and the volume per seat do not depend on the isolation.
    expect(joint.seats).toBe(cohort.seats);
    expect(joint.requestsPerSeatPerYear).toBe(8);
    expect(joint.roi!.costs.totalIdr).toBeCloseTo(cohort.roi!.costs.totalIdr, 6);
    expect(joint.roi!.base.benefitsIdr).toBeCloseTo(3 * 8 * 8 * 130_000 * 0.8, 4);
    expect(joint.roi!.low.benefitsIdr).toBeCloseTo((3 - half) * 64 * 104_000, -1);
    expect(joint.caveats.map((c) => c.code)).toEqual(['few_agencies']);
  });

  it('takes volume from the whole program when the agency has no history', async () => {
    const r = await budgetScenario(
      db,
      { agencyCode: 'NEW-1', programCode: 'PLY-PRIMA', budgetIdr: 1_000_000, year: 2024 },
      {},
      { minCellSize: 2 },
    );
    expect(r.volumeBasis).toBe('program');
    expect(r.requestsPerSeatPerYear).toBeCloseTo(80 / 7, 12);
    expect(r.seats).toBe(1);
    // NEW-1's service units completed no request: its staff cannot save citizens days, whatever
    // the program's other participants did.
    expect(r).toMatchObject({ agencyRequestsPerYear: 0, requestsPerYear: 0, volumeCapped: true });
    expect(r.roi!.high.benefitsIdr).toBe(0);
    expect(r.caveats.map((c) => c.code)).toEqual([
      'few_agencies',
      'no_agency_history',
      'volume_capped_at_agency_requests',
    ]);
    expect(r.caveats[2]!.en).toMatch(/recorded as completing no citizen requests .* no benefit is assumed/);
  });

  it('hides a history of a few participants and prices nothing on it (disclosure control)', async () => {
    // Before 2023 PLY-PRIMA's history is its 2022 run: one participant, 999,000 of program costs.
    const spec = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 10_000_000, year: 2023 };
    const shown = await budgetScenario(db, spec, {}, { minCellSize: 1 });
    expect(shown.history).toMatchObject({ participants: 1, costPerParticipantIdr: 999_000 });
    expect(shown.seats).toBe(10);
    const r = await budgetScenario(db, spec, {}, { minCellSize: 2 });
    expect(r.history).toMatchObject({
      participants: null,
      programCostsIdr: 999_000,
      costPerParticipantIdr: null,
      hoursPerParticipant: null,
      hourlyCostIdr: null,
    });
    expect([r.seats, r.roi, r.leftoverIdr]).toEqual([null, null, null]);
    expect(r.caveats[0]?.code).toBe('history_suppressed');
    expect(r.caveats.map((c) => c.code)).not.toContain('no_cost_history');
    const salary = r.assumptions.filter((a) => a.name.endsWith('SalaryCostIdr'));
    expect(salary.length).toBeGreaterThan(0);
    for (const a of salary) expect(a.value).toBeNull();
    // The agency's own volume per seat needs enough of its own past participants.
    expect(r.volumeBasis).toBe('program');
  });

  it('prices at most one seat per employee and no more requests than the agency completes', async () => {
    // Rp 1,000 trillion buys ⌊1e15 / 624,875⌋ = 1,600,320,064 seats; DIS-1 had 30 employees on
    // 30 June 2024 (the budget year's headcount): 30 seats, costing 30 × 624,875;
    // the rest, 1e15 − 18,746,250 = 999,999,981,253,750, is left. 30 seats × 8 requests = 240 a year,
    // more than the 140 DIS-1 completed: the days saved are priced on 140.
    const r = await budgetScenario(
      db,
      { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: BUDGET_MAX_IDR, year: 2024 },
      {},
      { minCellSize: 2 },
    );
    expect(r).toMatchObject({ seats: 30, seatsCapped: true, headcount: 30, headcountYear: 2024 });
    expect(r.leftoverIdr).toBe(999_999_981_253_750);
    expect(r).toMatchObject({ requestsPerSeatPerYear: 8, agencyRequestsPerYear: 140 });
    expect(r).toMatchObject({ requestsPerYear: 140, volumeCapped: true });
    expect(r.roi!.costs.programIdr).toBeCloseTo(30 * 624_875, 6);
    expect(r.roi!.costs.participantTimeIdr).toBeCloseTo(30 * 7.5 * HOURLY, 6);
    expect(r.roi!.base.benefitsIdr).toBeCloseTo(3 * 140 * 130_000 * 0.8, 4); // 43,680,000
    expect(r.roi!.low.benefitsIdr).toBeCloseTo((3 - HALF) * 140 * 104_000, -1);
    expect(r.caveats.map((c) => c.code)).toEqual([
      'few_agencies',
      'seats_capped_at_headcount',
      'volume_capped_at_agency_requests',
    ]);
    expect(r.caveats[1]!.id).toBe(
      'Anggaran ini cukup untuk 1.600.320.064 kursi, lebih dari jumlah pegawai instansi (30) pada 30 Juni 2024: yang dihitung 30 kursi, satu per pegawai, beserta biaya dan manfaatnya; sisa Rp 999.999.981.253.750 tidak terpakai.',
    );
    expect(r.caveats[1]!.en).toBe(
      "The budget would buy 1,600,320,064 seats, more than the agency's employees (30) on 30 June 2024: 30 seats are priced, one per employee, with their costs and benefits; Rp 999,999,981,253,750 is left unspent.",
    );
    expect(r.caveats[2]!.en).toBe(
      "By the program's history these seats would handle 240 requests a year, more than the 140 the agency's service staff completed (requests with a recorded handler) in the last 12 months of data: the benefits are priced on 140 requests.",
    );
    // Without the budget year's headcount, the latest before it (2023 → 2022); without a budget
    // year, the latest (2024).
    // (Before 2023 the program's history is its 2022 run's one participant: shown under a minimum of 1.)
    const y2023 = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: BUDGET_MAX_IDR, year: 2023 };
    expect(await budgetScenario(db, y2023, {}, { minCellSize: 1 })).toMatchObject({
      seats: 25,
      headcountYear: 2022,
    });
    const { year: _, ...anyYear } = y2023;
    expect(await budgetScenario(db, anyYear, {}, { minCellSize: 2 })).toMatchObject({
      seats: 30,
      headcountYear: 2024,
    });
  });

  it('prices no seat for an agency whose headcount is hidden: the cap would tell it, at any budget', async () => {
    const at = (budgetIdr: number) =>
      budgetScenario(
        db,
        { agencyCode: 'KEC-1', programCode: 'PLY-PRIMA', budgetIdr, year: 2024 },
        {},
        { minCellSize: 5 },
      );
    const r = await at(5_000_000);
    // 3 employees: a budget of 8 seats used to be capped at 3, naming them in seats, leftover and caveat.
    expect(r).toMatchObject({
      seats: null,
      seatsCapped: false,
      headcount: null,
      headcountYear: 2023,
      leftoverIdr: null,
      roi: null,
    });
    expect(r.caveats.map((c) => c.code)).toEqual([
      'headcount_suppressed',
      'no_effect_history',
      'no_agency_history',
    ]);
    expect(r.history.costPerParticipantIdr).toBeCloseTo(624_875, 6); // the program's history stays shown
    // Bisection over budgets learns nothing: apart from the budget echoed, every answer is the same.
    const strip = (x: Awaited<ReturnType<typeof at>>) => ({ ...x, budgetIdr: 0 });
    for (const budget of [1, 624_875, 2 * 624_875, 3 * 624_875 + 1, 4 * 624_875, 1e12])
      expect(strip(await at(budget))).toEqual(strip(r));
  });

  it('hides a headcount the published participation table hides as a complement, in the same words', async () => {
    const at = (agencyCode: string) =>
      budgetScenario(
        db,
        { agencyCode, programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 },
        {},
        { minCellSize: 5 },
      );
    // 2023, by agency: KEC-1's 3 are hidden (a small cell) and NEW-1's 5 with them (else the total
    // of 8 would give KEC-1's back). Neither row says which it is.
    const published = await participation(
      db,
      { filter: { from: '2023-01-01', to: '2023-12-31' }, groupBy: ['agency'], grain: 'year' },
      { minN: 5 },
    );
    const rows = published.rows.filter((r) => !r.isTotal);
    expect(rows.map((r) => [r.keys.agency, r.suppressed, r.headcount])).toEqual([
      ['KEC-1', true, null],
      ['NEW-1', true, null],
    ]);
    const small = await at('KEC-1');
    const complement = await at('NEW-1');
    // NEW-1's 5 used to be shown as the seat cap, so that the caveat of KEC-1 alone said "1 … 4".
    expect(complement).toMatchObject({
      seats: null,
      headcount: null,
      headcountYear: 2023,
      leftoverIdr: null,
    });
    // The same answer as the small cell's, caveats and all, but for the agency's own service volume.
    const same = (r: typeof small) => ({ ...r, agencyCode: null, agencyRequestsPerYear: null });
    expect(same(complement)).toEqual(same(small));
    expect(complement.caveats.map((c) => c.code)).toEqual([
      'headcount_suppressed',
      'no_effect_history',
      'no_agency_history',
    ]);
    const [caveat] = small.caveats;
    expect(caveat).toEqual({
      code: 'headcount_suppressed',
      id: 'Jumlah pegawai instansi ini dirahasiakan, seperti pada tabel partisipasi per instansi (perlindungan data pribadi): kursi dan ROI tidak diperkirakan, karena batas satu kursi per pegawai akan mengungkapnya.',
      en: "The agency's headcount is hidden by disclosure control, as in the participation table by agency: seats and ROI are not estimated, as the cap of one seat per employee would give it away.",
    });
    for (const text of [caveat!.id, caveat!.en])
      expect(text).not.toMatch(/fewer|kurang dari|below|di bawah|minimum/i);
  });

  it('prices no seat for an agency without staff on record', async () => {
    const r = await budgetScenario(
      db,
      { agencyCode: 'NO-STAFF', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 },
      {},
      { minCellSize: 2 },
    );
    expect(r).toMatchObject({ seats: 0, headcount: null, headcountYear: null, leftoverIdr: 5_000_000 });
    expect(r.roi!.costs.totalIdr).toBe(0);
    expect(r.caveats.map((c) => c.code)).toContain('no_headcount');
  });

  it('refuses a budget above Rp 1,000 trillion or not a number, and a year outside 1990 … 2100', async () => {
    const spec = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', year: 2024 };
    for (const budgetIdr of [1e23, 1e300, 1e308, BUDGET_MAX_IDR + 1, -1, Number.NaN, Infinity]) {
      const err = await budgetScenario(db, { ...spec, budgetIdr }).catch((e: unknown) => e);
      expect(err, String(budgetIdr)).toBeInstanceOf(MetricInputError);
      expect((err as MetricInputError).detail).toEqual({
        reason: 'OUT_OF_RANGE',
        field: 'budgetIdr',
        min: 0,
        max: 1e15,
      });
    }
    for (const year of [1900, 1989, 2101, 9999, 2024.5]) {
      const err = await budgetScenario(db, { ...spec, budgetIdr: 1e9, year }).catch((e: unknown) => e);
      expect((err as MetricInputError).detail, String(year)).toEqual({
        reason: 'OUT_OF_RANGE',
        field: 'year',
        min: 1990,
        max: 2100,
      });
    }
  });

  it('says so when there is no history at all', async () => {
    const r = await budgetScenario(db, { agencyCode: 'DIS-1', programCode: 'NEW', budgetIdr: 1_000_000 });
    expect(r.seats).toBeNull();
    expect(r.roi).toBeNull();
    expect(r.daysSavedPerRequest).toBeNull();
    expect(r.caveats.map((c) => c.code)).toEqual([
      'no_cost_history',
      'no_effect_history',
      'no_agency_history',
    ]);
    expect(r.caveats[0]!.id).toContain('Belum ada riwayat biaya');
  });
});

describe('budgetScenario, an effect not shown', () => {
  // The fixture's world with noisier trained handlers: t1 slower after (10 → 13), t2 faster
  // (12 → 9), t3 unchanged (8 → 8), t4 faster (9 → 6); the controls as before. The 2023 DiD is
  // small with a CI across 0: no effect shown, yet its base case prices one.
  const NOISY = PEOPLE.map((p) =>
    p.key === 't1'
      ? { ...p, days: [10, 10, 13] as [number, number, number] }
      : p.key === 't2'
        ? { ...p, days: [11, 12, 9] as [number, number, number] }
        : p.key === 't3'
          ? { ...p, days: [9, 8, 8] as [number, number, number] }
          : p,
  );
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, NOISY);
    await insertMartRows(db, 'fct_headcount', staff('DIS-1', 2024, 30));
    await buildMetricAggregates(db);
    await db.exec(`UPDATE marts.agg_handler_month SET agency_code = 'DIS-1'`);
  });
  afterAll(() => db.close());

  it('warns effect_ci_includes_zero first, with the CI of days saved, and says evidence inconclusive', async () => {
    const spec = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 };
    const r = await budgetScenario(db, spec, {}, { minCellSize: 2 });
    const direct = await cohortComparison(
      db,
      {
        selector: { kind: 'program', value: 'PLY-PRIMA' },
        from: '2023-01-01',
        to: '2023-12-31',
        outcome: 'service_days',
      },
      { minCellSize: 2 },
    );
    const { estimate, ci } = direct.did;
    // Known answer: the CI crosses 0 and the estimate is faster (negative).
    expect(estimate!).toBeLessThan(0);
    expect(ci!.low).toBeLessThan(0);
    expect(ci!.high).toBeGreaterThan(0);
    expect(r.evidence).toBe('inconclusive');
    expect(r.daysSavedPerRequest!.base).toBeCloseTo(-estimate!, 12);
    expect(r.daysSavedPerRequest!.low).toBe(0); // the effect may be nil
    expect(r.roi!.base.benefitsIdr).toBeGreaterThan(0);
    expect(r.caveats[0]!.code).toBe('effect_ci_includes_zero');
    const two = (x: number) => (Math.abs(x) < 0.005 ? 0 : x).toFixed(2).replace('-', '\u2212');
    const range = `${two(-ci!.high)} … ${two(-ci!.low)}`;
    expect(r.caveats[0]!.en).toBe(
      `The effect priced is not shown: the 95 % confidence interval of days saved per request (${range}) includes zero, so the program may not speed up service at all. The base and high ROI hold only if the effect is real; the low ROI assumes no benefit, which fits the data as well.`,
    );
    expect(r.caveats[0]!.id).toContain(`(${range.replaceAll('.', ',')}) mencakup nol`);
  });

  it('calls an effect shown when its CI lies below 0 (the hand-computed scenario above: no caveat)', async () => {
    const shown = pricedEffect([{ estimate: -3, se: 0.5, ci: { level: 0.95, low: -4.4, high: -1.6 } }]);
    expect(shown.evidence).toBe('faster');
  });

  it('judges a pooled effect on the pooled CI (known answer)', () => {
    // −0.10 (SE 0.10) and +0.05 (SE 0.10): pooled −0.025, SE 0.1/√2, 95 % CI −0.025 ± 1.959964 × 0.0707107.
    const year = (estimate: number) => ({
      estimate,
      se: 0.1,
      ci: { level: 0.95, low: estimate - 0.196, high: estimate + 0.196 },
    });
    const p = pricedEffect([year(-0.1), year(0.05)]);
    expect(p.evidence).toBe('inconclusive');
    expect(p.ci!.low).toBeCloseTo(-0.025 - 1.959964 * 0.0707107, 5);
    expect(p.ci!.high).toBeCloseTo(-0.025 + 1.959964 * 0.0707107, 5);
    expect(p.saved).toEqual({ low: 0, base: expect.closeTo(0.025, 12), high: expect.closeTo(0.1635904, 5) });
    // Both years significantly slower: the pooled CI too.
    const slow = (estimate: number) => ({
      estimate,
      se: 0.1,
      ci: { level: 0.95, low: estimate - 0.2, high: estimate + 0.2 },
    });
    expect(pricedEffect([slow(0.5), slow(0.6)]).evidence).toBe('slower');
    expect(pricedEffect([])).toEqual({ saved: null, ci: null, evidence: 'not_estimated' });
  });
});

describe('budgetScenario, an agency basis counted in distinct employees', () => {
  // KEC-1's t3 and t4 enrolled in PLY-PRIMA 2023 twice each: 4 enrollments of 2 employees.
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    const again = (id: number, key: string) => ({
      enrollment_id: id,
      offering_id: 1,
      employee_key: key,
      agency_code: 'KEC-1',
      grade: 'II/a',
      program_id: 1,
      program_code: 'PLY-PRIMA',
      method: 'workshop',
      competency_area: 'technical',
      status: 'completed',
      completed_on: '2023-03-20',
    });
    await insertMartRows(db, 'fct_enrollments', [again(201, 't3'), again(202, 't4')]);
  });
  afterAll(() => db.close());

  it('takes no agency volume per seat from 4 enrollments of 2 employees under a minimum of 4', async () => {
    const spec = { agencyCode: 'KEC-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 };
    const r = await budgetScenario(db, spec, {}, { minCellSize: 4 });
    expect(r.volumeBasis).toBe('program');
    expect(r.caveats.map((c) => c.code)).toContain('no_agency_history');
    // The program's history, 10 enrollments of 8 employees, is shown.
    expect(r.history.participants).toBe(10);
    // A history of 10 enrollments of 8 employees is hidden under a minimum of 9.
    const hidden = await budgetScenario(db, spec, {}, { minCellSize: 9 });
    expect([hidden.history.participants, hidden.history.costPerParticipantIdr]).toEqual([null, null]);
  });
});

describe('seatsForBudget, decided exactly', () => {
  it('buys every seat a budget pays for, though the cost per seat is no exact double', () => {
    // Numerical audit: 5,001,000 IDR over 7 participants is 714,428.571428… a seat, rounded up in a
    // double (714,428.5714285715): ⌊5,001,000 / it⌋ was 6 seats with 714,428.57 left.
    expect(seatsForBudget(5_001_000, 5_001_000, 7, 30)).toEqual({
      affordable: 7,
      seats: 7,
      capped: false,
      spentIdr: 5_001_000,
      leftoverIdr: 0,
    });
    expect(seatsForBudget(10_002_000, 5_001_000, 7, 30)).toMatchObject({ seats: 14, leftoverIdr: 0 }); // was 13
    // Rp 1,000,000 over 49 participants: Rp 1,000,000 buys 49 seats (was 48).
    expect(seatsForBudget(1_000_000, 1_000_000, 49, 100)).toMatchObject({ seats: 49, leftoverIdr: 0 });
  });

  it('buys one seat fewer a rupiah short of a seat, and leaves the exact rest', () => {
    // 5,000,999 − 6 × 5,001,000 / 7 = 5,000,993 / 7 = 714,427.571428…
    const short = seatsForBudget(5_000_999, 5_001_000, 7, 30);
    expect(short).toMatchObject({ affordable: 6, seats: 6, capped: false });
    expect(short.leftoverIdr).toBe(5_000_993 / 7);
    expect(short.spentIdr).toBe(30_006_000 / 7);
    // 999,999 − 48 × 1,000,000 / 49 = 999,951 / 49.
    expect(seatsForBudget(999_999, 1_000_000, 49, 100)).toMatchObject({
      seats: 48,
      leftoverIdr: 999_951 / 49,
    });
    // A whole cost per seat (624,875): 8 seats less a rupiah buy 7 and leave 624,874.
    expect(seatsForBudget(4_998_999, 4_999_000, 8, 30)).toMatchObject({ seats: 7, leftoverIdr: 624_874 });
  });

  it('caps at the headcount, leaving exactly the rest of the budget, and takes a fractional budget exactly', () => {
    // 1e15 buys ⌊1e15 × 7 / 5,001,000⌋ = 1,399,720,055 seats; 30 priced cost 30 × 5,001,000 / 7.
    const capped = seatsForBudget(BUDGET_MAX_IDR, 5_001_000, 7, 30);
    expect(capped).toMatchObject({ affordable: 1_399_720_055, seats: 30, capped: true });
    expect(capped.leftoverIdr).toBe((7e15 - 150_030_000) / 7);
    expect(seatsForBudget(1_000_000, 1_000_000, 49, 0)).toMatchObject({
      seats: 0,
      capped: true,
      leftoverIdr: 1e6,
    });
    // Half a rupiah more than 7 seats at 5,001,000 / 7: 7 seats, 0.5 left.
    expect(seatsForBudget(5_001_000.5, 5_001_000, 7, 30)).toMatchObject({ seats: 7, leftoverIdr: 0.5 });
    expect(seatsForBudget(0, 5_001_000, 7, 30)).toMatchObject({ affordable: 0, seats: 0, leftoverIdr: 0 });
  });
});

describe('budgetScenario, seats decided exactly', () => {
  // The hand-computed world without c2's dropped enrollment (102): 7 past participants, 6 in
  // offering 1 (DIS-1 4, KEC-1 2) and c1 in offering 2.
  const open = async (trainerIdr: number) => {
    const db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    await insertMartRows(db, 'fct_headcount', staff('DIS-1', 2024, 30));
    await db.exec(
      `UPDATE marts.agg_handler_month SET agency_code = CASE WHEN employee_key IN ('t3', 't4', 'c3', 'c4')
         THEN 'KEC-1' ELSE 'DIS-1' END`,
    );
    await db.exec(`DELETE FROM marts.fct_enrollments WHERE enrollment_id = 102`);
    await db.exec(`UPDATE marts.fct_costs SET amount_idr = ${trainerIdr} WHERE cost_id = 1`);
    await buildMetricAggregates(db);
    return db;
  };
  const spec = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', year: 2024 };

  it('prices the seats a budget pays for, with nothing left when it pays for whole seats (numerical audit)', async () => {
    // Offering 1's trainer at 3,002,000: 3,002,000 + 1,000,000 + 999,000 = 5,001,000 over 7.
    const db = await open(3_002_000);
    try {
      const seven = await budgetScenario(db, { ...spec, budgetIdr: 5_001_000 }, {}, { minCellSize: 2 });
      expect(seven.history).toMatchObject({ participants: 7, programCostsIdr: 5_001_000 });
      expect(seven).toMatchObject({ seats: 7, seatsCapped: false, leftoverIdr: 0 }); // was 6, 714,428.57 left
      expect(seven.roi!.costs.programIdr).toBe(5_001_000);
      expect(seven.requestsPerYear).toBe(7 * seven.requestsPerSeatPerYear);
      const fourteen = await budgetScenario(db, { ...spec, budgetIdr: 10_002_000 }, {}, { minCellSize: 2 });
      expect(fourteen).toMatchObject({ seats: 14, leftoverIdr: 0 }); // was 13
      const short = await budgetScenario(db, { ...spec, budgetIdr: 5_000_999 }, {}, { minCellSize: 2 });
      expect(short).toMatchObject({ seats: 6, leftoverIdr: 5_000_993 / 7 });
      expect(short.caveats.map((c) => c.code)).not.toContain('budget_below_one_seat');
    } finally {
      db.close();
    }
  });

  it('prices on the whole-rupiah cost total, not its noise from the split over agencies', async () => {
    // Trainer 6,205,000 split 4/6 to DIS-1 and 2/6 to KEC-1 sums back to 7,203,999.999999999 in
    // doubles with c1's 999,000: the total is 8,204,000, exactly 1,172,000 a seat.
    const db = await open(6_205_000);
    try {
      const r = await budgetScenario(db, { ...spec, budgetIdr: 8_204_000 }, {}, { minCellSize: 2 });
      expect(r.history).toMatchObject({ programCostsIdr: 8_204_000, costPerParticipantIdr: 1_172_000 });
      expect(r).toMatchObject({ seats: 7, leftoverIdr: 0 });
    } finally {
      db.close();
    }
  });
});
