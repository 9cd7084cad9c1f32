import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { agencyScorecard } from '../agency-scorecard.metric.ts';
import { satisfaction } from '../guarded-metrics.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import type { SatisfactionRow } from '../satisfaction.metric.ts';
import { openTestMarts, seed } from '../testing/mart-fixture.ts';

// One month of SKM forms: agency → its service types → forms. KEC (4) is the small cell. By agency
// its cheapest complement is SOS (6, one service type); by service type it is B-1 (5). Protected
// each on its own, the table by service type showed SOS-1 = 6, the cell the table by agency hides,
// and KEC followed: total 64 − SOS 6 − B 20 − DUK 34 = 4 (review of 2026-12-05: DINSOS and
// KEC-62.71.04, November 2025, on the scale-1 demo).
const TYPES: Record<string, Record<string, number>> = {
  KEC: { 'KEC-1': 4 },
  SOS: { 'SOS-1': 6 },
  B: { 'B-1': 5, 'B-2': 15 },
  DUK: { 'DUK-1': 17, 'DUK-2': 17 },
};
// Months are asked with the grain over whole years; November is the month with forms.
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const ask = async (groupBy: ('agency' | 'serviceType')[]) =>
  (await satisfaction(db, { filter: YEAR, grain: 'month', groupBy })).rows.filter((r) =>
    r.period?.startsWith('2025-11'),
  );
let db: Db;

const cells = (rows: readonly SatisfactionRow[], dim: 'agency' | 'serviceType') =>
  new Map(rows.filter((r) => !r.isTotal).map((r) => [r.keys[dim]!, r]));

