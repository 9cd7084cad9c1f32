import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { agencyScorecard } from './agency-scorecard.metric.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * The JP an agency's offerings delivered in a year (`agg_scorecard_money.jp`, the card's
 * `jpDelivered` and the cost per JP) is a sum of e-learning JP, binary fractions: 1 h + 13 h + 1 h
 * (exactly 20 JP at 45 minutes per JP) summed to 19.999999999999996 in one order and 20 in another
 * (numerical audit of 2026-12-06). Rounded as the per-employee JP totals are (`jpTotalSql`), it does
 * not depend on the order the enrollments were inserted in.
 */
describe('agencyScorecard: delivered JP independent of the order of the enrollments', () => {
  const dbs: Db[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.close();
  });
  // As the ETL stores a statement's JP (`jpFromSeconds`, 45 minutes per JP).
  const jpOf = (seconds: number) => seconds / 60 / 45;
  const snapshot = async (hours: readonly number[]) => {
    const db = await openTestMarts();
    dbs.push(db);
    await seed(db, 'dim_offering', [{ offering_id: 10, organizer_agency_code: 'A', year: 2024 }]);
    await seed(
      db,
      'fct_enrollments',
      hours.map((h, i) => ({
        enrollment_id: i + 1,
        employee_key: `e${i}`,
        offering_id: 10,
        agency_code: 'A',
        jp_earned: jpOf(h * 3600),
        status: 'completed',
        completed_on: '2024-04-01',
        start_date: '2024-04-01',
        year: 2024,
      })),
    );
    await seed(db, 'fct_costs', [
      { offering_id: 10, organizer_agency_code: 'A', year: 2024, amount_idr: 2_000_000 },
    ]);
    await buildMetricAggregates(db);
    return db;
  };
  const delivered = async (db: Db) => {
    const [card] = await agencyScorecard(db, { agencies: ['A'], years: [2024] }, { minN: 1 });
    return [card?.jpDelivered, card?.costPerJpIdr];
  };

  it('stores and publishes 20 JP in either insertion order, from the aggregate and from the marts', async () => {
    for (const hours of [
      [1, 13, 1],
      [1, 1, 13],
    ]) {
      const db = await snapshot(hours);
      expect(await db.all('SELECT jp FROM marts.agg_scorecard_money')).toEqual([{ jp: 20 }]);
      expect(await delivered(db)).toEqual([20, 100_000]);
      // A snapshot without agg_scorecard_money: the same figures from the marts.
      await db.exec('DROP TABLE marts.agg_scorecard_money');
      expect(await delivered(db)).toEqual([20, 100_000]);
    }
  });
});
