import {
  type AuditedMetric,
  auditDifferencing,
  type Dimension,
  participation,
  resistance,
} from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoSnapshot, type DemoSnapshot } from './demo-snapshot.ts';

// The differencing attack (scripts/audit/differencing.ts) on the whole pipeline's output: a demo
// world with its one- to four-person offices, through PGlite and the full ETL, then the metrics as
// the API publishes them. Nothing the slices, the pairs or the one-way tables give may recover a
// count the two-way table hides; and the audit must find the hidden counts when slices are shown
// unprotected (so it is no test that cannot fail).
const SCALE = 0.25;
const SEED = 20250101;
const YEAR = { from: '2024-01-01', to: '2024-12-31' };
const PAIRS: readonly (readonly [Dimension, Dimension])[] = [
  ['agency', 'gradeGroup'],
  ['gradeGroup', 'agency'],
];

describe(`differencing audit of published answers (demo world, scale ${SCALE})`, () => {
  let snapshot: DemoSnapshot;
  beforeAll(async () => {
    snapshot = await buildDemoSnapshot({ scale: SCALE, seed: SEED });
  }, 600_000);
  afterAll(() => snapshot?.close());

  for (const [name, metric] of [
    ['participation', participation as unknown as AuditedMetric],
    ['resistance', resistance as unknown as AuditedMetric],
  ] as const) {
    it(`${name}: slices, pairs and the one-way tables give back none of the two-way table's hidden counts`, async () => {
      let hidden = 0;
      for (const [filterBy, groupBy] of PAIRS) {
        const audit = await auditDifferencing(snapshot.db, metric, {
          filterBy,
          groupBy,
          range: YEAR,
          minN: 5,
          maxPartners: 3,
        });
        hidden += audit.hidden;
        expect(audit.recovered, `${filterBy} → ${groupBy}`).toEqual([]);
        expect(audit.twoWay, `${filterBy} → ${groupBy}`).toEqual([]);
      }
      expect(hidden).toBeGreaterThan(0);
    });
  }

  it('finds every hidden count when one-agency slices are published unprotected', async () => {
    const published = participation as unknown as AuditedMetric;
    const leaky: AuditedMetric = (db, query, options) =>
      published(db, query, query.filter?.agencies ? { minN: 1 } : options);
    const audit = await auditDifferencing(snapshot.db, leaky, {
      filterBy: 'agency',
      groupBy: 'gradeGroup',
      range: YEAR,
      minN: 5,
      maxPartners: 0,
    });
    expect(audit.hidden).toBeGreaterThan(0);
    expect(audit.recovered).toHaveLength(audit.hidden);
  });
});
