import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import type { Dimension } from '../filter.ts';
import { invitationFunnel } from '../guarded-metrics.ts';
import { openTestMarts, seed } from '../testing/mart-fixture.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import type { MetricRowBase } from './metric-row.ts';

/**
 * A published answer does not depend on the order its groupBy names its dimensions: the guards
 * across queries replace or add dimensions by position (a coarse dimension's finer answer, a slice's
 * wider table), so [competencyArea, method] and [method, competencyArea] read different finer
 * tables and hid different cells (privacy re-review of 2026-12-04: reaction 2024 by method and
 * area, 7 of 26 rows hidden one way, 25 the other). The guards now work in one canonical order and
 * give the rows back in the order asked.
 */
const PROGRAMS = [
  ['P1', 'workshop', 'it'],
  ['P2', 'workshop', 'regulation'],
  ['P3', 'e_learning', 'it'],
  ['P4', 'e_learning', 'regulation'],
  ['P5', 'coaching', 'it'],
  ['P6', 'coaching', 'leadership'],
] as const;
const AGENCIES = [
  ['D1', 'dinas'],
  ['D2', 'dinas'],
  ['B1', 'badan'],
  ['K1', 'kecamatan'],
] as const;

async function world(seedValue: number): Promise<Db> {
  const next = seededRandom(seedValue);
  const db = await openTestMarts();
  const rows: Record<string, string | number | boolean | null>[] = [];
  let e = 0;
  for (const [program, method, area] of PROGRAMS)
    for (const [agency, kind] of AGENCIES) {
      const n = next() < 0.3 ? Math.floor(next() * 4) : Math.floor(next() * 16);
      for (let i = 0; i < n; i++) {
        e += 1;
        rows.push({
          employee_key: `E${e}`,
          agency_code: agency,
          agency_kind: kind,
          program_code: program,
          method,
          competency_area: area,
          response: next() < 0.7 ? 'accepted' : 'declined',
          enrolled: false,
          invited_on: '2024-03-01',
          year: 2024,
        });
      }
    }
  await seed(db, 'fct_invitations', rows);
  await seed(
    db,
    'dim_program',
    PROGRAMS.map(([code, method, area], i) => ({
      program_id: i + 1,
      program_code: code,
      method,
      competency_area: area,
    })),
  );
  await seed(
    db,
    'dim_agency',
    AGENCIES.map(([code, kind]) => ({ agency_code: code, kind, name: code, current_name: code })),
  );
  return db;
}

const hidden = (rows: readonly MetricRowBase[]) =>
  rows
    .filter((r) => r.suppressed)
    .map((r) => JSON.stringify([r.isTotal, Object.entries(r.keys).sort()]))
    .sort();

describe('a published answer is the same whatever order its groupBy names its dimensions', () => {
  const dbs: Db[] = [];
  beforeAll(async () => {
    for (let s = 1; s <= 25; s++) dbs.push(await world(s));
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  const pairs: [Dimension, Dimension][] = [
    ['competencyArea', 'method'],
    ['method', 'agencyKind'],
    ['program', 'agency'],
  ];
  it.each(pairs)('the funnel of 2024 by %s × %s and the other way round', async (a, b) => {
    const filter = { from: '2024-01-01', to: '2024-12-31' };
    let differing = 0;
    let hiding = 0;
    for (const db of dbs) {
      const one = await invitationFunnel(db, { filter, groupBy: [a, b] });
      const other = await invitationFunnel(db, { filter, groupBy: [b, a] });
      if (JSON.stringify(hidden(one.rows)) !== JSON.stringify(hidden(other.rows))) differing += 1;
      if (hidden(one.rows).length > 0) hiding += 1;
      // The rows come back in the order asked: by the first dimension, then the second.
      const firstKeys = one.rows.filter((r) => !r.isTotal).map((r) => Object.keys(r.keys)[0]);
      expect(new Set(firstKeys)).toEqual(new Set([a]));
    }
    expect(hiding).toBeGreaterThan(0);
    expect(differing).toBe(0);
  });
});
