import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { invitationFunnel as publishedFunnel } from '../guarded-metrics.ts';
import {
  acceptedInvitations2024,
  AGENCY_KINDS as KIND,
  openTestMarts,
  seed,
  seedAgencyKinds,
} from '../testing/mart-fixture.ts';

// D1 × P2 is 1 (hidden). By agency × program its complements are the cheapest cells: D1 × P1 and
// B1's two cells (6 each), so D2 and D3 stay shown, and P3 is shown for every agency. By kind ×
// program every cell is 6 or more: protected on its own, dinas × P2 (21) less D2 × P2 and D3 × P2
// (10 each) gave D1 × P2 = 1 back. P3's kind cells are sums of shown cells: shown.
const CELLS = [
  ['D1', 'P1', 10],
  ['D1', 'P2', 1],
  ['D2', 'P1', 10],
  ['D2', 'P2', 10],
  ['D3', 'P1', 10],
  ['D3', 'P2', 10],
  ['B1', 'P1', 6],
  ['B1', 'P2', 6],
  ['D1', 'P3', 12],
  ['D2', 'P3', 10],
  ['D3', 'P3', 10],
  ['B1', 'P3', 10],
] as const;

describe('an answer by agency kind hides what the answer by agency hides', () => {
  let db: Db;
  const YEAR = { from: '2024-01-01', to: '2024-12-31' };
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(
      db,
      'fct_invitations',
      acceptedInvitations2024(CELLS, (agency) => ({ agency_kind: KIND[agency]! })),
    );
    await seedAgencyKinds(db, KIND);
  });
  afterAll(() => db.close());

  it('shows only sums of cells the agency answer shows', async () => {
    const byAgency = await publishedFunnel(db, { filter: YEAR, groupBy: ['agency', 'program'] }, { minN: 5 });
    const hiddenByAgency = byAgency.rows.filter((r) => !r.isTotal && r.suppressed);
    // The premise: D1 × P2 hidden with complements, D2 and D3 shown.
    expect(hiddenByAgency.some((r) => r.keys.agency === 'D1' && r.keys.program === 'P2')).toBe(true);
    expect(byAgency.rows.find((r) => r.keys.agency === 'D2' && r.keys.program === 'P2')?.suppressed).toBe(
      false,
    );

    const byKind = await publishedFunnel(
      db,
      { filter: YEAR, groupBy: ['agencyKind', 'program'] },
      { minN: 5 },
    );
    const shown = byKind.rows.filter((x) => !x.isTotal && !x.suppressed);
    expect(shown.map((r) => `${r.keys.agencyKind} × ${r.keys.program}`)).toEqual([
      'badan × P3',
      'dinas × P3',
    ]);
    for (const r of shown) {
      const parts = byAgency.rows.filter(
        (a) => !a.isTotal && KIND[a.keys.agency!] === r.keys.agencyKind && a.keys.program === r.keys.program,
      );
      expect(
        parts.every((a) => !a.suppressed),
        `${r.keys.agencyKind} × ${r.keys.program}`,
      ).toBe(true);
      expect(r.n).toBe(parts.reduce((s, a) => s + (a.n ?? 0), 0));
    }
    const dinasP2 = byKind.rows.find((r) => r.keys.agencyKind === 'dinas' && r.keys.program === 'P2');
    expect(dinasP2).toMatchObject({ suppressed: true, n: null, suppressionReason: 'complementary' });
    // The grand total is the agency answer's, shown there.
    expect(byKind.rows.find((r) => r.isTotal)).toMatchObject({ n: 105, suppressed: false });
  });

  it('one dimension: a kind with a hidden agency is hidden', async () => {
    const oneWay = await publishedFunnel(
      db,
      { filter: { ...YEAR, programs: ['P2'] }, groupBy: ['agencyKind'] },
      { minN: 5 },
    );
    // P2 by agency: D1 (1) is hidden, so the dinas row (21) would give it back against D2 and D3.
    expect(oneWay.rows.find((r) => r.keys.agencyKind === 'dinas')).toMatchObject({
      suppressed: true,
      n: null,
    });
  });

  it('changes nothing without agencyKind, nor with suppression off', async () => {
    const open = await publishedFunnel(db, { filter: YEAR, groupBy: ['agencyKind', 'program'] }, { minN: 1 });
    expect(open.rows.every((r) => !r.suppressed)).toBe(true);
    expect(open.rows.find((r) => r.keys.agencyKind === 'dinas' && r.keys.program === 'P2')?.n).toBe(21);
  });
});

// The same cells read as program (D1 … B1, with their methods) × agency (P1, P2): the funnel by
// method × agency against program × agency, and a filter on the method (a slice of that table).
const METHOD: Record<string, string> = { D1: 'workshop', D2: 'workshop', D3: 'workshop', B1: 'seminar' };

