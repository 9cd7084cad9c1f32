import { describe, expect, it } from 'vitest';
import type { Dimension } from '../filter.ts';
import { periodCell, seededRandom } from '../testing/seeded-random.ts';
import {
  type DisclosureCell,
  type PeriodCell,
  suppressCells,
  suppressOverTime,
} from './disclosure-adapter.ts';
import type { SuppressionReason } from './metric-row.ts';

/**
 * A table's protection does not depend on the order its dimensions or rows were asked in: the same
 * two-way table by [program, tenureBand] and by [tenureBand, program] hides the same cells (privacy
 * review of 2026-12-04: the two orders chose different complements, and the two answers together
 * gave a hidden count of 2 back). Random tables of small counts, each protected in four forms
 * (both dimension orders, rows as given and shuffled): one answer.
 */
const BANDS = ['<5', '5-9', '10-19', '20+'];
const DIMS: readonly Dimension[] = ['program', 'tenureBand'];

/** One period's programs × tenure bands, most cells small, and its total. */
function table(seed: number, period = '2024-01-01'): PeriodCell[] {
  const next = seededRandom(seed);
  const cells: PeriodCell[] = [];
  let total = 0;
  const programs = 2 + Math.floor(next() * 4);
  for (let p = 0; p < programs; p++)
    for (const band of BANDS) {
      const n = next() < 0.25 ? 0 : Math.floor(next() * 14);
      total += n;
      cells.push(periodCell(period, { program: `P${p}`, tenureBand: band }, n, false));
    }
  cells.push(periodCell(period, { program: null, tenureBand: null }, total, true));
  return cells;
}

function shuffled<T>(items: readonly T[], seed: number): { items: T[]; from: number[] } {
  const next = seededRandom(seed);
  const from = items.map((_, i) => i);
  for (let i = from.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [from[i], from[j]] = [from[j]!, from[i]!];
  }
  return { items: from.map((i) => ({ ...items[i]! })), from };
}

/** The reasons of `protect` over the cells in four forms, each back in the cells' own order. */
async function fourForms<C extends DisclosureCell>(
  cells: readonly C[],
  seed: number,
  protect: (cells: C[], dims: readonly Dimension[]) => Promise<void>,
): Promise<(SuppressionReason | null)[][]> {
  const out: (SuppressionReason | null)[][] = [];
  for (const dims of [DIMS, [...DIMS].reverse()]) {
    const asGiven = cells.map((c) => ({ ...c }));
    await protect(asGiven, dims);
    out.push(asGiven.map((c) => c.suppressionReason));
    const { items, from } = shuffled(cells, seed);
    await protect(items, dims);
    const back: (SuppressionReason | null)[] = new Array(cells.length).fill(null);
    items.forEach((c, j) => {
      back[from[j]!] = c.suppressionReason;
    });
    out.push(back);
  }
  return out;
}

describe('disclosure control protects a table the same whatever order it was asked in', () => {
  it('one period (suppressCells): both dimension orders, rows shuffled', async () => {
    let differing = 0;
    let hiding = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const forms = await fourForms(table(seed), seed, (cells, dims) => suppressCells(cells, dims, 5));
      if (forms.some((f) => JSON.stringify(f) !== JSON.stringify(forms[0]))) differing += 1;
      if (forms[0]!.some((r) => r === 'complementary')) hiding += 1;
    }
    // The tables exercise complementary suppression (the library's choices), not only the primary rule.
    expect(hiding).toBeGreaterThan(50);
    expect(differing).toBe(0);
  });

  it('a year of months (suppressOverTime): both dimension orders, rows shuffled', async () => {
    let differing = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const months = Array.from({ length: 3 }, (_, m) => table(seed * 10 + m, `2024-0${m + 1}-01`)).flat();
      const forms = await fourForms(months, seed, (cells, dims) => suppressOverTime(cells, dims, 5, 'month'));
      if (forms.some((f) => JSON.stringify(f) !== JSON.stringify(forms[0]))) differing += 1;
    }
    expect(differing).toBe(0);
  });
});
