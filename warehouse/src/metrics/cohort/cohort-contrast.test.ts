import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { cohortComparison } from './cohort-comparison.ts';
import { loadCohortUnits } from './cohort-units.ts';
import { PEOPLE, SPEC, seedCohortWorld } from './testing/cohort-fixture.ts';
import { insertMartRows, openTestMarts } from './testing/seed-marts.ts';

// The cohort fixture, plus t1 completing OTHER in 2023 too: under only_vs_untrained t1 is neither
// treated (trained outside PLY-PRIMA) nor a control (trained), and c3 (OTHER only) leaves the control.
describe('cohort contrast', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
    await insertMartRows(db, 'fct_enrollments', [
      {
        enrollment_id: 900,
        offering_id: 3,
        employee_key: 't1',
        agency_code: 'DIS-1',
        grade: 'III/a',
        program_id: 2,
        program_code: 'OTHER',
        method: 'seminar',
        competency_area: 'soft_skills',
        status: 'completed',
        completed_on: '2023-09-01',
      },
    ]);
  });
  afterAll(() => db.close());

  const keys = async (contrast?: 'vs_rest' | 'only_vs_untrained') => {
    const { units } = await loadCohortUnits(db, { ...SPEC, ...(contrast ? { contrast } : {}) });
    return {
      treated: units.filter((u) => u.treated).map((u) => u.employeeKey),
      control: units.filter((u) => !u.treated).map((u) => u.employeeKey),
    };
  };

  it('vs_rest (default): every PLY-PRIMA completer is treated, everyone else a control', async () => {
    expect(await keys()).toEqual(await keys('vs_rest'));
    const { treated, control } = await keys();
    expect(treated).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    expect(control).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('only_vs_untrained: treated completed nothing else, controls completed nothing in the window', async () => {
    const { treated, control } = await keys('only_vs_untrained');
    expect(treated).toEqual(['t2', 't3', 't4', 't5', 't6']);
    // c1 completed PLY-PRIMA in 2022 (outside the window): still untrained in it.
    expect(control).toEqual(['c1', 'c2', 'c4', 'c5']);
  });

  it('is echoed in the result, and changes the estimate only through who is compared', async () => {
    const rest = await cohortComparison(db, SPEC, { minCellSize: 2 });
    const only = await cohortComparison(db, { ...SPEC, contrast: 'only_vs_untrained' }, { minCellSize: 2 });
    expect(rest.contrast).toBe('vs_rest');
    expect(only.contrast).toBe('only_vs_untrained');
    // Without t1 (Δ −4) the treated mean change in stratum A is t2's −2: treated Δ −2, −3, −3.
    expect(only.treated.n).toBe(3);
    expect(only.treated.meanChange).toBeCloseTo(-8 / 3, 12);
    expect(rest.treated.n).toBe(4);
    expect(rest.did.estimate).toBeCloseTo(-3, 12);
  });
});
