import { describe, expect, it } from 'vitest';
import { ikmFromTotals } from './ikm.ts';
import { IKM_BANDS, ikmBand } from './ikm-band.ts';
import { type IkmResponse, ikmFromResponses } from './ikm-from-responses.ts';
import { IKM_UNSUR } from './ikm-unsur.ts';

const TOTALS = [105, 101, 100, 116, 102, 105, 106, 105, 115];

describe('ikmFromTotals: DOMAIN §3 known answer', () => {
  const r = ikmFromTotals({ respondents: 29, unsurTotals: TOTALS })!;

  it('29 respondents, totals 105…115 → IKM 955 / (29 × 9) × 25 = 91.48, band A Sangat Baik', () => {
    expect(r.ikm).toBeCloseTo((955 / (29 * 9)) * 25, 12);
    expect(r.ikmRounded).toBe(91.48);
    expect(r.band).toMatchObject({ mutu: 'A', kinerja: 'Sangat Baik' });
  });

  it('NRR per unsur = total / respondents', () => {
    expect(r.nrr).toHaveLength(9);
    expect(r.nrr[0]).toBeCloseTo(105 / 29, 12);
    expect(r.nrr[3]).toBeCloseTo(4, 12);
  });

  it('uses weight exactly 1/9: the printed 0.111 would give 91.38 instead', () => {
    const withPrinted = r.nrr.reduce((s, nrr) => s + nrr * 0.111, 0) * 25;
    expect(withPrinted).toBeCloseTo(91.38, 2);
    const withExact = (r.nrr.reduce((s, nrr) => s + nrr, 0) / 9) * 25;
    expect(withExact).toBeCloseTo(r.ikm, 12);
  });

  it('null with no respondents; impossible totals are caller errors', () => {
    expect(ikmFromTotals({ respondents: 0, unsurTotals: TOTALS.map(() => 0) })).toBeNull();
    expect(() => ikmFromTotals({ respondents: 29, unsurTotals: TOTALS.slice(1) })).toThrow(/9 unsur/);
    expect(() => ikmFromTotals({ respondents: 29, unsurTotals: [...TOTALS.slice(1), 117] })).toThrow(
      /U9 total 117/,
    );
    expect(() => ikmFromTotals({ respondents: 29, unsurTotals: [28, ...TOTALS.slice(1)] })).toThrow(
      RangeError,
    );
  });

  it('an exact 2-decimal half from integer totals bands with its displayed value', () => {
    // 25 × 158949 / (9 × 5000) = 88.305 exactly → shows 88.31 → A (naively 88.30 → B, or no band).
    const totals = [17661, 17661, 17661, 17661, 17661, 17661, 17661, 17661, 17661];
    const half = ikmFromTotals({ respondents: 5000, unsurTotals: totals })!;
    expect(half.ikmRounded).toBe(88.31);
    expect(half.band.mutu).toBe('A');
  });
});

describe('ikmBand', () => {
  it.each([
    [100, 'A'],
    [88.31, 'A'],
    [88.305, 'A'],
    [88.3049, 'B'],
    [88.3, 'B'],
    [76.61, 'B'],
    [76.605, 'B'],
    [76.6, 'C'],
    [65, 'C'],
    [64.995, 'C'],
    [64.99, 'D'],
    [25, 'D'],
  ])('%s → %s', (ikm, mutu) => {
    expect(ikmBand(ikm).mutu).toBe(mutu);
  });

  it('covers 25–100 in 0.01 steps without gaps or overlaps', () => {
    const notExactlyOne: number[] = [];
    for (let cents = 2500; cents <= 10000; cents++) {
      const value = cents / 100;
      if (IKM_BANDS.filter((b) => value >= b.min && value <= b.max).length !== 1) notExactlyOne.push(value);
    }
    expect(notExactlyOne).toEqual([]);
  });

  it('rejects values outside the IKM scale', () => {
    expect(() => ikmBand(24.99)).toThrow(RangeError);
    expect(() => ikmBand(100.01)).toThrow(RangeError);
  });
});

describe('ikmFromResponses', () => {
  const form = (scores: (number | null)[]): IkmResponse => {
    const [u1, u2, u3, u4, u5, u6, u7, u8, u9] = scores as (number | null)[];
    return { u1, u2, u3, u4, u5, u6, u7, u8, u9 } as IkmResponse;
  };

  it('sums complete forms and rejects incomplete or out-of-scale ones as data', () => {
    const { result, rejected } = ikmFromResponses([
      form([4, 4, 4, 4, 4, 4, 4, 4, 4]),
      form([3, 3, 3, 3, 3, 3, 3, 3, 3]),
      form([4, null, 4, 4, 4, 4, 4, 4, 4]),
      form([4, 4, 4, 4, 5, 4, 4, 4, 4]),
    ]);
    expect(result?.respondents).toBe(2);
    expect(result?.unsurTotals).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 7]);
    expect(result?.ikmRounded).toBe(87.5); // NRR 3.5 × 25
    expect(result?.band.mutu).toBe('B');
    expect(rejected).toEqual([
      { index: 2, reason: 'u2 is null, expected an integer 1–4' },
      { index: 3, reason: 'u5 is 5, expected an integer 1–4' },
    ]);
  });

  it('returns a null result when nothing valid remains', () => {
    expect(ikmFromResponses([]).result).toBeNull();
  });
});

describe('IKM_UNSUR', () => {
  it('lists the nine unsur U1..U9 in Bahasa Indonesia', () => {
    expect(IKM_UNSUR.map((u) => u.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
    expect(IKM_UNSUR[0].name).toBe('Persyaratan');
    expect(IKM_UNSUR[8].name).toBe('Penanganan pengaduan, saran dan masukan');
  });
});
