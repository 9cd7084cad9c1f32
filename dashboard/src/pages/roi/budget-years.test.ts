import { describe, expect, it } from 'vitest';
import type { EffectDirection, ProgramEffectGap } from '../../graphql/types.ts';
import { translator } from '../../i18n/translate.ts';
import { type BudgetPastCohort, budgetYearRows, pooledYears } from './budget-years.ts';

const t = translator('id');
const en = translator('en');

function joint(
  direction: EffectDirection,
  o: { estimate?: number | null; holm?: number | null; gap?: ProgramEffectGap | null } = {},
): NonNullable<BudgetPastCohort['joint']> {
  const estimate = o.estimate === undefined ? (direction === 'not_estimated' ? null : -0.4) : o.estimate;
  return {
    program: 'PLY-PRIMA',
    n: 120,
    direction,
    gap: o.gap ?? (direction === 'not_estimated' ? 'small_n' : null),
    pValueHolm: o.holm === undefined ? (estimate === null ? null : 0.001) : o.holm,
    effect: {
      estimate,
      se: estimate === null ? null : 0.06,
      ci: estimate === null ? null : { low: estimate - 0.12, high: estimate + 0.12 },
    },
  };
}

function cohort(
  year: number,
  o: {
    did?: number | null;
    suppressed?: boolean;
    joint?: BudgetPastCohort['joint'];
    n?: number | null;
    /** Whether the API pooled the year (its rule lives in the warehouse, not here). */
    pooled?: boolean;
  } = {},
): BudgetPastCohort {
  const suppressed = o.suppressed ?? false;
  const did = suppressed ? null : o.did === undefined ? -0.45 : o.did;
  return {
    year,
    didDays: did,
    se: did === null ? null : 0.05,
    ci: did === null ? null : { low: did - 0.1, high: did + 0.1 },
    n: o.n === undefined ? 1234 : o.n,
    suppressed,
    joint: o.joint ?? null,
    pooled: o.pooled ?? false,
  };
}

describe('budgetYearRows', () => {
  it('writes the DiD with its CI per year, oldest first, and pools the estimated years (cohort)', () => {
    const rows = budgetYearRows(
      [
        cohort(2023, { pooled: true }),
        cohort(2022, { suppressed: true, n: null }),
        cohort(2021, { did: null }),
      ],
      'cohort',
      t,
      'id',
    );
    expect(rows.map((r) => r.year)).toEqual([2021, 2022, 2023]);
    expect(rows[2]).toEqual({
      year: 2023,
      n: 1234,
      did: '−0,45 (−0,55 … −0,35)',
      didEstimated: true,
      joint: null,
      pooled: true,
    });
    // Suppressed: the API hides its n too (null), not a group of nobody.
    expect(rows[1]).toMatchObject({
      n: null,
      did: 'dirahasiakan: kelompok terlalu kecil',
      didEstimated: false,
      pooled: false,
    });
    expect(rows[0]).toMatchObject({ did: 'tidak dapat diestimasi', didEstimated: false, pooled: false });
    expect(pooledYears(rows)).toBe('2023');
  });

  it('says a year without anyone measured before and after is not a small group', () => {
    const [row] = budgetYearRows([cohort(2025, { suppressed: true, n: 0 })], 'cohort', t, 'id');
    expect(row).toMatchObject({
      did: 'belum ada data layanan sebelum dan sesudah tahun itu',
      didEstimated: false,
      pooled: false,
    });
  });

  it('never writes −0,00: an estimate that rounds to zero is 0,00', () => {
    const [row] = budgetYearRows([cohort(2023, { did: -0.001 })], 'cohort', t, 'id');
    expect(row?.did).toBe('0,00 (−0,10 … +0,10)');
  });

  it('with isolation joint: the coefficient, verdict and Holm; pools the years the joint model estimates', () => {
    const rows = budgetYearRows(
      [
        cohort(2023, { joint: joint('lower'), pooled: true }),
        cohort(2022, {
          suppressed: true,
          joint: joint('inconclusive', { estimate: 0.05, holm: 1 }),
          pooled: true,
        }),
        cohort(2021, { joint: joint('not_estimated', { gap: 'not_identified' }) }),
        cohort(2024, { joint: joint('lower', { holm: 0.2 }), pooled: true }),
        cohort(2020),
      ],
      'joint',
      t,
      'id',
    );
    const byYear = new Map(rows.map((r) => [r.year, r]));
    expect(byYear.get(2023)?.joint).toEqual({
      text: '−0,40 (−0,52 … −0,28)',
      estimated: true,
      direction: 'lower',
      verdict: { text: 'lebih cepat', tone: 'good' },
      holm: true,
      notAfterHolm: false,
    });
    expect(byYear.get(2023)?.pooled).toBe(true);
    // A suppressed cohort comparison beside a pooled joint estimate: both shown as they are.
    expect(byYear.get(2022)).toMatchObject({
      did: 'dirahasiakan: kelompok terlalu kecil',
      pooled: true,
      joint: {
        text: '+0,05 (−0,07 … +0,17)',
        verdict: { text: 'tidak signifikan', tone: 'inconclusive' },
        holm: false,
        notAfterHolm: false,
      },
    });
    expect(byYear.get(2021)).toMatchObject({
      pooled: false,
      joint: { text: 'tidak dapat dipisahkan dari program lain', estimated: false, verdict: null },
    });
    // Faster on its own CI, but not after Holm over the year's programs.
    expect(byYear.get(2024)?.joint).toMatchObject({ holm: false, notAfterHolm: true });
    // Nobody of the population completed it that year: no row in the joint model.
    expect(byYear.get(2020)).toMatchObject({
      did: '−0,45 (−0,55 … −0,35)',
      pooled: false,
      joint: { text: 'tidak ada dalam model gabungan tahun itu', direction: null, estimated: false },
    });
    expect(pooledYears(rows)).toBe('2022, 2023, 2024');
  });

  it('speaks English too', () => {
    const [row] = budgetYearRows([cohort(2023, { suppressed: true, joint: null })], 'joint', en, 'en');
    expect(row).toMatchObject({
      did: 'hidden: group too small',
      joint: { text: 'not in that year’s joint model' },
    });
    const [est] = budgetYearRows([cohort(2023, { did: -1.234 })], 'cohort', en, 'en');
    expect(est?.did).toBe('−1.23 (−1.33 … −1.13)');
  });

  it('has no rows and no pooled years without history', () => {
    expect(budgetYearRows([], 'joint', t, 'id')).toEqual([]);
    expect(pooledYears([])).toBe('');
  });
});
