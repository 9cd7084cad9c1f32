import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../stats/prng.ts';
import { applySuppression } from './apply-suppression.ts';
import { findRecoverableCells } from './find-recoverable-cells.ts';
import type { TotalsOption } from './suppression-table.ts';

// ATTACK TESTS. The attacker (findRecoverableCells) gets only what a reader gets: the published
// rows (n of unsuppressed rows and margins) and the margins published elsewhere. It solves every
// linear combination of row, column and total sums (Gaussian elimination) and uses the bound
// "hidden n ≥ 1" that the always-published zeros leak. It must recover nothing.

/** Counts skewed small: many zeros, ones and small cells, some large ones. */
function count(random: () => number): number {
  const u = random();
  if (u < 0.15) return 0;
  if (u < 0.3) return 1;
  if (u < 0.55) return 1 + Math.floor(random() * 6);
  return Math.floor(random() * 60);
}

interface Cell {
  r: string | null;
  c: string | null;
  n: number;
}

function table2d(random: () => number, rowCount: number, colCount: number, withMargins: boolean): Cell[] {
  const cells: Cell[] = [];
  for (let i = 0; i < rowCount; i++) {
    for (let j = 0; j < colCount; j++) {
      // Sometimes a combination is absent altogether (a GROUP BY returns no row for it).
      if (random() < 0.1) continue;
      cells.push({ r: `r${i}`, c: `c${j}`, n: count(random) });
    }
  }
  if (!withMargins) return cells;
  const sum = (pred: (x: Cell) => boolean) => cells.filter(pred).reduce((s, x) => s + x.n, 0);
  const margins: Cell[] = [];
  for (let i = 0; i < rowCount; i++) margins.push({ r: `r${i}`, c: null, n: sum((x) => x.r === `r${i}`) });
  for (let j = 0; j < colCount; j++) margins.push({ r: null, c: `c${j}`, n: sum((x) => x.c === `c${j}`) });
  margins.push({ r: null, c: null, n: sum(() => true) });
  return [...cells, ...margins];
}

function attack<T extends { n: number }>(
  rows: T[],
  groupKeys: (keyof T & string)[],
  totals: TotalsOption,
  minN: number,
) {
  const out = applySuppression(rows, { groupKeys, valueFields: [], totals, minN });
  const published = rows.map((r, i) => ({
    ...r,
    suppressed: out[i]!.suppressed,
    reason: out[i]!.suppressionReason,
  }));
  // Every grain's answer as the API publishes it: `suppressed`, no reason per row.
  return {
    out,
    recovered: findRecoverableCells(published, { groupKeys, totals, minN }),
  };
}

describe('the attacker works', () => {
  it('recovers a cell hidden by primary suppression alone (1-D)', () => {
    const rows = [
      { g: 'A', n: 3, suppressed: true },
      { g: 'B', n: 12, suppressed: false },
      { g: 'C', n: 8, suppressed: false },
      { g: null, n: 23, suppressed: false },
    ];
    expect(findRecoverableCells(rows, { groupKeys: ['g'] })).toEqual([
      { rowIndex: 0, n: 3, method: 'linear' },
    ]);
  });

  it('recovers a 2-D bridge even though every row and column has two hidden cells', () => {
    // Two hidden rectangles sharing nothing, joined by one hidden cell (r1/c2): that cell is on no
    // cycle, so sums over rows r0..r1 minus columns c0..c1 give it away.
    const n = [
      [2, 2, 9, 9],
      [2, 2, 4, 9],
      [9, 9, 2, 2],
      [9, 9, 2, 2],
    ];
    const hidden = new Set(['0,0', '0,1', '1,0', '1,1', '2,2', '2,3', '3,2', '3,3', '1,2']);
    const rows = n.flatMap((cols, i) =>
      cols.map((value, j) => ({ r: `r${i}`, c: `c${j}`, n: value, suppressed: hidden.has(`${i},${j}`) })),
    );
    const found = findRecoverableCells(rows, { groupKeys: ['r', 'c'] });
    expect(found).toContainEqual({ rowIndex: 6, n: 4, method: 'linear' });
    // …and applySuppression does not leave it that way: it closes a cycle through the bridge.
    const fixed = attack(
      n.flatMap((cols, i) => cols.map((value, j) => ({ r: `r${i}`, c: `c${j}`, n: value }))),
      ['r', 'c'],
      true,
      5,
    );
    expect(fixed.recovered).toEqual([]);
  });

  it('recovers hidden cells pinned by the n ≥ 1 bound', () => {
    const rows = [
      { g: 'A', n: 1, suppressed: true },
      { g: 'B', n: 1, suppressed: true },
      { g: 'C', n: 30, suppressed: false },
      { g: null, n: 32, suppressed: false },
    ];
    expect(findRecoverableCells(rows, { groupKeys: ['g'] }).map((r) => r.method)).toEqual([
      'bounds',
      'bounds',
    ]);
  });
});

