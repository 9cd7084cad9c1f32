import { describe, expect, it } from 'vitest';
import { withCurrentOption } from './current-option.ts';

const options = [
  { value: 'PLY-PRIMA', label: 'PLY-PRIMA — Pelayanan Prima' },
  { value: 'DIG-01', label: 'DIG-01 — Literasi Digital' },
];
const unknown = (v: string) => `${v} (tidak dikenal)`;

describe('the options of a picker whose value comes from the URL', () => {
  it('are the offered ones when the value is one of them', () => {
    expect(withCurrentOption(options, 'DIG-01', true, unknown)).toBe(options);
  });

  it('are the offered ones when there is no value (the caller picks its default)', () => {
    expect(withCurrentOption(options, '', true, unknown)).toBe(options);
  });

  it('keep a value the picker does not offer, first and marked unknown, instead of showing another', () => {
    const out = withCurrentOption(options, 'XYZ', true, unknown);
    expect(out[0]).toEqual({ value: 'XYZ', label: 'XYZ (tidak dikenal)', unknown: true });
    expect(out.slice(1)).toEqual(options);
    expect(out.filter((o) => o.value === 'XYZ')).toHaveLength(1);
  });

  it('show the value as it is while the options are not known yet (catalog loading or failed)', () => {
    expect(withCurrentOption([], 'PLY-PRIMA', false, unknown)).toEqual([
      { value: 'PLY-PRIMA', label: 'PLY-PRIMA' },
    ]);
  });
});
