import { describe, expect, it } from 'vitest';
import { NO_KEYS } from '../graphql/testing/no-keys.ts';
import type { MetricRow } from '../graphql/types.ts';
import { latestRow, shortLabel } from './rows.ts';

const row = (period: string, n: number | null, suppressed = false): MetricRow => ({
  keys: { ...NO_KEYS },
  period,
  isTotal: true,
  n,
  pctOfTotal: null,
  suppressed,
  samePeriodLastYear: null,
});

describe('latestRow', () => {
  it('skips filled empty trailing periods', () => {
    expect(latestRow([row('2024-01-01', 10), row('2025-01-01', 0)])?.period).toBe('2024-01-01');
  });
  it('keeps a suppressed latest period', () => {
    expect(latestRow([row('2024-01-01', 10), row('2025-01-01', null, true)])?.suppressed).toBe(true);
  });
  it('returns null without data', () => {
    expect(latestRow([row('2025-01-01', 0)])).toBeNull();
  });
});

describe('shortLabel', () => {
  it('truncates in the middle with an ellipsis, keeping the end', () => {
    expect(shortLabel('Dinas Kependudukan dan Pencatatan Sipil', 12)).toBe('Dinas…Sipil');
    expect(shortLabel('Dinas Kesehatan', 22)).toBe('Dinas Kesehatan');
  });

  it('keeps three kelurahan with the same beginning apart (not three "Kelurahan Petuk…")', () => {
    const names = ['Kelurahan Petuk Katimpun', 'Kelurahan Petuk Barunai', 'Kelurahan Petuk Bukit Raya'];
    const short = names.map((n) => shortLabel(n));
    expect(new Set(short).size).toBe(3);
    expect(short[0]).toBe('Kel. Petuk Katimpun');
  });
});

describe('reference year', () => {
  it('stops the overview at the latest year with invitations', async () => {
    const { referenceYear, rowForYear, upToYear } = await import('./rows.ts');
    const year = referenceYear([row('2024-01-01', 10), row('2025-01-01', 8), row('2026-01-01', 0)]);
    expect(year).toBe('2025');
    const headcount = [row('2025-01-01', 100), row('2026-01-01', 90)];
    expect(rowForYear(headcount, year)?.period).toBe('2025-01-01');
    expect(upToYear({ rows: headcount }, year)?.rows.map((r) => r.period)).toEqual(['2025-01-01']);
  });
});
