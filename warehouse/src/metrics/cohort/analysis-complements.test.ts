import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/index.ts';
import { mulberry32 } from '../../stats/prng.ts';
import { programEffects } from '../program-effects/program-effects.ts';
import { roi } from '../roi-metric/roi.ts';
import { cohortAnalysis, cohortComparison } from './cohort-comparison.ts';
import { cohortRelaxations, loadStratumArmCounts, publishedCohortCounts } from './cohort-complements.ts';
import type { CohortSpec } from './cohort-spec.ts';
import { recoveredByDifference, shownCounts, warningsWithNumbers } from './testing/disclosure.ts';
import { insertMartRows, type MartRow, openTestMarts } from './testing/seed-marts.ts';

/**
 * Disclosure control across analyses (`cohort-complements.ts`, and the joint model's
 * `leavesOutFewEmployees`): an analysis restricted to some agencies must not, subtracted from the
 * same analysis without the restriction, give away a count of 1 … minCell − 1 of the employees it
 * leaves out. A seeded world: two large offices AG-A and AG-B (24 employees each: 12 completed
 * PLY-PRIMA in 2023, 3 OTHER, 9 no program) and a small one AG-S with `trained` PLY-PRIMA completers
 * and `untrained` employees, all in the strata of the large offices (so matching keeps them all).
 */
const MIN = 5;
const OPTIONS = { minCellSize: MIN };
const WINDOW = { from: '2023-01-01', to: '2023-12-31' } as const;
const SPEC: CohortSpec = {
  selector: { kind: 'program', value: 'PLY-PRIMA' },
  ...WINDOW,
  outcome: 'service_days',
};
const LARGE = ['AG-A', 'AG-B'];
const MONTHS = ['2021-06-01', '2022-06-01', '2024-06-01'];
const STRATA = [
  { grade_group: 'II', grade: 'II/a' },
  { grade_group: 'III', grade: 'III/a' },
];

interface Employee {
  key: string;
  agency: string;
  stratum: number;
  program: 'PLY-PRIMA' | 'OTHER' | null;
}

function employees(small: { trained: number; untrained: number }, rng: () => number): Employee[] {
  const out: Employee[] = [];
  for (const agency of LARGE)
    for (let i = 0; i < 24; i++)
      out.push({
        key: `${agency}-${i}`,
        agency,
        stratum: i % 2,
        program: i < 12 ? 'PLY-PRIMA' : i < 15 ? 'OTHER' : null,
      });
  for (let i = 0; i < small.trained + small.untrained; i++)
    out.push({
      key: `AG-S-${i}`,
      agency: 'AG-S',
      stratum: rng() < 0.5 ? 0 : 1,
      program: i < small.trained ? 'PLY-PRIMA' : null,
    });
  return out;
}

async function seedWorld(small: { trained: number; untrained: number }, seed: number): Promise<Db> {
  const rng = mulberry32(seed);
  const people = employees(small, rng);
  const db = await openTestMarts();
  await insertMartRows(
    db,
    'dim_employee',
    people.map((p) => ({
      employee_key: p.key,
      agency_code: p.agency,
      agency_kind: 'dinas',
      appointed_on: '2013-01-01',
      ...STRATA[p.stratum],
      valid_from: '2010-01-01',
      is_current: true,
    })),
  );
  const programs = {
    'PLY-PRIMA': {
      program_id: 1,
      program_code: 'PLY-PRIMA',
      method: 'workshop',
      competency_area: 'technical',
    },
    OTHER: { program_id: 2, program_code: 'OTHER', method: 'seminar', competency_area: 'soft_skills' },
  };
  await insertMartRows(
    db,
    'fct_enrollments',
    people.flatMap((p, i): MartRow[] =>
      p.program === null
        ? []
        : [
            {
              enrollment_id: i + 1,
              offering_id: p.program === 'OTHER' ? 2 : 1,
              employee_key: p.key,
              agency_code: p.agency,
              grade: STRATA[p.stratum]!.grade,
              ...programs[p.program],
              status: 'completed',
              completed_on: `2023-0${1 + (i % 9)}-15`,
            },
          ],
    ),
  );
  // Days per request in each window: noise around 10, PLY-PRIMA's completers 2 days faster after.
  await insertMartRows(
    db,
    'agg_handler_month',
    people.flatMap((p) =>
      MONTHS.map((month_start, w) => {
        const days = 10 + 4 * rng() - (w === 2 && p.program === 'PLY-PRIMA' ? 2 : 0);
        return {
          employee_key: p.key,
          month_start,
          requests: 20,
          completed: 20,
          sum_days: 20 * days,
          sla_met: 10,
        };
      }),
    ),
  );
  return db;
}

