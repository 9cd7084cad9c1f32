import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { serviceTimes } from './guarded-metrics.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { slaTargetOf } from './service-times.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * The SLA target of each service-times row (`slaTargetDays`): its service type's, from
 * dim_service_type; on a row over several types the one they share, else null.
 */
describe('serviceTimes slaTargetDays', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(db, 'dim_service_type', [
      { service_type: 'KTP', name: 'KTP-el', agency_code: 'DUKCAPIL', target_days: 1 },
      { service_type: 'KK', name: 'Kartu Keluarga', agency_code: 'DUKCAPIL', target_days: 1 },
      { service_type: 'AKTA_KAWIN', name: 'Akta perkawinan', agency_code: 'DUKCAPIL', target_days: 3 },
    ]);
    const req = (service_type: string, days: number, target_days: number, i: number) => ({
      service_type,
      agency_code: 'DUKCAPIL',
      handled_by_key: `h${i % 3}`,
      kelurahan_code: 'K1',
      submitted_on: '2024-03-01',
      submitted_at: '2024-03-01T00:00:00Z',
      completed_at: new Date(Date.parse('2024-03-01') + days * 86_400_000).toISOString(),
      month_start: '2024-03-01',
      year: 2024,
      status: 'completed',
      days,
      target_days,
      sla_met: days <= target_days,
    });
    await seed(db, 'fct_service_requests', [
      ...Array.from({ length: 6 }, (_, i) => req('KTP', 0.5 + i * 0.2, 1, i)),
      ...Array.from({ length: 6 }, (_, i) => req('KK', 0.5 + i * 0.2, 1, i)),
      ...Array.from({ length: 6 }, (_, i) => req('AKTA_KAWIN', 2 + i * 0.2, 3, i)),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it("gives each service type's target, and none on a total over types with different targets", async () => {
    const { rows } = await serviceTimes(db, { groupBy: ['serviceType'] }, { minN: 1 });
    expect(rows.map((r) => [r.keys.serviceType, r.slaTargetDays])).toEqual([
      ['AKTA_KAWIN', 3],
      ['KK', 1],
      ['KTP', 1],
      [null, null],
    ]);
  });

  it('gives a total the target its filtered service types share', async () => {
    const same = await serviceTimes(db, { filter: { serviceTypes: ['KTP', 'KK'] } }, { minN: 1 });
    expect(same.rows.map((r) => [r.isTotal, r.slaTargetDays])).toEqual([[true, 1]]);
    const mixed = await serviceTimes(db, { filter: { serviceTypes: ['KTP', 'AKTA_KAWIN'] } }, { minN: 1 });
    expect(mixed.rows.map((r) => r.slaTargetDays)).toEqual([null]);
    // By agency, unfiltered: the agency's rows span every type.
    const byAgency = await serviceTimes(db, { groupBy: ['agency'] }, { minN: 1 });
    expect(byAgency.rows.map((r) => r.slaTargetDays)).toEqual([null, null]);
  });

  it('keeps the target on a hidden row (a parameter of the service type, not a count)', async () => {
    const { rows } = await serviceTimes(db, { groupBy: ['serviceType'] }, { minN: 10 });
    const kawin = rows.find((r) => r.keys.serviceType === 'AKTA_KAWIN');
    expect(kawin?.suppressed).toBe(true);
    expect(kawin?.medianDays).toBeNull();
    expect(kawin?.slaTargetDays).toBe(3);
  });

  it('has no target for a service type the parameter table does not list', () => {
    const targets = new Map([['KTP', 1]]);
    expect(slaTargetOf({ serviceType: 'NEW' }, undefined, targets)).toBeNull();
    expect(slaTargetOf({ serviceType: null }, { serviceTypes: ['KTP', 'NEW'] }, targets)).toBeNull();
    expect(slaTargetOf({}, { serviceTypes: ['KTP'] }, targets)).toBe(1);
  });
});
