import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import type { MetricFilter } from '../filter.ts';
import { satisfaction } from '../guarded-metrics.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { openTestMarts, seed } from '../testing/mart-fixture.ts';

// SKM forms per quarter of 2025 (one survey month each), agency → its service types, as on the
// scale-1 QA world: DUK-1 is DUK's alone (as ktp_el is Disdukcapil's), and B's types are B-1 and
// B-2 (izin_reklame, pbg of DPMPTSP) small in Q3, B-3 large throughout.
const QUARTERS = ['2025-02-10', '2025-05-10', '2025-08-10', '2025-11-10'];
const TYPES: Record<string, Record<string, readonly number[]>> = {
  DUK: { 'DUK-1': [14, 24, 28, 30], 'DUK-2': [20, 15, 26, 18] },
  B: { 'B-1': [11, 10, 3, 9], 'B-2': [5, 8, 3, 5], 'B-3': [9, 10, 13, 13] },
};
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
let db: Db;

const perQuarter = async (filter: MetricFilter, groupBy: ('agency' | 'serviceType')[] = []) =>
  (await satisfaction(db, { filter: { ...YEAR, ...filter }, grain: 'quarter', groupBy })).rows;

describe('a list naming every unit the other lists leave (agencies with a service type of theirs alone)', () => {
  beforeAll(async () => {
    db = await openTestMarts();
    const forms = Object.entries(TYPES).flatMap(([agency, types]) =>
      Object.entries(types).flatMap(([type, counts]) =>
        counts.flatMap((n, q) =>
          Array.from({ length: n }, () => ({
            agency_code: agency,
            service_type: type,
            surveyed_on: QUARTERS[q],
            year: 2025,
            ...Object.fromEntries(Array.from({ length: 9 }, (_, u) => [`u${u + 1}`, 3])),
          })),
        ),
      ),
    );
    await seed(db, 'fct_satisfaction', forms);
    await seed(
      db,
      'dim_service_type',
      Object.entries(TYPES).flatMap(([agency, types]) =>
        Object.keys(types).map((type) => ({
          service_type: type,
          name: type,
          agency_code: agency,
          target_days: 1,
        })),
      ),
    );
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('agencies [DUK] with serviceTypes [DUK-1] is the answer for DUK-1 alone, shown as it is', async () => {
    // The premise: agency × service type per quarter is hidden whole in 2025 (B × B-1's Q1, Q2 and
    // Q4 are each pinned by their published service type margin, so Q3's 3 has no complement
    // there), while the table by service type shows DUK-1 in every quarter.
    const twoWay = await perQuarter({}, ['agency', 'serviceType']);
    expect(twoWay.every((r) => r.suppressed)).toBe(true);
    const byType = (await perQuarter({}, ['serviceType'])).filter((r) => r.keys.serviceType === 'DUK-1');
    expect(byType.map((r) => [r.n, r.suppressed])).toEqual(TYPES.DUK!['DUK-1']!.map((n) => [n, false]));
    // Before, the answer with both lists was the slice of that two-way table and hidden whole,
    // though it is cell for cell the answer for DUK-1 alone, which shows these four quarters.
    const alone = await perQuarter({ serviceTypes: ['DUK-1'] });
    const both = await perQuarter({ agencies: ['DUK'], serviceTypes: ['DUK-1'] });
    expect(both.map((r) => [r.period, r.n, r.suppressed, r.ikm])).toEqual([
      ['2025-01-01', 14, false, 75],
      ['2025-04-01', 24, false, 75],
      ['2025-07-01', 28, false, 75],
      ['2025-10-01', 30, false, 75],
    ]);
    expect(both.map((r) => [r.period, r.n, r.suppressed, r.ikm])).toEqual(
      alone.map((r) => [r.period, r.n, r.suppressed, r.ikm]),
    );
  });

  it('still hides what the table by service type hides: B-1’s Q4 would give its Q3 of 3 back', async () => {
    // B-1 per quarter: 11, 10, 3 (small), 9; its year (33) is published. By service type, Q3 is
    // hidden and Q4 is its complement: shown, 33 − 11 − 10 − 9 = 3.
    const year = (await satisfaction(db, { filter: { ...YEAR, serviceTypes: ['B-1'] } })).rows;
    expect(year.map((r) => [r.n, r.suppressed])).toEqual([[33, false]]);
    const byType = (await perQuarter({}, ['serviceType'])).filter((r) => r.keys.serviceType === 'B-1');
    expect(byType.map((r) => r.suppressed)).toEqual([false, false, true, true]);
    // The agencies list names every unit of B-1 (B's alone), as DUK's does of DUK-1: the answer
    // with both lists still hides those two quarters, and so does B-1 alone.
    for (const filter of [{ agencies: ['B'], serviceTypes: ['B-1'] }, { serviceTypes: ['B-1'] }]) {
      const rows = await perQuarter(filter);
      expect(
        rows.map((r) => [r.n, r.suppressed]),
        JSON.stringify(filter),
      ).toEqual([
        [11, false],
        [10, false],
        [null, true],
        [null, true],
      ]);
    }
  });

  it('a list that leaves some out is still a slice of the two-way table', async () => {
    // agencies [B] with serviceTypes [B-1, DUK-1]: DUK-1's forms are left out, so the agencies list
    // narrows the answer, which is B's cells of agency × service type, hidden whole in 2025.
    const rows = await perQuarter({ agencies: ['B'], serviceTypes: ['B-1', 'DUK-1'] });
    expect(rows.length).toBe(4);
    expect(rows.every((r) => r.suppressed)).toBe(true);
  });
});
