import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { findRecoverableCells } from '../disclosure/index.ts';
import { learning } from './learning.metric.ts';
import { reaction } from './reaction.metric.ts';
import { eachOwnEmployee, openTestMarts, seed } from './testing/mart-fixture.ts';

describe('reaction (L1) and learning (L2)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const e = (pre: number | null, post: number | null, items: number[] | null, status = 'completed') => ({
      status,
      completed_on: status === 'completed' ? '2024-05-01' : null,
      pre_score: pre,
      post_score: post,
      has_reaction: items !== null,
      reaction_relevance: items?.[0] ?? null,
      reaction_satisfaction: items?.[1] ?? null,
      reaction_facilitator: items?.[2] ?? null,
      reaction_intent_to_apply: items?.[3] ?? null,
    });
    await seed(
      db,
      'fct_enrollments',
      eachOwnEmployee([
        e(40, 70, [4, 4, 5, 3]), // gain 30, g = 30/60 = 0.5
        e(80, 90, [2, 3, 3, 4]), // gain 10, g = 10/20 = 0.5
        e(100, 100, null), // at the ceiling: gain 0, excluded from g
        e(50, null, [5, 5, 5, 5]), // no post score: not a learner
        e(20, 90, [1, 1, 1, 1], 'dropped'), // not completed: ignored
      ]),
    );
  });
  afterAll(() => db.close());

  it('L1: item means over respondents and response rate over completions', async () => {
    const { rows } = await reaction(db, {}, { minN: 1 });
    const row = rows[0]!;
    expect([row.completed, row.respondents, row.responseRate]).toEqual([4, 3, 0.75]);
    expect(row.mean).toBe((4 + 3 + 5) / 3);
    expect([row.relevance, row.satisfaction, row.facilitator, row.intentToApply]).toEqual([
      11 / 3,
      4,
      13 / 3,
      4,
    ]);
  });

  it('L2: mean gain, median gain, normalised gain with pre = 100 left out', async () => {
    const { rows } = await learning(db, {}, { minN: 1 });
    const row = rows[0]!;
    // The learner at the ceiling is left out of the normalised gain; their number is withheld.
    expect([row.learners, row.meanGain, row.medianGain, row.normalizedGain, row.atCeiling]).toEqual([
      3,
      40 / 3,
      10,
      0.5,
      null,
    ]);
    expect([row.meanPre, row.meanPost]).toEqual([220 / 3, 260 / 3]);
  });
});

describe('reaction (L1): disclosure control of completed, the response rate denominator', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    // completed / respondents per agency: A 1 / 0 (nobody answered), B 6 / 6, C 7 / 5.
    const done = (agency_code: string, answered: boolean) => ({
      agency_code,
      status: 'completed',
      completed_on: '2023-06-01',
      has_reaction: answered,
      reaction_relevance: answered ? 4 : null,
      reaction_satisfaction: answered ? 4 : null,
      reaction_facilitator: answered ? 4 : null,
      reaction_intent_to_apply: answered ? 4 : null,
    });
    await seed(
      db,
      'fct_enrollments',
      eachOwnEmployee([
        done('A', false),
        ...Array.from({ length: 6 }, () => done('B', true)),
        ...Array.from({ length: 5 }, () => done('C', true)),
        done('C', false),
        done('C', false),
      ]),
    );
  });
  afterAll(() => db.close());

  it('hides a total whose few completers gave no answer (n = 0 is no licence to show completed = 1)', async () => {
    const { rows } = await reaction(db, { filter: { agencies: ['A'] } }, { minN: 5 });
    expect(rows).toEqual([
      expect.objectContaining({
        n: null,
        completed: null,
        respondents: null,
        responseRate: null,
        suppressed: true,
        suppressionReason: 'primary',
      }),
    ]);
  });

  it('hides the group with 1 completer and a complement, so completed cannot be recovered from the total', async () => {
    const { rows } = await reaction(db, { groupBy: ['agency'] }, { minN: 5 });
    expect(
      rows.map((r) => [r.keys.agency, r.n, r.completed, r.respondents, r.responseRate, r.suppressionReason]),
    ).toEqual([
      ['A', null, null, null, null, 'primary'],
      ['B', null, null, null, null, 'complementary'], // the smallest other completed count
      ['C', 5, 7, 5, 5 / 7, null],
      [null, 11, 14, 11, 11 / 14, null],
    ]);
    // Attack: total − visible = A + B = 7 completers, which does not pin A down.
    const truth = await reaction(db, { groupBy: ['agency'] }, { minN: 1 });
    const audit = truth.rows.map((r, i) => ({
      n: r.completed ?? 0,
      suppressed: rows[i]!.suppressed,
      a: r.keys.agency ?? null,
    }));
    expect(findRecoverableCells(audit, { groupKeys: ['a'] })).toEqual([]);
  });

  it('still hides few respondents among many completers (n itself)', async () => {
    const { rows } = await reaction(db, { filter: { agencies: ['C'] } }, { minN: 6 });
    expect(rows.map((r) => [r.n, r.completed, r.suppressionReason])).toEqual([[null, null, 'primary']]);
  });
});
