import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { behaviourChange } from './behaviour-change.ts';
import { cohortComparison } from './cohort-comparison.ts';
import { loadCohortUnits } from './cohort-units.ts';
import {
  appraisalWorld,
  PEOPLE,
  type Person,
  SPEC,
  STRATA,
  seedCohortWorld,
} from './testing/cohort-fixture.ts';
import { shownCounts, smallCounts, warningsWithNumbers } from './testing/disclosure.ts';
import { insertMartRows, openTestMarts, seedServiceRequestDays } from './testing/seed-marts.ts';

describe('cohortComparison: service days, hand-computed', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
  });
  afterAll(() => db.close());

  it('builds the population as of the window start, with strata and the treated flag', async () => {
    const { units } = await loadCohortUnits(db, SPEC);
    const byKey = Object.fromEntries(units.map((u) => [u.employeeKey, u]));
    expect(Object.keys(byKey).sort()).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
      't1',
      't2',
      't3',
      't4',
      't5',
      't6',
    ]);
    expect(byKey.t1).toMatchObject({
      treated: true,
      stratum: 'dinas|III|10-19',
      placebo: 10,
      pre: 10,
      post: 6,
    });
    expect(byKey.c1).toMatchObject({ treated: false, stratum: 'dinas|III|10-19' });
    expect(byKey.c3).toMatchObject({ treated: false, stratum: 'kecamatan|II|<5' });
    expect(byKey.t5?.stratum).toBe('dinas|IV|20+');
    expect(byKey.c5?.stratum).toBe('badan|I|5-9');
    expect(byKey.t6?.pre).toBeNull();
    expect(byKey.t1?.postCompleted).toBe(20);
    expect(byKey.t3?.agencyCode).toBe('KEC-1');
  });

  it('gives the exact DiD, Welch SE, t CI and Hedges g', async () => {
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(r.windows).toEqual({
      placebo: { from: '2021-01-01', to: '2021-12-31' },
      pre: { from: '2022-01-01', to: '2022-12-31' },
      post: { from: '2024-01-01', to: '2024-12-31' },
    });
    expect(r.treated).toEqual({ n: 4, nEffective: 4, meanPre: 9.75, meanPost: 6.75, meanChange: -3 });
    expect(r.control).toEqual({ n: 4, nEffective: 4, meanPre: 9.5, meanPost: 9.5, meanChange: 0 });
    expect(r.did.estimate).toBeCloseTo(-3, 12);
    // SE = √(⅔/4 + ⅔/4) = √⅓; df = (⅓)² / (2 (⅙)² / 3) = 6; t₀.₉₇₅,₆ = 2.446912 (printed tables).
    expect(r.did.se).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(r.did.df).toBeCloseTo(6, 10);
    expect(r.did.ci!.low).toBeCloseTo(-3 - 2.446912 * Math.sqrt(1 / 3), 5);
    expect(r.did.ci!.high).toBeCloseTo(-3 + 2.446912 * Math.sqrt(1 / 3), 5);
    // d = −3 / √⅔ = −3.674235; J = 1 − 3/(4·6 − 1) = 20/23; g = −3.194987; SE = J √(8/16 + d²/16).
    expect(r.hedgesG!.g).toBeCloseTo(-3.194987, 5);
    expect(r.hedgesG!.se).toBeCloseTo((20 / 23) * Math.sqrt(0.5 + 13.5 / 16), 10);
    expect(r.matching).toEqual({
      treatedEligible: 5,
      treatedDropped: 1,
      treatedDroppedShare: 0.2,
      controlUnused: 1,
      strata: 2,
    });
    expect(r.n).toBe(8);
    expect(r.suppressed).toBe(false);
  });

  it('checks pre-trends on placebo → pre and warns only for what applies', async () => {
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(r.preTrend).toMatchObject({ nTreated: 4, nControl: 4, ciExcludesZero: false });
    expect(r.preTrend!.estimate).toBeCloseTo(0, 12);
    // 20 % dropped is not more than 20 %: no poor-overlap warning; n < 30: small-n warning; the
    // matched trained work in DIS-1 and KEC-1 (t5's stratum has no control): few agencies.
    expect(r.warnings.map((w) => w.code)).toEqual(['small_n', 'few_agencies']);
    // Shown, the comparison names its group sizes.
    expect(r.warnings[0]!.id).toContain('Jumlah pegawai kecil (dilatih 4, pembanding 4');
    expect(r.warnings[0]!.en).toContain('trained 4, comparison 4');
    expect(r.warnings[1]!.id).toContain('hanya bekerja di 2 instansi');
    expect(r.warnings[1]!.en).toContain('work in only 2 agencies');
  });

  it('does not warn few_agencies when the whole comparison lies within one agency, nor when suppressed', async () => {
    // DIS-1 alone: t1, t2 against c1, c2, all of DIS-1. A change of DIS-1's own reaches both groups,
    // and the difference in differences takes it out.
    const one = await cohortComparison(db, { ...SPEC, agencies: ['DIS-1'] }, { minCellSize: 2 });
    expect(one.suppressed).toBe(false);
    expect(one.did.estimate).toBeCloseTo(-3, 12); // t1 −4, t2 −2 against c1 +1, c2 −1
    expect(one.warnings.map((w) => w.code)).toEqual(['small_n', 'poor_overlap']); // t5 unmatched
    const hidden = await cohortComparison(db, SPEC);
    expect(hidden.suppressed).toBe(true);
    expect(hidden.warnings.map((w) => w.code)).not.toContain('few_agencies');
  });

  it('suppresses the estimate below the minimum cell size, and every count with it', async () => {
    const r = await cohortComparison(db, SPEC);
    expect(r.suppressed).toBe(true);
    expect(r.treated).toEqual({ n: null, nEffective: null, meanPre: null, meanPost: null, meanChange: null });
    expect(r.control).toEqual({ n: null, nEffective: null, meanPre: null, meanPost: null, meanChange: null });
    expect(r.did).toEqual({ estimate: null, se: null, df: null, pValue: null, ci: null });
    expect(r.hedgesG).toBeNull();
    expect(r.n).toBeNull();
    expect(r.matching).toEqual({
      treatedEligible: null,
      treatedDropped: null,
      treatedDroppedShare: null,
      controlUnused: null,
      strata: null,
    });
    // The placebo arms (4 and 4) are below the minimum too: no estimate, no count.
    expect(r.preTrend).toMatchObject({
      estimate: null,
      nTreated: null,
      nControl: null,
      ciExcludesZero: null,
    });
    expect(r.warnings.map((w) => w.code)).toEqual(['suppressed', 'small_n']);
    expect(shownCounts(r)).toEqual([]);
    expect(smallCounts(r, 5)).toEqual([]);
    expect(warningsWithNumbers(r.warnings, 5)).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/"(n|nTreated|nControl|treatedEligible)":[1-4][,}]/);
  });

  it('warns about poor overlap when a stricter threshold applies', async () => {
    const r = await cohortComparison(db, SPEC, { minCellSize: 2, maxDroppedShare: 0.1 });
    const overlap = r.warnings.find((w) => w.code === 'poor_overlap');
    expect(overlap?.en).toContain('1 trained employees (20%)');
    // Suppressed, it says the same without the count or the share.
    const hidden = await cohortComparison(db, SPEC, { maxDroppedShare: 0.1 });
    expect(hidden.warnings.map((w) => w.code)).toContain('poor_overlap');
    expect(warningsWithNumbers(hidden.warnings, 5)).toEqual([]);
  });

  it('nobody to compare hides nobody: not suppressed, n 0, no estimate, and it says so', async () => {
    const r = await cohortComparison(db, { ...SPEC, selector: { kind: 'program', value: 'NONE' } });
    expect(r.suppressed).toBe(false);
    expect(r.suppressionReason).toBeNull();
    expect([r.n, r.treated.n, r.treated.nEffective, r.matching.treatedEligible]).toEqual([0, 0, 0, 0]);
    expect([r.matching.treatedDropped, r.matching.treatedDroppedShare, r.matching.strata]).toEqual([0, 0, 0]);
    // Everyone with data in both windows (10) is a comparison employee, none in a matched stratum:
    // 10 is no small count, and the filter-complement check found no small difference.
    expect(r.control.n).toBe(0);
    expect(r.matching.controlUnused).toBe(10);
    expect(r.did).toEqual({ estimate: null, se: null, df: null, pValue: null, ci: null });
    expect(r.hedgesG).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['nothing_to_compare']);
    expect(smallCounts(r, 5)).toEqual([]);
  });

  it('suppressed at any minimum, carries no count, nor a number in its warnings', async () => {
    let suppressed = 0;
    for (const minCellSize of [1, 2, 4, 5, 6, 9]) {
      for (const maxDroppedShare of [0.1, 0.5]) {
        const r = await cohortComparison(db, SPEC, { minCellSize, maxDroppedShare });
        // Arms of 4 and 4: shown from 4 down, suppressed from 5 up.
        expect(r.suppressed).toBe(minCellSize > 4);
        if (!r.suppressed) continue;
        suppressed += 1;
        expect(smallCounts(r, minCellSize), `minCellSize ${minCellSize}`).toEqual([]);
        expect(shownCounts(r), `minCellSize ${minCellSize}`).toEqual([]);
        expect(warningsWithNumbers(r.warnings, minCellSize)).toEqual([]);
      }
    }
    expect(suppressed).toBe(6);
  });

  it('selects by method and area too (OTHER/seminar makes c3 treated for seminars)', async () => {
    const { units } = await loadCohortUnits(db, { ...SPEC, selector: { kind: 'method', value: 'seminar' } });
    expect(units.filter((u) => u.treated).map((u) => u.employeeKey)).toEqual(['c3']);
    const clean = await loadCohortUnits(db, {
      ...SPEC,
      selector: { kind: 'method', value: 'seminar' },
      excludeFromControl: [{ kind: 'program', value: 'PLY-PRIMA' }],
    });
    expect(clean.units.map((u) => u.employeeKey)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    const any = await loadCohortUnits(db, { ...SPEC, selector: { kind: 'any', value: '' } });
    expect(any.units.filter((u) => u.treated).map((u) => u.employeeKey)).toEqual([
      'c3',
      't1',
      't2',
      't3',
      't4',
      't5',
      't6',
    ]);
  });
});

