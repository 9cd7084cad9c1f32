import { describe, expect, it } from 'vitest';
import { kpiDelta, twoProportionZ, Z_CRITICAL } from './kpi-delta.ts';

/** A share as the API gives it (a rate) with its n: `x` of `n`. */
const share = (x: number, n: number) => ({ rate: x / n, n });

describe('kpiDelta', () => {
  it('reads a change that rounds to 0 at the shown precision as no change (IKM 75,31 → 75,26)', () => {
    const ikm = kpiDelta(75.26 - 75.31, 'score');
    expect(ikm).toMatchObject({ digits: 1, trend: 'flat', tone: null, roundsToZero: true });
    // Fractions are shown in points with one decimal: 0,04 pp is no change either.
    expect(kpiDelta(-0.0004, 'fraction', true)).toMatchObject({ trend: 'flat', tone: null });
    // Counts are whole: 0,4 of a person is no change.
    expect(kpiDelta(0.4, 'count')).toMatchObject({ digits: 0, trend: 'flat', tone: null });
    expect(kpiDelta(0, 'score')).toMatchObject({ trend: 'flat', tone: null, roundsToZero: false });
  });

  it('rounds like the text does: half away from zero shows, and so does its arrow', () => {
    expect(kpiDelta(-0.05, 'score')).toMatchObject({ trend: 'down', tone: 'bad' });
    expect(kpiDelta(0.049, 'score')).toMatchObject({ trend: 'flat' });
    expect(kpiDelta(0.0005, 'fraction')).toMatchObject({ trend: 'up', shown: 0.05 });
  });

  it('colours a visible change by whether lower is better', () => {
    // 40 % → 42,1 % of 10.000 each: z ≈ 3,03, a clear change.
    const clear = { before: share(4_000, 10_000), now: share(4_210, 10_000) };
    expect(kpiDelta(0.021, 'fraction', false, clear)).toMatchObject({ trend: 'up', tone: 'good' });
    expect(kpiDelta(0.021, 'fraction', true, clear)).toMatchObject({ trend: 'up', tone: 'bad' });
    expect(kpiDelta(-0.4, 'days', true)).toMatchObject({ trend: 'down', tone: 'good' });
    expect(kpiDelta(-3, 'count')).toMatchObject({ trend: 'down', tone: 'bad', roundsToZero: false });
  });
});

describe('twoProportionZ: the pooled two-proportion z-test of a share between two years', () => {
  it('gives the z of the resistance tile, 2023 → 2024 (worked by hand)', () => {
    // 3510 / 12442 = 0,282109 → 3767 / 13325 = 0,282703, Δ = +0,0005927.
    // p̂ = 7277 / 25767 = 0,282415; p̂(1 − p̂) = 0,202657; 1/12442 + 1/13325 = 0,000155420;
    // SE = √(0,202657 × 0,000155420) = 0,0056122; z = 0,0005927 / 0,0056122 = 0,1056.
    expect(twoProportionZ(share(3510, 12_442), share(3767, 13_325))).toBeCloseTo(0.1056, 3);
  });

  it('gives the z of the JP compliance tile (worked by hand)', () => {
    // 2351 / 4853 = 0,484443 → 2367 / 4969 = 0,476353, Δ = −0,0080892.
    // p̂ = 4718 / 9822 = 0,480350; p̂(1 − p̂) = 0,249614; 1/4853 + 1/4969 = 0,000407306;
    // SE = √(0,249614 × 0,000407306) = 0,0100831; z = −0,0080892 / 0,0100831 = −0,8023.
    expect(twoProportionZ(share(2351, 4853), share(2367, 4969))).toBeCloseTo(-0.8023, 3);
  });

  it('gives a clearly significant z for a drop of 4,9 pp on the same n', () => {
    // 3510 / 12442 = 0,282109 → 3100 / 13325 = 0,232645, Δ = −0,0494636.
    // p̂ = 6610 / 25767 = 0,256530; p̂(1 − p̂) = 0,190722; SE = √(0,190722 × 0,000155420) = 0,0054444;
    // z = −0,0494636 / 0,0054444 = −9,085.
    expect(twoProportionZ(share(3510, 12_442), share(3100, 13_325))).toBeCloseTo(-9.085, 2);
  });

  it('has no z without both n, and 0 when nothing varies', () => {
    expect(twoProportionZ({ rate: 0.3, n: null }, share(3767, 13_325))).toBeNull();
    expect(twoProportionZ(share(3510, 12_442), { rate: 0.3, n: 0 })).toBeNull();
    expect(twoProportionZ({ rate: 1.2, n: 10 }, share(3, 10))).toBeNull();
    expect(twoProportionZ(share(0, 50), share(0, 60))).toBe(0);
    expect(twoProportionZ(share(50, 50), share(60, 60))).toBe(0);
  });

  it('takes α = 0,05 two-sided: |z| ≥ 1,96', () => {
    expect(Z_CRITICAL).toBeCloseTo(1.96, 2);
  });
});