/** Every analysis that takes an agency filter, run with `agencies` (or without, when null). */
const ANALYSES: Record<string, (db: Db, agencies: readonly string[] | null) => Promise<unknown>> = {
  cohortComparison: (db, agencies) =>
    cohortComparison(db, { ...SPEC, ...(agencies ? { agencies } : {}) }, OPTIONS),
  only_vs_untrained: (db, agencies) =>
    cohortComparison(
      db,
      { ...SPEC, contrast: 'only_vs_untrained', ...(agencies ? { agencies } : {}) },
      OPTIONS,
    ),
  programEffects: (db, agencies) =>
    programEffects(db, { ...WINDOW, ...(agencies ? { agencies } : {}) }, OPTIONS),
  roi: (db, agencies) =>
    roi(db, { selector: SPEC.selector, ...WINDOW, ...(agencies ? { agencies } : {}) }, {}, OPTIONS),
  roiJoint: (db, agencies) =>
    roi(
      db,
      { selector: SPEC.selector, ...WINDOW, isolation: 'joint', ...(agencies ? { agencies } : {}) },
      {},
      OPTIONS,
    ),
};

/** The suppression state an analysis result reports (the ROI's through its cohort or its joint row). */
function suppression(name: string, r: unknown): { suppressed: boolean; reason: unknown } {
  const o = r as Record<string, unknown>;
  if (name === 'roi') {
    const c = o.cohort as { suppressed: boolean; suppressionReason: unknown };
    return { suppressed: c.suppressed, reason: c.suppressionReason };
  }
  if (name === 'roiJoint') return { suppressed: o.suppressed as boolean, reason: null };
  return { suppressed: o.suppressed as boolean, reason: o.suppressionReason };
}

let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  vi.restoreAllMocks();
});

