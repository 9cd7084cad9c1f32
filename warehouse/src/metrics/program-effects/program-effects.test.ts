import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { mulberry32 } from '../../stats/prng.ts';
import { denseClusterT, denseCr1, denseOls, denseWildClusterT } from '../../stats/testing/dense-ols.ts';
import { TIE_TOLERANCE, webbWeightVectors } from '../../stats/wild-cluster-bootstrap.ts';
import { PEOPLE, SPEC, seedCohortWorld } from '../cohort/testing/cohort-fixture.ts';
import { smallCounts, warningsWithNumbers } from '../cohort/testing/disclosure.ts';
import {
  insertMartRows,
  type MartRow,
  openTestMarts,
  seedServiceRequestDays,
} from '../cohort/testing/seed-marts.ts';
import { holmAdjust, programEffects } from './program-effects.ts';

// The cohort fixture, 2023 (see cohort-fixture.ts), as the joint model sees it. Δ = post − pre:
//   stratum A: t1 −4 (PLY), t2 −2 (PLY), c1 −1, c2 +1;  stratum B: t3 −3 (PLY), t4 −3 (PLY), c3 0 (OTHER), c4 0;
//   C: t5 −6 (PLY, alone);  D: c5 +36 (alone);  t6 has no pre window.
// Demeaned within strata: X̃'X̃ = [[2, −½], [−½, ¾]], X̃'ỹ = [−6, 1.5] → β = (−3, 0); residuals ±1 in A,
// 0 in B: RSS 4, df = 10 − 4 strata − 2 = 4. HC1: bread_PP = ¾ / 1.25 = 0.6, meat_PP = 4 · ¼ = 1,
// V_PP = 0.6² · 1 · 10/4 = 0.9. Pre-trend (placebo → pre): X̃'ỹ = [0, ¼] → β_PLY = 0.1.
const T_975_DF4 = 2.7764451051977987;
const OPTIONS = { minCellSize: 2 };
const WINDOW = { from: SPEC.from, to: SPEC.to };

let db: Db;
beforeAll(async () => {
  db = await openTestMarts();
  await seedCohortWorld(db, PEOPLE);
});
afterAll(() => db.close());

