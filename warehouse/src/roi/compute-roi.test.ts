import { describe, expect, it } from 'vitest';
import { computeRoi, type RoiInput } from './compute-roi.ts';
import { ROI_DEFAULT_ASSUMPTIONS } from './roi-defaults.ts';

// Hand-computed known answer.
// Costs: trainer 20 M + venue 5 M + materials 3 M = 28 M; 480 participant hours × Rp 40,000 = 19.2 M;
// total Rp 47.2 M.
// Benefit: days saved per request low −0.02 / base 0.10 / high 0.22 × 20,000 requests × Rp 100,000
// per citizen-day × confidence 0.8 × attribution 0.9 (factor 0.72):
//   low  −400 days → −40 M × 0.72 = −28.8 M; ROI = (−28.8 − 47.2) / 47.2 = −161.0169 %; no payback
//   base 2,000 days → 200 M × 0.72 = 144 M;  ROI = 96.8 / 47.2 = 205.0847 %; BCR 3.0508; 47.2 / 12 = 3.9333 months
//   high 4,400 days → 440 M × 0.72 = 316.8 M; ROI = 269.6 / 47.2 = 571.1864 %; BCR 6.7119; 47.2 / 26.4 = 1.7879 months
const input: RoiInput = {
  programCostsIdr: { trainer: 20_000_000, venue: 5_000_000, materials: 3_000_000 },
  participantHours: 480,
  benefits: [
    {
      name: 'KTP-el service time',
      effect: { low: -0.02, base: 0.1, high: 0.22 },
      effectUnit: 'day saved per request',
      volumePerYear: 20_000,
    },
  ],
  intangibles: [{ name: 'IKM', description: 'IKM rose from 82.10 (B) to 86.40 (B)' }],
};
const overrides = { hourlySalaryCostIdr: 40_000, citizenDayValueIdr: 100_000, attribution: 0.9 };

describe('computeRoi: hand-computed known answer', () => {
  const r = computeRoi(input, overrides);

  it('fully loaded costs', () => {
    expect(r.costs).toEqual({
      programByCategoryIdr: { trainer: 20_000_000, venue: 5_000_000, materials: 3_000_000 },
      programIdr: 28_000_000,
      participantTimeIdr: 19_200_000,
      totalIdr: 47_200_000,
    });
  });

  it('lists cost categories in category order and sums them in it, whatever order they arrive in', () => {
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in that order and 0.6 in the reverse one.
    const costs = (programCostsIdr: Record<string, number>) =>
      computeRoi({ ...input, programCostsIdr }, overrides).costs;
    const a = costs({ admin: 0.1, materials: 0.2, trainer: 0.3 });
    const b = costs({ trainer: 0.3, materials: 0.2, admin: 0.1 });
    expect(Object.keys(a.programByCategoryIdr)).toEqual(['admin', 'materials', 'trainer']);
    expect(Object.keys(b.programByCategoryIdr)).toEqual(['admin', 'materials', 'trainer']);
    expect(b.programIdr).toBe(a.programIdr);
    expect(b.totalIdr).toBe(a.totalIdr);
  });

  it('low / base / high benefits, ROI %, BCR and payback', () => {
    expect(r.low.benefitsIdr).toBeCloseTo(-28_800_000, 4);
    expect(r.low.roiPercent).toBeCloseTo((-76 / 47.2) * 100, 8);
    expect(r.low.bcr).toBeCloseTo(-28.8 / 47.2, 10);
    expect(r.low.paybackMonths).toBeNull();

    expect(r.base.benefitsIdr).toBeCloseTo(144_000_000, 4);
    expect(r.base.netBenefitsIdr).toBeCloseTo(96_800_000, 4);
    expect(r.base.roiPercent).toBeCloseTo(205.0847457627, 8);
    expect(r.base.bcr).toBeCloseTo(3.0508474576, 9);
    expect(r.base.paybackMonths).toBeCloseTo(3.9333333333, 9);

    expect(r.high.benefitsIdr).toBeCloseTo(316_800_000, 4);
    expect(r.high.roiPercent).toBeCloseTo(571.186440678, 7);
    expect(r.high.bcr).toBeCloseTo(6.7118644068, 9);
    expect(r.high.paybackMonths).toBeCloseTo(1.7878787879, 9);
  });

  it('echoes every assumption with its source', () => {
    const byName = Object.fromEntries(r.assumptions.map((a) => [a.name, a]));
    expect(byName.confidence).toMatchObject({ value: 0.8, source: 'default' });
    expect(byName.attribution).toMatchObject({ value: 0.9, source: 'override' });
    expect(byName.hourlySalaryCostIdr).toMatchObject({ value: 40_000, source: 'override', unit: 'IDR/hour' });
    expect(byName.citizenDayValueIdr).toMatchObject({ value: 100_000, source: 'override' });
    expect(byName.horizonMonths).toMatchObject({ value: 12, source: 'default' });
    expect(r.assumptions.every((a) => a.note.length > 0 && a.unit.length > 0)).toBe(true);
  });

  it('says every assumption in Bahasa Indonesia too, with its certainty', () => {
    for (const a of r.assumptions) {
      expect(a.noteId.length, a.name).toBeGreaterThan(0);
      expect(a.noteId, a.name).not.toBe(a.note);
    }
    const byName = Object.fromEntries(r.assumptions.map((a) => [a.name, a]));
    expect(byName.confidence!.note).toMatch(/\[certainty L\]$/);
    expect(byName.confidence!.noteId).toMatch(/^Phillips: manfaat .* \[kepastian L\]$/);
    expect(byName.horizonMonths!.noteId).toMatch(/manfaat tahun pertama/);
  });

  it('lists intangibles apart and notes the harm in the low case', () => {
    expect(r.intangibles).toEqual(input.intangibles);
    expect(r.streams[0]!.notes).toEqual([
      'Effect CI includes harm: the low case uses the negative lower bound.',
    ]);
    expect(r.streams[0]!.notesId).toEqual([
      'Selang kepercayaan efek mencakup kerugian: skenario rendah memakai batas bawah yang negatif.',
    ]);
  });
});

