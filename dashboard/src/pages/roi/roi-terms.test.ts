import { describe, expect, it } from 'vitest';
import type { PortfolioEntry, ProgramEffect, Roi } from '../../graphql/types.ts';
import type { BudgetYearRow } from './budget-years.ts';
import { budgetTerms, chainTerms, jointCheckTerms, portfolioTerms } from './roi-terms.ts';

/** An agency-clustered estimate: its CI, the agencies with a completer, the wild bootstrap p (null: none). */
function clustered(low: number, high: number, treated: number, bootstrap: number | null = 0.001) {
  return {
    se: 0.05,
    df: 9,
    pValue: 0.01,
    ci: { low, high },
    clusters: 10,
    treatedClusters: treated,
    wildBootstrap: bootstrap === null ? null : { pValue: bootstrap, draws: 9_999 },
  };
}

/** A portfolio row's joint-model cell (`joint` null: the year has no joint model). */
function row(
  joint: {
    direction: 'lower' | 'higher' | 'inconclusive' | 'not_estimated';
    holm: number | null;
    clustered?: ReturnType<typeof clustered>;
  } | null,
): Pick<PortfolioEntry, 'joint'> {
  return {
    joint: joint && {
      direction: joint.direction,
      gap: joint.direction === 'not_estimated' ? 'small_n' : null,
      pValueHolm: joint.holm,
      effect: {
        estimate: joint.direction === 'not_estimated' ? null : -0.4,
        ci: joint.direction === 'not_estimated' ? null : { low: -0.5, high: -0.3 },
      },
      clustered: joint.clustered ?? null,
    },
  } as Pick<PortfolioEntry, 'joint'>;
}

describe('ROI glossary: the portfolio’s terms', () => {
  it('lists nothing before (or without) an answer: an anonymous reader sees the planner lock only', () => {
    expect(portfolioTerms(null)).toEqual([]);
  });

  it('lists ✓ Holm of the joint model and the clustered check only where a row shows them', () => {
    expect(portfolioTerms([row({ direction: 'inconclusive', holm: 0.6 }), row(null)])).toEqual([
      'did',
      'ci95',
      'significant',
      'pHolmPortfolio',
      'jointModel',
      'roi',
    ]);
    // A faster cohort that holds after Holm, clustered check shown.
    expect(
      portfolioTerms([row({ direction: 'lower', holm: 0.001, clustered: clustered(-0.6, -0.2, 12) })]),
    ).toEqual([
      'did',
      'ci95',
      'significant',
      'pHolmPortfolio',
      'jointModel',
      'pHolmJoint',
      'clustered',
      'roi',
    ]);
    // Faster before Holm only ("not after Holm" names the joint model's p Holm); no clustered estimate.
    expect(portfolioTerms([row({ direction: 'lower', holm: 0.2 })])).toContain('pHolmJoint');
    expect(portfolioTerms([row({ direction: 'lower', holm: 0.2 })])).not.toContain('clustered');
    // An effect the model does not show: the clustered check says nothing of it, nor of Holm.
    const inconclusive = portfolioTerms([
      row({ direction: 'inconclusive', holm: 0.9, clustered: clustered(-0.3, 0.1, 12) }),
    ]);
    expect(inconclusive).not.toContain('clustered');
    expect(inconclusive).not.toContain('pHolmJoint');
    // …unless its completers sit in few agencies: the caution is shown.
    expect(
      portfolioTerms([row({ direction: 'inconclusive', holm: 0.9, clustered: clustered(-0.3, 0.1, 2) })]),
    ).toContain('clustered');
  });

  it('never lists the wild cluster bootstrap p: the portfolio does not show it', () => {
    expect(
      portfolioTerms([row({ direction: 'lower', holm: 0.001, clustered: clustered(-0.6, -0.2, 12, 0.04) })]),
    ).not.toContain('bootstrapP');
  });
});

