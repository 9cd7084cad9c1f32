import type { Db } from '../../db/index.ts';
import type { TimeGrain } from '../filter.ts';
import type { MetricRowBase } from '../query/metric-row.ts';

/**
 * Whether `target` is a linear combination of `equations` (Gaussian elimination over doubles; the
 * coefficients here are 0 and 1, so a tolerance of 1e-9 is exact enough): a reader who knows the
 * value of every equation then knows the target's.
 */
export function inLinearSpan(equations: readonly (readonly number[])[], target: readonly number[]): boolean {
  const width = target.length;
  const basis: { pivot: number; row: number[] }[] = [];
  const reduce = (row: number[]) => {
    for (const b of basis) {
      const f = row[b.pivot]!;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < width; j++) row[j]! -= f * b.row[j]!;
    }
  };
  for (const equation of equations) {
    const row = [...equation];
    reduce(row);
    const pivot = row.findIndex((v) => Math.abs(v) > 1e-9);
    if (pivot < 0) continue;
    const d = row[pivot]!;
    for (let j = 0; j < width; j++) row[j]! /= d;
    for (const b of basis) {
      const f = b.row[pivot]!;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < width; j++) b.row[j]! -= f * row[j]!;
    }
    basis.push({ pivot, row });
  }
  const rest = [...target];
  reduce(rest);
  return rest.every((v) => Math.abs(v) < 1e-9);
}

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
  readonly period: string;
  readonly dimension: 'agency' | 'serviceType';
  readonly value: string;
  /** The true count the reader recovers. */
  readonly n: number;
}

export interface NestedMarginsResult {
  readonly shown: { readonly agency: number; readonly serviceType: number };
  readonly hidden: { readonly agency: number; readonly serviceType: number };
  readonly recovered: readonly NestedMarginsFinding[];
}

/**
 * The exact linear attack on two margins of one table: the answers by agency and by service type
 * of one year at a grain, as published, against the true counts per agency × service type of each
 * period (`pairs`, read from the marts). The unknowns are those pair counts; the reader knows every
 * shown cell and total of both answers. A hidden cell is recovered when its pairs' sum is a linear
 * combination of what is shown (`inLinearSpan`). The pairs model a service type several agencies
 * offer (the kecamatan ones) exactly. Other published counts (serviceTimes' handler-months) are
 * not attacked.
 */
export async function auditNestedMargins(
  db: Db,
  metric: MarginMetric,
  year: number,
  grain: TimeGrain,
  /** True counts: one row per period start (YYYY-MM-DD of its first month), agency and type. */
  pairs: readonly { period: string; agency: string; serviceType: string; n: number }[],
): Promise<NestedMarginsResult> {
  const filter = { from: `${year}-01-01`, to: `${year}-12-31` };
  const byAgency = (await metric(db, { filter, grain, groupBy: ['agency'] })).rows;
  const byType = (await metric(db, { filter, grain, groupBy: ['serviceType'] })).rows;
  const shown = { agency: 0, serviceType: 0 };
  const hidden = { agency: 0, serviceType: 0 };
  const recovered: NestedMarginsFinding[] = [];
  const periods = new Set([...byAgency, ...byType].map((r) => r.period ?? ''));
  for (const period of periods) {
    const cells = pairs.filter((p) => p.period === period && p.n > 0);
    const answers = [
      { dimension: 'agency' as const, rows: byAgency.filter((r) => (r.period ?? '') === period) },
      { dimension: 'serviceType' as const, rows: byType.filter((r) => (r.period ?? '') === period) },
    ];
    const of = (dimension: 'agency' | 'serviceType', value: string | null | undefined) =>
      cells.map((c) => (c[dimension] === value ? 1 : 0));
    const equations: number[][] = [];
    for (const { dimension, rows } of answers)
      for (const r of rows)
        if (!r.suppressed) equations.push(r.isTotal ? cells.map(() => 1) : of(dimension, r.keys[dimension]));
    for (const { dimension, rows } of answers)
      for (const r of rows) {
        if (r.isTotal) continue;
        if (!r.suppressed) {
          shown[dimension]++;
          continue;
        }
        hidden[dimension]++;
        const target = of(dimension, r.keys[dimension]);
        if (cells.length > 0 && target.some((v) => v === 1) && inLinearSpan(equations, target))
          recovered.push({
            period,
            dimension,
            value: r.keys[dimension] ?? '',
            n: cells.reduce((s, c, i) => s + c.n * target[i]!, 0),
          });
      }
  }
  return { shown, hidden, recovered };
}