describe('programEffects', () => {
  it('fits every program at once (known answer on the cohort fixture)', async () => {
    const r = await programEffects(db, WINDOW, OPTIONS);
    expect(r.suppressed).toBe(false);
    expect(r.outcome).toBe('service_days');
    expect(r.windows.pre).toEqual({ from: '2022-01-01', to: '2022-12-31' });
    // 4 untrained, but OTHER's count is hidden (below 2), and n − untrained − PLY-PRIMA's 5 would
    // give it back: untrained is suppressed with it (complementary suppression).
    expect([r.n, r.untrained, r.strata, r.dfResidual]).toEqual([10, null, 4, 4]);
    expect(r.programs.map((p) => p.programCode)).toEqual(['OTHER', 'PLY-PRIMA']);
    const ply = r.programs[1]!;
    expect([ply.completers, ply.n, ply.alsoOtherPrograms]).toEqual([6, 5, 0]);
    // t1–t5 handled 20 completed requests each in the post window.
    expect(ply.postCompleted).toBe(100);
    expect(ply.effect.estimate).toBeCloseTo(-3, 12);
    expect(ply.effect.se).toBeCloseTo(Math.sqrt(0.9), 12);
    expect(ply.effect.df).toBe(4);
    expect(ply.effect.ci?.low).toBeCloseTo(-3 - T_975_DF4 * Math.sqrt(0.9), 7);
    expect(ply.effect.ci?.high).toBeCloseTo(-3 + T_975_DF4 * Math.sqrt(0.9), 7);
    expect(ply.direction).toBe('lower');
    expect(ply.gap).toBeNull();
    expect(ply.pValueHolm).toBeCloseTo(ply.effect.pValue as number, 12); // the only p-value
    expect(ply.preTrend?.estimate).toBeCloseTo(0.1, 12);
    expect(ply.preTrend?.ciExcludesZero).toBe(false);
    // OTHER: one completer (c3) in the model; still a regressor, no estimate and no count shown.
    const other = r.programs[0]!;
    expect([
      other.completers,
      other.n,
      other.alsoOtherPrograms,
      other.postCompleted,
      other.gap,
      other.direction,
    ]).toEqual([null, null, null, null, 'small_n', 'not_estimated']);
    expect(other.effect.estimate).toBeNull();
    // Within R²: RSS 4 against ỹ'ỹ = Σ over A and B of (y − ȳ)² = (6.25 + 0.25 + 0.25 + 6.25) + 4 · 2.25 = 22.
    expect(r.rSquaredWithin).toBeCloseTo(1 - 4 / 22, 12);
  });

  it('fits one indicator per method or competency area when asked (by)', async () => {
    const byProgram = await programEffects(db, WINDOW, OPTIONS);
    const byMethod = await programEffects(db, { ...WINDOW, by: 'method' }, OPTIONS);
    expect(byMethod.by).toBe('method');
    // In the fixture each program has its own method: PLY-PRIMA workshop, OTHER seminar.
    expect(byMethod.programs.map((p) => p.programCode)).toEqual(['seminar', 'workshop']);
    expect(byMethod.programs[1]?.effect.estimate).toBeCloseTo(
      byProgram.programs[1]?.effect.estimate as number,
      12,
    );
    expect(byMethod.programs[1]?.effect.se).toBeCloseTo(byProgram.programs[1]?.effect.se as number, 12);
    await expect(programEffects(db, { ...WINDOW, by: 'grade' as never })).rejects.toThrow(RangeError);
  });

  it('suppresses the model below the minimum cell size of untrained employees', async () => {
    const r = await programEffects(db, WINDOW, { minCellSize: 5 });
    expect(r.suppressed).toBe(true);
    expect([r.n, r.untrained, r.strata]).toEqual([null, null, null]);
    expect(r.warnings.map((w) => w.code)).toContain('suppressed');
    // Not even the programs are listed: OTHER's one completer would be there, hidden, and
    // missing from a model without his agency (see below).
    expect(r.programs).toEqual([]);
    expect(smallCounts(r, 5)).toEqual([]);
  });

  it('shows every count again once the minimum allows it (a count of 1 with minCellSize 1)', async () => {
    const r = await programEffects(db, WINDOW, { minCellSize: 1 });
    expect(r.untrained).toBe(4);
    expect(r.programs.map((p) => [p.programCode, p.completers, p.n])).toEqual([
      ['OTHER', 1, 1],
      ['PLY-PRIMA', 6, 5],
    ]);
  });

  it('carries no count below the minimum anywhere in the serialised result, nor in its warnings', async () => {
    for (const minCellSize of [2, 5, 7]) {
      const r = await programEffects(db, WINDOW, { minCellSize });
      expect(smallCounts(r, minCellSize), `minCellSize ${minCellSize}`).toEqual([]);
      expect(warningsWithNumbers(r.warnings, minCellSize)).toEqual([]);
    }
  });

  it('answers for a population below the minimum cell size as for any model not fitted (same words)', async () => {
    // KEC-1 is stratum B: t3, t4 (PLY-PRIMA), c3 (OTHER), c4: four employees. Under a minimum of 5
    // its model is not fitted (4 untrained at most) and lists nothing (which programs a small office
    // took). It used to say "the selected population has fewer than 5 employees": with the hidden
    // rows of the published tables (every grade cell ≥ 1), that pinned the agency's count.
    const small = await programEffects(db, { ...WINDOW, agencies: ['KEC-1'] }, { minCellSize: 5 });
    expect(small.suppressed).toBe(true);
    expect(small.suppressionReason).toBe('primary');
    expect(small.programs).toEqual([]);
    expect([small.n, small.untrained, small.strata]).toEqual([null, null, null]);
    // The answer of a larger population whose model is not fitted either (DIS-1: more than 5).
    const large = await programEffects(db, { ...WINDOW, agencies: ['DIS-1'] }, { minCellSize: 5 });
    expect(large.suppressed).toBe(true);
    expect({ ...small, agencies: [] }).toEqual({ ...large, agencies: [] });
    expect(small.warnings.map((w) => w.code)).toEqual(['suppressed']);
    for (const w of small.warnings) expect(`${w.id} ${w.en}`).not.toMatch(/popula/i);
    expect(warningsWithNumbers(small.warnings, 5)).toEqual([]);
    // Under a minimum of 1 the model is fitted and lists its programs.
    const open = await programEffects(db, { ...WINDOW, agencies: ['KEC-1'] }, { minCellSize: 1 });
    expect(open.programs.map((p) => p.programCode)).toEqual(['OTHER', 'PLY-PRIMA']);
  });

  it('lists no program in a suppressed model: two lists would differ by a small group’s programs', async () => {
    // Under a minimum of 5, DIS-1 alone and DIS-1 + KEC-1 are both suppressed (primary). Listed,
    // OTHER would appear with KEC-1 (its four employees) and not without: one of them completed it.
    const dis = await programEffects(db, { ...WINDOW, agencies: ['DIS-1'] }, { minCellSize: 5 });
    const both = await programEffects(db, { ...WINDOW, agencies: ['DIS-1', 'KEC-1'] }, { minCellSize: 5 });
    expect([dis.suppressed, both.suppressed]).toEqual([true, true]);
    expect([dis.programs, both.programs]).toEqual([[], []]);
    // Suppressed as a complement (BAD-1 is one employee under a minimum of 3): nothing listed either.
    const complement = await programEffects(
      db,
      { ...WINDOW, agencies: ['BAD-1', 'DIS-1'] },
      { minCellSize: 3 },
    );
    expect(complement.suppressionReason).toBe('complementary');
    expect(complement.programs).toEqual([]);
    // Fitted, the same filter lists them.
    const fitted = await programEffects(db, { ...WINDOW, agencies: ['DIS-1', 'KEC-1'] }, { minCellSize: 2 });
    expect(fitted.suppressed).toBe(false);
    expect(fitted.programs.map((p) => p.programCode)).toEqual(['OTHER', 'PLY-PRIMA']);
  });

  it('says when the post window lies beyond the data', async () => {
    await seedServiceRequestDays(db, ['2021-01-01', '2024-12-31']);
    const r = await programEffects(db, { from: '2025-01-01', to: '2025-12-31' }, OPTIONS);
    // Nobody has data after the window: no model for want of data, not "fewer than 5 untrained".
    expect(r.warnings.map((w) => w.code)).toEqual(['no_post_data', 'nothing_to_compare']);
    expect(r.warnings.map((w) => w.en).join(' ')).not.toMatch(/untrained|nothing is hidden/);
    expect(r.programs).toEqual([]);
  });
});

