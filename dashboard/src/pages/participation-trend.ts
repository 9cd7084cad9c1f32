import type { Grain } from '../format/format.ts';
import type { MessageKey } from '../i18n/messages.id.ts';

/** What `participationHeadcountN` reads of a participation row. */
export interface HeadcountRow {
  readonly period: string | null;
  readonly isTotal: boolean;
  readonly n: number | null;
}

/**
 * The n of the participation trend: the headcount, each year's once. The API measures every month
 * or quarter against its year's 30 June headcount, so each period's n is that same headcount;
 * summing the periods (the card's default) would count a year's employees twelve times (9.525 →
 * 114.300). Years are added as the year grain adds them. Null when no period has an n.
 */
export function participationHeadcountN(rows: readonly HeadcountRow[]): number | null {
  const byYear = new Map<string, number>();
  for (const r of rows) {
    if (!r.isTotal || r.period === null || r.n === null) continue;
    const year = r.period.slice(0, 4);
    byYear.set(year, Math.max(byYear.get(year) ?? 0, r.n));
  }
  if (byYear.size === 0) return null;
  let sum = 0;
  for (const n of byYear.values()) sum += n;
  return sum;
}

/** What a headcount card's n counts (`headcountNUnit`): employees (null), or employee-years. */
export type NUnit = 'employeeYears';

/**
 * The unit of the n of a card whose rows count employees once a year (participation, JP
 * compliance): over more than one year (with employees) its n adds the years' headcounts, so it
 * counts employee-years (24.331 over 2021–2025, for some 4,700 employees), not employees. Null for
 * one year. Period total rows only; a hidden period (n null) or one without employees is no year.
 */
export function headcountNUnit(rows: readonly HeadcountRow[]): NUnit | null {
  const years = new Set<string>();
  for (const r of rows) {
    if (r.isTotal && r.period !== null && r.n !== null && r.n > 0) years.add(r.period.slice(0, 4));
  }
  return years.size > 1 ? 'employeeYears' : null;
}

/**
 * The note under the participation trend at a grain finer than the year: its rates (0–18 % a month)
 * are shares of the year's headcount, not comparable with the yearly rate. Null at the year grain.
 */
export function participationGrainNote(grain: Grain): MessageKey | null {
  if (grain === 'month') return 'partisipasi.rateNoteMonth';
  if (grain === 'quarter') return 'partisipasi.rateNoteQuarter';
  return null;
}
