import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { PEOPLE, SPEC, seedCohortWorld } from '../cohort/testing/cohort-fixture.ts';
import { shownCounts, smallCounts, warningsWithNumbers } from '../cohort/testing/disclosure.ts';
import { insertMartRows, openTestMarts, seedServiceRequestDays } from '../cohort/testing/seed-marts.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { withTreatedChanges } from './effect-fixture.ts';
import { roi } from './roi.ts';
import { roiByAgency } from './roi-by-agency.ts';
import type { RoiSpec } from './roi-spec.ts';
import { roiWarningOf, roiWarnings } from './roi-warnings.ts';
import { scorecardRoiHook } from './scorecard-roi-hook.ts';

// Hand computation for PLY-PRIMA 2023 (see cohort fixture):
// Costs. Program: trainer 3,000,000 + venue 1,000,000 (offering 1 only). Participants: t1–t6 completed,
// c2 dropped (attended), c4 no-show (not counted) → 7 × 10 JP × 45/60 = 52.5 h.
// Time at 162.5 h/month: III/a (t1, t2, t6, c2) 30 h × 40,000 = 1,200,000; II/a (t3, t4) 15 h × 30,000 =
// 450,000; IV/a (t5, no dim_grade cost → 7,000,000 / 162.5) 7.5 h → 323,076.923…
const TIME = 1_200_000 + 450_000 + (7.5 * 7_000_000) / 162.5;
const COSTS = 4_000_000 + TIME;
// Benefits. DiD −3 days, 95 % CI −3 ± t₀.₉₇₅,₆ √⅓ (t = 2.446912). Days saved: base 3, low 3 − 1.41273,
// high 3 + 1.41273. Volume: 4 matched treated × 20 completed requests in the 12-month post window = 80 / year.
// Money: × 130,000 IDR per citizen day × confidence 0.8 × attribution 1.
const HALF = 2.446912 * Math.sqrt(1 / 3);
const money = (days: number) => days * 80 * 130_000 * 0.8;

