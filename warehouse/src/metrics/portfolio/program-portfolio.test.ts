import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { PEOPLE, seedCohortWorld } from '../cohort/testing/cohort-fixture.ts';
import { shownCounts, smallCounts, warningsWithNumbers } from '../cohort/testing/disclosure.ts';
import { openTestMarts } from '../cohort/testing/seed-marts.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import { withTreatedChanges } from '../roi-metric/effect-fixture.ts';
import { roi } from '../roi-metric/roi.ts';
import type { RoiMetricResult } from '../roi-metric/roi-spec.ts';
import {
  type EffectEvidence,
  effectEvidence,
  type ProgramPortfolioEntry,
  programPortfolio,
  withHolm,
} from './program-portfolio.ts';

// The cohort fixture (see cohort-fixture.ts): PLY-PRIMA trained t1–t6 in 2023 (offering 1, 4,000,000
// IDR) and c1 in 2022 (offering 2, 999,000 IDR); c3 completed OTHER in 2023 (offering 3, 500,000 IDR).
// Hand-computed PLY-PRIMA 2023 (roi.test.ts): DiD −3 days, 95 % CI −3 ± 2.446912·√⅓, costs
// 4,000,000 + participant time 1,200,000 + 450,000 + 7.5 × 7,000,000 / 162.5.
const PLY_2023_COSTS = 4_000_000 + 1_200_000 + 450_000 + (7.5 * 7_000_000) / 162.5;
const HALF = 2.446912 * Math.sqrt(1 / 3);
const OPTIONS = { minCellSize: 2 };

/** `roi` without the IKM lists, which the portfolio leaves empty. */
const withoutIkm = (r: RoiMetricResult) => ({ ...r, ikmChanges: [], intangibles: [] });

let db: Db;
beforeAll(async () => {
  db = await openTestMarts();
  await seedCohortWorld(db, PEOPLE);
});
afterAll(() => db.close());

