import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { agencyScorecard } from './agency-scorecard.metric.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { roiWarningOf } from './roi-metric/roi-warnings.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

describe('agencyScorecard', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(db, 'fct_headcount', [
      ...['a1', 'a2', 'a3', 'a4'].map((e) => ({ employee_key: e, year: 2024, agency_code: 'A' })),
      ...['b1', 'b2'].map((e) => ({ employee_key: e, year: 2024, agency_code: 'B' })),
    ]);
    await seed(db, 'dim_offering', [
      { offering_id: 10, organizer_agency_code: 'A', year: 2024 },
      { offering_id: 11, organizer_agency_code: 'B', year: 2024 },
    ]);
    const enr = (employee_key: string, offering_id: number, jp_earned: number) => ({
      employee_key,
      offering_id,
      agency_code: employee_key.startsWith('a') ? 'A' : 'B',
      jp_earned,
      status: 'completed',
      completed_on: '2024-04-01',
      start_date: '2024-04-01',
      year: 2024,
    });
    await seed(db, 'fct_enrollments', [
      enr('a1', 10, 24),
      enr('a2', 10, 24),
      enr('b1', 10, 24),
      enr('b1', 11, 8),
    ]);
    await seed(db, 'fct_costs', [
      { offering_id: 10, organizer_agency_code: 'A', year: 2024, amount_idr: 6_000_000 },
      { offering_id: 10, organizer_agency_code: 'A', year: 2024, amount_idr: 1_200_000 },
      { offering_id: 11, organizer_agency_code: 'B', year: 2024, amount_idr: 800_000 },
    ]);
    await seed(db, 'fct_budgets', [
      { agency_code: 'A', fiscal_year: 2024, allocated_idr: 10_000_000, realized_idr: 7_200_000 },
    ]);
    const inv = (agency_code: string, response: string) => ({
      agency_code,
      response,
      invited_on: '2024-03-01',
      year: 2024,
    });
    await seed(db, 'fct_invitations', [
      inv('A', 'accepted'),
      inv('A', 'declined'),
      inv('A', 'accepted'),
      inv('A', 'no_response'),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('scores each agency-year with the same fixed number of queries for any batch', async () => {
    const session = db.session();
    const rows = await agencyScorecard(session, { agencies: ['A', 'B'], years: [2024] }, { minN: 1 });
    expect(session.queryCount).toBe(6);
    const a = rows.find((r) => r.agency === 'A')!;
    expect(a).toMatchObject({
      year: 2024,
      headcount: 4,
      participationRate: 0.5,
      resistanceRate: 0.5,
      jpComplianceRate: 0.5,
      jpPerEmployee: 12,
      budgetRealisation: 0.72,
      programCostIdr: 7_200_000,
      participants: 3,
      jpDelivered: 72,
      costPerParticipantIdr: 2_400_000,
      costPerJpIdr: 100_000,
      roiPct: null,
      suppressed: [],
    });
    expect(a.roiNote).toMatch(/roiByAgency/);
    expect(a.roiWarnings).toEqual([]);
    const b = rows.find((r) => r.agency === 'B')!;
    expect([b.headcount, b.participationRate, b.budgetRealisation, b.costPerJpIdr]).toEqual([
      2,
      0.5,
      null,
      100_000,
    ]);

    const bigger = db.session();
    const many = await agencyScorecard(
      bigger,
      { agencies: ['A', 'B', 'C'], years: [2023, 2024] },
      { minN: 1 },
    );
    expect(bigger.queryCount).toBe(6);
    // 2023 has no data at all, nor has agency C: no card for them.
    expect(many.map((r) => `${r.agency}${r.year}`)).toEqual(['A2024', 'B2024']);
  });

  it('hides the people an agency’s offerings trained when they are fewer than minN (component training)', async () => {
    // A's offerings trained 3 people (72 JP) for 7,200,000: shown under a minimum of 3, hidden under 4;
    // the program cost itself is public finance and stays.
    const [three] = await agencyScorecard(db, { agencies: ['A'], years: [2024] }, { minN: 3 });
    expect(three).toMatchObject({ participants: 3, jpDelivered: 72, costPerParticipantIdr: 2_400_000 });
    expect(three!.suppressed).not.toContain('training');
    const [four] = await agencyScorecard(db, { agencies: ['A'], years: [2024] }, { minN: 4 });
    expect(four).toMatchObject({
      programCostIdr: 7_200_000,
      participants: null,
      jpDelivered: null,
      costPerParticipantIdr: null,
      costPerJpIdr: null,
    });
    expect(four!.suppressed).toContain('training');
  });

  it('gives an agency-year the same card whatever else is in the batch', async () => {
    // Asked with a year without data (the metrics then fill 2023 in with empty rows), with other
    // agencies, or alone: the same card, and no card for a year without data.
    const alone = await agencyScorecard(db, { agencies: ['A'], years: [2024] }, { minN: 1 });
    const batch = await agencyScorecard(db, { agencies: ['C', 'B', 'A'], years: [2024, 2023] }, { minN: 1 });
    expect(batch.find((r) => r.agency === 'A' && r.year === 2024)).toEqual(alone[0]);
    expect(alone[0]!.headcount).toBe(4);
    expect(await agencyScorecard(db, { agencies: ['A'], years: [2023] }, { minN: 1 })).toEqual([]);
    // Disclosure control decides complements among all agencies, not among those asked for: with a
    // minimum of 3, B's 2 employees are hidden, and so is A's participation (else A's figures and the
    // all-agency total would give B's away), whether B is asked for or not.
    const hiddenAlone = await agencyScorecard(db, { agencies: ['A'], years: [2024] }, { minN: 3 });
    const hiddenBatch = await agencyScorecard(db, { agencies: ['A', 'B'], years: [2024] }, { minN: 3 });
    expect(hiddenAlone[0]).toEqual(hiddenBatch.find((r) => r.agency === 'A'));
    expect(hiddenAlone[0]!.suppressed).toContain('participation');
    expect(hiddenAlone[0]!.headcount).toBeNull();
    expect(hiddenBatch.find((r) => r.agency === 'B')!.headcount).toBeNull();
  });

  it('refuses years outside 1990 … 2100', async () => {
    for (const year of [1989, 2101, 9999, 2024.5]) {
      await expect(agencyScorecard(db, { agencies: ['A'], years: [year] })).rejects.toMatchObject({
        name: 'MetricInputError',
        detail: { reason: 'OUT_OF_RANGE', field: 'years', min: 1990, max: 2100 },
      });
    }
  });

  it('takes ROI from the hook and reports suppressed components', async () => {
    const rows = await agencyScorecard(
      db,
      { agencies: ['A'], years: [2024] },
      { roiByAgency: async () => [{ agency: 'A', year: 2024, roiPct: 42 }] },
    );
    expect(rows[0]!.roiPct).toBe(42);
    expect(rows[0]!.roiNote).toBeNull();
    expect(rows[0]!.roiWarnings).toEqual([]);
    // Default minimum 5: A's 4 employees and the 3 its offerings trained are all hidden.
    expect(rows[0]!.suppressed).toEqual(['participation', 'resistance', 'jpCompliance', 'training']);
  });

  it("passes the hook's ROI caveats through with their note", async () => {
    const caveat = { code: 'no_effect_data', id: 'tidak terukur', en: 'not measured' };
    const rows = await agencyScorecard(
      db,
      { agencies: ['A'], years: [2024] },
      {
        roiByAgency: async () => [
          { agency: 'A', year: 2024, roiPct: -100, note: 'not measured', warnings: [caveat] },
        ],
      },
    );
    expect(rows[0]).toMatchObject({ roiPct: -100, roiNote: 'not measured', roiWarnings: [caveat] });
    expect(rows[0]!.suppressed).not.toContain('roi');
  });

  it('lists the ROI as a hidden component when the hook hid its participants', async () => {
    const hidden = roiWarningOf('participants_suppressed');
    const rows = await agencyScorecard(
      db,
      { agencies: ['A'], years: [2024] },
      {
        minN: 1,
        roiByAgency: async () => [{ agency: 'A', year: 2024, roiPct: null, warnings: [hidden] }],
      },
    );
    expect(rows[0]).toMatchObject({ roiPct: null, suppressed: ['roi'] });
  });
});
