import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { satisfaction } from './satisfaction.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

// DOMAIN §3 known answer: 29 respondents, unsur totals 105, 101, 100, 116, 102, 105, 106, 105, 115.
const TOTALS = [105, 101, 100, 116, 102, 105, 106, 105, 115];

describe('satisfaction (IKM)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    // Respondent i scores 4 on unsur u when i < total − 87 (= 29 × 3), else 3: the totals come out exact.
    const forms = Array.from({ length: 29 }, (_, i) => ({
      agency_code: 'DUKCAPIL',
      service_type: 'KTP',
      surveyed_on: '2024-07-10',
      year: 2024,
      ...Object.fromEntries(TOTALS.map((t, u) => [`u${u + 1}`, i < t - 87 ? 4 : 3])),
    }));
    await seed(db, 'fct_satisfaction', [
      ...forms,
      {
        agency_code: 'DPMPTSP',
        surveyed_on: '2024-07-11',
        year: 2024,
        ...Object.fromEntries(TOTALS.map((_, u) => [`u${u + 1}`, 2])),
      },
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('reproduces IKM 91.48 (A, Sangat Baik) through the SQL path', async () => {
    const { rows } = await satisfaction(db, { filter: { agencies: ['DUKCAPIL'] } }, { minN: 1 });
    const row = rows[0]!;
    expect(row.respondents).toBe(29);
    expect(row.unsurTotals).toEqual(TOTALS);
    expect(row.ikm).toBe(91.48);
    expect([row.mutu, row.kinerja]).toEqual(['A', 'Sangat Baik']);
    expect(row.nrr?.[3]).toBe(4);
  });

  it('groups by agency and hides a one-respondent agency and a complement (default minN 5)', async () => {
    const { rows } = await satisfaction(db, { groupBy: ['agency'] }, {});
    // The only other cell is hidden too: else total − DUKCAPIL would give DPMPTSP away.
    expect(rows.map((r) => [r.keys.agency, r.n, r.ikm, r.suppressionReason])).toEqual([
      ['DPMPTSP', null, null, 'primary'],
      ['DUKCAPIL', null, null, 'complementary'],
      [null, 30, 90.09, null],
    ]);
  });

  it('reads whole months, and says so; a range that cuts a month is refused', async () => {
    const { rows, range } = await satisfaction(
      db,
      { filter: { agencies: ['DUKCAPIL'], from: '2024-07-01', to: '2024-07-31' }, grain: 'month' },
      { minN: 1 },
    );
    expect(rows.map((r) => [r.period, r.respondents])).toEqual([['2024-07-01', 29]]); // surveyed on 10 July
    expect(range).toEqual({
      from: '2024-07-01',
      to: '2024-07-31',
      resolution: 'month',
      fact: 'fct_satisfaction',
    });
    await expect(
      satisfaction(db, { filter: { from: '2024-07-01', to: '2024-07-01' }, grain: 'month' }, { minN: 1 }),
    ).rejects.toMatchObject({
      reason: 'RANGE_NOT_ALIGNED',
      field: 'filter.to',
      detail: { earlier: '2024-06-30', later: '2024-07-31' },
    });
    const open = await satisfaction(db, {}, { minN: 1 });
    expect(open.range).toEqual({ from: null, to: null, resolution: 'month', fact: 'fct_satisfaction' });
  });
});
