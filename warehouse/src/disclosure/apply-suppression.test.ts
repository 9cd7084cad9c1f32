import { describe, expect, it } from 'vitest';
import { applySuppression } from './apply-suppression.ts';
import { findRecoverableCells } from './find-recoverable-cells.ts';

interface Row {
  agency: string | null;
  n: number;
  rate: number;
}
const row = (agency: string | null, n: number): Row => ({ agency, n, rate: n / 100 });
const reasons = (rows: { suppressionReason: unknown }[]) => rows.map((r) => r.suppressionReason);

describe('applySuppression, 1-D with a total', () => {
  it('hides cells with n < 5 and the next-smallest cell beside a lone one', () => {
    const rows = [row('A', 3), row('B', 12), row('C', 8), row('D', 0), row('E', 40), row(null, 63)];
    const out = applySuppression(rows, { groupKeys: ['agency'], valueFields: ['rate'] });
    expect(reasons(out)).toEqual(['primary', null, 'complementary', null, null, null]);
    expect(out[0]).toEqual({
      agency: 'A',
      n: null,
      rate: null,
      suppressed: true,
      suppressionReason: 'primary',
    });
    expect(out[2]).toMatchObject({ n: null, rate: null, suppressed: true });
    expect(out[3]).toMatchObject({ n: 0, rate: 0, suppressed: false }); // zero: published, never a complement
    expect(out[5]).toMatchObject({ n: 63, suppressed: false });
  });

  it('needs no complement when two cells are hidden and their sum leaves room', () => {
    const out = applySuppression([row('A', 3), row('B', 2), row('C', 30), row(null, 35)], {
      groupKeys: ['agency'],
      valueFields: ['rate'],
    });
    expect(reasons(out)).toEqual(['primary', 'primary', null, null]);
  });

  it('adds a complement when the hidden cells are all 1 (zeros are published, so hidden means ≥ 1)', () => {
    const rows = [row('A', 1), row('B', 1), row('C', 0), row('D', 30), row('E', 9), row(null, 41)];
    const out = applySuppression(rows, { groupKeys: ['agency'], valueFields: ['rate'] });
    expect(reasons(out)).toEqual(['primary', 'primary', null, null, 'complementary', null]);
    const published = rows.map((r, i) => ({ ...r, suppressed: out[i]!.suppressed }));
    expect(findRecoverableCells(published, { groupKeys: ['agency'] })).toEqual([]);
  });

  it('hides the total when no other cell has units', () => {
    const out = applySuppression([row('A', 7), row('B', 0), row('C', 0), row(null, 7)], {
      groupKeys: ['agency'],
      valueFields: ['rate'],
      minN: 8,
    });
    expect(reasons(out)).toEqual(['primary', null, null, 'primary']);
  });

  it('without any published total a lone small cell needs no complement', () => {
    const out = applySuppression([row('A', 3), row('B', 12), row('C', 8)], {
      groupKeys: ['agency'],
      valueFields: ['rate'],
      totals: false,
    });
    expect(reasons(out)).toEqual(['primary', null, null]);
  });

  it('assumes an absent total is published elsewhere by default', () => {
    const out = applySuppression([row('A', 3), row('B', 12), row('C', 8)], {
      groupKeys: ['agency'],
      valueFields: ['rate'],
    });
    expect(reasons(out)).toEqual(['primary', null, 'complementary']);
  });

  it('suppresses each partition (e.g. period) independently', () => {
    const rows = [
      { period: 1, agency: 'A', n: 3 },
      { period: 1, agency: 'B', n: 20 },
      { period: 1, agency: 'C', n: 9 },
      { period: 2, agency: 'A', n: 30 },
      { period: 2, agency: 'B', n: 20 },
    ];
    const out = applySuppression(rows, { groupKeys: ['agency'], partitionKeys: ['period'], valueFields: [] });
    expect(reasons(out)).toEqual(['primary', null, 'complementary', null, null]);
  });

  it('rejects bad input', () => {
    expect(() =>
      applySuppression([row('A', 1), row('A', 2)], { groupKeys: ['agency'], valueFields: [] }),
    ).toThrow(/repeats/);
    expect(() => applySuppression([row('A', 1.5)], { groupKeys: ['agency'], valueFields: [] })).toThrow(
      /n must/,
    );
    expect(() =>
      applySuppression([{ a: 1, b: 1, c: 1, n: 1 }], { groupKeys: ['a', 'b', 'c'], valueFields: [] }),
    ).toThrow(/at most 2/);
    // No key: one row per partition (a total per period, for lines between periods).
    expect(() => applySuppression([row('A', 1), row('B', 2)], { groupKeys: [], valueFields: [] })).toThrow(
      /repeats/,
    );
  });
});

