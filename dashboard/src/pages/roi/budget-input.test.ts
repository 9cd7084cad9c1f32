import { describe, expect, it } from 'vitest';
import {
  BUDGET_MAX_IDR,
  budgetFromParam,
  budgetTextIn,
  checkBudget,
  checkBudgetYear,
  sameScenario,
} from './budget-input.ts';

const ok = (value: number) => ({ kind: 'ok', value });
const range = { min: 1, max: BUDGET_MAX_IDR };

describe('checkBudget', () => {
  it('reads whole rupiah in the UI language', () => {
    expect(checkBudget('100000000', 'id')).toEqual(ok(100_000_000));
    expect(checkBudget('100.000.000', 'id')).toEqual(ok(100_000_000));
    expect(checkBudget('Rp 100.000.000', 'id')).toEqual(ok(100_000_000));
    expect(checkBudget('100,000,000', 'en')).toEqual(ok(100_000_000));
    expect(checkBudget('Rp 100,000,000', 'en')).toEqual(ok(100_000_000));
  });

  it('rounds fractions to whole rupiah instead of dropping the decimal mark', () => {
    expect(checkBudget('1.5', 'id')).toEqual(ok(2));
    expect(checkBudget('1,5', 'id')).toEqual(ok(2));
    expect(checkBudget('1.234,4', 'id')).toEqual(ok(1234));
    expect(checkBudget('1,234.5', 'en')).toEqual(ok(1235));
  });

  it('refuses zero, negatives, amounts under Rp 1 and absurd amounts', () => {
    for (const text of [
      '0',
      '-5000000',
      '-5.000.000',
      '0,5',
      '999999999999999999999',
      '1.000.000.000.000.001',
    ]) {
      expect(checkBudget(text, 'id'), text).toEqual({ kind: 'outOfRange', ...range });
    }
    expect(checkBudget('1.000.000.000.000.000', 'id')).toEqual(ok(1e15));
  });

  it('refuses what is not a number, with the range to say', () => {
    for (const text of ['abc', '1e12', '', '  ', '1.2.3', 'Rp']) {
      expect(checkBudget(text, 'id'), text).toEqual({ kind: 'notNumber', ...range });
      expect(checkBudget(text, 'en'), text).toEqual({ kind: 'notNumber', ...range });
    }
  });
});

describe('budgetTextIn', () => {
  it('keeps the amount when the language changes: the text is written again in the new one', () => {
    expect(checkBudget('100.000', 'en')).toEqual(ok(100)); // what a switch without it sent
    expect(budgetTextIn('100.000', 'id', 'en')).toBe('100000');
    expect(checkBudget(budgetTextIn('100.000', 'id', 'en'), 'en')).toEqual(ok(100_000));
    expect(budgetTextIn('Rp 1.500', 'id', 'en')).toBe('1500');
    expect(budgetTextIn('2,500,000', 'en', 'id')).toBe('2500000');
    expect(budgetTextIn('1,5', 'id', 'en')).toBe('2'); // whole rupiah, as it would be sent
  });

  it('leaves text alone that is no amount, or when the language stays', () => {
    expect(budgetTextIn('abc', 'id', 'en')).toBe('abc');
    expect(budgetTextIn('0', 'id', 'en')).toBe('0');
    expect(budgetTextIn('100.000', 'id', 'id')).toBe('100.000');
  });
});

describe('budgetFromParam', () => {
  it('accepts only the digits the form writes, within range', () => {
    expect(budgetFromParam('100000000')).toBe(100_000_000);
    expect(budgetFromParam(null)).toBeNull();
    expect(budgetFromParam('')).toBeNull();
    expect(budgetFromParam('0')).toBeNull();
    expect(budgetFromParam('-5')).toBeNull();
    expect(budgetFromParam('1e12')).toBeNull();
    expect(budgetFromParam('abc')).toBeNull();
    expect(budgetFromParam('999999999999999999999')).toBeNull();
  });
});

describe('checkBudgetYear', () => {
  it('accepts an empty field (all history) and whole years in the form’s range', () => {
    expect(checkBudgetYear('')).toBe('empty');
    expect(checkBudgetYear('  ')).toBe('empty');
    expect(checkBudgetYear('2025')).toBe('ok');
    expect(checkBudgetYear('2000')).toBe('ok');
    expect(checkBudgetYear('2100')).toBe('ok');
  });

  it('refuses years outside it and non-years, so the form can say so instead of sending nothing', () => {
    for (const text of ['1999', '2101', '202', '20255', '2025.5', 'abc', '-2025']) {
      expect(checkBudgetYear(text), text).toBe('invalid');
    }
  });
});

describe('sameScenario', () => {
  const ran = {
    agency: 'DINSOS',
    program: 'PLY-PRIMA',
    budget: '100000000',
    year: '',
    contrast: 'vs_rest',
    isolation: 'cohort',
  } as const;
  it('holds while the form shows what the URL ran', () => {
    expect(sameScenario(ran, { ...ran })).toBe(true);
  });
  it('fails once any input differs, or the amount cannot be read', () => {
    expect(sameScenario({ ...ran, year: '1999' }, ran)).toBe(false);
    expect(sameScenario({ ...ran, program: 'KEP-CO' }, ran)).toBe(false);
    expect(sameScenario({ ...ran, budget: '5' }, ran)).toBe(false);
    expect(sameScenario({ ...ran, budget: null }, ran)).toBe(false);
    expect(sameScenario({ ...ran, agency: 'DISDUKCAPIL' }, ran)).toBe(false);
  });
});