describe('computeRoi: conservative rules', () => {
  const stream = (effect: { low: number; base: number; high: number } | null) => ({
    name: 's',
    effect,
    effectUnit: 'day saved per request',
    volumePerYear: 1000,
    valuePerUnitIdr: 1000,
  });
  const run = (effect: { low: number; base: number; high: number } | null) =>
    computeRoi({ programCostsIdr: { trainer: 1_000_000 }, participantHours: 0, benefits: [stream(effect)] });

  it('no data → zero benefit in every case', () => {
    const r = run(null);
    expect([r.low.benefitsIdr, r.base.benefitsIdr, r.high.benefitsIdr]).toEqual([0, 0, 0]);
    expect(r.base.roiPercent).toBe(-100);
    expect(r.base.paybackMonths).toBeNull();
    expect(r.streams[0]!.notes).toEqual([
      'No effect data: no improvement assumed (Phillips), benefit 0 in every case.',
    ]);
    expect(r.streams[0]!.notesId).toEqual([
      'Tidak ada data efek: dianggap tidak ada perbaikan (Phillips), manfaat 0 di setiap skenario.',
    ]);
  });

  it('negative point estimate → base 0, low keeps the harm, high counts only improvement', () => {
    const r = run({ low: -2, base: -1, high: 0.5 });
    // × 1000 requests × Rp 1000 × confidence 0.8 (default) × attribution 1 (default)
    expect(r.low.benefitsIdr).toBeCloseTo(-1_600_000, 6);
    expect(r.base.benefitsIdr).toBe(0);
    expect(r.high.benefitsIdr).toBeCloseTo(400_000, 6);
  });

  it('a CI reaching 0 from below is not wholly harm: no harm note for the high case, whose benefit is 0', () => {
    const r = run({ low: -2, base: -1, high: 0 });
    expect(r.streams[0]!.notes).toEqual([
      'Effect CI includes harm: the low case uses the negative lower bound.',
      'Negative point estimate: no improvement assumed, base benefit 0.',
    ]);
    expect(r.streams[0]!.notesId).toHaveLength(2);
    expect(r.low.benefitsIdr).toBeCloseTo(-1_600_000, 6);
    expect([r.base.benefitsIdr, r.high.benefitsIdr]).toEqual([0, 0]);
    // Below 0 the whole CI is harm, and the note says so.
    expect(run({ low: -2, base: -1, high: -0.5 }).streams[0]!.notes).toContain(
      'Whole CI is harm: high benefit 0.',
    );
  });

  it('an hourly cost derived from overridden working hours, or salary, is labelled an override', () => {
    const base = { programCostsIdr: {}, participantHours: 10, benefits: [] };
    const hourly = (overrides: { workingHoursPerMonth?: number; monthlySalaryCostIdr?: number }) =>
      computeRoi(base, overrides).assumptions.find((a) => a.name === 'hourlySalaryCostIdr');
    expect(hourly({ workingHoursPerMonth: 140 })).toMatchObject({
      value: ROI_DEFAULT_ASSUMPTIONS.monthlySalaryCostIdr.value / 140,
      source: 'override',
    });
    expect(hourly({ monthlySalaryCostIdr: 6_500_000 })).toMatchObject({
      value: 6_500_000 / ROI_DEFAULT_ASSUMPTIONS.workingHoursPerMonth.value,
      source: 'override',
    });
    expect(hourly({})).toMatchObject({ source: 'default' });
  });

  it('defaults derive the hourly cost from salary and working hours', () => {
    const r = computeRoi({ programCostsIdr: {}, participantHours: 10, benefits: [] });
    const hourly =
      ROI_DEFAULT_ASSUMPTIONS.monthlySalaryCostIdr.value / ROI_DEFAULT_ASSUMPTIONS.workingHoursPerMonth.value;
    expect(r.costs.participantTimeIdr).toBeCloseTo(10 * hourly, 6);
    expect(r.assumptions.find((a) => a.name === 'hourlySalaryCostIdr')).toMatchObject({ source: 'default' });
  });

  it('zero costs give no ROI or BCR rather than Infinity', () => {
    const r = computeRoi({
      programCostsIdr: {},
      participantHours: 0,
      benefits: [stream({ low: 1, base: 1, high: 1 })],
    });
    expect(r.base).toMatchObject({ roiPercent: null, bcr: null, paybackMonths: 0 });
  });

  it('rejects caller mistakes', () => {
    expect(() => run({ low: 1, base: 0, high: 2 })).toThrow(/low ≤ base ≤ high/);
    expect(() => run({ low: 0, base: 2, high: 1 })).toThrow(RangeError);
    expect(() => run({ low: 0, base: 2, high: 1 })).toThrow(/low ≤ base ≤ high/);
    expect(() => computeRoi({ programCostsIdr: { venue: -1 }, participantHours: 0, benefits: [] })).toThrow(
      /programCostsIdr.venue/,
    );
    expect(() =>
      computeRoi({ programCostsIdr: {}, participantHours: 0, benefits: [] }, { confidence: 1.2 }),
    ).toThrow(/confidence/);
  });
});

