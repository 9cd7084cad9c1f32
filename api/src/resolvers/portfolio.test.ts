import { programPortfolio, SnapshotReader } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

interface Entry {
  year: number;
  program: string;
  evidence: string;
  roi: {
    participants: number;
    suppressed: boolean;
    effect: { didDays: number | null; isolation: string };
    costs: { totalIdr: number; programByCategory: { category: string; amountIdr: number }[] };
    base: { roiPercent: number | null };
    assumptions: { name: string; value: number; source: string }[];
    ikmChanges: unknown[];
  };
}

const QUERY = `query P($years: [Int!], $assumptions: RoiAssumptionsInput, $isolation: EffectIsolation) {
  programPortfolio(years: $years, assumptions: $assumptions, isolation: $isolation) {
    year program evidence
    roi { participants suppressed effect { didDays isolation } costs { totalIdr programByCategory { category amountIdr } }
      base { roiPercent } assumptions { name value source } ikmChanges { agencyCode } }
  }
}`;

describe('programPortfolio, Holm over the answer', () => {
  it('gives each cohort its Holm-adjusted p and the evidence that survives it, as the warehouse does', async () => {
    const res = await gql<{
      programPortfolio: {
        year: number;
        program: string;
        evidence: string;
        pValueHolm: number | null;
        evidenceAfterHolm: string;
      }[];
    }>(t.url, '{ programPortfolio { year program evidence pValueHolm evidenceAfterHolm } }', {
      token: TOKENS.planner,
    });
    expect(res.body.errors).toBeUndefined();
    const entries = res.body.data!.programPortfolio;
    const reader = await SnapshotReader.open(t.dir);
    const lease = await reader.acquire();
    try {
      const direct = await programPortfolio(lease.db, {}, { jpMinutes: 45 }, { minCellSize: 5 });
      expect(entries.map((e) => [e.program, e.year, e.pValueHolm, e.evidenceAfterHolm])).toEqual(
        direct.map((d) => [d.programCode, d.year, d.pValueHolm, d.evidenceAfterHolm]),
      );
      // Never more shown after the correction than before it.
      for (const e of entries)
        if (e.evidenceAfterHolm === 'faster' || e.evidenceAfterHolm === 'slower')
          expect(e.evidence).toBe(e.evidenceAfterHolm);
      expect(entries.length).toBeGreaterThan(0);
    } finally {
      lease.release();
    }
  });
});

