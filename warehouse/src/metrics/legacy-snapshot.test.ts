import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { agencyScorecard } from './agency-scorecard.metric.ts';
import { completion } from './completion.metric.ts';
import { invitationFunnel } from './invitation-funnel.metric.ts';
import { jpCompliance } from './jp-compliance.metric.ts';
import { learning } from './learning.metric.ts';
import { buildMetricAggregates, NEWER_AGGREGATES } from './metric-aggregates.ts';
import { participation } from './participation.metric.ts';
import { reaction } from './reaction.metric.ts';
import { resistance } from './resistance.metric.ts';
import { serviceTimes } from './service-times.metric.ts';
import { openTestMarts } from './testing/mart-fixture.ts';
import { makeOldSnapshot, type OldSnapshotShape } from './testing/old-snapshot.ts';
import { fillSyntheticMarts } from './testing/synthetic-marts.ts';

/**
 * The synthetic marts and their pre-aggregates, in memory: each suite drops what a legacy snapshot
 * lacks. `prepare` changes the marts before the aggregates are built.
 */
async function syntheticSnapshot(prepare?: (db: Db) => Promise<void>): Promise<Db> {
  const db = await openTestMarts();
  await fillSyntheticMarts(db, 0.01);
  await prepare?.(db);
  await buildMetricAggregates(db);
  return db;
}

// A snapshot published before the newer pre-aggregates existed must still be answered (from the
// older tables), with the same results.
describe('snapshots without the newer pre-aggregates', () => {
  let db: Db;
  beforeAll(async () => {
    db = await syntheticSnapshot();
  });
  afterAll(() => db.close());

  it('answer every metric from the older tables, identically', async () => {
    const agencies = ['AG1', 'AG2', 'AG3', 'AG5', 'AG8'];
    const year = { from: '2024-01-01', to: '2024-12-31' };
    const run = () =>
      Promise.all([
        participation(db, { filter: year, grain: 'month', groupBy: ['agency'], compare: true }, { minN: 1 }),
        jpCompliance(db, { grain: 'year', groupBy: ['agency'] }, { minN: 1 }),
        jpCompliance(db, { grain: 'year', groupBy: ['gradeGroup'] }, { minN: 1 }),
        resistance(db, { filter: { ...year, agencies }, groupBy: ['agency'] }, { minN: 1 }),
        serviceTimes(db, { filter: year, grain: 'month', groupBy: ['serviceType'] }, { minN: 1 }),
        serviceTimes(db, { filter: year, grain: 'year', groupBy: ['agency'] }, { minN: 1 }),
        agencyScorecard(db, { agencies, years: [2023, 2024] }, { minN: 1 }),
      ]);
    const current = await run();
    for (const table of NEWER_AGGREGATES) {
      await db.exec(`DROP TABLE marts.${table}`);
    }
    const legacy = await run();
    // Σ days (a DOUBLE) is summed in another order from the coarser tables: equal to 12 digits.
    const rounded = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
    expect(rounded(legacy)).toEqual(rounded(current));
    expect(current[0].rows.some((r) => (r.participants ?? 0) > 0)).toBe(true);
  });
});