describe('roi (Phillips), hand-computed', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    // IKM of DIS-1: 2022 two forms of all 3s → 75.00 (C); 2024 two forms of all 4s → 100.00 (A).
    // Each window's two in one month: a reading is withheld where satisfaction by agency per month
    // hides one of its months (ikm-change.ts), as it hides a month of one form at minCellSize 2.
    const form = (id: number, on: string, u: number) => ({
      response_id: id,
      agency_code: 'DIS-1',
      surveyed_on: on,
      ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`u${i + 1}`, u])),
    });
    await insertMartRows(db, 'fct_satisfaction', [
      form(1, '2022-03-01', 3),
      form(2, '2022-03-20', 3),
      form(3, '2023-06-01', 1), // in neither window
      form(4, '2024-03-01', 4),
      form(5, '2024-03-20', 4),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  const spec = { selector: SPEC.selector, from: SPEC.from, to: SPEC.to };

  it('loads fully loaded costs: program costs + participant hours × grade salary cost', async () => {
    const r = await roi(db, spec, {}, { minCellSize: 2 });
    expect(r.participants).toBe(7);
    expect(r.completed).toBe(6);
    expect(r.participantHours).toBeCloseTo(52.5, 12);
    expect(r.costs!.programByCategoryIdr).toEqual({ trainer: 3_000_000, venue: 1_000_000 });
    expect(r.costs!.participantTimeIdr).toBeCloseTo(TIME, 6);
    expect(r.costs!.totalIdr).toBeCloseTo(COSTS, 6);
  });

  it('values first-year citizen days saved, low/base/high from the CI, ROI %, BCR, payback', async () => {
    const r = await roi(db, spec, {}, { minCellSize: 2 });
    expect(r.effect.didDays).toBeCloseTo(-3, 12);
    expect(r.effect.handlers).toBe(4);
    expect(r.effect.requestsPerYear).toBe(80);
    expect(r.effect.daysSavedPerRequest!.low).toBeCloseTo(3 - HALF, 5);
    expect(r.effect.daysSavedPerRequest!.high).toBeCloseTo(3 + HALF, 5);
    expect(r.base!.benefitsIdr).toBeCloseTo(money(3), 4); // 24,960,000
    expect(r.low!.benefitsIdr).toBeCloseTo(money(3 - HALF), -1);
    expect(r.high!.benefitsIdr).toBeCloseTo(money(3 + HALF), -1);
    expect(r.base!.roiPercent).toBeCloseTo(((money(3) - COSTS) / COSTS) * 100, 8); // ≈ 317.88 %
    expect(r.base!.bcr).toBeCloseTo(money(3) / COSTS, 10);
    expect(r.base!.paybackMonths).toBeCloseTo(COSTS / (money(3) / 12), 10); // ≈ 2.87 months
    // The 2023 cohort's trained handlers work in two agencies (DIS-1, KEC-1): fewer than FEW_AGENCIES.
    expect(r.warnings.map((w) => w.code)).toEqual(['few_agencies']);
  });

  it('prices the joint model instead with isolation joint (every 2023 program at once)', async () => {
    // program-effects.test.ts: β_PLY = −3, SE √0.9, df 4; its completers in the model t1–t5 handled
    // 5 × 20 = 100 completed requests in the post window (t5, unmatched in the cohort, counts here).
    const half = 2.7764451051977987 * Math.sqrt(0.9);
    const r = await roi(db, { ...spec, isolation: 'joint' }, {}, { minCellSize: 1 });
    expect(r.effect.isolation).toBe('joint');
    expect(r.effect.didDays).toBeCloseTo(-3, 12);
    expect(r.effect.handlers).toBe(5);
    expect(r.effect.requestsPerYear).toBe(100);
    expect(r.effect.daysSavedPerRequest!.low).toBeCloseTo(3 - half, 6);
    expect(r.effect.daysSavedPerRequest!.high).toBeCloseTo(3 + half, 6);
    const value = (days: number) => days * 100 * 130_000 * 0.8;
    expect(r.base!.benefitsIdr).toBeCloseTo(value(3), 4);
    expect(r.low!.benefitsIdr).toBeCloseTo(value(3 - half), -1);
    expect(r.costs!.totalIdr).toBeCloseTo(COSTS, 6);
    // The cohort comparison is still reported as it is.
    expect(r.cohort.did.estimate).toBeCloseTo(-3, 12);
    expect(r.cohort.treated.n).toBe(4);
    // The default stays the cohort comparison.
    expect((await roi(db, spec, {}, { minCellSize: 2 })).effect.isolation).toBe('cohort');
  });

  it('with isolation joint and no row for the selector, no benefit and no_effect_data', async () => {
    const r = await roi(db, { ...spec, isolation: 'joint' }, {}, { minCellSize: 50 });
    expect(r.effect.daysSavedPerRequest).toBeNull();
    expect(r.streams[0]?.benefitsIdr).toEqual({ low: 0, base: 0, high: 0 });
    expect(r.suppressed).toBe(true);
    // Its 7 participants are below 50 too: their costs and the cases are hidden.
    expect([r.participants, r.suppressionReason, r.base]).toEqual([null, null, null]);
    expect(r.warnings.map((w) => w.code)).toContain('no_effect_data');
    // The row's 5 completers in the model are below 50: no handlers named, no volume of them priced.
    expect(r.effect.handlers).toBeNull();
    expect(r.effect.requestsPerYear).toBe(0);
    expect(r.streams[0]?.volumePerYear).toBe(0);
    expect(smallCounts({ cohort: r.cohort, effect: r.effect }, 50)).toEqual([]);
  });

  it('echoes every assumption with default/override and lists IKM apart', async () => {
    const r = await roi(db, spec, { citizenDayValueIdr: 100_000, jpMinutes: 60 }, { minCellSize: 2 });
    const byName = Object.fromEntries(r.assumptions.map((a) => [a.name, a]));
    expect(byName.citizenDayValueIdr).toMatchObject({ value: 100_000, source: 'override' });
    expect(byName.jpMinutes).toMatchObject({ value: 60, source: 'override' });
    expect(byName.confidence).toMatchObject({ value: 0.8, source: 'default' });
    expect(byName.attribution).toMatchObject({ value: 1, source: 'default' });
    expect(byName.workingHoursPerMonth).toMatchObject({ value: 162.5, source: 'default' });
    expect(byName.horizonMonths).toMatchObject({ value: 12 });
    expect(byName.hourlySalaryCostIdr!.value).toBeCloseTo(TIME / 52.5, 6);
    expect(r.participantHours).toBeCloseTo(70, 12);
    expect(r.base!.benefitsIdr).toBeCloseTo(3 * 80 * 100_000 * 0.8, 4);
    expect(r.ikmChanges).toEqual([
      {
        agencyCode: 'DIS-1',
        pre: { ikm: 75, band: 'C', respondents: 2 },
        post: { ikm: 100, band: 'A', respondents: 2 },
        change: 25,
        preSuppressed: false,
        postSuppressed: false,
      },
      {
        agencyCode: 'KEC-1',
        pre: null,
        post: null,
        change: null,
        preSuppressed: false,
        postSuppressed: false,
      },
    ]);
    expect(r.intangibles.map((i) => i.name)).toEqual(['IKM DIS-1']);
    expect(r.intangibles[0]).toMatchObject({
      description:
        'IKM 75.00 (C, 2 respondents) → 100.00 (A, 2 respondents) from the year before 2023-01-01 to the year after 2023-12-31; descriptive, not attributed to training.',
      descriptionId:
        'IKM 75,00 (C, 2 responden) → 100,00 (A, 2 responden) dari tahun sebelum 2023-01-01 ke tahun sesudah 2023-12-31; deskriptif, tidak diatribusikan ke pelatihan.',
    });
    expect(r.streams[0]).toMatchObject({
      nameId: 'hari warga yang dihemat',
      effectUnitId: 'hari dihemat per permohonan',
    });
    expect(r.assumptions.every((a) => a.noteId.length > 0)).toBe(true);
  });

  it('echoes the monthly cost the hourly cost comes from: the participants’ grade mix by default', async () => {
    const r = await roi(db, spec, {}, { minCellSize: 2 });
    const byName = Object.fromEntries(r.assumptions.map((a) => [a.name, a]));
    // Hours-weighted mean monthly cost over the 52.5 h: TIME × 162.5 / 52.5 = 6,094,505.49…
    expect(byName.monthlySalaryCostIdr!.value).toBeCloseTo((TIME * 162.5) / 52.5, 6);
    expect(byName.monthlySalaryCostIdr).toMatchObject({ source: 'default' });
    expect(byName.monthlySalaryCostIdr!.note).toMatch(
      /^Hours-weighted mean .* 7\.5 h of grades without a cost at 7,000,000 IDR/,
    );
    expect(byName.monthlySalaryCostIdr!.noteId).toMatch(
      /7,5 jam dari golongan tanpa biaya dihitung 7\.000\.000 IDR/,
    );
    expect(byName.hourlySalaryCostIdr).toMatchObject({ source: 'default' });
    expect(byName.hourlySalaryCostIdr!.value).toBeCloseTo(byName.monthlySalaryCostIdr!.value! / 162.5, 9);
  });

  it('prices every participant hour at a monthly cost the caller gives (overriding the grades)', async () => {
    // 8,125,000 / 162.5 = 50,000 per hour × 52.5 h = 2,625,000, for every grade alike.
    const r = await roi(db, spec, { monthlySalaryCostIdr: 8_125_000 }, { minCellSize: 2 });
    expect(r.costs!.participantTimeIdr).toBeCloseTo(2_625_000, 6);
    expect(r.costs!.totalIdr).toBeCloseTo(4_000_000 + 2_625_000, 6);
    const byName = Object.fromEntries(r.assumptions.map((a) => [a.name, a]));
    expect(byName.monthlySalaryCostIdr).toMatchObject({ value: 8_125_000, source: 'override' });
    expect(byName.hourlySalaryCostIdr).toMatchObject({ value: 50_000, source: 'override' });
    // With fewer working hours the same monthly cost makes a dearer hour: 8,125,000 / 125 = 65,000.
    const hours = await roi(
      db,
      spec,
      { monthlySalaryCostIdr: 8_125_000, workingHoursPerMonth: 125 },
      { minCellSize: 2 },
    );
    expect(hours.costs!.participantTimeIdr).toBeCloseTo(52.5 * 65_000, 6);
    // An hourly cost replaces both; the echo says the monthly cost and the hours were not used.
    const hourly = await roi(
      db,
      spec,
      { monthlySalaryCostIdr: 8_125_000, hourlySalaryCostIdr: 40_000 },
      { minCellSize: 2 },
    );
    expect(hourly.costs!.participantTimeIdr).toBeCloseTo(52.5 * 40_000, 6);
    const echo = Object.fromEntries(hourly.assumptions.map((a) => [a.name, a]));
    expect(echo.monthlySalaryCostIdr!.note).toMatch(/Not used: hourlySalaryCostIdr was given\.$/);
    expect(echo.workingHoursPerMonth!.noteId).toMatch(/Tidak dipakai: hourlySalaryCostIdr diberikan\.$/);
    expect(echo.hourlySalaryCostIdr).toMatchObject({ value: 40_000, source: 'override' });
  });

  it('assumes no benefit when the effect is suppressed (Phillips: no data, no improvement)', async () => {
    const r = await roi(db, spec); // default min cell 5 > 4 treated
    expect(r.suppressed).toBe(true);
    expect(r.effect.daysSavedPerRequest).toBeNull();
    expect(r.base!.benefitsIdr).toBe(0);
    expect(r.base!.roiPercent).toBeCloseTo(-100, 10);
    expect(r.warnings.map((w) => w.code)).toEqual(['no_effect_data']);
    // Disclosure control: neither the cohort behind it nor the effect names its 4 handlers.
    expect(r.effect.handlers).toBeNull();
    expect(r.effect.requestsPerYear).toBe(0);
    expect([r.cohort.n, r.cohort.treated.n, r.cohort.control.n]).toEqual([null, null, null]);
    expect(shownCounts({ cohort: r.cohort, effect: r.effect })).toEqual([]);
    expect(warningsWithNumbers(r.cohort.warnings, 5)).toEqual([]);
  });

  it('allocates program costs to an agency by its participant share', async () => {
    const r = await roi(db, { ...spec, agencies: ['KEC-1'] }, {}, { minCellSize: 2 });
    // KEC-1 attended 2 of 7 seats of offering 1; time: 15 h × 30,000.
    expect(r.costs!.programIdr).toBeCloseTo((4_000_000 * 2) / 7, 6);
    expect(r.costs!.participantTimeIdr).toBeCloseTo(450_000, 6);
    expect(r.participants).toBe(2);
  });

  it('summarises ROI per agency in a fixed number of queries', async () => {
    const before = db.queryCount;
    const rows = await roiByAgency(db, { year: 2023, agencies: ['DIS-1', 'KEC-1'] }, {}, { minCellSize: 1 });
    // Cells, costs, IKM, coverage, the year's completion by agency (disclosure control), and
    // satisfaction by agency over each IKM window (its readings' disclosure control).
    expect(db.queryCount - before).toBe(7);
    expect(rows.map((r) => r.agencyCode)).toEqual(['DIS-1', 'KEC-1']);
    const kec = rows[1]!;
    // KEC-1, any training in 2023: treated t3, t4 (PLY-PRIMA) and c3 (OTHER); control c4.
    expect(kec.participants).toBe(3);
    expect(kec.n).toBe(4);
    expect(kec.costsIdr).toBeCloseTo((4_000_000 * 2) / 7 + 500_000 + 450_000 + 7.5 * (4 / 10) * 30_000, 6);
    expect(rows[0]!.ikmChange).toBe(25);
  });

  it('feeds the agency scorecard hook: base ROI % per agency and year, warnings as a note', async () => {
    const hook = scorecardRoiHook(db, {}, { minCellSize: 1 });
    const rows = await hook({ agencies: ['KEC-1'], years: [2023] });
    const direct = await roiByAgency(db, { year: 2023, agencies: ['KEC-1'] }, {}, { minCellSize: 1 });
    expect(rows).toEqual([
      expect.objectContaining({ agency: 'KEC-1', year: 2023, roiPct: direct[0]!.roiPercent.base }),
    ]);
    expect(rows[0]!.warnings?.map((w) => w.code)).toEqual(direct[0]!.warnings);
  });

  it('looks every warning up by its code', () => {
    expect(roiWarningOf('no_effect_data')).toEqual(roiWarnings.noEffectData());
    expect(roiWarningOf('no_data_after_training')).toEqual(roiWarnings.noDataAfter());
    expect(roiWarningOf('post_window_incomplete')).toEqual(roiWarnings.windowIncomplete());
    expect(roiWarningOf('effect_ci_includes_zero')).toEqual(roiWarnings.ciIncludesZero());
    expect(roiWarningOf('effect_adverse')).toEqual(roiWarnings.adverseEffect());
    expect(roiWarningOf('no_costs')).toEqual(roiWarnings.noCosts());
  });

  it('gives the scorecard the caveats of an unmeasured effect: −100 % read as "no measured benefit"', async () => {
    // Minimum cell size 3: KEC-1's cohort is too small (1 control), so its effect is not measured;
    // its 3 participants are shown (under the default 5 they would be hidden, ROI % with them).
    const hook = scorecardRoiHook(db, {}, { minCellSize: 3 });
    const [row] = await hook({ agencies: ['KEC-1'], years: [2023] });
    expect(row!.roiPct).toBeCloseTo(-100, 10);
    expect(row!.warnings).toEqual([roiWarningOf('no_effect_data')]);
    expect(row!.warnings![0]).toMatchObject({
      code: 'no_effect_data',
      id: expect.stringMatching(/manfaat dianggap nol/),
      en: expect.stringMatching(/no benefit is assumed/),
    });
    expect(row!.note).toBe('no measurable effect on service time: no benefit assumed (Phillips)');
    // roiByAgency itself: KEC-1's 3 treated and 1 control are not counted in n.
    const [kec] = await roiByAgency(db, { year: 2023, agencies: ['KEC-1'] }, {}, { minCellSize: 3 });
    expect(kec!.suppressed).toBe(true);
    expect(kec!.n).toBeNull();
  });

  // Last: they give the fixture service requests (coverage 2021 – 2023, then to mid-2024), which the
  // tests above do not expect.
  it('tells "no data after the training yet" from "too little data" by the service data\'s coverage', async () => {
    await seedServiceRequestDays(db, ['2021-01-01', '2023-12-31']);
    // Training in 2023 (default minimum cell size: too small to measure): the window after it is 2024.
    const after = await roi(db, spec);
    expect(after.warnings.map((w) => w.code)).toEqual(['no_data_after_training']);
    // Training in the first half of 2021: the window before it (2020) is before the data.
    const before = await roi(db, { ...spec, from: '2021-01-01', to: '2021-06-30' });
    expect(before.warnings.map((w) => w.code)).toContain('no_data_before_training');
    expect(roiWarningOf('no_data_before_training')).toEqual(roiWarnings.noDataBefore());
    // Training in 2022 (window after it: 2023, within the data): simply too little data.
    const within = await roi(db, { ...spec, from: '2022-01-01', to: '2022-12-31' });
    expect(within.warnings.map((w) => w.code)).toContain('no_effect_data');
  });

  it('says when the window after the training runs past the data: benefits likely understated', async () => {
    // Training to March 2023: the 12-month window after it runs to March 2024, past the data's end.
    const partial = await roi(db, { ...spec, to: '2023-03-31' }, {}, { minCellSize: 1 });
    expect(partial.warnings.map((w) => w.code)).toContain('post_window_incomplete');
    // Training to December 2023: the window after it starts after the data's end.
    const none = await roi(db, spec, {}, { minCellSize: 1 });
    expect(none.warnings.map((w) => w.code)).not.toContain('post_window_incomplete');
    // The data ends on 30 September 2024: the window after the 2023 training (all of 2024) runs past it.
    await seedServiceRequestDays(db, ['2024-09-30']);
    const midYear = await roi(db, spec, {}, { minCellSize: 1 });
    expect(midYear.warnings.map((w) => w.code)).toContain('post_window_incomplete');
  });
});

