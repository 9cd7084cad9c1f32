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
    const result = await auditNestedMargins(db, answers(true), 2025, ['month'], pairs);
    expect(result.hidden).toEqual({ agency: 2, serviceType: 1 });
    expect(result.recovered.map((f) => [f.dimension, f.value, f.n])).toEqual([
      ['agency', 'KEC', 4],
      ['agency', 'SOS', 6],
      ['serviceType', 'k', 4],
    ]);
  });

  it('recovers nothing when the type is hidden too', async () => {
    const result = await auditNestedMargins(db, answers(false), 2025, ['month'], pairs);
    expect(result.recovered).toEqual([]);
    expect(result.shown).toEqual({ agency: 1, serviceType: 1 });
  });

  it('holds every grain: a hidden month follows from its quarter less the months shown', async () => {
    const months = ['2025-10-01', '2025-11-01', '2025-12-01'];
    const truth = months.map((period, i) => ({ period, agency: 'A', serviceType: 'a', n: 10 + i }));
    const cell = (period: string, value: string | null, suppressed: boolean) =>
      ({
        period,
        keys: { agency: value },
        isTotal: value === null,
        n: 0,
        suppressed,
      }) as unknown as MetricRowBase;
    const metric = (async (_db, q) => ({
      rows:
        q.groupBy[0] !== 'agency'
          ? []
          : q.grain === 'month'
            ? months.map((m) => cell(m, 'A', m === '2025-11-01'))
            : [cell('2025-10-01', 'A', false)],
    })) as MarginMetric;
    const monthOnly = await auditNestedMargins(db, metric, 2025, ['month'], truth);
    expect(monthOnly.recovered).toEqual([]);
    const withQuarter = await auditNestedMargins(db, metric, 2025, ['month', 'quarter'], truth);
    expect(withQuarter.recovered).toEqual([
      { grain: 'month', period: '2025-11-01', dimension: 'agency', value: 'A', n: 11 },
    ]);
  });
});
