import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { completion } from './completion.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

describe('completion', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const e = (method: string, status: string) => ({ method, status, start_date: '2024-03-01' });
    await seed(db, 'fct_enrollments', [
      e('e_learning', 'completed'),
      e('e_learning', 'dropped'),
      e('e_learning', 'dropped'),
      e('e_learning', 'no_show'),
      e('workshop', 'completed'),
      e('workshop', 'completed'),
      e('workshop', 'completed'),
      e('workshop', 'dropped'),
    ]);
  });
  afterAll(() => db.close());

  it('divides completed by enrolled per method', async () => {
    const { rows } = await completion(db, { groupBy: ['method'] }, { minN: 1 });
    expect(rows.map((r) => [r.keys.method, r.enrolled, r.completed, r.dropped, r.noShow, r.rate])).toEqual([
      ['e_learning', 4, 1, 2, 1, 0.25],
      ['workshop', 4, 3, 1, 0, 0.75],
      [null, 8, 4, 3, 1, 0.5],
    ]);
  });
});
