import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import type { MetricRowBase } from '../query/metric-row.ts';
import { auditNestedMargins, inLinearSpan, type MarginMetric } from './nested-margins-audit.ts';

describe('inLinearSpan', () => {
  it('knows a sum from its parts, and a part from a sum less the others', () => {
    // x + y + z known, x + y known: z follows; x alone does not.
    const eqs = [
      [1, 1, 1],
      [1, 1, 0],
    ];
    expect(inLinearSpan(eqs, [0, 0, 1])).toBe(true);
    expect(inLinearSpan(eqs, [1, 0, 0])).toBe(false);
    expect(inLinearSpan(eqs, [2, 2, 1])).toBe(true);
    expect(inLinearSpan([], [0, 0, 0])).toBe(true);
    expect(inLinearSpan([[0, 1, -1]], [0, 1, 0])).toBe(false);
  });
});

const row = (dim: 'agency' | 'serviceType', value: string | null, suppressed: boolean): MetricRowBase =>
  ({
    period: '2025-11-01',
    keys: { [dim]: value },
    isTotal: value === null,
    n: suppressed ? null : 0,
    suppressed,
  }) as unknown as MetricRowBase;

describe('auditNestedMargins', () => {
  // KEC (4) and SOS (6) hidden by agency; SOS's one type shown by service type gives SOS, then KEC.
  const pairs = [
    { period: '2025-11-01', agency: 'KEC', serviceType: 'k', n: 4 },
    { period: '2025-11-01', agency: 'SOS', serviceType: 's', n: 6 },
    { period: '2025-11-01', agency: 'DUK', serviceType: 'd', n: 30 },
  ];
  const answers = (typeShown: boolean): MarginMetric =>
    (async (_db, q) => ({
      rows:
        q.groupBy[0] === 'agency'
          ? [
              row('agency', 'DUK', false),
              row('agency', 'KEC', true),
              row('agency', 'SOS', true),
              row('agency', null, false),
            ]
          : [
              row('serviceType', 'd', false),
              row('serviceType', 'k', true),
              row('serviceType', 's', !typeShown),
              row('serviceType', null, false),
            ],
    })) as MarginMetric;
  const db = null as unknown as Db;

  it('recovers the hidden agencies through a type shown', async () => {
    const result = await auditNestedMargins(db, answers(true), 2025, 'month', pairs);
    expect(result.hidden).toEqual({ agency: 2, serviceType: 1 });
    expect(result.recovered.map((f) => [f.dimension, f.value, f.n])).toEqual([
      ['agency', 'KEC', 4],
      ['agency', 'SOS', 6],
      ['serviceType', 'k', 4],
    ]);
  });

  it('recovers nothing when the type is hidden too', async () => {
    const result = await auditNestedMargins(db, answers(false), 2025, 'month', pairs);
    expect(result.recovered).toEqual([]);
    expect(result.shown).toEqual({ agency: 1, serviceType: 1 });
  });
});
