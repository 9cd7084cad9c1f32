import { describe, expect, it } from 'vitest';
import { budgetCaveats } from './budget-caveats.ts';

describe('budget caveats on the effect priced', () => {
  const ci = { level: 0.95, low: -0.09, high: 0.07 };

  it('writes the CI level as the dashboard writes percents in Indonesian: 95%, no space', () => {
    const zero = budgetCaveats.effectCiIncludesZero(ci);
    expect(zero.id).toContain(
      'selang kepercayaan 95% hari yang dihemat per permohonan (\u22120,07 … 0,09) mencakup nol',
    );
    expect(zero.id).not.toMatch(/\d %/);
    const adverse = budgetCaveats.effectAdverse({ level: 0.9, low: 0.1, high: 0.3 });
    expect(adverse.id).toContain(
      '(selang kepercayaan 90% hari yang dihemat per permohonan: \u22120,30 … \u22120,10)',
    );
    expect(adverse.id).not.toMatch(/\d %/);
  });
});
