import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { PEOPLE, SPEC, seedCohortWorld } from '../cohort/testing/cohort-fixture.ts';
import { insertMartRows, openTestMarts } from '../cohort/testing/seed-marts.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { roi } from '../roi-metric/roi.ts';
import { roiWarningOf } from '../roi-metric/roi-warnings.ts';
import { budgetCaveats } from './budget-caveats.ts';
import { budgetScenario } from './budget-scenario.ts';

// The cohort fixture (PLY-PRIMA 2023: DiD −3 days, CI wholly below 0, evidence `faster`) with every
// trained employee moved into one agency and compared with staff of others, as PLY-PRIMA 2023 in the
// demo (every completer in DISDUKCAPIL): the cohort warns few_agencies, and the ROI and the budget
// scenario, which price its effect, must say so too rather than show a confident return with no
// caveat.
const OPTIONS = { minCellSize: 2 };
const ROI_SPEC = { selector: SPEC.selector, from: SPEC.from, to: SPEC.to };
const BUDGET = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 };

let db: Db;
beforeEach(async () => {
  db = await openTestMarts();
  await seedCohortWorld(db, PEOPLE);
});
afterEach(() => db.close());

describe('cohort warnings that qualify the effect priced', () => {
  it('all trained staff in one agency, compared with staff of others: roi warns few_agencies, the budget scenario carries it as a caveat', async () => {
    // The trained to DIS-1 (t3 and t4 from KEC-1), t1's and t2's matches c1 and c2 to DIS-2; c3, c4
    // stay in KEC-1. Only agency codes move: the same strata, the same estimate.
    for (const table of ['dim_employee', 'agg_handler_month', 'fct_enrollments']) {
      await db.exec(`UPDATE marts.${table} SET agency_code = 'DIS-1' WHERE employee_key LIKE 't%'`);
      await db.exec(
        `UPDATE marts.${table} SET agency_code = 'DIS-2' WHERE employee_key IN ('c1', 'c2') AND agency_code = 'DIS-1'`,
      );
    }
    // DIS-1 has 30 employees in 2024 (the seat cap).
    await insertMartRows(
      db,
      'fct_headcount',
      Array.from({ length: 30 }, (_, i) => ({ employee_key: `h${i}`, year: 2024, agency_code: 'DIS-1' })),
    );
    await buildMetricAggregates(db);
    const r = await roi(db, ROI_SPEC, {}, OPTIONS);
    expect(r.cohort.warnings.map((w) => w.code)).toEqual(['small_n', 'few_agencies']);
    expect(r.cohort.warnings[1]!.en).toMatch(/^The trained employees compared work in only 1 agency:/);
    expect(r.effect.didDays).toBeCloseTo(-3, 12);
    expect(r.base!.roiPercent).toBeGreaterThan(0);
    // small_n is in the effect's CI already; few_agencies is not (the CI assumes independent staff).
    expect(r.warnings).toEqual([roiWarningOf('few_agencies')]);
    expect(r.warnings[0]!.en).toBe(
      'The trained employees compared work in fewer than 5 agencies: another change there at the same time (a new system or policy, say) cannot be told apart from the training’s effect, so the benefits priced may not come from the training. Check the joint model with errors clustered by agency and its wild cluster bootstrap.',
    );

    const b = await budgetScenario(db, BUDGET, {}, OPTIONS);
    expect(b.evidence).toBe('faster');
    expect(b.roi!.base.roiPercent).toBeGreaterThan(0);
    expect(b.caveats[0]).toEqual(budgetCaveats.fewAgencies());
    // DIS-1's own staff are now the trained alone, whose requests cap the volume the seats are priced on.
    expect(b.caveats.map((c) => c.code)).toEqual(['few_agencies', 'volume_capped_at_agency_requests']);
    expect(b.caveats[0]!.id).toBe(
      'Peserta terdahulu yang dibandingkan bekerja di kurang dari 5 instansi: perubahan lain di instansi itu pada waktu yang sama (misalnya sistem atau kebijakan baru) tidak dapat dipisahkan dari dampak program, sehingga ROI ini belum tentu berasal dari pelatihan. Periksa model gabungan dengan galat baku yang diklaster per instansi dan uji bootstrap klasternya.',
    );
  });
});
