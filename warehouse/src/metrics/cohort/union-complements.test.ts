import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { loadCohortCells, loadCohortCellsByProgram } from './cohort-cells.ts';
import { cohortComparison } from './cohort-comparison.ts';
import {
  loadStratumArmCounts,
  loadUnionCells,
  type StratumArmCount,
  unionLessEachProgram,
} from './cohort-complements.ts';
import type { CohortSpec } from './cohort-spec.ts';
import { PEOPLE, SPEC, seedCohortWorld } from './testing/cohort-fixture.ts';
import { insertMartRows, openTestMarts } from './testing/seed-marts.ts';

/**
 * The cohort fixture (PLY-PRIMA, a workshop, trained t1–t6 in 2023), plus c2 completing PLY-2,
 * another workshop, in 2023. The workshop method is then PLY-PRIMA's 4 matched treated and c2:
 * leaving PLY-2 out of the union moves 1 employee from treated to control.
 */
describe('cohortComparison of a method or competency area, checked against itself less each program', () => {
  let db: Db;
  const workshop = { ...SPEC, selector: { kind: 'method', value: 'workshop' } as const };
  /** The workshop union under both contrasts, control exclusions (of a program outside it and of one of its own) and an agencies filter. */
  const contrastsAndFilters = (): CohortSpec[] => [
    workshop,
    { ...workshop, contrast: 'only_vs_untrained' },
    { ...workshop, excludeFromControl: [{ kind: 'program', value: 'OTHER' }] },
    { ...workshop, excludeFromControl: [{ kind: 'program', value: 'PLY-2' }] },
    { ...workshop, agencies: ['DIS-1'] },
  ];
  /** Counts per stratum and arm in one order, to compare two readings of them. */
  const sortedCounts = (counts: readonly StratumArmCount[]) =>
    [...counts].sort((a, b) => `${a.stratum}${a.treated}`.localeCompare(`${b.stratum}${b.treated}`));
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    await insertMartRows(db, 'dim_program', [
      { program_id: 3, program_code: 'PLY-2', method: 'workshop', competency_area: 'technical', jp: 8 },
    ]);
    await insertMartRows(db, 'fct_enrollments', [
      {
        enrollment_id: 201,
        offering_id: 9,
        program_id: 3,
        program_code: 'PLY-2',
        method: 'workshop',
        competency_area: 'technical',
        employee_key: 'c2',
        agency_code: 'DIS-1',
        grade: 'III/a',
        status: 'completed',
        completed_on: '2023-05-10',
      },
    ]);
  });
  afterAll(() => db.close());

  it('suppresses the union when leaving one program out changes a published count by 1 … minCell − 1', async () => {
    // Without disclosure control: 5 treated (t1–t4 and c2), PLY-PRIMA alone 4.
    const open = await cohortComparison(db, workshop, { minCellSize: 1 });
    expect(open.treated.n).toBe(5);
    const ply = await cohortComparison(db, SPEC, { minCellSize: 1 });
    expect(ply.treated.n).toBe(4);
    // Under a minimum of 2 every arm passes on its own (5 treated, 1 + 2 controls per stratum), but
    // the union less PLY-2 has 4 treated: PLY-2's 1 would follow by difference (with PLY-2's own
    // comparison hidden, 5 − 4 bounds it at ≥ 1, and a hidden 1 … 1 is 1).
    const r = await cohortComparison(db, workshop, { minCellSize: 2 });
    expect([r.suppressed, r.suppressionReason, r.treated.n]).toEqual([true, 'complementary', null]);
  });

  it('leaves a union with completers of one program only as that program’s comparison', async () => {
    // Competency area "technical" in 2022: only PLY-PRIMA's 2022 run (c1) has a completer.
    const technical2022 = {
      ...SPEC,
      selector: { kind: 'competencyArea', value: 'technical' } as const,
      from: '2022-01-01',
      to: '2022-12-31',
    };
    const program2022 = { ...technical2022, selector: SPEC.selector };
    const area = await cohortComparison(db, technical2022, { minCellSize: 1 });
    const program = await cohortComparison(db, program2022, { minCellSize: 1 });
    expect(area.treated.n).toBe(program.treated.n);
    expect(area.suppressionReason).toBeNull();
  });

  it('costs no query more than a program’s comparison: its check is read with its cells', async () => {
    const before = db.queryCount;
    const r = await cohortComparison(db, workshop, { minCellSize: 2 });
    const withCheck = db.queryCount - before;
    const plain = db.queryCount;
    await cohortComparison(db, SPEC, { minCellSize: 2 });
    // The union: its cells, its counts less each program and its programs' own cells in one query
    // (loadUnionCells), and coverage: as many as the program's cells and coverage.
    expect(r.suppressionReason).toBe('complementary');
    expect(withCheck).toBe(db.queryCount - plain);
  });

  it('reads in one query what the union’s cells, its counts less each program and its programs’ cells read apart', async () => {
    // Counts exactly; means and M2 to 12 significant digits (DuckDB sums a cell's rows in the order
    // it reads them, which differs between two plans in the last bits).
    const rounded = (x: unknown): unknown =>
      JSON.parse(
        JSON.stringify(x, (_, v) =>
          typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v,
        ),
      );
    const specs: CohortSpec[] = [
      ...contrastsAndFilters(),
      {
        ...workshop,
        contrast: 'only_vs_untrained',
        excludeFromControl: [{ kind: 'method', value: 'workshop' }],
      },
      { ...workshop, selector: { kind: 'competencyArea', value: 'technical' } },
      { ...workshop, from: '2022-01-01', to: '2022-12-31' },
      { ...workshop, selector: { kind: 'method', value: 'no-such-method' } },
    ];
    for (const spec of specs) {
      const label = JSON.stringify(spec);
      const one = await loadUnionCells(db, spec);
      const cells = await loadCohortCells(db, spec);
      const byProgram = await loadCohortCellsByProgram(db, spec);
      const lessEach = await unionLessEachProgram(db, spec);
      expect(rounded(one.cells), label).toEqual(rounded(cells.cells));
      expect(one.bounds, label).toEqual(cells.bounds);
      expect(rounded([...one.byProgram]), label).toEqual(rounded([...byProgram.byProgram]));
      expect([...one.lessEach.keys()].sort(), label).toEqual([...lessEach.keys()].sort());
      for (const [program, counts] of lessEach)
        expect(sortedCounts(one.lessEach.get(program) ?? []), `${label} less ${program}`).toEqual(
          sortedCounts(counts),
        );
    }
    // The fixture's union has cells, counts less each program and programs' cells to compare.
    const one = await loadUnionCells(db, workshop);
    expect([one.cells.length > 0, one.lessEach.size, one.byProgram.size]).toEqual([true, 2, 2]);
  });

  it('counts the union less each program in one query exactly as the relaxed spec does, for every contrast', async () => {
    for (const spec of contrastsAndFilters()) {
      const lessEach = await unionLessEachProgram(db, spec);
      expect([...lessEach.keys()].sort()).toEqual(['PLY-2', 'PLY-PRIMA']);
      for (const [program, counts] of lessEach) {
        const reference = await loadStratumArmCounts(db, { ...spec, withoutPrograms: [program] });
        // The one query leaves a stratum × arm out where the relaxed spec counts 0 in it.
        const nonEmpty = (c: readonly StratumArmCount[]) =>
          sortedCounts(c).filter((x) => x.did + x.placebo > 0);
        expect(nonEmpty(counts), `${JSON.stringify(spec)} less ${program}`).toEqual(nonEmpty(reference));
      }
    }
  });
});

