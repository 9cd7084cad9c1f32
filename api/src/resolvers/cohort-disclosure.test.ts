import { shownCounts } from '@asn/warehouse/testing/cohort-disclosure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { insertServiceHandlers } from '../testing/service-handlers.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * Disclosure control over GraphQL: a cohort comparison suppressed because a group is below
 * SUPPRESSION_MIN_N (5) sends no count that could reveal it, anywhere in the response (the
 * comparison itself, the ROI built on it, the joint model's row of the program), and its warnings
 * name no count.
 *
 * The fixture snapshot plus 40 service handlers of DISDUKCAPIL (`insertServiceHandlers`, with the
 * pre-trend year 2021): every third completed PLY-PRIMA in 2023, and three (h1, h5, h7) DIGI-101:
 * too few to show.
 */
const DIGI = [1, 5, 7];

const COHORT_FIELDS = `selector { kind value } suppressed suppressionReason n
  treated { n nEffective meanPre meanPost meanChange }
  control { n nEffective meanPre meanPost meanChange }
  did { estimate se ci { low high } }
  preTrend { estimate nTreated nControl ciExcludesZero }
  matching { treatedEligible treatedDropped treatedDroppedShare controlUnused strata }
  warnings { code id en }`;

const COHORT = `query C($c: CohortInput!) { cohortComparison(cohort: $c) { ${COHORT_FIELDS} } }`;

interface Warning {
  code: string;
  id: string;
  en: string;
}
interface Cohort {
  suppressed: boolean;
  suppressionReason: string | null;
  n: number | null;
  treated: { n: number | null; nEffective: number | null; meanPre: number | null };
  control: { n: number | null; nEffective: number | null };
  preTrend: { nTreated: number | null; nControl: number | null } | null;
  matching: Record<string, number | null>;
  warnings: Warning[];
}

const cohortOf = (program: string) => ({
  selector: { kind: 'program', value: program },
  from: '2023-01-01',
  to: '2023-12-31',
  outcome: 'service_days',
});

/** The texts of the warnings that are not about the data's coverage (those name dates). */
const countWarningTexts = (warnings: readonly Warning[]) =>
  warnings
    .filter(
      (w) =>
        ![
          'no_post_data',
          'post_window_incomplete',
          'no_pre_data',
          'pre_window_incomplete',
          'no_placebo_data',
          'placebo_window_incomplete',
        ].includes(w.code),
    )
    .flatMap((w) => [w.id, w.en]);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await publishFixture(t.dir, 'disclosure', (db) =>
    insertServiceHandlers(db, { digi: (i) => DIGI.includes(i), pretrend: true }),
  );
});
afterAll(() => t?.close());

describe('disclosure control of a suppressed cohort comparison over GraphQL', () => {
  it('returns null counts for a suppressed comparison (3 trained), and no number in its warnings', async () => {
    const res = await gql<{ cohortComparison: Cohort }>(t.url, COHORT, {
      token: TOKENS.analyst,
      variables: { c: cohortOf('DIGI-101') },
    });
    expect(res.body.errors).toBeUndefined();
    const c = res.body.data!.cohortComparison;
    expect(c.suppressed).toBe(true);
    expect(c.suppressionReason).toBe('primary');
    expect([c.n, c.treated.n, c.treated.nEffective, c.control.n, c.control.nEffective]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(c.treated.meanPre).toBeNull();
    // Nobody dropped: a 0 hides nobody and stays 0; the rest is null.
    expect(c.matching).toEqual({
      treatedEligible: null,
      treatedDropped: 0,
      treatedDroppedShare: 0,
      controlUnused: null,
      strata: null,
    });
    expect(c.preTrend === null || (c.preTrend.nTreated === null && c.preTrend.nControl === null)).toBe(true);
    expect(c.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['suppressed', 'small_n']));
    // The minimum (5) may be named; no group size may.
    for (const text of countWarningTexts(c.warnings)) expect(text.replace(/\b5\b/g, '')).not.toMatch(/\d/);
    expect(shownCounts(c)).toEqual([]);
    // Nowhere in the response text either: no "3" as any count field's value.
    expect(res.text).not.toMatch(/"(n|nEffective|nTreated|treatedEligible|handlers|completers)":[1-4][,}]/);
  });

  it('still returns the counts, and names them in the warnings, when the comparison is shown', async () => {
    const res = await gql<{ cohortComparison: Cohort }>(t.url, COHORT, {
      token: TOKENS.analyst,
      variables: { c: cohortOf('PLY-PRIMA') },
    });
    expect(res.body.errors).toBeUndefined();
    const c = res.body.data!.cohortComparison;
    expect(c.suppressed).toBe(false);
    expect(c.suppressionReason).toBeNull();
    // h0, h3, … h39: 14 trained; the 26 others compare (vs_rest).
    expect([c.treated.n, c.control.n, c.n]).toEqual([14, 26, 40]);
    expect(c.matching.treatedEligible).toBe(14);
    expect(c.warnings.find((w) => w.code === 'small_n')?.en).toContain('trained 14, comparison 26');
  });

  it('carries none of the hidden counts through the ROI built on it, nor the joint model’s row', async () => {
    const res = await gql<{
      roi: {
        suppressed: boolean;
        effect: { handlers: number | null; requestsPerYear: number };
        cohort: Cohort;
      };
      joint: { effect: { handlers: number | null } };
      programEffects: {
        untrained: number | null;
        programs: {
          program: string;
          completers: number | null;
          n: number | null;
          alsoOtherPrograms: number | null;
          postCompleted: number | null;
          gap: string | null;
        }[];
      };
    }>(
      t.url,
      `query R($i: RoiInput!, $j: RoiInput!, $e: ProgramEffectsInput!) {
        roi(input: $i) { suppressed effect { handlers requestsPerYear } cohort { ${COHORT_FIELDS} } }
        joint: roi(input: $j) { effect { handlers } }
        programEffects(input: $e) { untrained programs { program completers n alsoOtherPrograms postCompleted gap } }
      }`,
      {
        token: TOKENS.planner,
        variables: {
          i: { selector: { kind: 'program', value: 'DIGI-101' }, from: '2023-01-01', to: '2023-12-31' },
          j: {
            selector: { kind: 'program', value: 'DIGI-101' },
            from: '2023-01-01',
            to: '2023-12-31',
            isolation: 'joint',
          },
          e: { from: '2023-01-01', to: '2023-12-31' },
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data!;
    expect(data.roi.suppressed).toBe(true);
    expect(data.roi.effect).toEqual({ handlers: null, requestsPerYear: 0 });
    expect(shownCounts(data.roi.cohort)).toEqual([]);
    expect(data.joint.effect.handlers).toBeNull();
    const digi = data.programEffects.programs.find((p) => p.program === 'DIGI-101');
    expect(digi).toEqual({
      program: 'DIGI-101',
      completers: null,
      n: null,
      alsoOtherPrograms: null,
      postCompleted: null,
      gap: 'small_n',
    });
    // n − untrained − PLY-PRIMA's 14 (none of whom took DIGI-101) would give DIGI-101's 3 back.
    expect(data.programEffects.untrained).toBeNull();
    const ply = data.programEffects.programs.find((p) => p.program === 'PLY-PRIMA');
    expect([ply?.completers, ply?.n]).toEqual([14, 14]);
  });
});