describe('programPortfolio', () => {
  it('lists every program with a completer or an offering in each completion year, by year then code', async () => {
    const entries = await programPortfolio(db, {}, {}, OPTIONS);
    expect(entries.map((e) => [e.year, e.programCode])).toEqual([
      [2022, 'PLY-PRIMA'],
      [2023, 'OTHER'],
      [2023, 'PLY-PRIMA'],
    ]);
  });

  it('gives for each program and year exactly what roi gives (known answer: PLY-PRIMA 2023)', async () => {
    const entries = await programPortfolio(db, {}, { confidence: 0.6 }, OPTIONS);
    for (const e of entries) {
      const direct = await roi(
        db,
        {
          selector: { kind: 'program', value: e.programCode },
          from: `${e.year}-01-01`,
          to: `${e.year}-12-31`,
        },
        { confidence: 0.6 },
        OPTIONS,
      );
      expect(e.roi, `${e.programCode} ${e.year}`).toEqual(withoutIkm(direct));
    }
    const ply = entries.find((e) => e.year === 2023 && e.programCode === 'PLY-PRIMA')!;
    expect(ply.evidence).toBe('faster');
    expect(ply.roi.effect.didDays).toBeCloseTo(-3, 12);
    expect(ply.roi.cohort.did.ci?.low).toBeCloseTo(-3 - HALF, 5);
    expect(ply.roi.cohort.did.ci?.high).toBeCloseTo(-3 + HALF, 5);
    expect(ply.roi.costs!.totalIdr).toBeCloseTo(PLY_2023_COSTS, 6);
    expect(ply.roi.participants).toBe(7);
    // One completer is no cohort: no estimate, no benefit; its one participant is hidden, and with
    // it the costs (500,000 of program costs) and the cases.
    const other = entries.find((e) => e.programCode === 'OTHER')!;
    expect(other.evidence).toBe('not_estimated');
    expect(other.roi.suppressed).toBe(true);
    expect(other.roi.suppressionReason).toBeNull(); // hidden, never said why (roi-disclosure.ts)
    expect([other.roi.participants, other.roi.costs, other.roi.base]).toEqual([null, null, null]);
    expect(other.roi.streams[0]?.benefitsIdr.base).toBe(0);
    // The year's joint model (programEffects.test.ts has the hand computation): the same −3 days,
    // OTHER's one completer too few to show.
    expect(ply.joint?.effect.estimate).toBeCloseTo(-3, 12);
    expect(ply.joint?.direction).toBe('lower');
    expect(other.joint?.gap).toBe('small_n');
    // Neither names OTHER's one completer (disclosure control), in its comparison or its joint row.
    expect(
      smallCounts({ cohort: other.roi.cohort, effect: other.roi.effect, joint: other.joint }, 2),
    ).toEqual([]);
    expect([other.roi.cohort.n, other.roi.cohort.treated.n, other.joint?.n, other.joint?.completers]).toEqual(
      [null, null, null, null],
    );
    // PLY-PRIMA's 2022 run: one participant, hidden with its 999,000 of costs (shown under a minimum of 1).
    const ply2022 = entries.find((e) => e.year === 2022)!;
    expect([ply2022.roi.participants, ply2022.roi.suppressionReason, ply2022.roi.costs]).toEqual([
      null,
      null,
      null,
    ]);
    expect(ply2022.evidence).toBe('not_estimated');
    const open = await programPortfolio(db, { years: [2022] }, {}, { minCellSize: 1 });
    expect(open[0]!.roi.costs!.programIdr).toBe(999_000);
    expect(open[0]!.roi.participants).toBe(1);
  });

  it('prices each entry on the joint model with isolation joint, exactly as roi does', async () => {
    const entries = await programPortfolio(db, { years: [2023], isolation: 'joint' }, {}, OPTIONS);
    for (const e of entries) {
      const direct = await roi(
        db,
        {
          selector: { kind: 'program', value: e.programCode },
          from: '2023-01-01',
          to: '2023-12-31',
          isolation: 'joint',
        },
        {},
        OPTIONS,
      );
      expect(e.roi, e.programCode).toEqual(withoutIkm(direct));
    }
    const ply = entries.find((e) => e.programCode === 'PLY-PRIMA')!;
    expect(ply.roi.effect.isolation).toBe('joint');
    expect(ply.roi.effect.requestsPerYear).toBe(100);
    // The evidence column stays the cohort comparison's.
    expect(ply.evidence).toBe('faster');
  });

  it('with isolation joint, gives what roi gives when the joint model is suppressed: no handlers named', async () => {
    // Minimum 5: 2023's model has 4 untrained (not fitted, suppressed: it lists no program), 2022's
    // nobody with data after (not fitted either, but hiding nobody). PLY-PRIMA 2023's 7 participants
    // are shown; its handlers are hidden (null, as roi says), not 0.
    const minCellSize = 5;
    const entries = await programPortfolio(db, { isolation: 'joint' }, {}, { minCellSize });
    for (const e of entries) {
      const direct = await roi(
        db,
        {
          selector: { kind: 'program', value: e.programCode },
          from: `${e.year}-01-01`,
          to: `${e.year}-12-31`,
          isolation: 'joint',
        },
        {},
        { minCellSize },
      );
      expect(e.roi, `${e.programCode} ${e.year}`).toEqual(withoutIkm(direct));
    }
    const ply = entries.find((e) => e.year === 2023 && e.programCode === 'PLY-PRIMA')!;
    expect(ply.joint).toBeNull();
    expect(ply.roi.participants).toBe(7);
    expect([ply.roi.effect.handlers, ply.roi.effect.requestsPerYear, ply.roi.suppressed]).toEqual([
      null,
      0,
      true,
    ]);
    expect(ply.roi.warnings.map((w) => w.code)).toEqual(['no_effect_data']);
  });

  it('carries no count of a cohort or a joint row below the minimum cell size, whatever the pricing', async () => {
    for (const minCellSize of [2, 5]) {
      for (const isolation of ['cohort', 'joint'] as const) {
        const entries = await programPortfolio(db, { isolation }, {}, { minCellSize });
        expect(entries.length, `${isolation} ${minCellSize}`).toBeGreaterThan(0);
        for (const e of entries) {
          // A joint row hides its own small counts; a comparison, suppressed, every count.
          const name = `${e.programCode} ${e.year}`;
          expect(smallCounts({ effect: e.roi.effect, joint: e.joint }, minCellSize), name).toEqual([]);
          if (!e.roi.cohort.suppressed) continue;
          expect(shownCounts(e.roi.cohort), name).toEqual([]);
          expect(warningsWithNumbers(e.roi.cohort.warnings, minCellSize), name).toEqual([]);
        }
      }
    }
  });

  it('takes the years asked for, and costs 2 + 5 queries per year however many programs', async () => {
    const before = db.queryCount;
    const entries = await programPortfolio(db, { years: [2023, 2023] }, {}, OPTIONS);
    expect(entries.map((e) => e.programCode)).toEqual(['OTHER', 'PLY-PRIMA']);
    // 4 for the evidence, 1 for completion by program (disclosure control, `hiddenByCompletion`).
    expect(db.queryCount - before).toBe(2 + 5);
    const all = db.queryCount;
    await programPortfolio(db, {}, {}, OPTIONS);
    // 2022's joint model has nobody with an outcome after (no 2023 data): its residual pass is skipped.
    expect(db.queryCount - all).toBe(2 + 5 + 4);
    expect(await programPortfolio(db, { years: [2030] }, {}, OPTIONS)).toEqual([]);
  });

  it('refuses years that are not calendar years, or too many', async () => {
    await expect(programPortfolio(db, { years: [2023.5] })).rejects.toBeInstanceOf(MetricInputError);
    const many = Array.from({ length: 21 }, (_, i) => 2000 + i);
    await expect(programPortfolio(db, { years: many })).rejects.toBeInstanceOf(MetricInputError);
  });
});

