import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * budgetTrend over HTTP on the fixture snapshot: three agencies with Rp 100 M allocated and 80 M
 * realised in 2023 and 2024, BKPSDM organising each year's offerings at Rp 15 M a cost line.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

type Year = {
  year: number;
  agencies: number;
  allocatedIdr: number | null;
  realizedIdr: number | null;
  realisation: number | null;
  allocatedChange: number | null;
  programCostIdr: number | null;
  offerings: number;
  headcount: number | null;
  allocatedPerEmployeeIdr: number | null;
  participationRate: number | null;
  headcountSuppressed: boolean;
};
const FIELDS = `year agencies allocatedIdr realizedIdr realisation allocatedChange programCostIdr offerings
  headcount allocatedPerEmployeeIdr participationRate headcountSuppressed`;
type Row = {
  period: string;
  isTotal: boolean;
  suppressed: boolean;
  headcount: number | null;
  rate: number | null;
};

async function trend(args: string, token: string | null = TOKENS.planner) {
  return gql<{ budgetTrend: Year[] }>(t.url, `{ budgetTrend${args} { ${FIELDS} } }`, token ? { token } : {});
}

describe('budgetTrend', () => {
  it('gives the budgets per year with the headcount and rate participation publishes', async () => {
    const res = await trend('');
    expect(res.body.errors).toBeUndefined();
    const years = res.body.data!.budgetTrend;
    expect(years.map((y) => [y.year, y.agencies, y.allocatedIdr, y.realizedIdr, y.realisation])).toEqual([
      [2023, 3, 300e6, 240e6, 0.8],
      [2024, 3, 300e6, 240e6, 0.8],
    ]);
    expect(years.map((y) => y.allocatedChange)).toEqual([null, 0]);
    expect(years.map((y) => y.programCostIdr)).toEqual([30e6, 30e6]);
    // The headcount and rate are the published participation's total rows, and the budget per
    // employee is the budget over that headcount.
    const published = await gql<{ participation: { rows: Row[] } }>(
      t.url,
      '{ participation(filter: { from: "2023-01-01", to: "2024-12-31" }, grain: year) { rows { period isTotal suppressed headcount rate } } }',
    );
    const totals = published.body.data!.participation.rows.filter((r) => r.isTotal);
    expect(years.map((y) => [y.headcountSuppressed, y.headcount, y.participationRate])).toEqual(
      totals.map((r) => [r.suppressed, r.headcount, r.rate]),
    );
    for (const y of years) {
      expect(y.headcount).toBeGreaterThan(0);
      expect(y.allocatedPerEmployeeIdr).toBeCloseTo(300e6 / y.headcount!, 6);
    }
  });

  it('lists every year of the range asked, and narrows to the agencies named', async () => {
    const res = await trend('(from: 2022, to: 2025, agencies: ["DISDUKCAPIL", "DISDUKCAPIL"])');
    expect(res.body.errors).toBeUndefined();
    const years = res.body.data!.budgetTrend;
    expect(years.map((y) => [y.year, y.allocatedIdr, y.offerings])).toEqual([
      [2022, null, 0],
      [2023, 100e6, 0],
      [2024, 100e6, 0],
      [2025, null, 0],
    ]);
    // BKPSDM organises the offerings: DISDUKCAPIL's own cost is none.
    expect(years.every((y) => y.programCostIdr === null)).toBe(true);
  });

  it('is for planners: public and analyst are refused', async () => {
    expect((await trend('', null)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await trend('', TOKENS.analyst)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await trend('', TOKENS.admin)).body.errors).toBeUndefined();
  });

  it('refuses bad years, a reversed range and unknown agencies with coded errors', async () => {
    const error = async (args: string) => (await trend(args)).body.errors?.[0]?.extensions;
    expect(await error('(from: 1800)')).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'OUT_OF_RANGE',
      field: 'from',
      min: 1990,
      max: 2100,
    });
    expect(await error('(to: 2101)')).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'OUT_OF_RANGE',
      field: 'to',
    });
    expect(await error('(from: 2024, to: 2023)')).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'RANGE_REVERSED',
      field: 'from',
      startField: 'from',
      endField: 'to',
      start: '2024',
      end: '2023',
    });
    expect(await error('(agencies: ["NOPE"])')).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_VALUE',
      field: 'agencies',
    });
  });
});
