import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { buildMiniWorld, employeeKey } from './testing/buildMiniWorld.ts';
import { miniWorld } from './testing/miniWorld.ts';

describe('fct_service_requests and agg_handler_month', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildMiniWorld({
      service_requests: [
        ...(miniWorld().service_requests ?? []),
        // 31 May 20:00 UTC is 1 June 03:00 in Palangka Raya: a June request
        {
          id: 5,
          service_unit_agency_id: 3,
          service_type: 'ktp_el',
          handled_by: 11,
          submitted_at: '2024-05-31T20:00:00Z',
          status: 'in_progress',
        },
        {
          id: 6,
          service_unit_agency_id: 3,
          service_type: 'ktp_el',
          submitted_at: '2024-06-03T01:00:00Z',
          status: 'rejected',
        },
      ],
    });
  });
  afterAll(() => db.close());

  it('computes days from the elapsed microseconds (completed only), the SLA target and sla_met = days ≤ target', async () => {
    expect(
      await db.all(
        `select request_id, agency_code, handled_by_key, kelurahan_code, submitted_on, month_start, year,
           status, days, target_days, sla_met
         from marts.fct_service_requests order by request_id`,
      ),
    ).toEqual([
      {
        request_id: 1,
        agency_code: 'DISDUKCAPIL',
        handled_by_key: employeeKey(1),
        kelurahan_code: '62.71.01.1001',
        submitted_on: '2024-05-02',
        month_start: '2024-05-01',
        year: 2024,
        status: 'completed',
        days: 0.5,
        target_days: 1,
        sla_met: true,
      },
      {
        request_id: 2,
        agency_code: 'DISDUKCAPIL',
        handled_by_key: employeeKey(1),
        kelurahan_code: '62.71.03.1002',
        submitted_on: '2024-05-10',
        month_start: '2024-05-01',
        year: 2024,
        status: 'completed',
        days: 3,
        target_days: 2,
        sla_met: false,
      },
      {
        request_id: 3,
        agency_code: 'DISDUKCAPIL',
        handled_by_key: employeeKey(1),
        kelurahan_code: null,
        submitted_on: '2024-05-20',
        month_start: '2024-05-01',
        year: 2024,
        status: 'in_progress',
        days: null,
        target_days: 1,
        sla_met: null,
      },
      {
        request_id: 4,
        agency_code: 'DISDUKCAPIL',
        handled_by_key: employeeKey(2),
        kelurahan_code: '62.71.05.1007',
        submitted_on: '2024-06-01',
        month_start: '2024-06-01',
        year: 2024,
        status: 'completed',
        days: 1,
        target_days: 1,
        sla_met: true,
      },
      {
        request_id: 5,
        agency_code: 'DISDUKCAPIL',
        handled_by_key: employeeKey(2),
        kelurahan_code: null,
        submitted_on: '2024-06-01',
        month_start: '2024-06-01',
        year: 2024,
        status: 'in_progress',
        days: null,
        target_days: 1,
        sla_met: null,
      },
      {
        request_id: 6,
        agency_code: 'DISDUKCAPIL',
        handled_by_key: null,
        kelurahan_code: null,
        submitted_on: '2024-06-03',
        month_start: '2024-06-01',
        year: 2024,
        status: 'rejected',
        days: null,
        target_days: 1,
        sla_met: null,
      },
    ]);
  });

  it('sums requests, completions, days, squared days and SLA hits per handler and month', async () => {
    expect(await db.all('select * from marts.agg_handler_month order by employee_key, month_start')).toEqual([
      {
        employee_key: employeeKey(1),
        month_start: '2024-05-01',
        agency_code: 'DISDUKCAPIL',
        requests: 3,
        completed: 2,
        sum_days: 3.5,
        sum_sq_days: 9.25,
        sla_met: 1,
      },
      {
        employee_key: employeeKey(2),
        month_start: '2024-06-01',
        agency_code: 'DISDUKCAPIL',
        requests: 2,
        completed: 1,
        sum_days: 1,
        sum_sq_days: 1,
        sla_met: 1,
      },
    ]);
  });
});
