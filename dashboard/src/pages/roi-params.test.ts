import { describe, expect, it } from 'vitest';
import { type RoiDefaults, roiFromSearch, roiToSearch } from './roi-params.ts';

const DEFAULTS: RoiDefaults = { program: 'REG-EL', window: { from: '2024-01-01', to: '2024-12-31' } };
const UNKNOWN: RoiDefaults = { program: null, window: null };

describe('ROI URL parameters', () => {
  it('prices the default program and window, with API-default assumptions, when the URL names nothing', () => {
    expect(roiFromSearch(new URLSearchParams(), DEFAULTS)).toEqual({
      selector: { kind: 'program', value: 'REG-EL' },
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });

  it('waits for the defaults it needs, and only for those', () => {
    expect(roiFromSearch(new URLSearchParams(), UNKNOWN)).toBeNull();
    expect(roiFromSearch(new URLSearchParams('rp=PLY-PRIMA'), UNKNOWN)).toBeNull();
    expect(
      roiFromSearch(new URLSearchParams('rp=PLY-PRIMA&rfrom=2023-01-01&rto=2023-12-31'), UNKNOWN),
    ).toEqual({ selector: { kind: 'program', value: 'PLY-PRIMA' }, from: '2023-01-01', to: '2023-12-31' });
    expect(roiFromSearch(new URLSearchParams('rfrom=2023-13'), DEFAULTS)?.from).toBe('2024-01-01');
  });

  it('round-trips assumptions and drops out-of-range ones', () => {
    const input = roiFromSearch(
      new URLSearchParams('rp=DIGI-101&ra.confidence=0.7&ra.attribution=4&ra.citizenDayValueIdr=150000'),
      DEFAULTS,
    );
    expect(input?.assumptions).toEqual({ confidence: 0.7, citizenDayValueIdr: 150000 });
    const params = new URLSearchParams(
      Object.entries(roiToSearch(input!)).filter((e): e is [string, string] => e[1] !== null),
    );
    expect(roiFromSearch(params, UNKNOWN)).toEqual(input);
  });
});