// A snapshot published before the facts had person_id counts the distinct employees of disclosure
// control by employee_key: the same answers, with the same rows hidden.
describe('snapshots without person_id on the facts', () => {
  let db: Db;
  beforeAll(async () => {
    db = await syntheticSnapshot();
  });
  afterAll(() => db.close());

  it('answer the person-protected metrics from employee_key, identically', async () => {
    const year = { from: '2024-01-01', to: '2024-12-31' };
    const run = () =>
      Promise.all([
        invitationFunnel(db, { filter: year, grain: 'quarter', groupBy: ['agency', 'gradeGroup'] }),
        resistance(db, { filter: year, grain: 'month', groupBy: ['tenureBand'] }),
        resistance(db, { filter: year, groupBy: ['agency'] }),
        completion(db, { filter: year, grain: 'quarter', groupBy: ['program'] }),
        reaction(db, { filter: year, groupBy: ['agency'] }),
        learning(db, { filter: year, groupBy: ['program'] }),
      ]);
    const current = await run();
    const hidden = (answers: typeof current) =>
      answers
        .flatMap((a): readonly { suppressionReason: unknown }[] => a.rows)
        .filter((r) => r.suppressionReason !== null).length;
    // The fixture's cells are small enough that the distinct-employee rule hides some rows.
    expect(hidden(current)).toBeGreaterThan(0);
    await db.exec('ALTER TABLE marts.fct_invitations DROP COLUMN person_id');
    await db.exec('ALTER TABLE marts.fct_enrollments DROP COLUMN person_id');
    await expect(db.all('SELECT person_id FROM marts.fct_invitations')).rejects.toThrow(/person_id/);
    expect(await run()).toEqual(current);
  });
});

