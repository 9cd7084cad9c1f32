/** The least gap, in px, between an open filter list and the edge of the window. */
export const EDGE = 8;

/**
 * How far left (px, ≥ 0) a floating list measured at its natural place (`left`, `right`: its
 * edges in the window) must move so its right edge stays `edge` px inside a `viewport` px wide
 * window; never so far that its left edge leaves the window (its max-width keeps it narrow enough).
 */
export function floatShift(left: number, right: number, viewport: number, edge = EDGE): number {
  const over = right - (viewport - edge);
  return over > 0 ? Math.max(0, Math.min(over, left - edge)) : 0;
}