describe('effectEvidence', () => {
  const cohort = (ci: { low: number; high: number } | null, suppressed = false) =>
    ({ cohort: { suppressed, did: { ci: ci && { level: 0.95, ...ci } } } }) as unknown as Pick<
      RoiMetricResult,
      'cohort'
    >;
  it('reads the 95 % CI of the service-days DiD (negative = faster)', () => {
    expect(effectEvidence(cohort({ low: -2, high: -0.1 }))).toBe('faster');
    expect(effectEvidence(cohort({ low: 0.1, high: 2 }))).toBe('slower');
    expect(effectEvidence(cohort({ low: -1, high: 1 }))).toBe('inconclusive');
    expect(effectEvidence(cohort({ low: -1, high: 0 }))).toBe('inconclusive');
    expect(effectEvidence(cohort(null))).toBe('not_estimated');
    expect(effectEvidence(cohort({ low: -2, high: -1 }, true))).toBe('not_estimated');
  });
});

describe('programPortfolio, only_vs_untrained', () => {
  it('gives what roi gives with the same contrast, and keeps other programs out of both arms', async () => {
    const spec = { contrast: 'only_vs_untrained' } as const;
    const entries = await programPortfolio(db, spec, {}, OPTIONS);
    for (const e of entries) {
      const direct = await roi(
        db,
        {
          selector: { kind: 'program', value: e.programCode },
          from: `${e.year}-01-01`,
          to: `${e.year}-12-31`,
          contrast: 'only_vs_untrained',
        },
        {},
        OPTIONS,
      );
      expect(e.roi, `${e.programCode} ${e.year}`).toEqual(withoutIkm(direct));
      expect(e.roi.cohort.contrast).toBe('only_vs_untrained');
    }
    // c3 (completed OTHER in 2023) leaves PLY-PRIMA's comparison group: stratum B keeps c4 alone,
    // weighted 2, so the control changes (−1, +1, 0 × 2) still average 0 and the DiD stays −3.
    const ply = entries.find((e) => e.year === 2023 && e.programCode === 'PLY-PRIMA')!;
    expect(ply.roi.cohort.control.n).toBe(3);
    expect(ply.roi.effect.didDays).toBeCloseTo(-3, 12);
    const rest = await programPortfolio(db, { years: [2023] }, {}, OPTIONS);
    expect(rest.find((e) => e.programCode === 'PLY-PRIMA')!.roi.cohort.control.n).toBe(4);
  });
});

