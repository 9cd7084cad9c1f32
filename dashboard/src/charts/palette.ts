/**
 * Okabe–Ito hues, distinguishable with every common form of colour blindness, each dark enough for
 * 3:1 against the white card (WCAG 1.4.11, non-text contrast: bars are told apart by colour alone):
 * orange #E69F00 (2.25:1), reddish purple #CC79A7 (3.06:1) and sky blue #56B4E9 (2.31:1) are
 * darkened to #B57A00, #B8649A and #3388C0 with their hues kept; black comes before sky blue, which
 * stays furthest from the first blue. Lines also get a dash pattern each. Yellow (#F0E442) is left
 * out: no shade of it both reads as yellow and reaches 3:1. `palette.test.ts` checks every ratio.
 */
export const PALETTE = ['#0072B2', '#B57A00', '#009E73', '#D55E00', '#B8649A', '#000000', '#3388C0'] as const;

/** The colour of a confidence interval that crosses zero (CiBar): the palette's orange. */
export const CI_CROSSES_ZERO = PALETTE[1];
export const DASHES: (number[] | undefined)[] = [undefined, [6, 3], [2, 3], [8, 3, 2, 3], [1, 2], [10, 4]];

export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}