describe('analyses: disclosure control across queries (agency filter differencing)', () => {
  // The small office's trained and untrained employees: every one a group of 1 … 4 in some count.
  const SMALL = [
    { trained: 1, untrained: 0 },
    { trained: 0, untrained: 1 },
    { trained: 2, untrained: 2 },
    { trained: 4, untrained: 0 },
    { trained: 0, untrained: 4 },
    { trained: 3, untrained: 9 },
    { trained: 7, untrained: 3 },
  ];

  it('the attack: with and without the filter, no count of 1 … minCell − 1 of the left-out office is recovered', async () => {
    for (const [k, small] of SMALL.entries()) {
      db = await seedWorld(small, 1000 + k);
      for (const [name, run] of Object.entries(ANALYSES)) {
        const all = await run(db, null);
        const filtered = await run(db, LARGE);
        const label = `${name} ${JSON.stringify(small)}`;
        // The unfiltered answer is shown (the large offices are large enough) …
        expect(suppression(name, all).suppressed, label).toBe(false);
        // … so the filtered one must give nothing away by difference.
        expect(recoveredByDifference(all, filtered, MIN), label).toEqual([]);
        if (name !== 'roiJoint') {
          expect(suppression(name, filtered), label).toEqual({ suppressed: true, reason: 'complementary' });
        }
        if (name === 'cohortComparison' || name === 'only_vs_untrained' || name === 'programEffects') {
          // Suppressed as a small arm is: no count that is not 0, no number in the warnings but the minimum.
          expect(shownCounts(filtered), label).toEqual([]);
          const warnings = (filtered as { warnings: { code: string; id: string; en: string }[] }).warnings;
          expect(warningsWithNumbers(warnings, MIN), label).toEqual([]);
          expect(warnings.find((w) => w.code === 'suppressed')?.en, label).toMatch(/without this filter/);
        }
      }
      db.close();
      db = undefined;
    }
  });

  it('also as {A, S} against {A}: the filter naming every office is the unfiltered answer, the other is hidden', async () => {
    db = await seedWorld({ trained: 2, untrained: 1 }, 7);
    const every = await cohortComparison(db, { ...SPEC, agencies: [...LARGE, 'AG-S'] }, OPTIONS);
    const fewer = await cohortComparison(db, { ...SPEC, agencies: LARGE }, OPTIONS);
    expect(every.suppressed).toBe(false);
    expect(every.treated.n).toBe(26);
    expect(fewer.suppressionReason).toBe('complementary');
    expect(recoveredByDifference(every, fewer, MIN)).toEqual([]);
  });

  it('two lists that both leave out a large office: {AG-A, AG-S} against {AG-A} recovers no small AG-S', async () => {
    // Both leave out AG-B (24); they differ by AG-S alone.
    for (const [k, small] of SMALL.entries()) {
      db = await seedWorld(small, 2000 + k);
      const label = JSON.stringify(small);
      const one = await cohortComparison(db, { ...SPEC, agencies: ['AG-A'] }, OPTIONS);
      const two = await cohortComparison(db, { ...SPEC, agencies: ['AG-A', 'AG-S'] }, OPTIONS);
      expect(one.suppressed, label).toBe(false);
      expect(two.suppressionReason, label).toBe('complementary');
      expect(recoveredByDifference(two, one, MIN), label).toEqual([]);
      expect(shownCounts(two), label).toEqual([]);
      db.close();
      db = undefined;
    }
  });

  it('… and both publish when AG-S holds enough (≥ minCell in every count it adds)', async () => {
    db = await seedWorld({ trained: 6, untrained: 7 }, 9);
    const one = await cohortComparison(db, { ...SPEC, agencies: ['AG-A'] }, OPTIONS);
    const two = await cohortComparison(db, { ...SPEC, agencies: ['AG-A', 'AG-S'] }, OPTIONS);
    expect([one.suppressed, two.suppressed]).toEqual([false, false]);
    expect([one.treated.n, two.treated.n]).toEqual([12, 18]);
    expect(cohortRelaxations({ ...SPEC, agencies: ['AG-A', 'AG-S'] })).toEqual([
      SPEC,
      { ...SPEC, agencies: ['AG-S'] },
      { ...SPEC, agencies: ['AG-A'] },
    ]);
  });

  it('publishes when the filter leaves out nobody or enough (0, or ≥ minCell in every count)', async () => {
    for (const small of [
      { trained: 0, untrained: 0 },
      { trained: 6, untrained: 7 },
    ]) {
      db = await seedWorld(small, 42);
      for (const [name, run] of Object.entries(ANALYSES)) {
        const filtered = await run(db, LARGE);
        // The joint model also shows each office's 3 OTHER completers: {AG-A, AG-B} against {AG-A}
        // differs by AG-B's 3, so beside AG-S (the list then names not everyone) it is hidden.
        const byOneOffice = small.trained + small.untrained > 0 && name.match(/programEffects|roiJoint/);
        expect(suppression(name, filtered), `${name} ${JSON.stringify(small)}`).toEqual(
          byOneOffice
            ? { suppressed: true, reason: name === 'roiJoint' ? null : 'complementary' }
            : { suppressed: false, reason: null },
        );
      }
      const c = await cohortComparison(db, { ...SPEC, agencies: LARGE }, OPTIONS);
      expect([c.treated.n, c.control.n]).toEqual([24, 24]);
      const all = await cohortComparison(db, SPEC, OPTIONS);
      expect([all.treated.n, all.control.n]).toEqual([24 + small.trained, 24 + small.untrained]);
      db.close();
      db = undefined;
    }
  });

  it('a small arm stays primary: the reason says which rule hid it', async () => {
    db = await seedWorld({ trained: 1, untrained: 0 }, 3);
    const r = await cohortComparison(db, { ...SPEC, agencies: ['AG-S'] }, OPTIONS);
    expect(r.suppressed).toBe(true);
    expect(r.suppressionReason).toBe('primary');
    expect(r.warnings.find((w) => w.code === 'suppressed')?.en).toMatch(/fewer than 5 employees in a group/);
  });

  it('guards the control exclusions (a list filter too): keeping out 1 … 4 OTHER completers is hidden', async () => {
    // AG-A and AG-B hold 6 OTHER completers; restricted to AG-A, 3 of them.
    db = await seedWorld({ trained: 0, untrained: 0 }, 5);
    const exclude = { excludeFromControl: [{ kind: 'program' as const, value: 'OTHER' }] };
    const wide = await cohortComparison(db, { ...SPEC, ...exclude }, OPTIONS);
    expect(wide.suppressionReason).toBeNull(); // leaves out 6
    const narrow = await cohortComparison(db, { ...SPEC, ...exclude, agencies: ['AG-A'] }, OPTIONS);
    // AG-A alone leaves out AG-B (24), but its exclusion leaves out 3: hidden.
    expect(narrow.suppressionReason).toBe('complementary');
    expect(cohortRelaxations({ ...SPEC, ...exclude, agencies: ['AG-A'] })).toEqual([
      { ...SPEC, ...exclude },
      { ...SPEC, agencies: ['AG-A'] },
      SPEC,
    ]);
  });

  it('counts what the comparison publishes: the guard’s count query agrees with the analysis', async () => {
    // The guard recounts a relaxed population without running the analysis; its counts must be the
    // ones analyseCohort publishes, or it would compare unlike numbers.
    const specs: CohortSpec[] = [
      SPEC,
      { ...SPEC, agencies: LARGE },
      { ...SPEC, agencies: ['AG-A', 'AG-S'] },
      { ...SPEC, contrast: 'only_vs_untrained' },
      { ...SPEC, excludeFromControl: [{ kind: 'program', value: 'OTHER' }] },
    ];
    for (const [k, small] of SMALL.entries()) {
      db = await seedWorld(small, 2000 + k);
      for (const spec of specs) {
        const r = await cohortComparison(db, spec, { minCellSize: 1 });
        expect(publishedCohortCounts(await loadStratumArmCounts(db, spec)), JSON.stringify(spec)).toEqual([
          r.matching.treatedEligible,
          r.treated.n,
          r.matching.treatedDropped,
          r.control.n,
          r.matching.controlUnused,
          r.n,
          r.preTrend?.nTreated ?? 0,
          r.preTrend?.nControl ?? 0,
        ]);
      }
      db.close();
      db = undefined;
    }
  });

  it('costs one count query per relaxation, only when filtered and shown; none otherwise', async () => {
    db = await seedWorld({ trained: 6, untrained: 7 }, 9);
    const all = vi.spyOn(db, 'all');
    await cohortAnalysis(db, SPEC, OPTIONS);
    expect(all).toHaveBeenCalledTimes(1);
    all.mockClear();
    await cohortAnalysis(db, { ...SPEC, agencies: LARGE }, OPTIONS);
    // The list dropped, and each of its two agencies left out.
    expect(all).toHaveBeenCalledTimes(4);
    all.mockClear();
    // Suppressed on its own (primary): nothing more to check.
    await cohortAnalysis(db, { ...SPEC, agencies: ['AG-S'] }, { minCellSize: 50 });
    expect(all).toHaveBeenCalledTimes(1);
    all.mockClear();
    // minCell 1: no suppression at all, no extra query.
    await cohortAnalysis(db, { ...SPEC, agencies: LARGE }, { minCellSize: 1 });
    expect(all).toHaveBeenCalledTimes(1);
  });
});