describe('an answer by method hides what the answer by program hides', () => {
  let db: Db;
  const YEAR = { from: '2024-01-01', to: '2024-12-31' };
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(
      db,
      'fct_invitations',
      acceptedInvitations2024(CELLS, (agency) => ({ agency_kind: KIND[agency]! })).map((r) => ({
        ...r,
        agency_code: r.program_code,
        agency_kind: 'dinas',
        program_code: r.agency_code,
        method: METHOD[r.agency_code]!,
      })),
    );
    await seed(
      db,
      'dim_program',
      Object.entries(METHOD).map(([code, method], i) => ({ program_id: i + 1, program_code: code, method })),
    );
  });
  afterAll(() => db.close());

  it('by method × agency: only sums of cells shown by program × agency', async () => {
    const byProgram = await publishedFunnel(
      db,
      { filter: YEAR, groupBy: ['program', 'agency'] },
      { minN: 5 },
    );
    expect(byProgram.rows.find((r) => r.keys.program === 'D1' && r.keys.agency === 'P2')?.suppressed).toBe(
      true,
    );
    const byMethod = await publishedFunnel(db, { filter: YEAR, groupBy: ['method', 'agency'] }, { minN: 5 });
    const shown = byMethod.rows.filter((x) => !x.isTotal && !x.suppressed);
    expect(shown.map((r) => `${r.keys.method} × ${r.keys.agency}`)).toEqual([
      'seminar × P3',
      'workshop × P3',
    ]);
    for (const r of shown) {
      const parts = byProgram.rows.filter(
        (p) => !p.isTotal && METHOD[p.keys.program!] === r.keys.method && p.keys.agency === r.keys.agency,
      );
      expect(
        parts.every((p) => !p.suppressed),
        `${r.keys.method} × ${r.keys.agency}`,
      ).toBe(true);
    }
    expect(byMethod.rows.find((r) => r.keys.method === 'workshop' && r.keys.agency === 'P2')).toMatchObject({
      suppressed: true,
      n: null,
    });
  });

  it('filtered to a method, by agency: the slice of the protected method table', async () => {
    const slice = await publishedFunnel(
      db,
      { filter: { ...YEAR, methods: ['workshop'] }, groupBy: ['agency'] },
      { minN: 5 },
    );
    // Workshop × P2 is 21 = D1 (1, hidden by program) + D2 + D3 (10 each, shown).
    expect(slice.rows.find((r) => r.keys.agency === 'P2')).toMatchObject({ suppressed: true, n: null });
  });
});

// 2023: by program Q1 (3) and Q2 (4) are the only hidden programs, both coaching: coaching less its
// shown part is their sum, which the total less the shown programs publishes already: shown. 2024:
// Q5 (2, seminar) is hidden too: coaching would give Q1 + Q2, and the total then Q5: hidden.
const SMALL: Record<string, readonly [string, number, number]> = {
  Q1: ['coaching', 3, 2023],
  Q2: ['coaching', 4, 2023],
  Q3: ['coaching', 20, 2023],
  Q4: ['seminar', 30, 2023],
  Q8: ['webinar', 10, 2023],
};
const SMALL_2024: Record<string, readonly [string, number, number]> = {
  Q1: ['coaching', 3, 2024],
  Q2: ['coaching', 4, 2024],
  Q3: ['coaching', 20, 2024],
  Q4: ['seminar', 30, 2024],
  Q5: ['seminar', 2, 2024],
};

describe('a coarse cell with hidden parts is shown only when their sum is public already', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const rows = [...Object.entries(SMALL), ...Object.entries(SMALL_2024)].flatMap(
      ([program, [method, n, year]]) =>
        acceptedInvitations2024([['A1', program, n]]).map((r) => ({
          ...r,
          method,
          year,
          invited_on: `${year}-03-01`,
        })),
    );
    await seed(db, 'fct_invitations', rows);
    const methods = new Map(
      [...Object.entries(SMALL), ...Object.entries(SMALL_2024)].map(([p, [m]]) => [p, m]),
    );
    await seed(
      db,
      'dim_program',
      [...methods].map(([code, method], i) => ({ program_id: i + 1, program_code: code, method })),
    );
  });
  afterAll(() => db.close());
  const year = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });
  const hiddenPrograms = async (y: number) =>
    (await publishedFunnel(db, { filter: year(y), groupBy: ['program'] }, { minN: 5 })).rows
      .filter((r) => r.suppressed)
      .map((r) => r.keys.program)
      .sort();
  const method = async (y: number, m: string) =>
    (await publishedFunnel(db, { filter: year(y), groupBy: ['method'] }, { minN: 5 })).rows.find(
      (r) => r.keys.method === m,
    );

  it('2023: the only hidden programs are coaching: coaching shown (27)', async () => {
    expect(await hiddenPrograms(2023)).toEqual(['Q1', 'Q2']);
    expect(await method(2023, 'coaching')).toMatchObject({ n: 27, suppressed: false });
  });

  it('2024: a hidden seminar program too: coaching and seminar hidden', async () => {
    expect(await hiddenPrograms(2024)).toEqual(['Q1', 'Q2', 'Q5']);
    expect(await method(2024, 'coaching')).toMatchObject({ n: null, suppressed: true });
    expect(await method(2024, 'seminar')).toMatchObject({ n: null, suppressed: true });
  });
});
