import { describe, expect, it } from 'vitest';
import { roiFootnotes, roiMarks, roiNotMeasured } from './roi-notes.ts';

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
    expect(roiFootnotes(rows, 'id')).toEqual([
      { mark: 1, code: 'effect_ci_includes_zero', text: 'Selang mencakup nol.' },
      { mark: 2, code: 'no_effect_data', text: 'Dampak tidak dapat diukur.' },
      { mark: 3, code: 'no_costs', text: 'Tidak ada biaya.' },
    ]);
    expect(roiFootnotes(rows, 'en').map((n) => n.text)).toEqual([
      'CI includes zero.',
      'Effect not measurable.',
      'No costs.',
    ]);
    expect(roiFootnotes([{ roiWarnings: [] }], 'id')).toEqual([]);
  });

  it('marks each row with the numbers of its own caveats', () => {
    const notes = roiFootnotes(rows, 'id');
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
