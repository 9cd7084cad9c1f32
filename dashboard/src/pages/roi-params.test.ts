import { describe, expect, it } from 'vitest';
import {
  assumptionPlaceholder,
  BOUNDS,
  checkAssumption,
  clearAssumptionsSearch,
  type RoiDefaults,
  roiFromSearch,
  roiToSearch,
} from './roi-params.ts';

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

  it('round-trips the contrast and the isolation, the defaults left out of the URL', () => {
    const input = roiFromSearch(new URLSearchParams('rp=PLY-PRIMA&rc=only_vs_untrained&ri=joint'), DEFAULTS);
    expect(input).toMatchObject({ contrast: 'only_vs_untrained', isolation: 'joint' });
    const out = roiToSearch(input!);
    expect([out.rc, out.ri]).toEqual(['only_vs_untrained', 'joint']);
    expect(roiToSearch({ ...input!, contrast: 'vs_rest', isolation: 'cohort' })).toMatchObject({
      rc: null,
      ri: null,
    });
    expect(roiFromSearch(new URLSearchParams('rp=PLY-PRIMA&ri=nope'), DEFAULTS)?.isolation).toBeUndefined();
  });

  it('never writes a value that is not a number into the URL', () => {
    const out = roiToSearch({
      selector: { kind: 'program', value: 'REG-EL' },
      from: '2024-01-01',
      to: '2024-12-31',
      assumptions: { monthlySalaryCostIdr: Number.NaN, confidence: Number.POSITIVE_INFINITY, jpMinutes: 45 },
    });
    expect(out['ra.monthlySalaryCostIdr']).toBeNull();
    expect(out['ra.confidence']).toBeNull();
    expect(out['ra.jpMinutes']).toBe('45');
  });

  it('clears every assumption override, known or not', () => {
    const changes = clearAssumptionsSearch(new URLSearchParams('rp=X&ra.confidence=0.5&ra.legacy=1&bb=5'));
    expect(Object.values(changes).every((v) => v === null)).toBe(true);
    expect(Object.keys(changes).sort()).toEqual(
      [
        'ra.attribution',
        'ra.citizenDayValueIdr',
        'ra.confidence',
        'ra.jpMinutes',
        'ra.legacy',
        'ra.monthlySalaryCostIdr',
        'ra.workingHoursPerMonth',
      ].sort(),
    );
  });
});

describe('assumption fields', () => {
  it('reads numbers the way the UI language writes them', () => {
    expect(checkAssumption('monthlySalaryCostIdr', '5.000.000', 'id')).toEqual({ kind: 'ok', value: 5e6 });
    expect(checkAssumption('monthlySalaryCostIdr', '5,000,000', 'en')).toEqual({ kind: 'ok', value: 5e6 });
    expect(checkAssumption('confidence', '0,5', 'id')).toEqual({ kind: 'ok', value: 0.5 });
    expect(checkAssumption('confidence', '0.5', 'id')).toEqual({ kind: 'ok', value: 0.5 });
    expect(checkAssumption('citizenDayValueIdr', '1.234,5', 'id')).toEqual({ kind: 'ok', value: 1234.5 });
    expect(checkAssumption('citizenDayValueIdr', '1,234.5', 'en')).toEqual({ kind: 'ok', value: 1234.5 });
  });

  it('leaves an empty field to the default', () => {
    expect(checkAssumption('confidence', '', 'id')).toEqual({ kind: 'empty' });
    expect(checkAssumption('confidence', undefined, 'en')).toEqual({ kind: 'empty' });
  });

  it('refuses non-numbers and out-of-range values, naming the range', () => {
    const confidence = { min: 0, max: 1 };
    expect(checkAssumption('confidence', 'abc', 'id')).toEqual({ kind: 'notNumber', ...confidence });
    expect(checkAssumption('confidence', '2', 'id')).toEqual({ kind: 'outOfRange', ...confidence });
    expect(checkAssumption('confidence', '-1', 'en')).toEqual({ kind: 'outOfRange', ...confidence });
    expect(checkAssumption('monthlySalaryCostIdr', '-5', 'id')).toMatchObject({ kind: 'outOfRange' });
    expect(checkAssumption('monthlySalaryCostIdr', '99999999999999', 'id')).toEqual({
      kind: 'outOfRange',
      min: 0,
      max: 1e10,
    });
    expect(checkAssumption('jpMinutes', '0', 'id')).toEqual({ kind: 'outOfRange', min: 1, max: 240 });
    expect(checkAssumption('jpMinutes', '1e2', 'en')).toEqual({ kind: 'notNumber', min: 1, max: 240 });
  });

  it('accepts the bounds themselves', () => {
    for (const [key, [lo, hi]] of Object.entries(BOUNDS)) {
      const k = key as keyof typeof BOUNDS;
      expect(checkAssumption(k, String(lo), 'en')).toEqual({ kind: 'ok', value: lo });
      expect(checkAssumption(k, String(hi), 'en')).toEqual({ kind: 'ok', value: hi });
    }
  });
});

describe('assumption placeholders', () => {
  it('show whole rupiah for amounts and at most 4 decimals otherwise', () => {
    expect(assumptionPlaceholder('monthlySalaryCostIdr', 8751439.70117396)).toBe(8751440);
    expect(assumptionPlaceholder('citizenDayValueIdr', 150000)).toBe(150000);
    expect(assumptionPlaceholder('confidence', 0.123456)).toBe(0.1235);
    expect(assumptionPlaceholder('workingHoursPerMonth', 160)).toBe(160);
  });
});
