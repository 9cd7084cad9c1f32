import {
  type AuditedMetric,
  auditDifferencing,
  behaviourChange,
  budgetScenario,
  budgetTrend,
  type CohortComparisonResult,
  cohortComparison,
  completion,
  DEFAULT_MIN_CELL_SIZE,
  type Dimension,
  invitationFunnel,
  learning,
  type MetricRowBase,
  participation,
  programEffects,
  programPortfolio,
  resistance,
  roi,
  satisfaction,
} from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoSnapshot, type DemoSnapshot } from './demo-snapshot.ts';
import { ciContains, formatRecoveryTable, type RecoveryRow } from './recovery-table.ts';

/**
 * Recovery on the demo world (issue 4, "Known answers"): generate the world at a small scale, run
 * the real ETL into a snapshot, and check that the metrics find the effects the generator planted,
 * scored against the manifest's realised truth. Prints the recovery table.
 */
const SCALE = 0.25;
const SEED = 20250101;
/**
 * What this test asserts holds on any seed, not only on this one (a reviewer ran 14 seeds at this
 * scale): the exact metrics are asserted exactly, and the published answer as the exact one or
 * hidden with a reason; the estimates by their sign and by intervals that contain the truth.
 *
 * Each interval check is a single draw: at 95 % one of them fails on 1 seed in 20 with calibrated
 * estimators, and the five below together on about 1 in 4 (the reviewer's 14 seeds: the PLY-PRIMA
 * appraisal interval missed +3.0 on seeds 8 and 13, the placebo's appraisal interval missed 0 on
 * seed 12). So they are asserted at COVER_LEVEL, Bonferroni over the five (PLY-PRIMA service days
 * and appraisal, placebo service days and appraisal, PLY-PRIMA in the joint model): together they
 * fail by chance on at most 5 % of seeds. The table still prints the 95 % intervals.
 *
 * Power is not asserted, only the sign: at this scale PLY-PRIMA's service-days interval excludes 0
 * on 12 of 14 seeds (portfolio `faster`) and it survives Holm in the joint model on 10 of 14; the
 * table shows both. The false-positive side is asserted, at the levels Holm and a one-sided test
 * control: no program but PLY-PRIMA survives Holm in the joint model, nor shows an effect after Holm
 * in the portfolio (each fails by chance on at most 5 % of seeds), and the placebo does not come out
 * slower in the joint model (2.5 %). These, and the portfolio's bound on unadjusted effects, held on
 * 14 of 14 seeds; the placebo's unadjusted `inconclusive` (held on 12 of 14 in the joint model) is
 * in the table only.
 */
const COVER_LEVEL = 0.99;
const YEAR_2023 = { from: '2023-01-01', to: '2023-12-31' };
const PLY = { kind: 'program', value: 'PLY-PRIMA' } as const;
const PLACEBO = { kind: 'program', value: 'PLACEBO-BUDAYA' } as const;

const table: RecoveryRow[] = [];
const effect = (snapshot: DemoSnapshot, id: string) => {
  const found = snapshot.manifest.effects.find((e) => e.id === id);
  if (!found) throw new Error(`manifest has no effect ${id}`);
  return found;
};
/** Rows of a metric by period and group keys. */
const rowKey = (r: MetricRowBase) =>
  JSON.stringify([r.period, r.isTotal, Object.entries(r.keys).sort(([a], [b]) => a.localeCompare(b))]);
/**
 * The published answer (default minN) is the exact one (minN 1) in every row it shows, and hides a
 * row only with a suppression reason and its values null (`value` reads one of them): disclosure
 * control may hide a planted pattern in a small world, never change it.
 */
const expectPublishedIsExactOrHidden = <R extends MetricRowBase>(
  what: string,
  published: readonly R[],
  exact: readonly R[],
  value: (row: R) => number | null,
) => {
  const exactByKey = new Map(exact.map((r) => [rowKey(r), r]));
  expect(published.map(rowKey).sort(), `${what}: rows`).toEqual([...exactByKey.keys()].sort());
  for (const row of published) {
    const label = `${what} ${rowKey(row)}`;
    if (row.suppressed) {
      expect(['primary', 'complementary'], label).toContain(row.suppressionReason);
      expect([row.n, value(row)], label).toEqual([null, null]);
    } else {
      expect(row.suppressionReason, label).toBeNull();
      expect(row, label).toEqual(exactByKey.get(rowKey(row)));
    }
  }
};
const record = (name: string, planted: number, r: CohortComparisonResult, pass: boolean) =>
  table.push({
    effect: name,
    planted,
    estimate: r.did.estimate,
    ciLow: r.did.ci?.low ?? null,
    ciHigh: r.did.ci?.high ?? null,
    n: r.n,
    pass,
  });