describe('cohortComparison: few_agencies when the trained of one agency are compared with staff of others', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    // Every trained employee works in DIS-1 (t3 and t4 in a kecamatan-kind stratum still: only the
    // agency code moves); c1 and c2, t1's and t2's matches, in another dinas, DIS-2; c3 and c4 stay
    // in KEC-1. The same strata and days: the same estimate, −3.
    const move = (keys: string, from: string, to: string) =>
      ['dim_employee', 'agg_handler_month', 'fct_enrollments'].map(
        (table) =>
          `UPDATE marts.${table} SET agency_code = '${to}' WHERE employee_key IN (${keys}) AND agency_code = '${from}'`,
      );
    for (const sql of [...move(`'t3', 't4'`, 'KEC-1', 'DIS-1'), ...move(`'c1', 'c2'`, 'DIS-1', 'DIS-2')])
      await db.exec(sql);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('warns, naming the one agency the matched trained work in', async () => {
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(r.suppressed).toBe(false);
    expect(r.did.estimate).toBeCloseTo(-3, 12);
    expect(r.warnings.map((w) => w.code)).toEqual(['small_n', 'few_agencies']);
    const few = r.warnings[1]!;
    expect(few.id).toContain('hanya bekerja di 1 instansi: perubahan lain di instansi itu');
    expect(few.en).toContain('work in only 1 agency:');
  });
});

