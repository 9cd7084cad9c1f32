import type { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMartRows, type MartRow, publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * Disclosure control over GraphQL: a cohort comparison suppressed because a group is below
 * SUPPRESSION_MIN_N (5) sends no count that could reveal it, anywhere in the response (the
 * comparison itself, the ROI built on it, the joint model's row of the program), and its warnings
 * name no count.
 *
 * The fixture snapshot plus 40 service handlers of DISDUKCAPIL with service days in 2022 and 2024
 * (the 2023 window's pre and post years), in two strata: every third completed PLY-PRIMA in 2023,
 * and three (h1, h5, h7) DIGI-101: too few to show.
 */
const DIGI = ['h1', 'h5', 'h7'];

async function handlers(db: Db): Promise<void> {
  const people = Array.from({ length: 40 }, (_, i) => ({
    key: `h${i}`,
    ply: i % 3 === 0,
    digi: DIGI.includes(`h${i}`),
    senior: i % 2 === 0,
  }));
  await insertMartRows(
    db,
    'dim_employee',
    people.map((p) => ({
      employee_key: p.key,
      agency_code: 'DISDUKCAPIL',
      agency_kind: 'dinas',
      grade_group: p.senior ? 'III' : 'II',
      appointed_on: p.senior ? '2005-01-01' : '2019-01-01',
      valid_from: '2010-01-01',
      is_current: true,
    })),
  );
  let id = 9000;
  const enrollments: MartRow[] = people.flatMap((p) =>
    (
      [
        [p.ply, 1, 'PLY-PRIMA', 'workshop'],
        [p.digi, 2, 'DIGI-101', 'e_learning'],
      ] as const
    )
      .filter(([took]) => took)
      .map(([, programId, code, method]) => ({
        enrollment_id: id++,
        offering_id: 20230 + programId,
        employee_key: p.key,
        agency_code: 'DISDUKCAPIL',
        program_id: programId,
        program_code: code,
        method,
        status: 'completed',
        completed_on: '2023-05-20',
      })),
  );
  await insertMartRows(db, 'fct_enrollments', enrollments);
  await insertMartRows(
    db,
    'agg_handler_month',
    people.flatMap((p, i) => {
      const pre = 4 + (i % 5) * 0.3 + (p.senior ? 1 : 0);
      const post = pre - (p.ply ? 2 : 0) + ((i * 7) % 5) * 0.1 - 0.2;
      return [
        ['2021-06-01', pre + ((i * 3) % 4) * 0.1],
        ['2022-06-01', pre],
        ['2024-06-01', post],
      ].map(([month, days]) => ({
        employee_key: p.key,
        month_start: month as string,
        agency_code: 'DISDUKCAPIL',
        requests: 10,
        completed: 10,
        sum_days: 10 * (days as number),
        sla_met: 5,
      }));
    }),
  );
}

/** Fields that count employees (or strata of them) in cohort, ROI and joint-model results. */
const COUNT_FIELDS = new Set([
  'n',
  'nEffective',
  'nTreated',
  'nControl',
  'treatedEligible',
  'treatedDropped',
  'treatedDroppedShare',
  'controlUnused',
  'strata',
  'completers',
  'alsoOtherPrograms',
  'postCompleted',
  'handlers',
  'untrained',
]);

/** Every count field of a JSON value that is neither null nor 0, as `$.path = value`. */
function shownCounts(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => shownCounts(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(COUNT_FIELDS.has(key) && typeof v === 'number' && v !== 0 ? [`${path}.${key} = ${v}`] : []),
    ...shownCounts(v, `${path}.${key}`),
  ]);
}

const COHORT_FIELDS = `selector { kind value } suppressed n
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
        !['no_post_data', 'post_window_incomplete', 'no_pre_data', 'pre_window_incomplete'].includes(w.code),
    )
    .flatMap((w) => [w.id, w.en]);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await publishFixture(t.dir, 'disclosure', handlers);
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
