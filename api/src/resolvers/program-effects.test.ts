import { programEffects, SnapshotReader } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { insertServiceHandlers } from '../testing/service-handlers.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * The fixture snapshot plus 40 handlers with service days in 2022 and 2024 (the 2023 window's pre
 * and post years), in two strata; every third completed PLY-PRIMA in 2023 (2 days faster), every
 * fourth DIGI-101 (no effect), some both.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await publishFixture(t.dir, 'effects', (db) => insertServiceHandlers(db, { digi: (i) => i % 4 === 0 }));
});
afterAll(() => t?.close());

interface Effects {
  outcome: string;
  n: number;
  untrained: number;
  strata: number;
  dfResidual: number;
  suppressed: boolean;
  suppressionReason: string | null;
  programs: {
    program: string;
    completers: number;
    n: number;
    alsoOtherPrograms: number;
    direction: string;
    gap: string | null;
    pValueHolm: number | null;
    effect: { estimate: number | null; se: number | null; ci: { low: number; high: number } | null };
    preTrend: { estimate: number | null } | null;
    clustered: {
      se: number | null;
      df: number | null;
      clusters: number;
      treatedClusters: number;
      wildBootstrap: { pValue: number; draws: number; enumerated: boolean } | null;
    } | null;
  }[];
  warnings: { code: string }[];
}

const QUERY = `query E($i: ProgramEffectsInput!) {
  programEffects(input: $i) {
    outcome n untrained strata dfResidual suppressed suppressionReason
    programs { program completers n alsoOtherPrograms direction gap pValueHolm
      effect { estimate se ci { low high } } preTrend { estimate }
      clustered { se df clusters treatedClusters wildBootstrap { pValue draws enumerated } } }
    warnings { code }
  }
}`;