describe('cohortComparison: stratum weights and diverging pre-trends', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    // Two more controls in A: A has 4 controls for 2 treated (weight ½), B 2 for 2 (weight 1).
    // Treated placebo values 4 days higher than pre: the treated were already improving.
    const people: Person[] = PEOPLE.map((p) =>
      p.treated
        ? {
            ...p,
            days: [p.days[1] === null ? 7 : p.days[1] + 4 + (p.key === 't2' ? 1 : 0), p.days[1], p.days[2]],
          }
        : p,
    );
    people.push(
      { key: 'c6', stratum: 'A', treated: false, days: [20, 20, 22] },
      { key: 'c7', stratum: 'A', treated: false, days: [14, 14, 14] },
    );
    await insertMartRows(db, 'dim_employee', [
      { employee_key: 'c6', ...STRATA.A, agency_code: 'DIS-1', valid_from: '2010-01-01' },
      { employee_key: 'c7', ...STRATA.A, agency_code: 'DIS-1', valid_from: '2010-01-01' },
    ]);
    await seedCohortWorld(db, people);
  });
  afterAll(() => db.close());

  it('weights controls n_T,s / n_C,s so their strata mix is the treated one', async () => {
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    // Weighted control pre = (½(11 + 9 + 20 + 14) + 8 + 10) / 4 = 11.25; change = (½(−1 + 1 + 2 + 0) + 0) / 4.
    expect(r.control.n).toBe(6);
    expect(r.control.nEffective).toBeCloseTo(16 / 3, 12);
    expect(r.control.meanPre).toBeCloseTo(11.25, 12);
    expect(r.control.meanChange).toBeCloseTo(0.25, 12);
    expect(r.did.estimate).toBeCloseTo(-3.25, 12);
  });

  it('hides the larger arm of a suppressed comparison too: n − control n would give the small one', async () => {
    // 4 treated, 6 controls: below a minimum of 5 the treated arm is suppressed, and so is the
    // control arm of 6, n and every matching figure, which would give back the 4.
    const r = await cohortComparison(db, SPEC, { minCellSize: 5 });
    expect(r.suppressed).toBe(true);
    expect([r.treated.n, r.control.n, r.control.nEffective, r.n]).toEqual([null, null, null, null]);
    expect(shownCounts(r)).toEqual([]);
    const shown = await cohortComparison(db, SPEC, { minCellSize: 4 });
    expect([shown.treated.n, shown.control.n, shown.n]).toEqual([4, 6, 10]);
  });

  it('flags diverging pre-trends when the placebo CI excludes 0', async () => {
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(r.preTrend!.ciExcludesZero).toBe(true);
    expect(r.preTrend!.estimate!).toBeLessThan(0);
    expect(r.warnings.map((w) => w.code)).toContain('diverging_pre_trends');
  });

  it('restricts the population to agencies at the window start', async () => {
    const { units } = await loadCohortUnits(db, { ...SPEC, agencies: ['KEC-1'] });
    expect(units.map((u) => u.employeeKey).sort()).toEqual(['c3', 'c4', 't3', 't4']);
  });
});

