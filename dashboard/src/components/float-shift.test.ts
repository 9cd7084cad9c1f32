import { describe, expect, it } from 'vitest';
import { EDGE, floatShift } from './float-shift.ts';

describe('where a floating filter list goes', () => {
  it('stays under its field when it fits in the window', () => {
    expect(floatShift(100, 356, 1280)).toBe(0);
    expect(floatShift(100, 1280 - EDGE, 1280)).toBe(0);
  });

  it('moves left just enough to keep its right edge inside the window (a field in the last column)', () => {
    expect(floatShift(1100, 1356, 1280)).toBe(1356 - (1280 - EDGE));
  });

  it('never moves its left edge out of the window', () => {
    // A list wider than the room left of it moves only to the left edge.
    expect(floatShift(20, 1400, 1280)).toBe(20 - EDGE);
    expect(floatShift(EDGE, 1400, 1280)).toBe(0);
    expect(floatShift(0, 1400, 1280)).toBe(0);
  });
});
