/**
 * Okabe–Ito hues, distinguishable with every common form of colour blindness, each dark enough for
 * 3:1 against the white card (WCAG 1.4.11, non-text contrast): orange #E69F00 (2.25:1), reddish
 * purple #CC79A7 (3.06:1) and sky blue #56B4E9 (2.31:1) are darkened to #B57A00, #B8649A and
 * #3388C0 with their hues kept; black comes before sky blue, which stays furthest from the first
 * blue. Yellow (#F0E442) is left out: no shade of it both reads as yellow and reaches 3:1.
 * `palette.test.ts` checks every ratio.
 *
 * Colour is never the only difference between series (WCAG 1.4.1): each line gets a dash pattern
 * (`DASHES`), each bar series after the first a fill pattern drawn in white over its colour
 * (`BAR_PATTERNS`, drawn by `bar-patterns.ts`), its legend swatch showing the same pattern.
 */
export const PALETTE = ['#0072B2', '#B57A00', '#009E73', '#D55E00', '#B8649A', '#000000', '#3388C0'] as const;

/** The colour of a confidence interval that crosses zero (CiBar): the palette's orange. */
export const CI_CROSSES_ZERO = PALETTE[1];
export const DASHES: (number[] | undefined)[] = [undefined, [6, 3], [2, 3], [8, 3, 2, 3], [1, 2], [10, 4]];

/**
 * The fill pattern of each bar series: the first solid, then stripes one way (the other way from
 * the grey hatching of a hidden bar), dots, level stripes, a cross-hatch and upright stripes.
 */
export type BarPattern = 'solid' | 'diagonal' | 'dots' | 'horizontal' | 'crosshatch' | 'vertical';
export const BAR_PATTERNS: readonly BarPattern[] = [
  'solid',
  'diagonal',
  'dots',
  'horizontal',
  'crosshatch',
  'vertical',
];

export function patternAt(i: number): BarPattern {
  return BAR_PATTERNS[i % BAR_PATTERNS.length]!;
}

export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}