describe('behaviourChange (L3): appraisal score, trained vs untrained', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    // Scores for 2021 (placebo), 2022 (pre), 2023 (in the treatment year: in no window), 2024 (post).
    const scores: Record<string, [number, number, number, number]> = {
      t1: [80, 80, 99, 84],
      t2: [78, 79, 99, 82],
      t3: [81, 82, 99, 87],
      c1: [80, 81, 50, 81],
      c2: [77, 78, 50, 79],
      c3: [85, 85, 50, 84],
    };
    await appraisalWorld(db, scores);
  });
  afterAll(() => db.close());

  it('is the cohort comparison of year-end SKP scores: Δ treated 4, 3, 5; control 0, 1, −1', async () => {
    const r = await behaviourChange(
      db,
      { selector: { kind: 'program', value: 'PLY-PRIMA' }, from: '2023-01-01', to: '2023-12-31' },
      { minCellSize: 3 },
    );
    expect(r.outcome).toBe('appraisal_score');
    expect(r.unit).toBe('SKP points (0–100)');
    expect(r.treated.meanChange).toBeCloseTo(4, 12);
    expect(r.control.meanChange).toBeCloseTo(0, 12);
    expect(r.did.estimate).toBeCloseTo(4, 12);
    // Both variances 1, n 3: SE = √(⅓ + ⅓), df = 4, t₀.₉₇₅,₄ = 2.776445.
    expect(r.did.se).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(r.did.df).toBeCloseTo(4, 10);
    expect(r.did.ci!.low).toBeCloseTo(4 - 2.776445 * Math.sqrt(2 / 3), 5);
  });
});

