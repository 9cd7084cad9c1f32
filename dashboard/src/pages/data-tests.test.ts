import { describe, expect, it } from 'vitest';
import { orderDataTests } from './data-tests.ts';

const t = (name: string, severity: string, status: string, failingRows = 0) => ({
  name,
  severity,
  status,
  failingRows,
});

describe('data tests in reading order', () => {
  it('puts failing errors first, then failing warnings, each by failing rows, then passes by name', () => {
    const ordered = orderDataTests([
      t('unique_a', 'error', 'pass'),
      t('relationships_kelurahan', 'warn', 'fail', 3),
      t('not_null_b', 'error', 'fail', 1),
      t('accepted_values_c', 'error', 'pass'),
      t('range_d', 'error', 'fail', 40),
      t('valid_e', 'warn', 'fail', 7),
      t('days_f', 'warn', 'pass'),
    ]);
    expect(ordered.map((x) => x.name)).toEqual([
      'range_d',
      'not_null_b',
      'valid_e',
      'relationships_kelurahan',
      'accepted_values_c',
      'days_f',
      'unique_a',
    ]);
  });

  it('keeps every test and leaves its input alone', () => {
    const input = [t('b', 'error', 'pass'), t('a', 'error', 'pass')];
    const ordered = orderDataTests(input);
    expect(ordered.map((x) => x.name)).toEqual(['a', 'b']);
    expect(input.map((x) => x.name)).toEqual(['b', 'a']);
  });
});
