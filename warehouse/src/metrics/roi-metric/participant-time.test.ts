import { describe, expect, it } from 'vitest';
import { priceParticipantTime } from './participant-time.ts';
import type { AgencyTrainingCosts } from './training-costs.ts';

const costs = (
  participantHours: number,
  hoursWithGradeCost: number,
  monthly: number,
): AgencyTrainingCosts => ({
  agencyCode: null,
  programCostsIdr: {},
  participants: 3,
  employees: 3,
  employeeKeys: ['a', 'b', 'c'],
  completed: 3,
  participantHours,
  hoursWithGradeCost,
  hoursTimesMonthlyCostIdr: hoursWithGradeCost * monthly,
});

const monthlyNote = (c: AgencyTrainingCosts) => {
  const a = priceParticipantTime(c, {}).assumptions.find((x) => x.name === 'monthlySalaryCostIdr')!;
  return { value: a.value, note: a.note, noteId: a.noteId };
};

describe('the monthly cost of participants’ time and what its note says', () => {
  it('weights the grade costs by hours and names the hours priced at the placeholder', () => {
    // 30 h at 9,000,000 and 10 h without a grade cost at the 7,000,000 placeholder.
    const m = monthlyNote(costs(40, 30, 9_000_000));
    expect(m.value).toBe((30 * 9_000_000 + 10 * 7_000_000) / 40);
    expect(m.note).toMatch(/; 10\.0 h of grades without a cost at 7,000,000 IDR: Average monthly/);
    expect(m.noteId).toMatch(/; 10,0 jam dari golongan tanpa biaya dihitung 7\.000\.000 IDR: /);
  });

  it('does not name the placeholder when every hour has its grade’s cost', () => {
    const m = monthlyNote(costs(40, 40, 9_000_000));
    expect(m.value).toBe(9_000_000);
    expect(m.note).toMatch(/every participant hour has its grade's cost\.$/);
    expect(m.note).not.toMatch(/7,000,000/);
    expect(m.noteId).toMatch(/setiap jam peserta punya biaya golongannya\.$/);
  });

  it('says the placeholder is used when there are no participant hours', () => {
    const m = monthlyNote(costs(0, 0, 0));
    expect(m.value).toBe(7_000_000);
    expect(m.note).toMatch(/^No participant hours to weight grades by: 7,000,000 IDR: Average monthly/);
    expect(m.noteId).toMatch(/^Tidak ada jam peserta untuk membobot golongan: 7\.000\.000 IDR: /);
  });
});
