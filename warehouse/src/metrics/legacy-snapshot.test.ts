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
import { fillSyntheticMarts } from './testing/synthetic-marts.ts';

/** The synthetic marts and their pre-aggregates, in memory: each suite drops what a legacy snapshot lacks. */
async function syntheticSnapshot(): Promise<Db> {
  const db = await openTestMarts();
  await fillSyntheticMarts(db, 0.01);
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
