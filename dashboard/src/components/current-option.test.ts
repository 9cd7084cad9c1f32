import { describe, expect, it } from 'vitest';
import { shownChoice, withCurrentOption, withSelectedOptions } from './current-option.ts';

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

describe('withSelectedOptions', () => {
  const options = [
    { value: 'DINKES', label: 'Dinas Kesehatan' },
    { value: 'BKPSDM', label: 'BKPSDM' },
  ];
  const unknown = (v: string) => `${v} (tidak dikenal)`;
  it('adds the selected values the options lack, first, marked unknown once the options are known', () => {
    expect(withSelectedOptions(options, ['NOPE', 'DINKES', 'ZZZ'], true, unknown)).toEqual([
      { value: 'NOPE', label: 'NOPE (tidak dikenal)', unknown: true },
      { value: 'ZZZ', label: 'ZZZ (tidak dikenal)', unknown: true },
      ...options,
    ]);
    expect(withSelectedOptions([], ['NOPE'], false, unknown)).toEqual([{ value: 'NOPE', label: 'NOPE' }]);
  });
  it('leaves the options alone when every selected value is among them', () => {
    expect(withSelectedOptions(options, ['BKPSDM'], true, unknown)).toBe(options);
    expect(withSelectedOptions(options, [], true, unknown)).toBe(options);
  });
});

describe('shownChoice: what a picker shows, and so what its form sends', () => {
  const codes = ['P1', 'P2'];
  it('is the value picked or named by the URL, offered or not', () => {
    expect(shownChoice('P2', codes, 'P1')).toBe('P2');
    expect(shownChoice('NOPE', codes, 'P1')).toBe('NOPE');
  });

  it('without one, the preferred default when it is offered', () => {
    expect(shownChoice('', codes, 'P2')).toBe('P2');
  });

  it('else the first option, as a select shows it: never "" under a select that shows "P1"', () => {
    // No program has enough completers to be the default (a tiny warehouse).
    expect(shownChoice('', codes, null)).toBe('P1');
    expect(shownChoice('', codes)).toBe('P1');
    // A default the options lack is not shown in place of what the select shows.
    expect(shownChoice('', codes, 'GONE')).toBe('P1');
  });

  it('is "" only when there is no option at all (the form has nothing to send)', () => {
    expect(shownChoice('', [], 'P1')).toBe('');
    expect(shownChoice('', [])).toBe('');
  });
});
