import { describe, expect, it } from 'vitest';
import { fixtureWarehouse } from '../testing/fixture-snapshot.ts';
import { dashboardDocuments, runApiBench } from './api-bench.ts';

describe('runApiBench', () => {
  it("times the dashboard's own documents, each with the fragments it spreads", () => {
    const docs = dashboardDocuments();
    for (const name of [
      'Participation',
      'Resistance',
      'JpCompliance',
      'ServiceTimes',
      'SatisfactionSample',
    ]) {
      expect(docs.get(name)).toContain(`query ${name}(`);
      expect(docs.get(name)).toContain('fragment MetricRowFields on MetricRow');
    }
    expect(docs.get('AgencyComparison')).toContain('query AgencyComparison($year: Int!');
  });

  it('measures every operation, cached throughput and a publish during load (small, fast settings)', async () => {
    const w = await fixtureWarehouse();
    try {
      const result = await runApiBench({
        warehouseDir: w.dir,
        iterations: 3,
        concurrency: 4,
        durationMs: 1_000,
      });
      expect(result.operations.map((o) => o.name.split(' ')[0])).toEqual([
        'participation',
        'resistance',
        'jpCompliance',
        'serviceTimes',
        'satisfaction',
        'agencyComparison',
      ]);
      for (const o of result.operations) {
        // The bare round trip was timed, and the derived figures follow from the three p50s.
        expect(o.bareHttpP50Ms).toBeGreaterThan(0);
        expect(o.floorRatio).toBeCloseTo((o.directP50Ms + o.bareHttpP50Ms) / o.directP50Ms, 10);
        expect(o.apiOwnP50Ms).toBeCloseTo(o.httpP50Ms - o.directP50Ms - o.bareHttpP50Ms, 10);
        // Every round was timed (well within the budget), and the ratio has an interval.
        expect(o.rounds).toBe(3);
        expect(o.overheadRatioCi95.lo).toBeGreaterThan(0);
        expect(o.overheadRatioCi95.hi).toBeGreaterThanOrEqual(o.overheadRatioCi95.lo);
        expect(Number.isFinite(o.overheadRatioCi95.hi)).toBe(true);
      }
      expect(result.cached.errors).toBe(0);
      expect(result.cached.requests).toBeGreaterThan(0);
      expect(result.publishDuringLoad?.failures).toBe(0);
      expect(result.publishDuringLoad?.snapshotsSeen).toBe(2);
    } finally {
      await w.cleanup();
    }
  });
});
