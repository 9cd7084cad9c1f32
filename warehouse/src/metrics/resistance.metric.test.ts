import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { findRecoverableCells } from '../disclosure/index.ts';
import { invitationFunnel } from './invitation-funnel.metric.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { resistance } from './resistance.metric.ts';
import { eachOwnEmployee, openTestMarts, seed } from './testing/mart-fixture.ts';

describe('resistance', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const inv = (
      tenure_band: string,
      response: string,
      decline_reason: string | null = null,
      status: string | null = null,
    ) => ({
      tenure_band,
      agency_code: tenure_band === '<5' ? 'A' : 'B',
      invited_on: '2024-03-01',
      response,
      decline_reason,
      enrolled: status !== null,
      enrollment_status: status,
    });
    await seed(
      db,
      'fct_invitations',
      eachOwnEmployee([
        inv('<5', 'accepted', null, 'completed'),
        inv('<5', 'accepted', null, 'no_show'),
        inv('<5', 'declined', 'workload'),
        inv('<5', 'accepted', null, 'completed'),
        inv('20+', 'declined', 'already_experienced'),
        inv('20+', 'declined', 'already_experienced'),
        inv('20+', 'declined', 'workload'),
        inv('20+', 'no_response'),
      ]),
    );
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('rates declines, non-responses and no-shows over invitations by tenure band', async () => {
    const { rows } = await resistance(db, { groupBy: ['tenureBand'] }, { minN: 1 });
    expect(
      rows.map((r) => [r.keys.tenureBand, r.invited, r.declined, r.noResponse, r.noShow, r.rate]),
    ).toEqual([
      ['<5', 4, 1, 0, 1, 0.5],
      ['20+', 4, 3, 1, 0, 1],
      [null, 8, 4, 1, 1, 0.75],
    ]);
  });

  it('breaks declines down by reason within each tenure band', async () => {
    const { byReason } = await resistance(db, { groupBy: ['tenureBand'] }, { minN: 1 });
    expect(
      byReason.map((r) => [r.keys.tenureBand, r.keys.declineReason, r.isTotal, r.declines, r.share]),
    ).toEqual([
      ['<5', 'workload', false, 1, 1],
      ['<5', null, true, 1, 1],
      ['20+', 'already_experienced', false, 2, 2 / 3],
      ['20+', 'workload', false, 1, 1 / 3],
      ['20+', null, true, 3, 1],
      // The total row's breakdown: every groupBy key null.
      [null, 'already_experienced', false, 2, 0.5],
      [null, 'workload', false, 2, 0.5],
      [null, null, true, 4, 1],
    ]);
  });

  it('protects the reasons as one groups × reasons table, the total breakdown its margin', async () => {
    // 2025, declines per tenure band: workload / already_experienced.
    const declines: [string, number, number][] = [
      ['<5', 1, 10],
      ['5-9', 6, 7],
      ['10-19', 8, 9],
      ['20+', 2, 0], // 2 invitations: hidden in the rows, and so is a complement there
    ];
    await seed(
      db,
      'fct_invitations',
      eachOwnEmployee(
        declines.flatMap(([tenure_band, workload, experienced]) =>
          [
            ...Array.from({ length: workload }, () => 'workload'),
            ...Array.from({ length: experienced }, () => 'already_experienced'),
          ].map((decline_reason) => ({
            tenure_band,
            invited_on: '2025-02-01',
            response: 'declined',
            decline_reason,
          })),
        ),
      ),
    );
    const query = { groupBy: ['tenureBand'] as const, filter: { from: '2025-01-01' } };
    const published = await resistance(db, query, { minN: 5 });
    expect(published.rows.map((r) => [r.keys.tenureBand, r.n, r.suppressionReason])).toEqual([
      ['<5', null, 'complementary'],
      ['5-9', 13, null],
      ['10-19', 17, null],
      ['20+', null, 'primary'],
      [null, 43, null],
    ]);
    const pick = (r: (typeof published.byReason)[number]) => [
      r.keys.tenureBand,
      r.keys.declineReason,
      r.declines,
      r.suppressionReason,
    ];
    expect(published.byReason.map(pick)).toEqual([
      ['<5', 'already_experienced', null, 'complementary'],
      ['<5', 'workload', null, 'primary'],
      ['<5', null, null, 'complementary'], // hidden in the rows: its declines stay unpublished
      // Complements in another band: else <5's already_experienced = 26 − 7 − 9 (its column, 20+'s
      // published 0 included), and then its workload = 11 − 10 (its row).
      ['5-9', 'already_experienced', null, 'complementary'],
      ['5-9', 'workload', null, 'complementary'],
      ['5-9', null, 13, null],
      ['10-19', 'already_experienced', 9, null],
      ['10-19', 'workload', 8, null],
      ['10-19', null, 17, null],
      ['20+', 'workload', null, 'primary'],
      ['20+', null, null, 'primary'],
      [null, 'already_experienced', 26, null],
      [null, 'workload', 17, null],
      [null, null, 43, null],
    ]);
    // No hidden count follows from the published ones, the margins (both ways) included.
    const truth = await resistance(db, query, { minN: 1 });
    const audit = truth.byReason.map((r, i) => ({
      n: r.declines ?? 0,
      suppressed: published.byReason[i]!.suppressed,
      a: r.isTotal && r.keys.tenureBand === null ? null : (r.keys.tenureBand ?? null),
      b: r.isTotal ? null : r.keys.declineReason,
    }));
    expect(findRecoverableCells(audit, { groupKeys: ['a', 'b'] })).toEqual([]);
  });

  it('gives the same counts by agency, read from the per-day agency pre-aggregate', async () => {
    const { rows } = await resistance(
      db,
      {
        groupBy: ['agency'],
        grain: 'month',
        filter: { from: '2024-03-01', to: '2024-03-31', agencies: ['A', 'B'] },
      },
      { minN: 1, withReasons: false },
    );
    expect(rows.map((r) => [r.keys.agency, r.invited, r.declined, r.noResponse, r.noShow, r.rate])).toEqual([
      ['A', 4, 1, 0, 1, 0.5],
      ['B', 4, 3, 1, 0, 1],
      [null, 8, 4, 1, 1, 0.75],
    ]);
    // A range starting mid-month (no grain: mid-year) cuts a period: refused, not read by day.
    await expect(
      resistance(db, { filter: { from: '2024-03-02' } }, { minN: 1, withReasons: false }),
    ).rejects.toMatchObject({ reason: 'RANGE_NOT_ALIGNED', field: 'filter.from' });
  });

  it('breaks reasons down by one groupBy dimension at most: with two, the rows alone', async () => {
    const two = { groupBy: ['gradeGroup', 'tenureBand'] } as const;
    // Groups × reasons with two groupBy dimensions is a three-way table: its cells, less the
    // visible ones, against the one-dimension breakdown gave away hidden reasons.
    await expect(resistance(db, two, { minN: 1 })).rejects.toMatchObject({
      name: 'MetricInputError',
      reason: 'LIST_LENGTH',
      field: 'groupBy',
      detail: { max: 1 },
    });
    const rows = await resistance(db, two, { minN: 1, withReasons: false });
    expect(rows.rows.length).toBeGreaterThan(1);
    expect(rows.byReason).toEqual([]);
  });

  it('refuses declineReason as a group, in resistance and the funnel: only declines have a reason', async () => {
    for (const run of [
      () => resistance(db, { groupBy: ['tenureBand', 'declineReason'] }, { minN: 1 }),
      () => invitationFunnel(db, { groupBy: ['declineReason'] }, { minN: 1 }),
    ]) {
      const error = await run().catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'MetricInputError',
        reason: 'UNSUPPORTED_GROUP_BY',
        field: 'groupBy',
        detail: { value: 'declineReason' },
      });
      expect((error as Error).message).toMatch(/only declined invitations have a reason.*byReason/);
      const accepted = (error as { detail: { accepted: string[] } }).detail.accepted;
      expect(accepted).toContain('tenureBand');
      expect(accepted).not.toContain('declineReason');
    }
  });

  it('refuses a dimension invitations lack without offering declineReason among the accepted', async () => {
    for (const run of [
      () => resistance(db, { groupBy: ['kelurahan'] }, { minN: 1 }),
      () => invitationFunnel(db, { groupBy: ['serviceType'] }, { minN: 1 }),
    ]) {
      const error = await run().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'MetricInputError', reason: 'UNSUPPORTED_GROUP_BY' });
      const accepted = (error as { detail: { accepted: string[] } }).detail.accepted;
      expect(accepted).toContain('tenureBand');
      expect(accepted).not.toContain('declineReason');
      expect((error as Error).message).not.toMatch(/declineReason/);
    }
  });
});
