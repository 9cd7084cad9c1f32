import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { findRecoverableCells } from '../../disclosure/index.ts';
import { invitationFunnel as publishedFunnel } from '../guarded-metrics.ts';
import { invitationFunnel } from '../invitation-funnel.metric.ts';
import { acceptedInvitations2024, openTestMarts, seed } from '../testing/mart-fixture.ts';

const PROGRAMS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];

// Office S has 7 invitations in 2024, one in each of programs P1 … P7: its published total (7) and
// the published zeros pin each at 1, so the table by agency × program is hidden whole (the last
// resort). Office A has 10 in each program; office B 10 in P1 only, so B × P2 … P7 have no data.
describe('a two-way table hidden whole hides its zeros too', () => {
  let db: Db;
  const YEAR = { from: '2024-01-01', to: '2024-12-31' };
  const counts: Record<string, number> = {};
  beforeAll(async () => {
    db = await openTestMarts();
    const cells = PROGRAMS.flatMap((p) =>
      (['S', 'A', 'B'] as const).map((agency) => {
        const n = agency === 'S' ? 1 : agency === 'A' ? 10 : p === 'P1' ? 10 : 0;
        counts[`${agency}|${p}`] = n;
        return [agency, p, n] as const;
      }),
    );
    await seed(db, 'fct_invitations', acceptedInvitations2024(cells));
  });
  afterAll(() => db.close());

  it('lists every agency × program, those without data as hidden rows, and keeps the grand total', async () => {
    const r = await invitationFunnel(db, { filter: YEAR, groupBy: ['agency', 'program'] }, { minN: 5 });
    const cells = r.rows.filter((x) => !x.isTotal);
    expect(cells).toHaveLength(21);
    expect(cells.every((x) => x.suppressed && x.n === null)).toBe(true);
    expect(cells.some((x) => x.keys.agency === 'B' && x.keys.program === 'P7')).toBe(true);
    expect(r.rows.find((x) => x.isTotal)).toMatchObject({ n: 87, suppressed: false });
  });

  it('gives nothing back with the one-way totals (agency 7, 70, 10; programs 11 … 21)', async () => {
    const r = await invitationFunnel(db, { filter: YEAR, groupBy: ['agency', 'program'] }, { minN: 5 });
    const published = r.rows.map((x) => ({
      agency: x.isTotal ? null : x.keys.agency,
      program: x.isTotal ? null : x.keys.program,
      n: x.isTotal ? 87 : (counts[`${x.keys.agency}|${x.keys.program}`] ?? 0),
      suppressed: x.suppressed,
    }));
    expect(findRecoverableCells(published, { groupKeys: ['agency', 'program'], minN: 5 })).toEqual([]);
    // The rows the table had before (every combination with data) and the zeros published: S's
    // seven ones follow from its total by the bounds.
    const withZeros = published.filter((x) => x.n > 0 || x.agency === null);
    expect(
      findRecoverableCells(withZeros, { groupKeys: ['agency', 'program'], minN: 5 }).length,
    ).toBeGreaterThan(0);
  });

  it('a filtered slice lists the hidden zero rows among the others, not after its total', async () => {
    // P2 by agency is a slice of agency × program (hidden whole): B has no P2 invitation, and its
    // hidden row must not stand out by its place (after the total it said "this one is a zero").
    const r = await publishedFunnel(
      db,
      { filter: { ...YEAR, programs: ['P2'] }, groupBy: ['agency'] },
      { minN: 5 },
    );
    expect(r.rows.map((x) => (x.isTotal ? 'total' : x.keys.agency))).toEqual(['A', 'B', 'S', 'total']);
    expect(r.rows.filter((x) => !x.isTotal).every((x) => x.suppressed)).toBe(true);
  });

  it('a table with cells shown keeps its zeros published (no rows added)', async () => {
    const r = await invitationFunnel(
      db,
      { filter: { ...YEAR, agencies: ['A', 'B'] }, groupBy: ['agency', 'program'] },
      { minN: 5 },
    );
    expect(r.rows.filter((x) => !x.isTotal)).toHaveLength(8);
  });
});

describe('a slice of a two-way table hidden whole lists its hidden zeros too', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(
      db,
      'fct_invitations',
      acceptedInvitations2024([
        ...PROGRAMS.map((p) => ['S', p, 1] as const),
        ...PROGRAMS.map((p) => ['A', p, 10] as const),
        ['B', 'P1', 3],
        ['B', 'P2', 3],
      ]),
    );
  });
  afterAll(() => db.close());

  it('office B by program lists the seven programs the two-way table lists for B, all hidden (P1 and P2 alone would publish five zeros the two-way table hides)', async () => {
    const q = {
      filter: { from: '2024-01-01', to: '2024-12-31', agencies: ['B'] },
      groupBy: ['program' as const],
    };
    const r = await publishedFunnel(db, q, { minN: 5 });
    const cells = r.rows.filter((x) => !x.isTotal);
    expect(cells.map((x) => x.keys.program).sort()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    expect(cells.every((x) => x.suppressed && x.n === null)).toBe(true);
    expect(r.rows.find((x) => x.isTotal)).toMatchObject({ n: 6, suppressed: false });
  });
});
