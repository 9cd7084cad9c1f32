import { describe, expect, it } from 'vitest';
import { roiFromSearch, roiToSearch } from './roi-params.ts';

describe('ROI URL parameters', () => {
  it('defaults to PLY-PRIMA in 2023 with API-default assumptions', () => {
    expect(roiFromSearch(new URLSearchParams())).toEqual({
      selector: { kind: 'program', value: 'PLY-PRIMA' },
      from: '2023-01-01',
      to: '2023-12-31',
    });
  });

  it('round-trips assumptions and drops out-of-range ones', () => {
    const input = roiFromSearch(
      new URLSearchParams('rp=DIGI-101&ra.confidence=0.7&ra.attribution=4&ra.citizenDayValueIdr=150000'),
    );
    expect(input.assumptions).toEqual({ confidence: 0.7, citizenDayValueIdr: 150000 });
    const params = new URLSearchParams(
      Object.entries(roiToSearch(input)).filter((e): e is [string, string] => e[1] !== null),
    );
    expect(roiFromSearch(params)).toEqual(input);
  });
});