describe('a union whose program is hidden as a complement, not for its arms', () => {
  // Review of 2026-12-05: competency area it, DPMPTSP 2023, was shown beside TIK-SM while TIK-EL's
  // comparison was hidden only by its agencies check; the difference gave TIK-EL's 4 completers'
  // mean service days back. Here, DIS-1 (stratum A): t1 and t2 completed PLY-PRIMA and PLY-2, q1 and
  // q2 PLY-2 alone; KEC-1 (stratum B): q3 PLY-2 alone. Minimum 3. (This small world hides the union
  // before the fix too, its program's cells read with the union's being small; the reviewer's case,
  // re-run on the scale-1 demo, is hidden only since.)
  let db: Db;
  const MONTHS = ['2021-06-01', '2022-06-01', '2024-06-01'];
  const A = { agency_kind: 'dinas', grade_group: 'III', appointed_on: '2013-01-01', grade: 'III/a' };
  const B = { agency_kind: 'kecamatan', grade_group: 'II', appointed_on: '2020-03-01', grade: 'II/a' };
  const ply2 = { program_id: 3, program_code: 'PLY-2', method: 'workshop', competency_area: 'technical' };
  const workshop: CohortSpec = {
    ...SPEC,
    selector: { kind: 'method', value: 'workshop' },
    agencies: ['DIS-1'],
  };
  const extra: [string, typeof A | typeof B, string][] = [
    ['q1', A, 'DIS-1'],
    ['q2', A, 'DIS-1'],
    ['c6', A, 'DIS-1'],
    ['c7', A, 'DIS-1'],
    ['q3', B, 'KEC-1'],
    ['c8', B, 'KEC-1'],
  ];
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    await insertMartRows(db, 'dim_program', [{ ...ply2, jp: 8 }]);
    await insertMartRows(
      db,
      'dim_employee',
      extra.map(([key, { grade: _g, ...stratum }, agency]) => ({
        employee_key: key,
        ...stratum,
        agency_code: agency,
        grade:
          key.startsWith('q') || key === 'c6' || key === 'c7'
            ? agency === 'DIS-1'
              ? 'III/a'
              : 'II/a'
            : 'II/a',
        valid_from: '2010-01-01',
        is_current: true,
      })),
    );
    const completer = (id: number, key: string, agency: string, grade: string) => ({
      enrollment_id: id,
      offering_id: 9,
      ...ply2,
      employee_key: key,
      agency_code: agency,
      grade,
      status: 'completed',
      completed_on: '2023-05-10',
    });
    await insertMartRows(db, 'fct_enrollments', [
      completer(301, 't1', 'DIS-1', 'III/a'),
      completer(302, 't2', 'DIS-1', 'III/a'),
      completer(303, 'q1', 'DIS-1', 'III/a'),
      completer(304, 'q2', 'DIS-1', 'III/a'),
      completer(305, 'q3', 'KEC-1', 'II/a'),
    ]);
    await insertMartRows(
      db,
      'agg_handler_month',
      extra.flatMap(([key]) =>
        MONTHS.map((month_start, w) => ({
          employee_key: key,
          month_start,
          requests: 20,
          completed: 20,
          sum_days: 20 * (8 + w),
          sla_met: w,
        })),
      ),
    );
  });
  afterAll(() => db.close());

  it('hides the union where leaving the program out moves few and the program is hidden as published', async () => {
    // PLY-2 within DIS-1: 4 treated, 4 controls: its arms pass, but without the agencies list it
    // has q3 more (5 against 4): hidden as a complement.
    const ply = await cohortComparison(
      db,
      { ...workshop, selector: { kind: 'program', value: 'PLY-2' } },
      { minCellSize: 3 },
    );
    expect([ply.suppressed, ply.suppressionReason]).toEqual([true, 'complementary']);
    const open = await cohortComparison(
      db,
      { ...workshop, selector: { kind: 'program', value: 'PLY-2' } },
      { minCellSize: 1 },
    );
    expect([open.treated.n, open.control.n]).toEqual([4, 4]);
    // The union: 4 treated (t1, t2, q1, q2); less PLY-2, 2 (q1 and q2 leave): it would give PLY-2's
    // own completers back. Its own agencies check moves 3 (t3, t4, q3): not few.
    const union = await cohortComparison(db, workshop, { minCellSize: 3 });
    expect([union.suppressed, union.suppressionReason]).toEqual([true, 'complementary']);
  });
});