// A snapshot built before f97ff90 (2026-12-01 15:43) has service-day histograms without sum_ms (and
// with other days buckets), no agg_service_handler_cells, _months or agg_service_due; one built
// before the 2026-12-01 pre-aggregates has no agg_service_days_year or _type either; one built
// between (2026-12-01 to -04) has sum_ms and the handler cells, but neither _months nor _due. serviceTimes
// (and the agency scorecard, agencyComparison's, that reads it) answers from what such a snapshot
// has, exactly as from the current pre-aggregates of the same facts. Every such query failed with
// a Binder error on sum_ms.
describe.each<[OldSnapshotShape]>([['before-f97ff90'], ['before-2026-12-01'], ['before-2026-12-04']])(
  'a snapshot built %s',
  (shape) => {
    let db: Db;
    beforeAll(async () => {
      // Requests without days, and those completed after 2025, are open (in progress): the data
      // ends with the last submission, so the last days' requests are not yet due, and the open and
      // due counts are read too. Twelve requests of exactly 0.145 days: the old day tables bucketed
      // them in 0.14 (DuckDB's round of the DOUBLE), the current ones in 0.15, their median.
      db = await syntheticSnapshot((d) =>
        d.exec(`UPDATE marts.fct_service_requests
          SET status = 'in_progress', completed_at = NULL, days = NULL, sla_met = NULL
          WHERE days IS NULL OR completed_at >= TIMESTAMPTZ '2025-12-31 00:00:00+00';
          INSERT INTO marts.fct_service_requests BY NAME
            SELECT 100000000 + i AS request_id, 'SAME_DAY' AS service_type, 'AG1' AS agency_code,
              'e1' AS handled_by_key, '62.71.01.1001' AS kelurahan_code,
              TIMESTAMPTZ '2024-03-05 08:00:00+00' AS submitted_at,
              TIMESTAMPTZ '2024-03-05 08:00:00+00' + INTERVAL 12528 SECOND AS completed_at,
              DATE '2024-03-05' AS submitted_on, DATE '2024-03-01' AS month_start, 2024 AS year,
              'completed' AS status, 12528 / 86400.0 AS days, 2 AS target_days, TRUE AS sla_met
            FROM range(12) t(i)`),
      );
    });
    afterAll(() => db.close());

    it('answers serviceTimes and the agency scorecard as the current pre-aggregates do', async () => {
      const year = { from: '2024-01-01', to: '2024-12-31' };
      const agencies = ['AG0', 'AG1', 'AG2'];
      const services = () =>
        Promise.all([
          serviceTimes(
            db,
            { filter: year, grain: 'month', groupBy: ['serviceType'], compare: true },
            { minN: 1 },
          ),
          serviceTimes(db, { grain: 'year', groupBy: ['serviceType'] }),
          serviceTimes(db, { filter: year, grain: 'year', groupBy: ['agency'] }, { minN: 1 }),
          serviceTimes(db, { grain: 'year', groupBy: ['agency', 'serviceType'] }),
          serviceTimes(db, {
            filter: { from: '2023-04-01', to: '2024-06-30' },
            grain: 'quarter',
            groupBy: ['agency'],
          }),
          serviceTimes(db, { filter: { ...year, serviceTypes: ['KTP', 'KK'] }, grain: 'month' }, { minN: 1 }),
          serviceTimes(db, { filter: { ...year, serviceTypes: ['KIA'] }, groupBy: ['agency'] }, { minN: 1 }),
          serviceTimes(db, {
            filter: { serviceTypes: ['KTP', 'PINDAH'] },
            grain: 'year',
            groupBy: ['serviceType'],
          }),
          serviceTimes(db, {}),
          serviceTimes(db, { filter: year, groupBy: ['kelurahan'] }, { minN: 1 }),
          serviceTimes(db, {
            filter: { ...year, agencies: ['AG1'] },
            grain: 'quarter',
            groupBy: ['kelurahan'],
          }),
          serviceTimes(db, { filter: year, grain: 'month', groupBy: ['kelurahan', 'serviceType'] }),
        ]);
      const scorecard = () => agencyScorecard(db, { agencies, years: [2023, 2024, 2025] }, { minN: 1 });
      const current = { services: await services(), scorecard: await scorecard() };
      // The answers hold open, not-yet-due and handled requests, and service figures on the cards.
      const rows = current.services.flatMap((a) => a.rows);
      expect(rows.some((r) => (r.openRequests ?? 0) > (r.openPastTarget ?? 0))).toBe(true);
      expect(rows.some((r) => (r.openPastTarget ?? 0) > 0)).toBe(true);
      expect(rows.some((r) => (r.handlerMonths ?? 0) > 0)).toBe(true);
      expect(current.scorecard.some((r) => r.medianServiceDays !== null && r.slaMetRate !== null)).toBe(true);
      const sameDay = current.services[0].rows.find(
        (r) => r.keys.serviceType === 'SAME_DAY' && r.period === '2024-03-01',
      );
      expect(sameDay).toMatchObject({ requests: 12, meanDays: 0.145, medianDays: 0.15 });

      await makeOldSnapshot(db, shape);
      if (shape === 'before-2026-12-04') {
        // sum_ms and the handler cells are there; the handler months and due counts are not.
        expect(await db.all('SELECT count(*) AS n FROM marts.agg_service_handler_cells')).toEqual([
          { n: expect.any(Number) },
        ]);
        await db.all('SELECT sum(sum_ms) FROM marts.agg_service_days');
        await expect(db.all('SELECT * FROM marts.agg_service_handler_months')).rejects.toThrow(
          /does not exist/,
        );
        await expect(db.all('SELECT * FROM marts.agg_service_due')).rejects.toThrow(/does not exist/);
      } else {
        await expect(db.all('SELECT sum(sum_ms) FROM marts.agg_service_days')).rejects.toThrow(/sum_ms/);
        await expect(db.all('SELECT * FROM marts.agg_service_handler_cells')).rejects.toThrow(
          /does not exist/,
        );
      }
      // The whole answers, exactly.
      expect(await services()).toEqual(current.services);
      // The cards too (their JP figures, unrounded sums in the old tables, are of whole JP here).
      expect(await scorecard()).toEqual(current.scorecard);
    });
  },
);

// Only a missing newer service table, or sum_ms, is read as an older snapshot: a table every
// snapshot has, missing, is an error, not a fallback.
describe('a snapshot missing a service table every snapshot has', () => {
  let db: Db;
  beforeAll(async () => {
    db = await syntheticSnapshot();
  });
  afterAll(() => db.close());

  it('fails serviceTimes naming it', async () => {
    await db.exec('DROP TABLE marts.agg_service_handlers; DROP TABLE marts.agg_service_days_year');
    await expect(serviceTimes(db, { grain: 'year', groupBy: ['serviceType'] })).rejects.toThrow(
      /agg_service_handlers does not exist/,
    );
  });
});
