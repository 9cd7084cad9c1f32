/** The sizes that tell whether a box scrolls (an element's, or a stand-in's in a test). */
export interface BoxSize {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/** True when the box's content is wider or taller than the box (one pixel of rounding aside). */
export function overflows(box: BoxSize): boolean {
  return box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
}

/**
 * What makes a scrolling box reachable and named: a focusable region named after its table, so a
 * keyboard user can scroll it with the arrow keys and a screen reader says what it holds. A box that
 * does not scroll gets nothing (an empty tab stop would only be noise).
 */
export function scrollRegionProps(
  scrolls: boolean,
  label: string,
): { tabIndex?: number; role?: 'region'; 'aria-label'?: string } {
  return scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {};
}