describe('roi warnings on the effect’s CI (hand-computed)', () => {
  // The fixture with the treated handlers' changes mirrored: +4, +2, +3, +3 (mean +3, variance ⅔ as
  // before), controls unchanged (mean 0): DiD +3 days, CI 3 ± t₀.₉₇₅,₆ √⅓ = 1.587 … 4.413, a shown
  // slowdown. Days saved: base max(0, −3) = 0, low 0, high max(0, −1.587) = 0: no benefit in any case.
  it('calls a CI wholly above zero a slowdown (effect_adverse), not "includes zero"', async () => {
    const db = await openTestMarts();
    try {
      await seedCohortWorld(db, withTreatedChanges([4, 2, 3, 3]));
      const r = await roi(
        db,
        { selector: SPEC.selector, from: SPEC.from, to: SPEC.to },
        {},
        { minCellSize: 2 },
      );
      expect(r.cohort.did.estimate).toBeCloseTo(3, 12);
      expect(r.cohort.did.ci!.low).toBeCloseTo(3 - HALF, 5);
      expect(r.cohort.did.ci!.high).toBeCloseTo(3 + HALF, 5);
      expect(r.effect.daysSavedPerRequest).toEqual({ low: 0, base: 0, high: 0 });
      expect([r.low!.benefitsIdr, r.base!.benefitsIdr, r.high!.benefitsIdr]).toEqual([0, 0, 0]);
      expect(r.base!.roiPercent).toBeCloseTo(-100, 10);
      expect(r.warnings.map((w) => w.code)).toEqual(['effect_adverse', 'few_agencies']);
      expect(r.warnings[0]!.id).toMatch(/^Layanan menjadi lebih lambat secara signifikan/);
      expect(r.warnings[0]!.en).toMatch(/^Service got significantly slower after the training/);
    } finally {
      db.close();
    }
  });

  // Treated changes −1, +1, 0, 0 (mean 0): DiD 0, CI ± 1.413, containing zero: no effect shown. Days
  // saved: base 0, low 0, high 1.413 → the high case alone has a benefit.
  it('keeps effect_ci_includes_zero for a CI across zero', async () => {
    const db = await openTestMarts();
    try {
      await seedCohortWorld(db, withTreatedChanges([-1, 1, 0, 0]));
      const r = await roi(
        db,
        { selector: SPEC.selector, from: SPEC.from, to: SPEC.to },
        {},
        { minCellSize: 2 },
      );
      expect(r.cohort.did.estimate).toBeCloseTo(0, 12);
      expect(r.effect.daysSavedPerRequest!.high).toBeCloseTo(HALF, 5);
      expect(r.high!.benefitsIdr).toBeCloseTo(money(HALF), -1);
      expect(r.base!.benefitsIdr).toBe(0);
      expect(r.warnings.map((w) => w.code)).toEqual(['effect_ci_includes_zero', 'few_agencies']);
    } finally {
      db.close();
    }
  });
});