describe(`recovery of the planted effects (demo world, scale ${SCALE})`, () => {
  let snapshot: DemoSnapshot;
  beforeAll(async () => {
    snapshot = await buildDemoSnapshot({ scale: SCALE, seed: SEED });
    console.info(`recovery: demo ${snapshot.timingsMs.demo} ms, ETL ${snapshot.timingsMs.etl} ms`);
  }, 600_000);
  afterAll(async () => {
    console.info(`\nRecovery table (scale ${SCALE}, seed ${SEED})\n${formatRecoveryTable(table)}\n`);
    await snapshot?.close();
  });

  it('(a) PLY-PRIMA: the service-days DiD is negative and its interval contains the realised ATT per trained handler', async () => {
    const truth = effect(snapshot, 'a_service_training').truth as {
      handlingTime: { attDaysPerTrainedEmployee: number };
    };
    const att = truth.handlingTime.attDaysPerTrainedEmployee;
    const spec = { selector: PLY, ...YEAR_2023, outcome: 'service_days' } as const;
    const r = await cohortComparison(snapshot.db, spec);
    record('(a) PLY-PRIMA service days per request (DiD)', att, r, ciContains(r.did.ci, att));
    expect(r.suppressed).toBe(false);
    expect(r.did.estimate).toBeLessThan(0);
    const wide = await cohortComparison(snapshot.db, spec, { level: COVER_LEVEL });
    expect(wide.did.estimate).toBe(r.did.estimate);
    expect(ciContains(wide.did.ci, att), `${COVER_LEVEL} CI ${JSON.stringify(wide.did.ci)} vs ${att}`).toBe(
      true,
    );
  });

  it('(a) PLY-PRIMA L3: the appraisal DiD interval contains the planted +3.0 SKP points', async () => {
    const r = await behaviourChange(snapshot.db, { selector: PLY, ...YEAR_2023 });
    record('(a) PLY-PRIMA L3 appraisal score (DiD)', 3.0, r, ciContains(r.did.ci, 3.0));
    expect(r.suppressed).toBe(false);
    const wide = await behaviourChange(snapshot.db, { selector: PLY, ...YEAR_2023 }, { level: COVER_LEVEL });
    expect(ciContains(wide.did.ci, 3.0), `${COVER_LEVEL} CI ${JSON.stringify(wide.did.ci)}`).toBe(true);
  });

  it('(g) placebo: the service-days and appraisal intervals contain 0 (control without PLY-PRIMA completers)', async () => {
    const clean = { selector: PLACEBO, ...YEAR_2023, excludeFromControl: [PLY] };
    // The recovery check is the analyst's own, so it runs without disclosure control (minCellSize 1).
    const open = { minCellSize: 1 };
    const days = await cohortComparison(snapshot.db, { ...clean, outcome: 'service_days' }, open);
    const score = await behaviourChange(snapshot.db, clean, open);
    record('(g) PLACEBO-BUDAYA service days (DiD)', 0, days, ciContains(days.did.ci, 0));
    record('(g) PLACEBO-BUDAYA appraisal score (DiD)', 0, score, ciContains(score.did.ci, 0));
    expect(days.suppressed).toBe(false);
    expect(Math.min(days.treated.n ?? 0, days.control.n ?? 0)).toBeGreaterThanOrEqual(DEFAULT_MIN_CELL_SIZE);
    const wide = { ...open, level: COVER_LEVEL };
    const wideDays = await cohortComparison(snapshot.db, { ...clean, outcome: 'service_days' }, wide);
    const wideScore = await behaviourChange(snapshot.db, clean, wide);
    expect(ciContains(wideDays.did.ci, 0), `days ${JSON.stringify(wideDays.did.ci)}`).toBe(true);
    expect(ciContains(wideScore.did.ci, 0), `score ${JSON.stringify(wideScore.did.ci)}`).toBe(true);

    // Published, the clean comparison differs from the one without the exclusion by the PLY-PRIMA
    // completers it leaves out of the control pool; how many that is depends on the draw. Where a
    // count it publishes differs from that comparison's by 1 … minCellSize − 1, the pair would give
    // them away by difference: it must be hidden as complementary. Otherwise it is shown, and it is
    // the open answer.
    const counts = (r: CohortComparisonResult) => [
      r.matching.treatedEligible,
      r.treated.n,
      r.matching.treatedDropped,
      r.control.n,
      r.matching.controlUnused,
      r.n,
      r.preTrend?.nTreated ?? 0,
      r.preTrend?.nControl ?? 0,
    ];
    const withPly = await cohortComparison(
      snapshot.db,
      { selector: PLACEBO, ...YEAR_2023, outcome: 'service_days' },
      open,
    );
    const gaps = counts(days).map((c, i) => Math.abs((c ?? 0) - (counts(withPly)[i] ?? 0)));
    expect(Math.max(...gaps), 'the exclusion leaves out someone').toBeGreaterThan(0);
    const few = gaps.some((g) => g > 0 && g < DEFAULT_MIN_CELL_SIZE);
    const published = await cohortComparison(snapshot.db, { ...clean, outcome: 'service_days' });
    if (few) {
      expect([
        published.suppressed,
        published.suppressionReason,
        published.did.estimate,
        published.n,
      ]).toEqual([true, 'complementary', null, null]);
    } else {
      expect(published.suppressionReason).toBeNull();
      expect(published.did).toEqual(days.did);
      expect(counts(published)).toEqual(counts(days));
    }
  });

  it('(a, g) the program portfolio finds PLY-PRIMA 2023 faster and the placebo program without an effect', async () => {
    const entries = await programPortfolio(snapshot.db, { years: [2023] });
    const of = (code: string) => entries.find((e) => e.programCode === code);
    const ply = of('PLY-PRIMA');
    const placebo = of('PLACEBO-BUDAYA');
    table.push({
      effect: '(a, g) portfolio 2023: PLY-PRIMA / PLACEBO-BUDAYA evidence',
      planted: 'faster / none',
      estimate: `${ply?.evidence ?? '–'} / ${placebo?.evidence ?? '–'}`,
      n: (ply?.roi.cohort.n ?? 0) + (placebo?.roi.cohort.n ?? 0),
      pass: ply?.evidence === 'faster' && placebo?.evidence === 'inconclusive',
    });
    // PLY-PRIMA: estimated and faster in its point estimate; `faster` (its interval excludes 0) is
    // power, not asserted (12 of 14 seeds at this scale).
    expect(['faster', 'inconclusive']).toContain(ply?.evidence);
    expect(ply?.roi.cohort.did.estimate).toBeLessThan(0);
    expect(ply?.roi.base?.benefitsIdr).toBeGreaterThan(0);
    // The portfolio entry is the ROI page's figure for the same program and year.
    const direct = await roi(snapshot.db, { selector: PLY, ...YEAR_2023 });
    expect(ply?.roi.base).toEqual(direct.base);
    // The placebo and every other program the generator gave no effect: none shows one after Holm
    // (at most 5 % by chance over them all), and unadjusted at 95 %, at most one in twenty estimable
    // cohorts (or one) shows one.
    expect(placebo?.evidence).not.toBe('not_estimated');
    expect(placebo?.evidenceAfterHolm).toBe('inconclusive');
    const estimable = entries.filter((e) => e.evidence !== 'not_estimated');
    const afterHolm = estimable.filter(
      (e) => e.programCode !== 'PLY-PRIMA' && e.evidenceAfterHolm !== 'inconclusive',
    );
    expect(afterHolm.map((e) => `${e.programCode}: ${e.evidenceAfterHolm}`)).toEqual([]);
    const shown = estimable.filter((e) => e.programCode !== 'PLY-PRIMA' && e.evidence !== 'inconclusive');
    expect(shown.length).toBeLessThanOrEqual(Math.max(1, Math.ceil(estimable.length / 20)));
  });

  it('(a, g) the joint model separates PLY-PRIMA from the programs its completers also took', async () => {
    const truth = effect(snapshot, 'a_service_training').truth as {
      handlingTime: { attDaysPerTrainedEmployee: number };
    };
    const att = truth.handlingTime.attDaysPerTrainedEmployee;
    const r = await programEffects(snapshot.db, YEAR_2023);
    const of = (code: string) => r.programs.find((p) => p.programCode === code);
    const ply = of('PLY-PRIMA');
    const placebo = of('PLACEBO-BUDAYA');
    const survivors = r.programs.filter((p) => p.pValueHolm !== null && p.pValueHolm < 0.05);
    table.push({
      effect: '(a) PLY-PRIMA service days, joint model (all 2023 programs)',
      planted: att,
      estimate: ply?.effect.estimate ?? null,
      ciLow: ply?.effect.ci?.low ?? null,
      ciHigh: ply?.effect.ci?.high ?? null,
      n: r.n,
      pass: ciContains(ply?.effect.ci ?? null, att) && ply?.direction === 'lower',
    });
    table.push({
      effect: '(g) PLACEBO-BUDAYA service days, joint model',
      planted: 0,
      estimate: placebo?.effect.estimate ?? null,
      ciLow: placebo?.effect.ci?.low ?? null,
      ciHigh: placebo?.effect.ci?.high ?? null,
      n: placebo?.n ?? 0,
      pass: placebo?.direction === 'inconclusive',
    });
    table.push({
      effect: '(a, g) joint model: programs surviving Holm',
      planted: 'PLY-PRIMA',
      estimate: survivors.map((p) => p.programCode).join(', ') || '–',
      pass: survivors.length === 1 && survivors[0]?.programCode === 'PLY-PRIMA',
    });
    expect(r.suppressed).toBe(false);
    expect(ply?.effect.estimate).toBeLessThan(0);
    expect(ply?.direction).not.toBe('higher');
    const wide = await programEffects(snapshot.db, YEAR_2023, { level: COVER_LEVEL });
    const widePly = wide.programs.find((p) => p.programCode === 'PLY-PRIMA');
    expect(widePly?.effect.estimate).toBe(ply?.effect.estimate);
    expect(
      ciContains(widePly?.effect.ci ?? null, att),
      `${JSON.stringify(widePly?.effect.ci)} vs ${att}`,
    ).toBe(true);
    // With every program in the model the placebo is not made to look slower by PLY-PRIMA's
    // completers (unadjusted at 95 %, it looked faster on 2 of 14 seeds: chance, not asserted).
    expect(placebo?.effect.estimate).not.toBeNull();
    expect(placebo?.direction).not.toBe('higher');
    // Holm across the year's programs: none but PLY-PRIMA survives (whether PLY-PRIMA does is power).
    expect(survivors.map((p) => p.programCode).filter((c) => c !== 'PLY-PRIMA')).toEqual([]);
  });

  it('(b) resistance rises with tenure band; already_experienced dominates at 20+', async () => {
    // The planted pattern is in the data, asserted on the exact answer (minN 1). In this small world
    // the published answer may hide the <5 and 5–9 bands (complementary, on 7 of 14 seeds); where
    // it shows a band, it is the exact one.
    const query = { groupBy: ['tenureBand'] } as const;
    const res = await resistance(snapshot.db, query, { minN: 1 });
    const published = await resistance(snapshot.db, query);
    expectPublishedIsExactOrHidden('resistance rows', published.rows, res.rows, (r) => r.rate);
    expectPublishedIsExactOrHidden(
      'resistance byReason',
      published.byReason,
      res.byReason,
      (r) => r.declines,
    );
    const planted = (
      effect(snapshot, 'b_resistance_by_tenure').parameters as {
        declineProbabilityByTenure: Record<string, number>;
      }
    ).declineProbabilityByTenure;
    const realised = (
      effect(snapshot, 'b_resistance_by_tenure').truth as {
        declineRateByTenure: Record<string, number | null>;
      }
    ).declineRateByTenure;
    const bands = ['<5', '5-9', '10-19', '20+'];
    const rates = bands.map((b) => res.rows.find((r) => !r.isTotal && r.keys.tenureBand === b)?.rate ?? null);
    // The exact decline rates (declined / invited; the resistance rate adds no-response and no-show)
    // are the generator's realised ones, up to the few invitations whose tenure band the warehouse
    // places otherwise (differences up to 0.002 across seeds).
    const declineRates = bands.map((band) => {
      const row = res.rows.find((r) => !r.isTotal && r.keys.tenureBand === band);
      return row?.declined != null && row.invited ? row.declined / row.invited : null;
    });
    const close = bands.every(
      (band, i) => Math.abs((declineRates[i] ?? Number.NaN) - (realised[band] ?? Number.NaN)) < 0.005,
    );
    // Planted, the decline probability rises with every band (0.10 / 0.15 / 0.25 / 0.40, before the
    // methods' factors). Realised, the resistance rates of <5 and 5–9 (0.05 apart in that) can come
    // out level or reversed (seed 6: 0.172 / 0.170); both stay below 10–19, and 10–19 below 20+.
    const plantedRises = bands.every((band, i) => i === 0 || planted[band]! > planted[bands[i - 1]!]!);
    const [junior = null, early = null, mid = null, senior20 = null] = rates;
    const rises =
      junior !== null &&
      early !== null &&
      mid !== null &&
      senior20 !== null &&
      Math.max(junior, early) < mid &&
      mid < senior20;
    const senior = res.byReason.filter((r) => !r.isTotal && r.keys.tenureBand === '20+');
    const top = [...senior].sort((a, b) => (b.share ?? 0) - (a.share ?? 0))[0];
    table.push({
      effect: '(b) decline rate by tenure <5 / 5-9 / 10-19 / 20+',
      planted: bands.map((band) => realised[band]?.toFixed(3) ?? '–').join(' / '),
      estimate: declineRates.map((x) => (x === null ? '–' : x.toFixed(3))).join(' / '),
      pass: close,
    });
    table.push({
      effect: '(b) resistance rate by tenure <5 / 5-9 / 10-19 / 20+',
      planted: 'increasing',
      estimate: rates.map((x) => (x === null ? '–' : x.toFixed(3))).join(' / '),
      pass: rises,
    });
    table.push({
      effect: '(b) top decline reason at 20+',
      planted: 'already_experienced',
      estimate: `${top?.keys.declineReason} (${top?.share?.toFixed(3)})`,
      pass: top?.keys.declineReason === 'already_experienced',
    });
    expect(plantedRises).toBe(true);
    expect(close, `${declineRates.join(' / ')} vs ${JSON.stringify(realised)}`).toBe(true);
    expect(rises).toBe(true);
    expect(top?.keys.declineReason).toBe('already_experienced');
  });

  it('(c) e-learning: higher acceptance and lower completion than workshops', async () => {
    // The planted effect is in the data, not in what disclosure control lets through: with
    // suppression off (minN 1). In this small world (scale 0.25) the published funnel by method
    // hides the methods whose declines or non-responses, or the employees behind them, are 1–4
    // (protected like n since 2026-12-06), and their complements.
    const funnel = await invitationFunnel(snapshot.db, { groupBy: ['method'] }, { minN: 1 });
    const done = await completion(snapshot.db, { groupBy: ['method'] }, { minN: 1 });
    const byMethod = <R extends { isTotal: boolean; keys: { method?: string | null } }>(
      rows: R[],
      m: string,
    ) => rows.find((r) => !r.isTotal && r.keys.method === m);
    const accept = {
      e: byMethod(funnel.rows, 'e_learning')?.acceptanceRate ?? null,
      w: byMethod(funnel.rows, 'workshop')?.acceptanceRate ?? null,
    };
    const complete = {
      e: byMethod(done.rows, 'e_learning')?.rate ?? null,
      w: byMethod(done.rows, 'workshop')?.rate ?? null,
    };
    const upOk = accept.e !== null && accept.w !== null && accept.e > accept.w;
    const doneOk = complete.e !== null && complete.w !== null && complete.e < complete.w;
    table.push({
      effect: '(c) acceptance e-learning vs workshop',
      planted: 'higher',
      estimate: `${accept.e?.toFixed(3)} vs ${accept.w?.toFixed(3)}`,
      pass: upOk,
    });
    table.push({
      effect: '(c) completion e-learning vs workshop',
      planted: 'lower',
      estimate: `${complete.e?.toFixed(3)} vs ${complete.w?.toFixed(3)}`,
      pass: doneOk,
    });
    expect(upOk).toBe(true);
    expect(doneOk).toBe(true);
  });

  it('(d) the 2021 budget cut: participation in 2021 is the lowest year and matches the realised rates', async () => {
    const truth = effect(snapshot, 'd_budget_cut_2021').truth as {
      participationRateByYear: Record<string, number>;
    };
    const res = await participation(snapshot.db, {
      filter: { from: '2021-01-01', to: '2025-12-31' },
      grain: 'year',
    });
    const byYear = Object.fromEntries(
      // No groupBy: each period's row is its total.
      res.rows.filter((r) => r.isTotal && r.period).map((r) => [r.period!.slice(0, 4), r.rate]),
    );
    const years = Object.keys(truth.participationRateByYear).sort();
    const lowest = years.every((y) => y === '2021' || (byYear[y] ?? 0) > (byYear['2021'] ?? 1));
    const close = years.every(
      (y) => Math.abs((byYear[y] ?? Number.NaN) - truth.participationRateByYear[y]!) < 0.005,
    );
    table.push({
      effect: '(d) participation rate 2021 / 2022 / … / 2025',
      planted: years.map((y) => truth.participationRateByYear[y]!.toFixed(3)).join(' / '),
      estimate: years.map((y) => byYear[y]?.toFixed(3) ?? '–').join(' / '),
      pass: lowest && close,
    });
    expect(lowest).toBe(true);
    expect(close).toBe(true);
  });

  it('(d) the 2021 budget cut: budgetTrend gives the planted budgets and offerings, 2021 cut by about 40 %', async () => {
    const truth = effect(snapshot, 'd_budget_cut_2021').truth as {
      allocatedIdrByYear: Record<string, number>;
      offeringsByYear: Record<string, number>;
    };
    const trend = await budgetTrend(snapshot.db, {});
    const byYear = new Map(trend.map((r) => [String(r.year), r]));
    const years = Object.keys(truth.allocatedIdrByYear).sort();
    // Money and offerings are exact (never hidden), asserted on the realised truth. The cut is the
    // planted factor 0.6 / 1.0 up to the per-agency noise (uniform 0.85–1.15) and the change in
    // headcount (about ±0.03 at this scale): asserted within 0.1, the table shows it.
    const allocated = years.map((y) => byYear.get(y)?.allocatedIdr ?? null);
    const offerings = Object.keys(truth.offeringsByYear)
      .sort()
      .map((y) => [y, byYear.get(y)?.offerings ?? null]);
    const cut = byYear.get('2022')?.allocatedChange;
    const change2021 = byYear.get('2021')!.allocatedIdr! / byYear.get('2022')!.allocatedIdr! - 1;
    const perEmployee = years.map((y) => byYear.get(y)?.allocatedPerEmployeeIdr ?? null);
    const lowest = years.every(
      (y, i) => y === '2021' || (perEmployee[i] ?? 0) > (perEmployee[0] ?? Infinity),
    );
    table.push({
      effect: '(d) training budget 2021 / 2022 (budgetTrend)',
      planted: '0.60 of 2022',
      estimate: `${(1 + change2021).toFixed(2)} of 2022; 2022 on 2021 ${cut === null || cut === undefined ? '–' : `+${(cut * 100).toFixed(0)} %`}`,
      pass: Math.abs(change2021 + 0.4) < 0.1 && lowest,
    });
    expect(allocated).toEqual(years.map((y) => truth.allocatedIdrByYear[y]));
    expect(offerings).toEqual(
      Object.keys(truth.offeringsByYear)
        .sort()
        .map((y) => [y, truth.offeringsByYear[y]]),
    );
    expect(Math.abs(change2021 + 0.4)).toBeLessThan(0.1);
    expect(years[0]).toBe('2021');
    expect(lowest).toBe(true);
  });

  it('(e) L2 gains differ by method: the mean post − pre per method matches the realised gains', async () => {
    const truth = effect(snapshot, 'e_l2_gain_by_method').truth as {
      meanGainByMethod: Record<string, number>;
    };
    // The planted gains are in the data, asserted on the exact answer (minN 1). In this small world
    // the published answer may hide some methods (complementary, on 2 of 14 seeds); where it shows
    // one, it is the exact one.
    const res = await learning(snapshot.db, { groupBy: ['method'] }, { minN: 1 });
    const published = await learning(snapshot.db, { groupBy: ['method'] });
    expectPublishedIsExactOrHidden('learning rows', published.rows, res.rows, (r) => r.meanGain);
    const methods = Object.keys(truth.meanGainByMethod).sort(
      (a, b) => truth.meanGainByMethod[b]! - truth.meanGainByMethod[a]!,
    );
    const gain = (m: string) => res.rows.find((r) => !r.isTotal && r.keys.method === m)?.meanGain ?? null;
    const close = methods.every((m) => Math.abs((gain(m) ?? Number.NaN) - truth.meanGainByMethod[m]!) < 0.01);
    table.push({
      effect: `(e) mean L2 gain ${methods.join(' / ')}`,
      planted: methods.map((m) => truth.meanGainByMethod[m]!.toFixed(2)).join(' / '),
      estimate: methods.map((m) => gain(m)?.toFixed(2) ?? '–').join(' / '),
      pass: close,
    });
    expect(close).toBe(true);
  });

  it('(f) Disdukcapil IKM rises after the rollout, to the realised values', async () => {
    const truth = effect(snapshot, 'f_ikm_disdukcapil').truth as {
      realisedBefore: number;
      realisedAfter: number;
    };
    // The numbers with suppression off (minN 1): in this small world (scale 0.25) the published
    // answer hides 2021–2023, since by year Disdukcapil's 2022 would give back its akta_kematian
    // (12), the complement of DPMPTSP's izin_usaha_mikro (4) by service type, and a sum over years
    // publishes no hidden year. Published, each reading is that number or hidden, never another.
    const ikm = async (from: string, to: string, minN?: number) =>
      (
        await satisfaction(
          snapshot.db,
          { filter: { from, to, agencies: ['DISDUKCAPIL'] } },
          minN === undefined ? undefined : { minN },
        )
      ).rows.find((r) => r.isTotal || r.period === null)?.ikmExact ?? null;
    const before = await ikm('2021-01-01', '2023-12-31', 1);
    const after = await ikm('2024-01-01', '2025-12-31', 1);
    for (const [from, to, exact] of [
      ['2021-01-01', '2023-12-31', before],
      ['2024-01-01', '2025-12-31', after],
    ] as const) {
      const published = await ikm(from, to);
      expect(published === null || published === exact, `${from}: ${published} vs ${exact}`).toBe(true);
    }
    const pass =
      before !== null &&
      after !== null &&
      after > before &&
      Math.abs(before - truth.realisedBefore) < 0.01 &&
      Math.abs(after - truth.realisedAfter) < 0.01;
    table.push({
      effect: '(f) Disdukcapil IKM before / after 2024',
      planted: `${truth.realisedBefore.toFixed(2)} / ${truth.realisedAfter.toFixed(2)}`,
      estimate: `${before?.toFixed(2) ?? '–'} / ${after?.toFixed(2) ?? '–'}`,
      pass,
    });
    expect(pass).toBe(true);
  });

  it('(a) ROI and budget scenario run on the recovered effect: positive base benefit, CI-based range', async () => {
    const truth = effect(snapshot, 'a_service_training').truth as {
      handlingTime: { attDaysPerTrainedEmployee: number };
    };
    const r = await roi(snapshot.db, { selector: PLY, ...YEAR_2023 });
    const saved = r.effect.daysSavedPerRequest;
    const pass =
      saved !== null &&
      saved.low <= -truth.handlingTime.attDaysPerTrainedEmployee &&
      (r.base?.benefitsIdr ?? 0) > 0;
    table.push({
      effect: '(a) PLY-PRIMA ROI %: low / base / high',
      planted: 'benefit > 0',
      estimate: [r.low, r.base, r.high].map((c) => c?.roiPercent?.toFixed(0) ?? '–').join(' / '),
      n: r.participants,
      pass,
    });
    const scenario = await budgetScenario(snapshot.db, {
      agencyCode: 'DISDUKCAPIL',
      programCode: 'PLY-PRIMA',
      budgetIdr: 50_000_000,
      year: 2025,
    });
    table.push({
      effect: '(a) budget 50 M IDR on PLY-PRIMA, Disdukcapil 2025: seats; ROI % base',
      planted: 'seats > 0',
      estimate: `${scenario.seats}; ${scenario.roi?.base.roiPercent?.toFixed(0) ?? '–'}`,
      pass: (scenario.seats ?? 0) > 0,
    });
    expect(pass).toBe(true);
    expect(scenario.seats).toBeGreaterThan(0);
  });

  // The differencing attack (scripts/audit/differencing.ts, `auditDifferencing`) on the same
  // snapshot: nothing the slices, the pairs or the one-way tables give may recover a count the
  // two-way table hides; and the audit must find the hidden counts when slices are shown unprotected
  // (so it is no test that cannot fail).
  describe('differencing audit of published answers', () => {
    const YEAR = { from: '2024-01-01', to: '2024-12-31' };
    const PAIRS: readonly (readonly [Dimension, Dimension])[] = [
      ['agency', 'gradeGroup'],
      ['gradeGroup', 'agency'],
    ];
    // Resistance's rows, as the API computes them when byReason is not asked for (and as
    // scripts/audit/differencing.ts audits them): byReason takes one groupBy dimension at most, and
    // by agency per month it is refused as too complex to protect.
    const resistanceRates: AuditedMetric = (db, query, options) =>
      (resistance as unknown as AuditedMetric)(db, query, { ...options, withReasons: false } as {
        minN?: number;
      });
    for (const [name, metric] of [
      ['participation', participation as unknown as AuditedMetric],
      ['resistance', resistanceRates],
    ] as const) {
      it(`${name}: slices, pairs and the one-way tables give back none of the two-way table's hidden counts`, async () => {
        let hidden = 0;
        for (const [filterBy, groupBy] of PAIRS) {
          const audit = await auditDifferencing(snapshot.db, metric, {
            filterBy,
            groupBy,
            range: YEAR,
            minN: 5,
            maxPartners: 3,
          });
          hidden += audit.hidden;
          expect(audit.recovered, `${filterBy} → ${groupBy}`).toEqual([]);
          expect(audit.twoWay, `${filterBy} → ${groupBy}`).toEqual([]);
        }
        expect(hidden).toBeGreaterThan(0);
      });
    }

    // One agency's answer without a groupBy is that agency's cell of the table by agency, per
    // period: it may show no cell that table hides (the scale-1 demo gave back 387 of 636 monthly
    // counts in 2024 before the slice rule took the table by agency as its margins). Resistance's
    // rows only, as the API computes them when byReason is not asked for (with it, by agency per
    // month is refused as too complex to protect).
    for (const [name, metric] of [
      ['resistance', resistanceRates],
      ['invitationFunnel', invitationFunnel as unknown as AuditedMetric],
    ] as const) {
      it(`${name}: one-agency answers per month give back none of the table by agency's hidden counts`, async () => {
        const audit = await auditDifferencing(snapshot.db, metric, {
          filterBy: 'agency',
          groupBy: null,
          grain: 'month',
          range: YEAR,
          minN: 5,
          maxPartners: 1,
        });
        expect(audit.hidden).toBeGreaterThan(0);
        expect(audit.recovered).toEqual([]);
      });
    }

    // Controls: one-agency answers published without any protection (minN 1) must give back every
    // count the wider table hides, so the audits above can fail.
    const unprotectedSlices = async (
      published: AuditedMetric,
      shape: { groupBy: Dimension | null; grain?: 'month' },
    ) => {
      const leaky: AuditedMetric = (db, query, options) =>
        published(db, query, query.filter?.agencies ? { minN: 1 } : options);
      const audit = await auditDifferencing(snapshot.db, leaky, {
        filterBy: 'agency',
        ...shape,
        range: YEAR,
        minN: 5,
        maxPartners: 0,
      });
      // Every hidden cell with data (a table hidden whole also lists its zeros, which no slice lists
      // as a row: participation by agency × grade group hides such tables since it hides what JP
      // compliance hides too, headcount-partners.ts).
      expect(audit.hiddenWithData).toBeGreaterThan(0);
      expect(audit.recovered).toHaveLength(audit.hiddenWithData);
    };

    it('finds the hidden monthly counts when one-agency answers are published unprotected', () =>
      unprotectedSlices(resistanceRates, { groupBy: null, grain: 'month' }));

    it('finds every hidden count when one-agency slices are published unprotected', () =>
      unprotectedSlices(participation as unknown as AuditedMetric, { groupBy: 'gradeGroup' }));
  });
});