describe('cohortComparison: a window after the training beyond the data', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
  });
  afterAll(() => db.close());
  const codes = (r: { warnings: readonly { code: string }[] }) => r.warnings.map((w) => w.code);

  it("says nothing about coverage while the outcome's fact has no rows (coverage unknown)", async () => {
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(codes(r)).toEqual(['small_n', 'few_agencies']);
  });

  it('says first that the effect cannot be measured yet when the data ends before that window', async () => {
    // The service requests run from 2021 to the end of 2023: the 2023 training's window after it
    // starts 2024-01-01.
    await seedServiceRequestDays(db, ['2021-01-01', '2023-12-31']);
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(r.warnings[0]).toMatchObject({ code: 'no_post_data' });
    expect(r.warnings[0]!.id).toContain('mulai 2024-01-01');
    expect(r.warnings[0]!.en).toContain('ends on 2023-12-31');
  });

  it('says the window runs past the data when the data ends inside it', async () => {
    // A training window ending in March 2023: the 12-month window after it runs to March 2024.
    const r = await cohortComparison(db, { ...SPEC, to: '2023-03-31' }, { minCellSize: 2 });
    expect(r.warnings[0]).toMatchObject({ code: 'post_window_incomplete' });
    expect(r.warnings[0]!.en).toContain('ends on 2023-12-31');
  });

  it('sees a source that ends mid-year, which a whole-year span would not', async () => {
    // Data up to 30 September 2024: the window after the training (all of 2024) is three months short.
    await seedServiceRequestDays(db, ['2024-09-30']);
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(codes(r)).toContain('post_window_incomplete');
    expect(codes(r)).not.toContain('no_post_data');
    expect(r.warnings[0]!.id).toContain('sampai 2024-09-30');
  });

  it('says nothing of the kind once the data covers that window', async () => {
    await seedServiceRequestDays(db, ['2024-12-31']);
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(codes(r)).not.toContain('no_post_data');
    expect(codes(r)).not.toContain('post_window_incomplete');
    expect(codes(r)).not.toContain('no_pre_data');
    expect(codes(r)).not.toContain('pre_window_incomplete');
    expect(codes(r)).not.toContain('no_placebo_data');
    expect(codes(r)).not.toContain('placebo_window_incomplete');
  });

  it("reads the coverage of the outcome's own fact: appraisal years for the SKP score", async () => {
    // No appraisals at all: nothing is said, though the service requests cover the windows.
    const none = await cohortComparison(db, { ...SPEC, outcome: 'appraisal_score' }, { minCellSize: 2 });
    expect(codes(none)).not.toContain('no_post_data');
    await insertMartRows(db, 'fct_appraisals', [
      { employee_key: 't1', period: 2022, score: 80 },
      { employee_key: 't1', period: 2023, score: 82 },
    ]);
    const r = await cohortComparison(db, { ...SPEC, outcome: 'appraisal_score' }, { minCellSize: 2 });
    expect(r.warnings[0]).toMatchObject({ code: 'no_post_data' });
    expect(r.warnings[0]!.en).toContain('ends on 2023-12-31');
  });
});