describe('holmAdjust', () => {
  it("matches Holm's step-down procedure (R p.adjust(method = 'holm'))", () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    const out = holmAdjust([0.01, 0.04, 0.03, null, 0.005]);
    expect(out[0]).toBeCloseTo(0.03, 12);
    expect(out[1]).toBeCloseTo(0.06, 12);
    expect(out[2]).toBeCloseTo(0.06, 12);
    expect(out[3]).toBeNull();
    expect(out[4]).toBeCloseTo(0.02, 12);
  });
});

/**
 * A random world with overlapping programs, checked against least squares with dummies computed
 * from its person-level rows in the test: the metric sees only sums.
 */
describe('programEffects against dense least squares', () => {
  let world: Db;
  const programs = ['P1', 'P2', 'P3'];
  const truth = { P1: -2, P2: 0, P3: 1 };
  const units: { key: string; stratum: number; agency: string; took: string[]; pre: number; post: number }[] =
    [];
  /** Five agencies cutting across the strata, each with a shock shared by its staff. */
  const SHOCK = [0.3, -0.2, 0.1, -0.3, 0.2];
  const STRATUM_ATTRS = [
    { agency_kind: 'dinas', grade_group: 'III', appointed_on: '2013-01-01' },
    { agency_kind: 'kecamatan', grade_group: 'II', appointed_on: '2020-03-01' },
    { agency_kind: 'badan', grade_group: 'IV', appointed_on: '1990-01-01' },
  ];

  beforeAll(async () => {
    world = await openTestMarts();
    const random = mulberry32(42);
    for (let i = 0; i < 90; i++) {
      const stratum = i % 3;
      const took = programs.filter(
        (p, j) => random() < [0.35, 0.3, 0.25][j]! - (p === 'P3' && stratum === 2 ? 0.2 : 0),
      );
      const effect = took.reduce((s, p) => s + truth[p as keyof typeof truth], 0);
      const pre = 8 + stratum + random() * 2;
      const a = (i * 7) % 5;
      const post = pre + stratum * 0.5 + effect + (SHOCK[a] as number) + (random() - 0.5) * (1 + stratum);
      units.push({ key: `e${i}`, stratum, agency: `AG-${a}`, took, pre: round4(pre), post: round4(post) });
    }
    const employees: MartRow[] = units.map((u) => ({
      employee_key: u.key,
      ...STRATUM_ATTRS[u.stratum],
      agency_code: u.agency,
      grade: 'III/a',
      valid_from: '2010-01-01',
      is_current: true,
    }));
    let id = 1;
    const enrollments: MartRow[] = units.flatMap((u) =>
      u.took.map((p) => ({
        enrollment_id: id++,
        offering_id: 1,
        employee_key: u.key,
        agency_code: 'DIS-1',
        grade: 'III/a',
        program_id: programs.indexOf(p) + 1,
        program_code: p,
        method: 'workshop',
        competency_area: 'technical',
        status: 'completed',
        completed_on: '2023-05-01',
      })),
    );
    const handlers: MartRow[] = units.flatMap((u) =>
      [
        ['2021-06-01', u.pre],
        ['2022-06-01', u.pre],
        ['2024-06-01', u.post],
      ].map(([month, d]) => ({
        employee_key: u.key,
        month_start: month as string,
        requests: 10,
        completed: 10,
        sum_days: 10 * (d as number),
        sla_met: 5,
      })),
    );
    await insertMartRows(world, 'dim_employee', employees);
    await insertMartRows(world, 'fct_enrollments', enrollments);
    await insertMartRows(world, 'agg_handler_month', handlers);
  });
  afterAll(() => world.close());

  it('equals lm(Δ ~ stratum + P1 + P2 + P3) with HC1 standard errors', async () => {
    const r = await programEffects(world, WINDOW, OPTIONS);
    const design = units.map((u) => [
      ...programs.map((p) => (u.took.includes(p) ? 1 : 0)),
      ...[0, 1, 2].map((s) => (u.stratum === s ? 1 : 0)),
    ]);
    const y = units.map((u) => u.post - u.pre);
    const { beta, hc1 } = denseOls(design, y);
    // vcovCL(fit, cluster = ~agency, type = "HC1") of the same regression.
    const cr1 = denseCr1(
      design,
      y,
      units.map((u) => u.agency),
    );
    programs.forEach((p, i) => {
      const e = r.programs.find((x) => x.programCode === p)!;
      expect(e.effect.estimate, p).toBeCloseTo(beta[i] as number, 8);
      expect(e.effect.se, p).toBeCloseTo(Math.sqrt((hc1[i] as number[])[i] as number), 8);
      const se = Math.sqrt((cr1[i] as number[])[i] as number);
      expect(e.clustered?.se, p).toBeCloseTo(se, 8);
      expect(e.clustered?.df).toBe(4);
      expect(e.clustered?.clusters).toBe(5);
      expect(e.clustered?.treatedClusters).toBe(
        new Set(units.filter((u) => u.took.includes(p)).map((u) => u.agency)).size,
      );
      // t with clusters − 1 = 4 df: t(0.975, 4) = 2.776445.
      expect(e.clustered?.ci?.low).toBeCloseTo((beta[i] as number) - 2.776445 * se, 5);
      expect(e.n).toBe(units.filter((u) => u.took.includes(p)).length);
      expect(e.alsoOtherPrograms).toBe(units.filter((u) => u.took.includes(p) && u.took.length > 1).length);
      expect(e.postCompleted).toBe(10 * (e.n as number));
    });
    expect(r.n).toBe(90);
    expect(r.untrained).toBe(units.filter((u) => u.took.length === 0).length);
    expect(r.dfResidual).toBe(90 - 3 - 3);
    // The planted effect is recovered; the null program is not called an effect.
    expect(r.programs.find((x) => x.programCode === 'P1')?.direction).toBe('lower');
    expect(r.programs.find((x) => x.programCode === 'P2')?.direction).toBe('inconclusive');
  });

  it('tests each effect by the wild cluster restricted bootstrap, as brute force over all 6^5 weight vectors', async () => {
    const r = await programEffects(world, WINDOW, OPTIONS);
    const rows = units.map((u) => ({
      x: programs.map((p) => (u.took.includes(p) ? 1 : 0)),
      y: u.post - u.pre,
      group: u.stratum,
      cluster: Number(u.agency.slice(3)),
    }));
    const design = rows.map((u) => [...u.x, ...[0, 1, 2].map((s) => (u.group === s ? 1 : 0))]);
    programs.forEach((p, j) => {
      const observed = Math.abs(
        denseClusterT(
          design,
          rows.map((u) => u.y),
          rows.map((u) => u.cluster),
          j,
        ),
      );
      let extreme = 0;
      for (const w of webbWeightVectors(5, 6 ** 5, 0))
        if (Math.abs(denseWildClusterT(rows, 3, j, w)) >= observed * (1 - TIE_TOLERANCE)) extreme += 1;
      const wild = r.programs.find((x) => x.programCode === p)?.clustered?.wildBootstrap;
      // Five agencies: every one of the 7,776 Webb vectors, an exact p-value.
      expect(wild, p).toEqual({ pValue: extreme / 6 ** 5, draws: 7_776, enumerated: true, clusters: 5 });
    });
    // The planted effect survives; the null program does not become one.
    expect(r.programs.find((x) => x.programCode === 'P1')?.clustered?.wildBootstrap?.pValue).toBeLessThan(
      0.05,
    );
    expect(r.programs.find((x) => x.programCode === 'P2')?.clustered?.wildBootstrap?.pValue).toBeGreaterThan(
      0.05,
    );
  });

  it('by method: one indicator for having completed any program of it, as least squares says', async () => {
    // All three programs are workshops: the indicator is "completed any of them".
    const r = await programEffects(world, { ...WINDOW, by: 'method' }, OPTIONS);
    const design = units.map((u) => [
      u.took.length > 0 ? 1 : 0,
      ...[0, 1, 2].map((s) => (u.stratum === s ? 1 : 0)),
    ]);
    const { beta, hc1 } = denseOls(
      design,
      units.map((u) => u.post - u.pre),
    );
    expect(r.programs.map((p) => p.programCode)).toEqual(['workshop']);
    expect(r.programs[0]?.effect.estimate).toBeCloseTo(beta[0] as number, 8);
    expect(r.programs[0]?.effect.se).toBeCloseTo(Math.sqrt((hc1[0] as number[])[0] as number), 8);
    expect(r.programs[0]?.alsoOtherPrograms).toBe(0);
  });
});

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