describe('ATTACK: no suppressed cell can be recovered (randomized, seeded)', () => {
  it('1-D tables, with and without a total row', () => {
    const failures: string[] = [];
    let smallSeen = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const random = rng(seed);
      const size = 1 + Math.floor(random() * 9);
      const rows: { g: string | null; n: number }[] = Array.from({ length: size }, (_, i) => ({
        g: `g${i}`,
        n: count(random),
      }));
      const withTotal = random() < 0.7;
      if (withTotal) rows.push({ g: null, n: rows.reduce((s, r) => s + r.n, 0) });
      const minN = [3, 5, 10][seed % 3]!;
      const totals = random() < 0.8;
      const { out, recovered } = attack(rows, ['g'], totals, minN);
      if (recovered.length > 0) failures.push(`seed ${seed}: ${JSON.stringify({ rows, recovered })}`);
      rows.forEach((r, i) => {
        const o = out[i]!;
        if (r.n > 0 && r.n < minN) smallSeen++;
        if (r.n > 0 && r.n < minN && !o.suppressed) failures.push(`seed ${seed}: small cell ${i} published`);
        if (r.n === 0 && o.suppressed && !out.every((x) => x.suppressed)) {
          failures.push(`seed ${seed}: zero cell ${i} suppressed outside the last resort`);
        }
        if (o.suppressed !== (o.n === null)) failures.push(`seed ${seed}: n not nulled consistently`);
      });
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(smallSeen).toBeGreaterThan(1000); // the generator really draws small cells
  });

  // Margins come as rows (SQL GROUPING SETS, the normal case) or are not published at all. Margins
  // "published elsewhere" are left to the unit tests: random ones are often small or combine into a
  // small one (other column totals + grand total), which no suppression inside this table can undo.
  it('2-D tables with margins published as rows or not at all, including absent combinations', () => {
    const failures: string[] = [];
    let suppressedSeen = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const random = rng(10_000 + seed);
      const rowCount = 2 + Math.floor(random() * 5);
      const colCount = 2 + Math.floor(random() * 4);
      const withMargins = random() < 0.6;
      const rows = table2d(random, rowCount, colCount, withMargins);
      const minN = [3, 5, 10][seed % 3]!;
      const totals: TotalsOption = withMargins;
      const { out, recovered } = attack(rows, ['r', 'c'], totals, minN);
      suppressedSeen += out.filter((o) => o.suppressed).length;
      if (recovered.length > 0)
        failures.push(`seed ${10_000 + seed}: ${JSON.stringify({ rows, totals, recovered })}`);
      rows.forEach((r, i) => {
        if (r.n > 0 && r.n < minN && !out[i]!.suppressed)
          failures.push(`seed ${seed}: small cell ${i} published`);
        // The last resort hides every row but a grand total published elsewhere (not small).
        const lastResort = out.every((x, j) => x.suppressed || (rows[j]!.r === null && rows[j]!.c === null));
        if (r.n === 0 && out[i]!.suppressed && !lastResort) {
          failures.push(`seed ${seed}: zero cell ${i} suppressed outside the last resort`);
        }
      });
    }
    expect(failures.slice(0, 3)).toEqual([]);
    expect(suppressedSeen).toBeGreaterThan(1000); // the generator really exercises suppression
  });
});