describe('cohortComparison: a window before the training beyond the data', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
  });
  afterAll(() => db.close());

  it('says the window before the training is incomplete when the data starts inside it', async () => {
    // The service requests start on 1 July 2022: the window before the training is all of 2022.
    await seedServiceRequestDays(db, ['2022-07-01', '2024-12-31']);
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(r.warnings[0]).toMatchObject({ code: 'pre_window_incomplete' });
    expect(r.warnings[0]!.en).toContain('starts on 2022-07-01');
    expect(r.warnings.map((w) => w.code)).not.toContain('no_pre_data');
  });

  it('says first that the effect cannot be measured when the data starts after that window', async () => {
    // A training in 2022: the window before it is 2021, all before the data.
    const r = await cohortComparison(
      db,
      { ...SPEC, from: '2022-01-01', to: '2022-06-30' },
      { minCellSize: 2 },
    );
    expect(r.warnings[0]).toMatchObject({ code: 'no_pre_data' });
    expect(r.warnings[0]!.id).toContain('sampai 2021-12-31');
    expect(r.warnings[0]!.id).toContain('mulai 2022-07-01');
    // No comparison at all: no_pre_data says it; the placebo window is not named besides.
    expect(r.warnings.map((w) => w.code)).not.toContain('no_placebo_data');
  });
});

describe('cohortComparison: the pre-trend check’s placebo window beyond the data', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
  });
  afterAll(() => db.close());
  const codes = (r: { warnings: readonly { code: string }[] }) => r.warnings.map((w) => w.code);

  it('says the pre-trend could not be checked when the data starts after the placebo window', async () => {
    // Data from 2022: the windows before (2022) and after (2024) the training are covered, the
    // placebo window (2021) is not.
    await seedServiceRequestDays(db, ['2022-01-01', '2024-12-31']);
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(codes(r)).toEqual(['no_placebo_data', 'small_n', 'few_agencies']);
    const w = r.warnings[0]!;
    expect(w.id).toContain('Uji tren sebelum pelatihan (placebo) tidak dapat dijalankan');
    expect(w.id).toContain('(2021-01-01 s.d. 2021-12-31)');
    expect(w.id).toContain('data hasil ini 2022-01-01 s.d. 2024-12-31');
    expect(w.en).toContain(
      'The pre-trend (placebo) check could not be run: its window (2021-01-01 to 2021-12-31)',
    );
    expect(codes(r)).not.toContain('placebo_window_incomplete');
  });

  it('says on how many of its months the check ran when the data starts inside the placebo window', async () => {
    // Data from 15 July 2021: July to December of the 2021 placebo window (6 of 12 months).
    await seedServiceRequestDays(db, ['2021-07-15']);
    const r = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(codes(r)).toEqual(['placebo_window_incomplete', 'small_n', 'few_agencies']);
    expect(r.warnings[0]!.id).toContain('hanya memakai 6 dari 12 bulan jendelanya');
    expect(r.warnings[0]!.en).toContain('used only 6 of the 12 months of its window');
    expect(r.warnings[0]!.en).toContain('runs from 2021-07-15 to 2024-12-31');
  });

  it('counts the months of a longer window, and says nothing once the data covers it', async () => {
    // 24-month windows: placebo 2019–2020, pre 2021–2022; data from 15 July 2021 covers neither
    // month of the placebo window, and half the window before the training.
    const long = await cohortComparison(db, { ...SPEC, windowMonths: 24 }, { minCellSize: 2 });
    expect(codes(long)).toContain('no_placebo_data');
    expect(codes(long)).toContain('pre_window_incomplete');
    await seedServiceRequestDays(db, ['2020-03-31']);
    const part = await cohortComparison(db, { ...SPEC, windowMonths: 24 }, { minCellSize: 2 });
    expect(part.warnings.find((w) => w.code === 'placebo_window_incomplete')?.en).toContain(
      'used only 10 of the 24 months of its window',
    );
    // Data from March 2020: the 12-month placebo window (2021) is covered.
    const full = await cohortComparison(db, SPEC, { minCellSize: 2 });
    expect(codes(full)).toEqual(['small_n', 'few_agencies']);
  });
});