describe('ROI glossary: the chain’s terms', () => {
  const roi = (isolation: 'cohort' | 'joint', ci: boolean): Pick<Roi, 'effect' | 'cohort'> =>
    ({
      effect: { isolation, didDays: -0.3 },
      cohort: { did: { estimate: -0.3, ci: ci ? { low: -0.4, high: -0.2 } : null } },
    }) as Pick<Roi, 'effect' | 'cohort'>;

  it('names the estimate priced, its CI when shown, the ROI, BCR and n', () => {
    expect(chainTerms(roi('cohort', true))).toEqual(['did', 'ci95', 'roi', 'bcr', 'n']);
    expect(chainTerms(roi('cohort', false))).toEqual(['did', 'roi', 'bcr', 'n']);
    // Priced on the joint model: step 3 shows its coefficient, without the cohort's CI.
    expect(chainTerms(roi('joint', true))).toEqual(['jointModel', 'roi', 'bcr', 'n']);
  });
});

describe('ROI glossary: step 3’s joint-model check', () => {
  const effect = (
    direction: ProgramEffect['direction'],
    c: ReturnType<typeof clustered> | null,
  ): Pick<ProgramEffect, 'direction' | 'clustered'> =>
    ({ direction, clustered: c }) as Pick<ProgramEffect, 'direction' | 'clustered'>;
  const cohort = { isolation: 'cohort' as const };

  it('lists the wild cluster bootstrap p only when the check’s sentence gives one', () => {
    // REG-EL 2024 as the reviewer saw it: no effect shown, so no clustered sentence and no bootstrap p.
    expect(jointCheckTerms(cohort, effect('inconclusive', clustered(-0.2, 0.1, 12)))).toEqual([
      'jointModel',
      'significant',
    ]);
    expect(jointCheckTerms(cohort, effect('lower', clustered(-0.6, -0.2, 12)))).toEqual([
      'jointModel',
      'significant',
      'pHolmJoint',
      'clustered',
      'bootstrapP',
    ]);
    // A clustered CI without a bootstrap p: the sentence names none.
    expect(jointCheckTerms(cohort, effect('lower', clustered(-0.6, -0.2, 12, null)))).toEqual([
      'jointModel',
      'significant',
      'pHolmJoint',
      'clustered',
    ]);
  });

  it('lists nothing without a row, and only the joint model when the chain prices it', () => {
    expect(jointCheckTerms(cohort, null)).toEqual([]);
    expect(jointCheckTerms({ isolation: 'joint' }, null)).toEqual(['jointModel']);
  });
});

describe('ROI glossary: the budget scenario’s terms', () => {
  const year = (joint: BudgetYearRow['joint']): BudgetYearRow => ({
    year: 2023,
    n: 300,
    did: '−0,45 (−0,55 … −0,35)',
    didEstimated: true,
    joint,
    pooled: true,
  });
  const jointCell = (holm: boolean, notAfterHolm: boolean): BudgetYearRow['joint'] => ({
    text: '−0,40 (−0,52 … −0,28)',
    estimated: true,
    direction: 'lower',
    verdict: { text: 'lebih cepat', tone: 'good' },
    holm,
    notAfterHolm,
  });

  it('lists nothing before a scenario is priced', () => {
    expect(budgetTerms(null)).toEqual([]);
  });

  it('on the cohort comparison: ROI, cost per attending enrollment, DiD, CI and n; on the joint model also its verdicts and Holm', () => {
    expect(budgetTerms([year(null)])).toEqual(['roi', 'costPerAttendance', 'did', 'ci95', 'n']);
    expect(budgetTerms([year(jointCell(true, false))])).toEqual([
      'roi',
      'costPerAttendance',
      'did',
      'ci95',
      'jointModel',
      'significant',
      'pHolmJoint',
      'n',
    ]);
    const noEstimate: BudgetYearRow['joint'] = {
      text: 'tidak dapat diestimasi',
      estimated: false,
      direction: 'not_estimated',
      verdict: null,
      holm: false,
      notAfterHolm: false,
    };
    expect(budgetTerms([year(noEstimate)])).toEqual([
      'roi',
      'costPerAttendance',
      'did',
      'ci95',
      'jointModel',
      'n',
    ]);
  });
});