describe('satisfaction by agency and by service type (nested: a service type is one agency’s)', () => {
  beforeAll(async () => {
    db = await openTestMarts();
    const forms = Object.entries(TYPES).flatMap(([agency, types]) =>
      Object.entries(types).flatMap(([type, n]) =>
        Array.from({ length: n }, () => ({
          agency_code: agency,
          service_type: type,
          surveyed_on: '2025-11-10',
          year: 2025,
          ...Object.fromEntries(Array.from({ length: 9 }, (_, u) => [`u${u + 1}`, 3])),
        })),
      ),
    );
    // November 2026: every cell large, nothing hidden; its comparisons reach November 2025.
    const later = Object.entries(TYPES).flatMap(([agency, types]) =>
      Object.keys(types).flatMap((type) =>
        Array.from({ length: 20 }, () => ({
          agency_code: agency,
          service_type: type,
          surveyed_on: '2026-11-10',
          year: 2026,
          ...Object.fromEntries(Array.from({ length: 9 }, (_, u) => [`u${u + 1}`, 4])),
        })),
      ),
    );
    await seed(db, 'fct_satisfaction', [...forms, ...later]);
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

  it('an agency hidden keeps a type hidden, and an agency shown is the sum of its shown types', async () => {
    const byAgency = cells(await ask(['agency']), 'agency');
    const byType = cells(await ask(['serviceType']), 'serviceType');
    // The premise: KEC hidden as small, SOS as its complement.
    expect(byAgency.get('KEC')).toMatchObject({ suppressed: true, suppressionReason: 'primary' });
    expect(byAgency.get('SOS')?.suppressed).toBe(true);
    for (const [agency, types] of Object.entries(TYPES)) {
      const parts = Object.keys(types).map((t) => byType.get(t)!);
      const row = byAgency.get(agency)!;
      if (row.suppressed) {
        // Else the agency's hidden cell is the sum of its shown types.
        expect(
          parts.some((p) => p.suppressed),
          agency,
        ).toBe(true);
      } else {
        expect(
          parts.every((p) => !p.suppressed),
          agency,
        ).toBe(true);
        expect(row.respondents).toBe(parts.reduce((s, p) => s + (p.respondents ?? 0), 0));
      }
    }
    // Not everything is hidden: DUK shows, and so do its two types.
    expect(byAgency.get('DUK')).toMatchObject({ suppressed: false, respondents: 34 });
    expect(byType.get('DUK-1')).toMatchObject({ suppressed: false, respondents: 17 });
  });

  it('the small cell does not follow from what either answer shows', async () => {
    const byAgency = await ask(['agency']);
    const byType = await ask(['serviceType']);
    const total = byAgency.find((r) => r.isTotal)!.respondents!;
    expect(total).toBe(64);
    // Everything shown in either answer, by agency: what is left over is never KEC alone.
    const known = new Map<string, number>();
    for (const r of byAgency) if (!r.isTotal && !r.suppressed) known.set(r.keys.agency!, r.respondents!);
    const typeSums = new Map<string, { shown: number; hidden: number }>();
    for (const r of byType.filter((x) => !x.isTotal)) {
      const agency = Object.entries(TYPES).find(([, t]) => r.keys.serviceType! in t)![0];
      const s = typeSums.get(agency) ?? { shown: 0, hidden: 0 };
      if (r.suppressed) s.hidden++;
      else s.shown += r.respondents!;
      typeSums.set(agency, s);
    }
    for (const [agency, s] of typeSums) if (s.hidden === 0) known.set(agency, s.shown);
    const unknown = Object.keys(TYPES).filter((a) => !known.has(a));
    expect(unknown.length).toBeGreaterThan(1);
    expect(unknown).toContain('KEC');
  });

  it('by agency and service type together: the same cells hidden as by service type, and a part of each hidden agency', async () => {
    const both = (await ask(['agency', 'serviceType'])).filter(
      (r) => !r.isTotal && r.keys.serviceType !== null,
    );
    const byType = cells(await ask(['serviceType']), 'serviceType');
    const byAgency = cells(await ask(['agency']), 'agency');
    for (const r of both)
      expect(r.suppressed, r.keys.serviceType!).toBe(byType.get(r.keys.serviceType!)?.suppressed);
    for (const [agency, row] of byAgency)
      if (row.suppressed)
        expect(
          both.some((r) => r.keys.agency === agency && r.suppressed),
          agency,
        ).toBe(true);
    // SOS-1 is SOS's one part: hidden in both, where it was shown (6).
    expect(byType.get('SOS-1')).toMatchObject({ suppressed: true, respondents: null });
  });

  it('a comparison with a month the answer for its own year hides is dropped (review of 2026-12-05, revM)', async () => {
    const rows = (
      await satisfaction(db, {
        filter: { from: '2026-01-01', to: '2026-12-31' },
        grain: 'month',
        groupBy: ['agency'],
        compare: true,
      })
    ).rows.filter((r) => r.period?.startsWith('2026-11'));
    const nov2025 = cells(await ask(['agency']), 'agency');
    // B is hidden in November 2025 by its service types (B-1 hidden), not by its own count: the
    // 2026 answer, protecting 2025 on its own, had shown B's IKM of then (75) as last year's value.
    expect(nov2025.get('B')?.suppressed).toBe(true);
    for (const r of rows.filter((x) => !x.isTotal)) {
      expect(r.suppressed, r.keys.agency!).toBe(false);
      const then = nov2025.get(r.keys.agency!)!;
      expect(r.samePeriodLastYear?.value ?? null, r.keys.agency!).toBe(
        then.suppressed ? null : then.ikmExact,
      );
    }
    expect(rows.find((r) => r.keys.agency === 'DUK')?.samePeriodLastYear?.value).toBe(75);
  });

  it('an agency scorecard shows the IKM satisfaction by agency shows for the year, and hides the one it hides', async () => {
    const year = (await satisfaction(db, { filter: YEAR, grain: 'year', groupBy: ['agency'] })).rows.filter(
      (r) => !r.isTotal,
    );
    // B is hidden by its service types (B-1), not by its own 20 questionnaires: the card read
    // the bare computation, which does not know that, and showed B's IKM (review of 2026-12-05).
    expect(year.find((r) => r.keys.agency === 'B')?.suppressed).toBe(true);
    const cards = await agencyScorecard(db, { agencies: Object.keys(TYPES), years: [2025] });
    for (const r of year)
      expect(cards.find((c) => c.agency === r.keys.agency)?.ikm ?? null, r.keys.agency!).toBe(
        r.suppressed ? null : r.ikm,
      );
    expect(cards.find((c) => c.agency === 'DUK')?.ikm).toBe(75);
  });
});