describe('applySuppression, 2-D with margins', () => {
  // agency × tenure band, with row margins, column margins and the grand total.
  const cells: [string, string, number][] = [
    ['A', 'x', 20],
    ['A', 'y', 3],
    ['A', 'z', 15],
    ['B', 'x', 12],
    ['B', 'y', 9],
    ['B', 'z', 11],
    ['C', 'x', 30],
    ['C', 'y', 25],
    ['C', 'z', 40],
  ];
  const rows = [
    ...cells.map(([agency, band, n]) => ({ agency, band, n, mean: n * 2 })),
    ...['A', 'B', 'C'].map((agency) => ({
      agency,
      band: null,
      n: cells.filter((c) => c[0] === agency).reduce((s, c) => s + c[2], 0),
      mean: 0,
    })),
    ...['x', 'y', 'z'].map((band) => ({
      agency: null,
      band,
      n: cells.filter((c) => c[1] === band).reduce((s, c) => s + c[2], 0),
      mean: 0,
    })),
    { agency: null, band: null, n: 165, mean: 0 },
  ];

  it('protects the small cell with a rectangle of complements and nothing is recoverable', () => {
    const out = applySuppression(rows, { groupKeys: ['agency', 'band'], valueFields: ['mean'] });
    const hidden = out.flatMap((r, i) => (r.suppressed ? [`${rows[i]!.agency}/${rows[i]!.band}`] : []));
    // A/y primary → row A: A/z (15 < 20); column y: B/y (9); row B: B/z (11 < 12); column z has two. A cycle.
    expect(hidden).toEqual(['A/y', 'A/z', 'B/y', 'B/z']);
    expect(out.filter((r) => r.suppressionReason === 'primary')).toHaveLength(1);
    const published = rows.map((r, i) => ({ ...r, suppressed: out[i]!.suppressed }));
    expect(findRecoverableCells(published, { groupKeys: ['agency', 'band'] })).toEqual([]);
  });

  it('protects the same table when its margins are published elsewhere instead of as rows', () => {
    const cellRows = rows.filter((r) => r.agency !== null && r.band !== null);
    const out = applySuppression(cellRows, {
      groupKeys: ['agency', 'band'],
      valueFields: ['mean'],
      totals: true,
    });
    expect(out.filter((r) => r.suppressed)).toHaveLength(4);
    const published = cellRows.map((r, i) => ({ ...r, suppressed: out[i]!.suppressed }));
    expect(findRecoverableCells(published, { groupKeys: ['agency', 'band'], totals: true })).toEqual([]);
  });
});

describe('applySuppression, the last resort of a two-way table', () => {
  // Agencies × methods, the grand total a row; the agencies' and methods' totals are published by the
  // one-way queries. S's total (3) is small, and the line of agency totals against the grand total
  // has no other entry to hide (the other agency totals are published, the grand total is pinned by
  // the published method totals): every cell is hidden.
  const cell = (agency: string | null, method: string | null, n: number) => ({ agency, method, n });
  const rows = [
    cell('A', 'm1', 20),
    cell('A', 'm2', 30),
    cell('B', 'm1', 25),
    cell('B', 'm2', 35),
    cell('S', 'm1', 2),
    cell('S', 'm2', 1),
    cell(null, null, 113),
  ];

  it('hides every cell but keeps the grand total, which the one-way queries publish anyway', () => {
    const out = applySuppression(rows, { groupKeys: ['agency', 'method'], valueFields: [] });
    expect(out.slice(0, 6).every((r) => r.suppressed)).toBe(true);
    expect(out[6]).toMatchObject({ n: 113, suppressed: false });
    const published = rows.map((r, i) => ({ ...r, suppressed: out[i]!.suppressed }));
    expect(findRecoverableCells(published, { groupKeys: ['agency', 'method'] })).toEqual([]);
  });

  it('hides the grand total too when no other query publishes it', () => {
    const out = applySuppression(rows, {
      groupKeys: ['agency', 'method'],
      valueFields: [],
      totals: { rows: true, columns: true, grand: false },
    });
    expect(reasons(out)).toEqual([
      'complementary',
      'complementary',
      'complementary',
      'complementary',
      'primary',
      'primary',
      'complementary',
    ]);
  });

  it('needs no last resort when the agency totals are not published: S gets a rectangle with A', () => {
    const out = applySuppression(rows, {
      groupKeys: ['agency', 'method'],
      valueFields: [],
      totals: { rows: false, columns: true, grand: false },
    });
    expect(reasons(out)).toEqual(['complementary', 'complementary', null, null, 'primary', 'primary', null]);
  });

  it('needs no last resort when told which agency totals the one-way query hides (S, and A as its complement)', () => {
    // The query by agency alone publishes A 50, B 60, S 3 and the total 113: S is small, and A, the
    // smallest other, is its complement there.
    const byAgency = applySuppression(
      [
        { agency: 'A', n: 50 },
        { agency: 'B', n: 60 },
        { agency: 'S', n: 3 },
        { agency: null, n: 113 },
      ],
      { groupKeys: ['agency'], valueFields: [] },
    );
    expect(reasons(byAgency)).toEqual(['complementary', null, 'primary', null]);
    const options = {
      groupKeys: ['agency', 'method'],
      valueFields: [],
      marginHiddenElsewhere: (_row: unknown, axis: 0 | 1, value: unknown) =>
        axis === 0 && ['A', 'S'].includes(String(value)),
    } as const;
    const out = applySuppression(rows, options);
    // S's cells, and one rectangle through A: B's row and the grand total stay shown.
    expect(reasons(out)).toEqual(['complementary', 'complementary', null, null, 'primary', 'primary', null]);
    const published = rows.map((r, i) => ({ ...r, suppressed: out[i]!.suppressed }));
    expect(findRecoverableCells(published, options)).toEqual([]);
  });
});
