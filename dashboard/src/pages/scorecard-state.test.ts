import { describe, expect, it } from 'vitest';
import { scorecardN, scorecardWaiting } from './scorecard-state.ts';

describe('scorecardWaiting', () => {
  it('waits on the snapshot for the year, not once the snapshot has failed (an unknown token)', () => {
    expect(scorecardWaiting(null, 'loading', { loading: false })).toBe(true);
    expect(scorecardWaiting(null, 'unavailable', { loading: false })).toBe(false);
    // A skipped query may still report loading: without a year it says nothing.
    expect(scorecardWaiting(null, 'unavailable', { loading: true })).toBe(false);
  });

  it('then waits on the scorecard query, unless it has failed', () => {
    expect(scorecardWaiting(2025, 'ready', { loading: true })).toBe(true);
    expect(scorecardWaiting(2025, 'ready', { loading: true, error: new Error('401') })).toBe(false);
    expect(scorecardWaiting(2025, 'ready', { loading: false })).toBe(false);
  });
});

describe('scorecardN', () => {
  it('sums the agencies shown and says when a hidden one is left out', () => {
    expect(scorecardN([{ n: 5000 }, { n: 249 }])).toEqual({ n: 5249, partial: false });
    expect(scorecardN([{ n: 5000 }, { n: 249 }, { n: null }])).toEqual({ n: 5249, partial: true });
    expect(scorecardN(undefined)).toEqual({ n: null, partial: false });
  });

  it('has no n when every agency\'s is hidden: "n = —", as a chart card says it, never "n = 0"', () => {
    expect(scorecardN([{ n: null }, { n: null }])).toEqual({ n: null, partial: false });
    // No agency shown at all: no sum either (a chart card's empty table says "—" too).
    expect(scorecardN([])).toEqual({ n: null, partial: false });
  });
});
