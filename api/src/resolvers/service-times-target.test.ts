import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMartRows } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * serviceTimes rows carry their service type's SLA target (`slaTargetDays`, from dim_service_type):
 * the fixture's requests are KTP-EL and KK, both 5 days; a third type (3 days) has no requests.
 */
const QUERY = `query Q($f: MetricFilterInput, $g: [Dimension!], $grain: TimeGrain) {
  serviceTimes(filter: $f, groupBy: $g, grain: $grain) {
    rows { isTotal period suppressed keys { serviceType } slaTargetDays }
  }
}`;

interface Answer {
  serviceTimes: {
    rows: {
      isTotal: boolean;
      period: string | null;
      suppressed: boolean;
      keys: { serviceType: string | null };
      slaTargetDays: number | null;
    }[];
  };
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({}, undefined, (db) =>
    insertMartRows(db, 'dim_service_type', [
      { service_type: 'KTP-EL', name: 'KTP-el', agency_code: 'DISDUKCAPIL', target_days: 5 },
      { service_type: 'KK', name: 'Kartu Keluarga', agency_code: 'DISDUKCAPIL', target_days: 5 },
      { service_type: 'AKTA-KAWIN', name: 'Akta perkawinan', agency_code: 'DISDUKCAPIL', target_days: 3 },
    ]),
  );
});
afterAll(() => t?.close());

describe('serviceTimes.slaTargetDays', () => {
  const ask = async (variables: Record<string, unknown>) => {
    const res = await gql<Answer>(t.url, QUERY, { variables, token: TOKENS.analyst });
    expect(res.body.errors, res.text.slice(0, 300)).toBeUndefined();
    return res.body.data!.serviceTimes.rows;
  };

  it("gives each service type's row its target, and the total over types with different targets none", async () => {
    const rows = await ask({ g: ['serviceType'] });
    expect(rows.map((r) => [r.keys.serviceType, r.slaTargetDays])).toEqual([
      ['KK', 5],
      ['KTP-EL', 5],
      [null, null],
    ]);
  });

  it('gives a total the target its filtered service types share, per period too', async () => {
    const rows = await ask({ f: { serviceTypes: ['KTP-EL', 'KK'] }, grain: 'year' });
    expect(rows.map((r) => [r.period, r.slaTargetDays])).toEqual([
      ['2023-01-01', 5],
      ['2024-01-01', 5],
    ]);
  });
});
