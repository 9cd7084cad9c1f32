/**
 * Okabe–Ito colours, ordered for contrast on white: distinguishable with every common form of
 * colour blindness. Lines also get a dash pattern each, so series never rely on colour alone.
 * Yellow (#F0E442) is left out: too light for thin lines on white.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000'] as const;
export const DASHES: (number[] | undefined)[] = [undefined, [6, 3], [2, 3], [8, 3, 2, 3], [1, 2], [10, 4]];

export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}
