import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { roiFootnotes, roiMarks, roiNotMeasured, roiQualifierKey, scorecardCaveatText } from './roi-notes.ts';

const noEffect = { code: 'no_effect_data', id: 'Dampak tidak dapat diukur.', en: 'Effect not measurable.' };
const ciZero = { code: 'effect_ci_includes_zero', id: 'Selang mencakup nol.', en: 'CI includes zero.' };
const noCosts = { code: 'no_costs', id: 'Tidak ada biaya.', en: 'No costs.' };

describe('ROI footnotes on the agency scorecard', () => {
  const rows = [
    { roiWarnings: [] },
    { roiWarnings: [ciZero] },
    { roiWarnings: [noEffect, noCosts] },
    { roiWarnings: [noEffect] },
  ];

  it('numbers each distinct caveat once, in the order the rows first raise it, in the reader’s language', () => {
    expect(roiFootnotes(rows, translator('id'), 'id')).toEqual([
      { mark: 1, code: 'effect_ci_includes_zero', text: translator('id')('instansi.roiNote.ciIncludesZero') },
      { mark: 2, code: 'no_effect_data', text: 'Dampak tidak dapat diukur.' },
      { mark: 3, code: 'no_costs', text: 'Tidak ada biaya.' },
    ]);
    expect(roiFootnotes(rows, translator('en'), 'en').map((n) => n.text)).toEqual([
      translator('en')('instansi.roiNote.ciIncludesZero'),
      'Effect not measurable.',
      'No costs.',
    ]);
    expect(roiFootnotes([{ roiWarnings: [] }], translator('id'), 'id')).toEqual([]);
  });

  it('marks each row with the numbers of its own caveats', () => {
    const notes = roiFootnotes(rows, translator('id'), 'id');
    expect(rows.map((r) => roiMarks(r, notes))).toEqual([[], [1], [2, 3], [2]]);
  });
});

describe('ROI not measured', () => {
  const caveat = (code: string) => ({ code, id: code, en: code });
  it('reads −100 % from an unmeasurable effect as "not measured", a real loss as a figure', () => {
    expect(roiNotMeasured({ roiPct: -100, roiWarnings: [caveat('no_effect_data')] })).toBe(true);
    expect(roiNotMeasured({ roiPct: -100, roiWarnings: [caveat('no_data_after_training')] })).toBe(true);
    expect(roiNotMeasured({ roiPct: -40, roiWarnings: [caveat('effect_ci_includes_zero')] })).toBe(false);
    expect(roiNotMeasured({ roiPct: -100, roiWarnings: [] })).toBe(false);
    expect(roiNotMeasured({ roiPct: null, roiWarnings: [caveat('no_effect_data')] })).toBe(false);
  });
});

describe('a base-case ROI whose effect is not shown', () => {
  const caveat = (code: string) => ({ code, id: `${code} (API)`, en: `${code} (API)` });
  it('carries a qualifier: no measured benefit at −100 %, benefit not shown above it, slower service', () => {
    expect(roiQualifierKey({ roiPct: -100, roiWarnings: [caveat('effect_ci_includes_zero')] })).toBe(
      'instansi.roiNoMeasuredBenefit',
    );
    expect(roiQualifierKey({ roiPct: -83.3, roiWarnings: [caveat('effect_ci_includes_zero')] })).toBe(
      'instansi.roiBenefitNotShown',
    );
    expect(roiQualifierKey({ roiPct: -100, roiWarnings: [caveat('effect_adverse')] })).toBe(
      'instansi.roiSlower',
    );
    expect(roiQualifierKey({ roiPct: 120, roiWarnings: [] })).toBeNull();
    expect(roiQualifierKey({ roiPct: null, roiWarnings: [caveat('effect_ci_includes_zero')] })).toBeNull();
    // Already written as "not measured".
    expect(roiQualifierKey({ roiPct: -100, roiWarnings: [caveat('no_effect_data')] })).toBeNull();
    expect(translator('id')('instansi.roiNoMeasuredBenefit')).toBe('tanpa manfaat terukur');
    expect(translator('en')('instansi.roiNoMeasuredBenefit')).toBe('no measured benefit');
  });

  it('explains the base case in the footnote, not the low scenario; other caveats keep the API’s text', () => {
    for (const lang of ['id', 'en'] as const) {
      const text = scorecardCaveatText(caveat('effect_ci_includes_zero'), translator(lang), lang);
      expect(text).not.toContain('(API)');
      expect(text).toMatch(lang === 'id' ? /dasar/ : /base/);
      expect(text).not.toMatch(lang === 'id' ? /rendah/ : /low case/);
    }
    expect(scorecardCaveatText(caveat('no_costs'), translator('en'), 'en')).toBe('no_costs (API)');
  });
});
