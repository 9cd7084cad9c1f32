import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { runDataTests } from '../../tests/index.ts';
import { buildMiniWorld } from './testing/buildMiniWorld.ts';
import { miniWorld } from './testing/miniWorld.ts';

// An operator's case: one agency row quarantined (a name a spreadsheet would run as a formula)
// takes its assignments with it, and its staff's invitations, enrollments and appraisals have no
// person to be placed by. The marts used to fail on a NULL employee_key, so every run failed.

describe('events of an employee with no assignment on record', () => {
  let db: Db;
  beforeAll(async () => {
    const world = miniWorld();
    db = await buildMiniWorld({
      // Employee 77 has an event of every kind but no assignment.
      invitations: [
        ...world.invitations!,
        { id: 77, offering_id: 1, employee_id: 77, invited_at: '2023-02-01T02:00:00Z', response: 'declined' },
      ],
      appraisals: [
        ...world.appraisals!,
        { id: 77, employee_id: 77, period: 2023, score: 80, rating: 'baik' },
      ],
    });
  });
  afterAll(() => db.close());

  it('builds the marts, leaves the events out of the facts, and a warn-level data test names them', async () => {
    const ids = async (sql: string) => (await db.all<{ id: number | bigint }>(sql)).map((r) => Number(r.id));
    expect(await ids('select invitation_id as id from marts.fct_invitations order by 1')).not.toContain(77);
    expect(await ids('select count(*) as id from marts.fct_invitations where employee_key is null')).toEqual([
      0,
    ]);
    const results = await runDataTests(db);
    const test = results.find((r) => r.name === 'events_without_assignment')!;
    expect(test).toMatchObject({ severity: 'warn', status: 'fail', failingRows: 2 });
    // Everything else still passes: the run publishes.
    expect(results.filter((r) => r.severity === 'error' && r.status === 'fail').map((r) => r.name)).toEqual(
      [],
    );
  });
});
