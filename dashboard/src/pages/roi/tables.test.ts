import { describe, expect, it } from 'vitest';
import type { Roi } from '../../graphql/types.ts';
import { translator } from '../../i18n/translate.ts';
import { casesTable, costTable } from './tables.ts';

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
  suppressionReason: null,
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
  suppressionReason: 'complementary',
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

  it('marks every case and the costs hidden, for the API’s reason, when the participants are hidden', () => {
    const cases = casesTable(hidden, t);
    expect(cases.rows.map((r) => [r.suppressed, r.suppressionReason, r.values.roi])).toEqual([
      [true, 'complementary', undefined],
      [true, 'complementary', undefined],
      [true, 'complementary', undefined],
    ]);
    const costs = costTable(hidden, t);
    expect(costs.rows).toHaveLength(1);
    expect(costs.rows[0]).toMatchObject({ suppressed: true, suppressionReason: 'complementary', n: null });
    // The server's minimum cell size, for the "hidden (n < …)" texts.
    expect([cases.minN, costs.minN]).toEqual([8, 8]);
  });
});