describe('programPortfolio', () => {
  it('answers every program × completion year as the warehouse does, in a bounded number of queries', async () => {
    const res = await gql<{ programPortfolio: Entry[] }>(t.url, QUERY, { token: TOKENS.planner });
    expect(res.body.errors).toBeUndefined();
    const entries = res.body.data?.programPortfolio ?? [];
    const reader = await SnapshotReader.open(t.dir);
    const lease = await reader.acquire();
    try {
      const direct = await programPortfolio(lease.db, {}, { jpMinutes: 45 }, { minCellSize: 5 });
      expect(entries.map((e) => [e.year, e.program, e.evidence])).toEqual(
        direct.map((d) => [d.year, d.programCode, d.evidence]),
      );
      entries.forEach((e, i) => {
        const d = direct[i]!;
        expect(e.roi.costs.totalIdr).toBeCloseTo(d.roi.costs!.totalIdr, 6);
        expect(e.roi.base.roiPercent).toEqual(d.roi.base!.roiPercent);
        expect(e.roi.effect.didDays).toEqual(d.roi.effect.didDays);
        expect(e.roi.ikmChanges).toEqual([]);
      });
      const years = new Set(direct.map((d) => d.year)).size;
      expect(years).toBeGreaterThan(1);
      expect(entries.length).toBeGreaterThan(years);
      // 2 + 4 per year however many programs (the snapshot's own reads come on top, bounded too).
      expect(t.operations.at(-1)!.queries).toBeLessThanOrEqual(2 + 4 * years + 2);
    } finally {
      lease.release();
      await reader.close();
    }
  });

  it('takes years and assumption overrides, echoed on every entry', async () => {
    const res = await gql<{ programPortfolio: Entry[] }>(t.url, QUERY, {
      token: TOKENS.planner,
      variables: { years: [2023], assumptions: { confidence: 0.5 } },
    });
    expect(res.body.errors).toBeUndefined();
    const entries = res.body.data?.programPortfolio ?? [];
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.year).toBe(2023);
      const confidence = e.roi.assumptions.find((a) => a.name === 'confidence');
      expect(confidence).toMatchObject({ value: 0.5, source: 'override' });
      expect(e.roi.assumptions.find((a) => a.name === 'jpMinutes')?.source).toBe('default');
    }
  });

  it('reads the warehouse once per snapshot and spec: new assumptions are priced without a query', async () => {
    const ask = async (variables: Record<string, unknown>) => {
      const res = await gql<{ programPortfolio: Entry[] }>(t.url, QUERY, {
        token: TOKENS.planner,
        variables,
      });
      expect(res.body.errors).toBeUndefined();
      return { entries: res.body.data?.programPortfolio ?? [], queries: t.operations.at(-1)!.queries };
    };
    const first = await ask({ years: [2024], assumptions: { citizenDayValueIdr: 100_000 } });
    expect(first.queries).toBeGreaterThan(0);
    const repriced = await ask({ years: [2024], assumptions: { citizenDayValueIdr: 200_000 } });
    expect(repriced.queries).toBe(0);
    const value = (e: Entry) => e.roi.assumptions.find((a) => a.name === 'citizenDayValueIdr')?.value;
    expect(repriced.entries.map(value)).toEqual(repriced.entries.map(() => 200_000));
    expect(repriced.entries.map((e) => e.roi.costs.totalIdr)).toEqual(
      first.entries.map((e) => e.roi.costs.totalIdr),
    );
    // A JP length changes the participant hours the costs rest on: read again.
    const jp = await ask({ years: [2024], assumptions: { jpMinutes: 40 } });
    expect(jp.queries).toBeGreaterThan(0);
    // Pricing on the joint model reads nothing new either: each year's joint model is in the evidence.
    const joint = await ask({
      years: [2024],
      assumptions: { citizenDayValueIdr: 200_000 },
      isolation: 'joint',
    });
    expect(joint.queries).toBe(0);
    expect(joint.entries.every((e) => e.roi.effect.isolation === 'joint')).toBe(true);
    expect(repriced.entries.every((e) => e.roi.effect.isolation === 'cohort')).toBe(true);
  });

  it('refuses bad years and assumptions with BAD_USER_INPUT naming the field', async () => {
    const bad = async (variables: Record<string, unknown>) => {
      const res = await gql(t.url, QUERY, { token: TOKENS.planner, variables });
      return res.body.errors?.[0]?.extensions;
    };
    expect(await bad({ years: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'years' });
    expect(await bad({ years: [1066] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'years' });
    expect(await bad({ years: Array.from({ length: 21 }, (_, i) => 2000 + i) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'years',
    });
    expect(await bad({ assumptions: { confidence: 2 } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'assumptions.confidence',
    });
  });

  it('takes a contrast, echoed in every entry, in roi and in cohortComparison', async () => {
    const res = await gql<{
      programPortfolio: {
        program: string;
        year: number;
        evidence: string;
        roi: { cohort: { contrast: string; control: { n: number } } };
      }[];
    }>(
      t.url,
      `{ programPortfolio(years: [2023], contrast: only_vs_untrained) { program year evidence roi { cohort { contrast control { n } } } } }`,
      { token: TOKENS.planner },
    );
    expect(res.body.errors).toBeUndefined();
    const entries = res.body.data?.programPortfolio ?? [];
    expect(entries.length).toBeGreaterThan(0);
    const reader = await SnapshotReader.open(t.dir);
    const lease = await reader.acquire();
    try {
      const direct = await programPortfolio(
        lease.db,
        { years: [2023], contrast: 'only_vs_untrained' },
        { jpMinutes: 45 },
        { minCellSize: 5 },
      );
      expect(entries.map((e) => [e.program, e.evidence, e.roi.cohort.control.n])).toEqual(
        direct.map((d) => [d.programCode, d.evidence, d.roi.cohort.control.n]),
      );
    } finally {
      lease.release();
      await reader.close();
    }
    for (const e of entries) expect(e.roi.cohort.contrast).toBe('only_vs_untrained');
    const roi = await gql<{ roi: { cohort: { contrast: string } } }>(
      t.url,
      `{ roi(input: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31", contrast: only_vs_untrained }) { cohort { contrast } } }`,
      { token: TOKENS.planner },
    );
    expect(roi.body.data?.roi.cohort.contrast).toBe('only_vs_untrained');
    const cohort = await gql<{ cohortComparison: { contrast: string } }>(
      t.url,
      `{ cohortComparison(cohort: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31", outcome: service_days }) { contrast } }`,
      { token: TOKENS.planner },
    );
    expect(cohort.body.data?.cohortComparison.contrast).toBe('vs_rest');
    const budget = await gql(
      t.url,
      `{ budgetScenario(input: { agency: "DISDUKCAPIL", program: "PLY-PRIMA", budgetIdr: 5e7, contrast: only_vs_untrained }) { seats } }`,
      { token: TOKENS.planner },
    );
    expect(budget.body.errors).toBeUndefined();
    const call = t.calls.filter((c) => c.metric === 'budgetScenario').at(-1);
    expect(call?.args).toMatchObject({ programCode: 'PLY-PRIMA', contrast: 'only_vs_untrained' });
  });

  it('is for planners: an analyst and the public are refused', async () => {
    const anon = await gql(t.url, QUERY);
    expect(anon.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const analyst = await gql(t.url, QUERY, { token: TOKENS.analyst });
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