describe('programPortfolio, evidence and ROI warnings', () => {
  /** The ROI warning each evidence class goes with (cohort isolation: the same CI). */
  const EFFECT_WARNINGS = ['effect_ci_includes_zero', 'effect_adverse'];
  const expectedWarning = {
    faster: [],
    slower: ['effect_adverse'],
    inconclusive: ['effect_ci_includes_zero'],
    not_estimated: [],
  } as const;

  // PLY-PRIMA 2023 in three worlds: the fixture (−3 days, faster), its treated changes mirrored (+3,
  // CI 1.587 … 4.413: slower) and centred (0, CI ± 1.413: inconclusive).
  it.each([
    ['faster', [-4, -2, -3, -3]],
    ['slower', [4, 2, 3, 3]],
    ['inconclusive', [-1, 1, 0, 0]],
  ] as const)('agree for every entry; PLY-PRIMA 2023 is %s', async (evidence, deltas) => {
    const world = await openTestMarts();
    try {
      await seedCohortWorld(world, withTreatedChanges(deltas));
      const entries = await programPortfolio(world, {}, {}, OPTIONS);
      const ply = entries.find((e) => e.year === 2023 && e.programCode === 'PLY-PRIMA')!;
      expect(ply.evidence).toBe(evidence);
      for (const e of entries) {
        const codes = e.roi.warnings.map((w) => w.code).filter((c) => EFFECT_WARNINGS.includes(c));
        expect(codes, `${e.programCode} ${e.year}`).toEqual(expectedWarning[e.evidence]);
        if (e.evidence === 'not_estimated')
          expect(e.roi.warnings.map((w) => w.code).some((c) => c.startsWith('no_'))).toBe(true);
      }
    } finally {
      world.close();
    }
  });
});

describe('withHolm', () => {
  /** An entry whose cohort shows `evidence` with unadjusted p `p`. */
  const entry = (programCode: string, evidence: EffectEvidence, p: number | null) =>
    ({
      year: 2023,
      programCode,
      evidence,
      pValueHolm: null,
      evidenceAfterHolm: evidence,
      roi: { cohort: { did: { pValue: p } } },
      joint: null,
    }) as unknown as ProgramPortfolioEntry;

  it('adjusts over every estimable cohort and keeps a direction only below 0.05 (known answer)', () => {
    // 5 estimable cohorts; sorted p 0.001, 0.011, 0.02, 0.4, 0.9 → Holm 0.005, 0.044, 0.06, 0.8, 0.9.
    const out = withHolm([
      entry('A', 'faster', 0.001),
      entry('B', 'faster', 0.011),
      entry('C', 'slower', 0.02),
      entry('D', 'inconclusive', 0.4),
      entry('E', 'inconclusive', 0.9),
      entry('F', 'not_estimated', null),
    ]);
    expect(out.map((e) => [e.programCode, e.evidenceAfterHolm])).toEqual([
      ['A', 'faster'],
      ['B', 'faster'],
      ['C', 'inconclusive'],
      ['D', 'inconclusive'],
      ['E', 'inconclusive'],
      ['F', 'not_estimated'],
    ]);
    const holm = out.map((e) => e.pValueHolm);
    expect(holm.slice(0, 5).map((p) => Number(p!.toFixed(6)))).toEqual([0.005, 0.044, 0.06, 0.8, 0.9]);
    expect(holm[5]).toBeNull();
    // The evidence on each cohort's own CI is kept as it was.
    expect(out.map((e) => e.evidence)).toEqual([
      'faster',
      'faster',
      'slower',
      'inconclusive',
      'inconclusive',
      'not_estimated',
    ]);
  });

  it('a cohort faster at p 0.011 among 62 tested is not shown after the correction', () => {
    const many = [
      entry('REG-EL', 'faster', 0.011),
      ...Array.from({ length: 61 }, (_, i) => entry(`X${i}`, 'inconclusive', 0.2 + i * 0.01)),
    ];
    const [regEl] = withHolm(many);
    expect(regEl!.pValueHolm).toBeCloseTo(0.011 * 62, 12);
    expect(regEl!.evidenceAfterHolm).toBe('inconclusive');
  });

  it('programPortfolio gives it: the fixture’s PLY-PRIMA 2023 alone holds', async () => {
    const entries = await programPortfolio(db, {}, {}, OPTIONS);
    const ply = entries.find((e) => e.year === 2023 && e.programCode === 'PLY-PRIMA')!;
    const estimable = entries.filter((e) => e.evidence !== 'not_estimated');
    expect(ply.pValueHolm).toBeCloseTo(Math.min(1, ply.roi.cohort.did.pValue! * estimable.length), 12);
    expect(ply.evidenceAfterHolm).toBe(ply.pValueHolm! < 0.05 ? 'faster' : 'inconclusive');
    for (const e of entries.filter((x) => x.evidence === 'not_estimated')) {
      expect(e.pValueHolm).toBeNull();
      expect(e.evidenceAfterHolm).toBe('not_estimated');
    }
  });
});
