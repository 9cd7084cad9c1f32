import { describe, expect, it } from 'vitest';
import { hiddenCellText } from '../../charts/suppression-note.ts';
import type { Roi } from '../../graphql/types.ts';
import { translator } from '../../i18n/translate.ts';
import { casesTable, costTable, effectNoteKey, effectWithCi, paybackBeyondHorizon } from './tables.ts';

const t = translator('en');
const ratioCase = (roiPercent: number) => ({
  benefitsIdr: 200,
  netBenefitsIdr: 100,
  roiPercent,
  bcr: 2,
  paybackMonths: 6,
});
const shown = {
  n: 20,
  minN: 8,
  costs: {
    programIdr: 80,
    participantTimeIdr: 20,
    totalIdr: 100,
    programByCategory: [{ category: 'trainer', amountIdr: 80 }],
  },
  low: ratioCase(50),
  base: ratioCase(100),
  high: ratioCase(150),
} as unknown as Roi;
const hidden = {
  ...shown,
  n: null,
  suppressed: true,
  costs: null,
  low: null,
  base: null,
  high: null,
} as unknown as Roi;

describe('ROI tables', () => {
  it('lists the three cases and the cost lines of a shown ROI', () => {
    const cases = casesTable(shown, t);
    expect(cases.rows.map((r) => [r.values.roi, r.suppressed])).toEqual([
      [50, false],
      [100, false],
      [150, false],
    ]);
    expect(costTable(shown, t).rows.map((r) => r.values.amount)).toEqual([80, 20]);
  });

  it('marks every case and the costs hidden when the participants are hidden, not saying n < minN', () => {
    const cases = casesTable(hidden, t);
    expect(cases.rows.map((r) => [r.suppressed, r.suppressionReason, r.values.roi])).toEqual([
      [true, undefined, undefined],
      [true, undefined, undefined],
      [true, undefined, undefined],
    ]);
    const costs = costTable(hidden, t);
    expect(costs.rows).toHaveLength(1);
    expect(costs.rows[0]).toMatchObject({ suppressed: true, n: null });
    expect(costs.rows[0]?.suppressionReason).toBeUndefined();
    // The API gives no reason (a few participants and a complement alike): the cell says "hidden",
    // not "n < 8", which used to be shown for every hidden ROI and pinned the participants.
    for (const lang of ['en', 'id'] as const) {
      const tr = translator(lang);
      const row = casesTable(hidden, tr).rows[0]!;
      expect(hiddenCellText(tr, row.suppressionReason, 8)).toBe(
        lang === 'en' ? 'suppressed' : 'dirahasiakan',
      );
      expect(hiddenCellText(tr, row.suppressionReason, 8)).not.toMatch(/</);
    }
    // The server's minimum cell size, for the "hidden (n < …)" texts.
    expect([cases.minN, costs.minN]).toEqual([8, 8]);
  });
});

describe('payback against the benefit horizon', () => {
  const horizon = (value: number | null) => [
    { name: 'horizonMonths', value, unit: 'months', source: 'default', note: '', noteId: '' },
  ];
  const withPayback = (paybackMonths: number | null, value: number | null = 12) =>
    ({
      base: { ...ratioCase(100), paybackMonths },
      assumptions: horizon(value),
    }) as unknown as Roi;

  it('names the horizon when the base case pays back only after it', () => {
    expect(paybackBeyondHorizon(withPayback(614.57))).toBe(12);
    expect(paybackBeyondHorizon(withPayback(6))).toBeNull();
    expect(paybackBeyondHorizon(withPayback(12))).toBeNull();
  });

  it('says nothing without a payback (never pays back), a hidden base case or no horizon', () => {
    expect(paybackBeyondHorizon(withPayback(null))).toBeNull();
    expect(paybackBeyondHorizon({ base: null, assumptions: horizon(12) } as unknown as Roi)).toBeNull();
    expect(paybackBeyondHorizon(withPayback(614.57, null))).toBeNull();
  });
});

describe('what the ROI result says of the effect it prices', () => {
  it('notes an effect whose CI includes zero, or a slower service, at the result', () => {
    expect(effectNoteKey([{ code: 'effect_ci_includes_zero' }])).toBe('roi.effectNotShownNote');
    expect(effectNoteKey([{ code: 'no_costs' }, { code: 'effect_adverse' }])).toBe('roi.effectAdverseNote');
    expect(effectNoteKey([{ code: 'post_window_incomplete' }])).toBeNull();
    expect(effectNoteKey([])).toBeNull();
    const id = translator('id');
    expect(id('roi.effectNotShownNote')).toBe(
      'Tidak ada dampak yang terbukti: selang kepercayaan 95% dampak mencakup nol. ROI dasar dan tinggi menghargai dampak yang mungkin nol; jangan dibaca sebagai hasil yang terbukti.',
    );
  });

  it('gives step 3’s DiD its 95 % CI (cohort isolation), a bare number with the joint model', () => {
    const f = (v: number) => v.toFixed(2);
    const roi = {
      effect: { isolation: 'cohort', didDays: 0.04 },
      cohort: { did: { estimate: 0.04, ci: { low: -0.05, high: 0.13 } } },
    } as unknown as Roi;
    expect(effectWithCi(roi, translator('en'), f)).toBe('0.04 (95 % CI −0.05 … 0.13)'.replace('−', '-'));
    expect(effectWithCi({ ...roi, effect: { ...roi.effect, isolation: 'joint' } }, t, f)).toBe('0.04');
    expect(effectWithCi({ ...roi, effect: { ...roi.effect, didDays: null } }, t, f)).toBe('—');
    expect(effectWithCi({ ...roi, cohort: { ...roi.cohort, did: { estimate: 0.04, ci: null } } }, t, f)).toBe(
      '0.04',
    );
  });
});