describe('roi suppressed: disclosure control only, under either isolation', () => {
  // The fixture and NOBODY: an offering in 2023 with 2,000,000 IDR of costs whose invitations were all
  // declined (no enrollment). 2023's joint model is fitted at a minimum of 2 (4 untrained), without a
  // row for NOBODY; 2022's is not fitted at all: nobody has data in 2023, its window after.
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    const nobody = { program_id: 3, program_code: 'NOBODY', method: 'seminar', competency_area: 'it' };
    await insertMartRows(db, 'dim_program', [{ ...nobody, jp: 8 }]);
    await insertMartRows(db, 'dim_offering', [
      { offering_id: 4, ...nobody, starts_on: '2023-05-06', year: 2023 },
    ]);
    await insertMartRows(db, 'fct_costs', [
      { cost_id: 5, offering_id: 4, ...nobody, category: 'trainer', amount_idr: 2_000_000, year: 2023 },
    ]);
  });
  afterAll(() => db.close());

  const both = async (spec: RoiSpec, minCellSize: number) =>
    Promise.all(
      (['cohort', 'joint'] as const).map((isolation) => roi(db, { ...spec, isolation }, {}, { minCellSize })),
    );

  it('is not suppressed for a program nobody took part in: no estimate, no_effect_data, nothing hidden', async () => {
    const spec = {
      selector: { kind: 'program', value: 'NOBODY' },
      from: '2023-01-01',
      to: '2023-12-31',
    } as const;
    for (const r of await both(spec, 2)) {
      const name = r.effect.isolation;
      expect(r.suppressed, name).toBe(false);
      expect([r.participants, r.n, r.effect.handlers, r.effect.daysSavedPerRequest], name).toEqual([
        0,
        0,
        0,
        null,
      ]);
      expect(r.costs!.programIdr, name).toBe(2_000_000);
      expect(r.base!.roiPercent, name).toBeCloseTo(-100, 10);
      expect(
        r.warnings.map((w) => w.code),
        name,
      ).toEqual(['no_effect_data']);
    }
  });

  it('is not suppressed when the joint model has nobody with data after the training (nothing to compare)', async () => {
    const spec = { selector: SPEC.selector, from: '2022-01-01', to: '2022-12-31' } as const;
    const [cohort, joint] = await both(spec, 1);
    // c1's 2022 run: no 2023 data, so neither the comparison nor the model has anyone to compare.
    expect(cohort!.cohort.warnings.map((w) => w.code)).toContain('nothing_to_compare');
    for (const r of [cohort!, joint!]) {
      expect(r.suppressed, r.effect.isolation).toBe(false);
      expect([r.participants, r.effect.handlers, r.effect.didDays], r.effect.isolation).toEqual([1, 0, null]);
      expect(
        r.warnings.map((w) => w.code),
        r.effect.isolation,
      ).toEqual(['no_effect_data']);
    }
  });

  it('stays suppressed when disclosure control hides the effect or the participants', async () => {
    const ply = { selector: SPEC.selector, from: SPEC.from, to: SPEC.to } as const;
    // Minimum 5: 4 matched treated and 4 untrained, so the comparison and the joint model are hidden;
    // PLY-PRIMA's 7 participants are shown.
    for (const r of await both(ply, 5)) {
      expect(r.suppressed, r.effect.isolation).toBe(true);
      expect([r.participants, r.effect.handlers], r.effect.isolation).toEqual([7, null]);
      expect(
        r.warnings.map((w) => w.code),
        r.effect.isolation,
      ).toEqual(['no_effect_data']);
    }
    // Minimum 2: the joint row of OTHER (c3 alone in the model) is hidden, its one participant too.
    const other = { ...ply, selector: { kind: 'program', value: 'OTHER' } } as const;
    const [, joint] = await both(other, 2);
    expect(joint!.suppressed).toBe(true);
    expect([joint!.participants, joint!.effect.handlers]).toEqual([null, null]);
  });
});