describe('programEffects', () => {
  it('answers as the warehouse does, in a bounded number of queries', async () => {
    const input = { from: '2023-01-01', to: '2023-12-31' };
    const res = await gql<{ programEffects: Effects }>(t.url, QUERY, {
      token: TOKENS.analyst,
      variables: { i: input },
    });
    expect(res.body.errors).toBeUndefined();
    const got = res.body.data?.programEffects as Effects;
    const reader = await SnapshotReader.open(t.dir);
    const lease = await reader.acquire();
    try {
      const direct = await programEffects(lease.db, input, { minCellSize: 5 });
      expect(got.outcome).toBe('service_days');
      expect([
        got.n,
        got.untrained,
        got.strata,
        got.dfResidual,
        got.suppressed,
        got.suppressionReason,
      ]).toEqual([
        direct.n,
        direct.untrained,
        direct.strata,
        direct.dfResidual,
        direct.suppressed,
        direct.suppressionReason,
      ]);
      expect(got.programs.map((p) => p.program)).toEqual(direct.programs.map((p) => p.programCode));
      got.programs.forEach((p, i) => {
        const d = direct.programs[i]!;
        expect([p.completers, p.n, p.alsoOtherPrograms, p.direction, p.gap]).toEqual([
          d.completers,
          d.n,
          d.alsoOtherPrograms,
          d.direction,
          d.gap,
        ]);
        // DuckDB's parallel sums may differ in the last bits between two runs.
        const close = (a: number | null, b: number | null) =>
          a === null || b === null ? expect(a).toBe(b) : expect(a).toBeCloseTo(b, 12);
        close(p.effect.estimate, d.effect.estimate);
        close(p.effect.se, d.effect.se);
        close(p.pValueHolm, d.pValueHolm);
        close(p.clustered?.se ?? null, d.clustered?.se ?? null);
        expect([p.clustered?.clusters, p.clustered?.treatedClusters, p.clustered?.df]).toEqual([
          d.clustered?.clusters,
          d.clustered?.treatedClusters,
          d.clustered?.df,
        ]);
        const wild = d.clustered?.wildBootstrap ?? null;
        expect(p.clustered?.wildBootstrap ?? null, p.program).toEqual(
          wild === null ? null : { ...wild, pValue: expect.any(Number), clusters: undefined },
        );
        // A draw whose |t*| ties the observed |t| to the last bits may tip either way.
        if (wild)
          expect(Math.abs((p.clustered?.wildBootstrap?.pValue ?? -1) - wild.pValue)).toBeLessThan(
            2 / wild.draws,
          );
      });
      // The planted effect is found, through HTTP as directly.
      expect(got.programs.map((p) => [p.program, p.direction])).toEqual([
        ['DIGI-101', 'inconclusive'],
        ['PLY-PRIMA', 'lower'],
      ]);
      expect(got.programs[1]?.effect.estimate).toBeCloseTo(-2, 0);
      expect(got.programs[1]?.alsoOtherPrograms).toBeGreaterThan(0);
      // 3 warehouse queries (sums, residual sums, coverage) plus the known-code check.
      expect(t.operations.at(-1)!.queries).toBeLessThanOrEqual(5);
    } finally {
      lease.release();
      await reader.close();
    }
  });

  it('roi with isolation joint prices the joint coefficient, as the warehouse does', async () => {
    const input = {
      selector: { kind: 'program', value: 'PLY-PRIMA' },
      from: '2023-01-01',
      to: '2023-12-31',
      isolation: 'joint',
    };
    const res = await gql<{
      roi: { effect: { isolation: string; didDays: number; handlers: number; requestsPerYear: number } };
      programEffects: {
        programs: { program: string; effect: { estimate: number }; n: number; postCompleted: number }[];
      };
    }>(
      t.url,
      `query R($i: RoiInput!, $e: ProgramEffectsInput!) {
        roi(input: $i) { effect { isolation didDays handlers requestsPerYear } }
        programEffects(input: $e) { programs { program n postCompleted effect { estimate } } }
      }`,
      { token: TOKENS.planner, variables: { i: input, e: { from: '2023-01-01', to: '2023-12-31' } } },
    );
    expect(res.body.errors).toBeUndefined();
    const ply = res.body.data?.programEffects.programs.find((p) => p.program === 'PLY-PRIMA');
    const effect = res.body.data?.roi.effect;
    expect(effect?.isolation).toBe('joint');
    expect(effect?.didDays).toBeCloseTo(ply?.effect.estimate as number, 12);
    expect(effect?.handlers).toBe(ply?.n);
    expect(effect?.requestsPerYear).toBe(ply?.postCompleted);
    expect(ply?.postCompleted).toBeGreaterThan(0);
  });

  it('budgetScenario with isolation joint pools the joint coefficients, as the warehouse does', async () => {
    type Budget = {
      isolation: string;
      daysSavedPerRequest: { base: number } | null;
      history: {
        cohorts: {
          year: number;
          didDays: number | null;
          pooled: boolean;
          joint: { effect: { estimate: number | null } } | null;
        }[];
      };
    };
    const query = `query B($i: BudgetScenarioInput!, $e: ProgramEffectsInput!) {
      budgetScenario(input: $i) {
        isolation daysSavedPerRequest { base }
        history { cohorts { year didDays pooled joint { program effect { estimate } } } }
      }
      programEffects(input: $e) { programs { program effect { estimate } } }
    }`;
    const ask = (isolation: string | null) =>
      gql<{
        budgetScenario: Budget;
        programEffects: { programs: { program: string; effect: { estimate: number } }[] };
      }>(t.url, query, {
        token: TOKENS.planner,
        variables: {
          i: { agency: 'DISDUKCAPIL', program: 'PLY-PRIMA', budgetIdr: 5e7, year: 2024, isolation },
          e: { from: '2023-01-01', to: '2023-12-31' },
        },
      });
    const joint = await ask('joint');
    const cohort = await ask(null);
    expect(joint.body.errors).toBeUndefined();
    const b = joint.body.data!.budgetScenario;
    expect(b.isolation).toBe('joint');
    expect(cohort.body.data?.budgetScenario.isolation).toBe('cohort');
    expect(cohort.body.data?.budgetScenario.history.cohorts.every((c) => c.joint === null)).toBe(true);
    const ply = joint.body.data!.programEffects.programs.find((p) => p.program === 'PLY-PRIMA')!;
    const y2023 = b.history.cohorts.find((c) => c.year === 2023)!;
    expect(y2023.joint?.effect.estimate).toBeCloseTo(ply.effect.estimate, 12);
    // The cohort comparison is still reported beside it.
    expect(y2023.didDays).toBe(
      cohort.body.data?.budgetScenario.history.cohorts.find((c) => c.year === 2023)?.didDays,
    );
    // 2023 is the only past year (the fixture's planted −2 days, other programs held fixed): its
    // joint coefficient is what the scenario prices, not the cohort DiD.
    expect(b.history.cohorts.map((c) => [c.year, c.pooled])).toEqual([[2023, true]]);
    expect(b.daysSavedPerRequest?.base).toBeCloseTo(-ply.effect.estimate, 12);
    expect(b.daysSavedPerRequest?.base).not.toBeCloseTo(-(y2023.didDays as number), 6);
  });

  it('takes by: method (one indicator per learning method)', async () => {
    const res = await gql<{ programEffects: Effects & { by: string } }>(
      t.url,
      `query E($i: ProgramEffectsInput!) { programEffects(input: $i) { by programs { program n } } }`,
      { token: TOKENS.analyst, variables: { i: { from: '2023-01-01', to: '2023-12-31', by: 'method' } } },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.programEffects.by).toBe('method');
    expect(res.body.data?.programEffects.programs.map((p) => p.program)).toEqual(['e_learning', 'workshop']);
  });

  it('takes an outcome, window length and agencies, and refuses a reversed window', async () => {
    const ok = await gql<{ programEffects: Effects }>(t.url, QUERY, {
      token: TOKENS.analyst,
      variables: { i: { from: '2023-01-01', to: '2023-12-31', outcome: 'appraisal_score', windowMonths: 6 } },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data?.programEffects.outcome).toBe('appraisal_score');
    const bad = await gql(t.url, QUERY, {
      token: TOKENS.analyst,
      variables: { i: { from: '2024-01-01', to: '2023-01-01' } },
    });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'RANGE_REVERSED',
    });
  });
});
