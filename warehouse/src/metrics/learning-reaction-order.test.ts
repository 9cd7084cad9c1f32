import { describe, expect, it } from 'vitest';
import type { AppendValue, Db } from '../db/index.ts';
import type { MetricQuery } from './filter.ts';
import { learning } from './learning.metric.ts';
import { reaction } from './reaction.metric.ts';
import { eachOwnEmployee, openTestMarts, seed } from './testing/mart-fixture.ts';

// Researchers need the same bits for the same snapshot, but an incremental run deletes the
// enrollments it re-reads and appends them again (person-delta), so fct_enrollments holds the same
// rows in another order than the full build (ORDER BY enrollment_id). The numerical audit's case:
// `avg` gave normalizedGain 0.565105295407077 after the full build and 0.5651052954070769 after two
// unchanged rows were re-appended, and the reaction mean 3.2 then 3.1999999999999997 (exact 16 / 5).

const enrollment = (pre: number, post: number, items: readonly (number | null)[]) => ({
  status: 'completed',
  completed_on: '2024-05-01',
  program_code: 'P1',
  pre_score: pre,
  post_score: post,
  has_reaction: true,
  reaction_relevance: items[0] ?? null,
  reaction_satisfaction: items[1] ?? null,
  reaction_facilitator: items[2] ?? null,
  reaction_intent_to_apply: items[3] ?? null,
});

/** Two-decimal scores that are no binary fractions, and respondents' own means in thirds. */
const ROWS = eachOwnEmployee([
  enrollment(0.1, 70.3, [null, 2, null, 4]), // own mean 3
  enrollment(0.2, 80.6, [5, null, 1, 2]), // 8/3
  enrollment(0.3, 90.1, [4, null, 2, null]), // 3
  enrollment(55.55, 66.65, [3, 5, 5, null]), // 13/3
  enrollment(33.33, 44.45, [4, null, 4, 1]), // 3: Σ 16 over 5 respondents
]).map((r, i) => ({ ...r, enrollment_id: i + 1 }));

/** Every number of a result with its exact bits: equal strings ⇔ Object.is on every float. */
const bits = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : `n:${v}`) : v));

/** Learning and reaction, ungrouped and by program (which also reads the total through the same SQL). */
async function results(db: Db) {
  return Promise.all(
    ([{}, { groupBy: ['program'] }] satisfies MetricQuery[]).flatMap((query) => [
      learning(db, query, { minN: 1 }),
      reaction(db, query, { minN: 1 }),
    ]),
  );
}

async function seeded(rows: readonly Record<string, AppendValue>[]): Promise<Db> {
  const db = await openTestMarts();
  await seed(db, 'fct_enrollments', rows);
  return db;
}

/** What an incremental run does to two re-delivered, unchanged enrollments: delete, append. */
async function reappend(db: Db): Promise<void> {
  for (const id of [1, 2]) {
    await db.exec(`CREATE TEMP TABLE t AS SELECT * FROM marts.fct_enrollments WHERE enrollment_id = ${id};
      DELETE FROM marts.fct_enrollments WHERE enrollment_id = ${id};
      INSERT INTO marts.fct_enrollments BY NAME SELECT * FROM t; DROP TABLE t`);
  }
}

describe('learning (L2) and reaction (L1) means: the same bits whatever the row order', () => {
  it('gives a full build, a reversed insertion and re-appended rows bit-identical results', async () => {
    const full = await seeded(ROWS);
    const expected = bits(await results(full));
    await reappend(full);
    expect(bits(await results(full))).toBe(expected);
    full.close();
    const reversed = await seeded([...ROWS].reverse());
    expect(bits(await results(reversed))).toBe(expected);
    reversed.close();
  });

  it('publishes the exact quotients of the audit case after an incremental re-append', async () => {
    const db = await seeded(ROWS);
    await reappend(db);
    const [l, r] = await results(db);
    db.close();
    const row = r!.rows[0] as { mean: number | null; relevance: number | null };
    // Own means 3, 8/3, 3, 13/3, 3: Σ 16 over 5 respondents, 3.2 to the last bit.
    expect(row.mean).toBe(3.2);
    // Relevance answered 5, 4, 3, 4: 16 / 4.
    expect(row.relevance).toBe(4);
    const g = l!.rows[0] as {
      learners: number | null;
      meanPre: number | null;
      normalizedGain: number | null;
    };
    expect(g.learners).toBe(5);
    expect(g.meanPre).toBeCloseTo(89.48 / 5, 12);
    expect(g.normalizedGain).toBeCloseTo(0.5651052954070769, 15);
  });
});
