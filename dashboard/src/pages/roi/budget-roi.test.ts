import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/translate.ts';
import { budgetRoiView, splitEffectCaveats } from './budget-roi.ts';

const roiCase = (roiPercent: number) => ({
  benefitsIdr: 0,
  netBenefitsIdr: 0,
  roiPercent,
  bcr: null,
  paybackMonths: null,
});
// DISDUKCAPIL × TIK-SM at Rp 100,000,000 (reviewers' demo world): base +96 %, the low case no benefit.
const roi = { low: roiCase(-100), base: roiCase(96), high: roiCase(740) };

describe('budgetRoiView', () => {
  it('reads "not shown" when the effect priced has a CI containing 0, with what each case means', () => {
    const v = budgetRoiView({ evidence: 'inconclusive', roi, caveats: [] }, translator('id'), 'id');
    expect(v).toEqual({
      notShown: true,
      value: 'Tidak terbukti',
      detail:
        'Bila dampaknya nyata: dasar 96,0%, tinggi 740,0%. Tanpa dampak (skenario rendah, yang sama-sama sesuai dengan data): −100,0%.',
    });
    const en = budgetRoiView({ evidence: 'inconclusive', roi, caveats: [] }, translator('en'), 'en');
    expect(en.value).toBe('Not shown');
    expect(en.detail).toBe(
      'If the effect is real: base 96.0%, high 740.0%. With no effect (low, which fits the data as well): −100.0%.',
    );
  });

  it('says slower service prices no benefit, and keeps the plain range for a shown effect', () => {
    const slower = budgetRoiView({ evidence: 'slower', roi, caveats: [] }, translator('en'), 'en');
    expect(slower.notShown).toBe(true);
    expect(slower.detail).toMatch(/^Service got slower: no benefit in any case/);
    expect(budgetRoiView({ evidence: 'faster', roi, caveats: [] }, translator('en'), 'en')).toEqual({
      notShown: false,
      value: '−100.0% / 96.0% / 740.0%',
      detail: null,
    });
    expect(
      budgetRoiView({ evidence: 'inconclusive', roi: null, caveats: [] }, translator('en'), 'en').value,
    ).toBe('—');
  });

  it('puts the caveats saying the effect is not shown apart, to show first', () => {
    const c = (code: string) => ({ code, id: code, en: code });
    expect(
      splitEffectCaveats([c('pooled_cohorts'), c('effect_ci_includes_zero'), c('seats_capped_at_headcount')]),
    ).toEqual({
      effect: [c('effect_ci_includes_zero')],
      rest: [c('pooled_cohorts'), c('seats_capped_at_headcount')],
    });
  });
});
