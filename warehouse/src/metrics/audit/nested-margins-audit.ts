import type { Db } from '../../db/index.ts';
import type { TimeGrain } from '../filter.ts';
import type { MetricRowBase } from '../query/metric-row.ts';

/**
 * The linear span of `equations` (Gaussian elimination over doubles; the coefficients here are 0
 * and 1, so a tolerance of 1e-9 is exact enough): `contains(target)` is whether a reader who knows
 * the value of every equation knows the target's. The basis is built once.
 */
export function linearSpan(equations: readonly (readonly number[])[]): {
  contains: (target: readonly number[]) => boolean;
} {
  const basis: { pivot: number; row: number[] }[] = [];
  const reduce = (row: number[]) => {
    for (const b of basis) {
      const f = row[b.pivot]!;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < row.length; j++) row[j]! -= f * b.row[j]!;
    }
  };
  for (const equation of equations) {
    const row = [...equation];
    reduce(row);
    const pivot = row.findIndex((v) => Math.abs(v) > 1e-9);
    if (pivot < 0) continue;
    const d = row[pivot]!;
    for (let j = 0; j < row.length; j++) row[j]! /= d;
    for (const b of basis) {
      const f = b.row[pivot]!;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < row.length; j++) b.row[j]! -= f * row[j]!;
    }
    basis.push({ pivot, row });
  }
  return {
    contains: (target) => {
      const rest = [...target];
      reduce(rest);
      return rest.every((v) => Math.abs(v) < 1e-9);
    },
  };
}

/** Whether `target` is a linear combination of `equations` (`linearSpan`). */
export const inLinearSpan = (equations: readonly (readonly number[])[], target: readonly number[]): boolean =>
  linearSpan(equations).contains(target);

/** A metric answering by agency and by service type (`satisfaction`, `serviceTimes`). */
export type MarginMetric = (
  db: Db,
  query: {
    filter: { from: string; to: string };
    grain: TimeGrain;
    groupBy: ('agency' | 'serviceType')[];
  },
) => Promise<{ rows: readonly MetricRowBase[] }>;

export interface NestedMarginsFinding {
  readonly grain: TimeGrain;
  readonly period: string;
  readonly dimension: 'agency' | 'serviceType';
  readonly value: string;
  /** The true count the reader recovers. */
  readonly n: number;
}

export interface NestedMarginsResult {
  /** Cells of the answers at the first grain asked. */
  readonly shown: { readonly agency: number; readonly serviceType: number };
  readonly hidden: { readonly agency: number; readonly serviceType: number };
  /** Hidden cells at any grain asked whose count follows. */
  readonly recovered: readonly NestedMarginsFinding[];
}

/** The first days of the months a period of a grain covers. */
function monthsOf(grain: TimeGrain, period: string): string[] {
  const span = grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12;
  const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
  return Array.from({ length: span }, (_, i) => `${y}-${String(m + i).padStart(2, '0')}-01`);
}

/**
 * The exact linear attack on two margins of one table: the answers by agency and by service type
 * of one year, as published at each grain asked (the reader holds them all: months add up to
 * quarters and the year), against the true counts per month × agency × service type (`pairs`, read
 * from the marts). The unknowns are those counts; the reader knows every shown cell and total of
 * every answer. A hidden cell is recovered when its sum is a linear combination of what is shown
 * (`inLinearSpan`). The pairs model a service type several agencies offer (the kecamatan ones)
 * exactly. Other published counts (serviceTimes' handler-months) are not attacked.
 */
export async function auditNestedMargins(
  db: Db,
  metric: MarginMetric,
  year: number,
  grains: readonly TimeGrain[],
  /** True counts: one row per month (its first day, YYYY-MM-DD), agency and service type. */
  pairs: readonly { period: string; agency: string; serviceType: string; n: number }[],
): Promise<NestedMarginsResult> {
  const filter = { from: `${year}-01-01`, to: `${year}-12-31` };
  const cells = pairs.filter((p) => p.n > 0 && p.period.startsWith(`${year}-`));
  const shown = { agency: 0, serviceType: 0 };
  const hidden = { agency: 0, serviceType: 0 };
  const equations: number[][] = [];
  const targets: { finding: Omit<NestedMarginsFinding, 'n'>; vector: number[] }[] = [];
  for (const [g, grain] of grains.entries())
    for (const dimension of ['agency', 'serviceType'] as const) {
      const { rows } = await metric(db, { filter, grain, groupBy: [dimension] });
      for (const r of rows) {
        const period = r.period ?? filter.from;
        const months = new Set(monthsOf(grain, period));
        const value = r.keys[dimension];
        const vector = cells.map((c) =>
          months.has(c.period) && (r.isTotal || c[dimension] === value) ? 1 : 0,
        );
        if (!r.suppressed) {
          equations.push(vector);
          if (g === 0 && !r.isTotal) shown[dimension]++;
          continue;
        }
        if (g === 0 && !r.isTotal) hidden[dimension]++;
        if (vector.some((v) => v === 1))
          targets.push({ finding: { grain, period, dimension, value: value ?? '(total)' }, vector });
      }
    }
  const span = linearSpan(equations);
  const recovered = targets
    .filter((t) => span.contains(t.vector))
    .map((t) => ({ ...t.finding, n: cells.reduce((s, c, i) => s + c.n * t.vector[i]!, 0) }));
  return { shown, hidden, recovered };
}