describe('kpiDelta on a share: a change within chance is no clear change', () => {
  it('does not call the resistance tile (+0,06 pp, z ≈ 0,11) worse', () => {
    const before = share(3510, 12_442);
    const now = share(3767, 13_325);
    const d = kpiDelta(now.rate - before.rate, 'fraction', true, { before, now });
    // The change is still written (+0,1 pp), but neither good nor bad.
    expect(d).toMatchObject({ trend: 'up', tone: null, unclear: true, digits: 1 });
    expect(d.shown).toBeCloseTo(0.0593, 4);
    expect(d.z).toBeCloseTo(0.1056, 3);
  });

  it('does not call the JP compliance tile (−0,8 pp, z ≈ −0,80) worse', () => {
    const before = share(2351, 4853);
    const now = share(2367, 4969);
    const d = kpiDelta(now.rate - before.rate, 'fraction', false, { before, now });
    expect(d).toMatchObject({ trend: 'down', tone: null, unclear: true });
    expect(d.z).toBeCloseTo(-0.8023, 3);
  });

  it('colours a clear change (−4,9 pp of resistance, z ≈ −9,1) by whether lower is better', () => {
    const before = share(3510, 12_442);
    const now = share(3100, 13_325);
    const d = kpiDelta(now.rate - before.rate, 'fraction', true, { before, now });
    expect(d).toMatchObject({ trend: 'down', tone: 'good', unclear: false });
    expect(d.z).toBeCloseTo(-9.085, 2);
    expect(kpiDelta(now.rate - before.rate, 'fraction', false, { before, now }).tone).toBe('bad');
  });

  it('draws the line at |z| = 1,96', () => {
    // 50 % → 52 % of 4.790 each: p̂ = 0,51, z = 0,02 / √(0,2499 × 2/4790) = 1,9579, just inside
    // chance; of 4.810 each: z = 1,9620, just outside.
    const d = (n: number) =>
      kpiDelta(0.02, 'fraction', false, { before: { rate: 0.5, n }, now: { rate: 0.52, n } });
    expect(d(4790).z).toBeCloseTo(1.9579, 3);
    expect(d(4790)).toMatchObject({ unclear: true, tone: null });
    expect(d(4810).z).toBeCloseTo(1.962, 3);
    expect(d(4810)).toMatchObject({ unclear: false, tone: 'good' });
  });

  it('calls no share better or worse when either n is unknown (hidden) or not given', () => {
    const now = share(3100, 13_325);
    const hidden = { before: { rate: 0.28, n: null }, now };
    expect(kpiDelta(now.rate - 0.28, 'fraction', true, hidden)).toMatchObject({
      trend: 'down',
      tone: null,
      unclear: true,
      z: null,
    });
    expect(kpiDelta(0.021, 'fraction')).toMatchObject({ trend: 'up', tone: null, unclear: true });
  });

  it('leaves a flat share flat, and other kinds judged on their direction', () => {
    expect(kpiDelta(0.0004, 'fraction', false, null)).toMatchObject({ trend: 'flat', unclear: false });
    expect(kpiDelta(1.2, 'score')).toMatchObject({ tone: 'good', unclear: false, z: null });
  });
});