describe('computeRoi: payback against the 12-month benefit horizon', () => {
  // Costs Rp 1,200,000 (trainer only, no participant time); one stream: effect × 1,000 units per
  // year × Rp 1,000 per unit, confidence and attribution 1. Benefits count for 12 months only.
  const run = (base: number) =>
    computeRoi(
      {
        programCostsIdr: { trainer: 1_200_000 },
        participantHours: 0,
        benefits: [
          {
            name: 's',
            effect: { low: base, base, high: base },
            effectUnit: 'day saved per request',
            volumePerYear: 1000,
            valuePerUnitIdr: 1000,
          },
        ],
      },
      { confidence: 1, attribution: 1 },
    );

  it('is a number past the horizon, not null, when first-year benefits fall short of the costs', () => {
    // Benefits Rp 100,000 a year = Rp 8,333.33 a month: 1,200,000 / 8,333.33 = 144 months, the
    // first-year monthly benefit carried on for 12 years; the model counts 12 of them.
    const r = run(0.1);
    expect(r.base.benefitsIdr).toBeCloseTo(100_000, 6);
    expect(r.base.paybackMonths).toBeCloseTo(144, 9);
    // The same case as a loss within the horizon: BCR 1/12, ROI −91.67 %, net −1,100,000.
    expect(r.base.bcr).toBeCloseTo(1 / 12, 12);
    expect(r.base.roiPercent).toBeCloseTo(-91.6666666667, 8);
    expect(r.base.netBenefitsIdr).toBeCloseTo(-1_100_000, 6);
    expect(r.assumptions.find((a) => a.name === 'horizonMonths')).toMatchObject({ value: 12 });
  });

  it('is exactly 12 when first-year benefits equal the costs, under 12 when they exceed them', () => {
    expect(run(1.2).base).toMatchObject({ paybackMonths: 12, bcr: 1, roiPercent: 0, netBenefitsIdr: 0 });
    expect(run(2.4).base.paybackMonths).toBeCloseTo(6, 12);
  });

  it('is null only when benefits are 0 or negative (nothing to pay back with)', () => {
    expect(run(0).base.paybackMonths).toBeNull();
    expect(run(-0.1).low.paybackMonths).toBeNull();
  });
});
